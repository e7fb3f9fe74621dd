"""The packgen commands, one module per family; generator/cli.py gathers them into one group."""

"""packgen: turn a council's guidance into printed training packs."""

__version__ = "0.1.0"

"""`packgen serve`: the live preview of a pack while it is written (loop, state, server, page, pictures)."""

"""The ``treatydraft`` command: a thin click layer over the library API."""
from .main import main

__all__ = ["main"]

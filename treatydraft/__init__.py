"""treatydraft: parse, resolve and export bracketed treaty drafts."""
from .ast import Document
from .errors import TreatyDraftError
from .parser import parse

__all__ = ["parse", "Document", "TreatyDraftError"]
__version__ = "0.1.0"

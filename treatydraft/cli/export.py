"""``export``: a draft to Akoma Ntoso XML or Word."""
from __future__ import annotations

COMMANDS: list = []

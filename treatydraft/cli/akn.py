"""Akoma Ntoso commands (validate, import)."""
from __future__ import annotations

COMMANDS: list = []

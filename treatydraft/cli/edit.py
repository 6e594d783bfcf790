"""Editing commands (resolve, clean, variants, stats, diff)."""
from __future__ import annotations

COMMANDS: list = []

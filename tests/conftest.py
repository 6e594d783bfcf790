"""pytest configuration: hypothesis runs reproducibly in CI."""
from __future__ import annotations

import os

from hypothesis import settings

# In CI (CI=true) every run draws the same examples, so a result does not depend on
# luck; locally, runs explore new examples (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

"""pytest configuration: hypothesis runs reproducibly in CI."""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

from fixtures import SAMPLES, parse_file

# In CI (CI=true) every run draws the same examples, so a result does not depend on
# luck; locally, runs explore new examples (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="module")
def sample():
    """The English sample draft, parsed."""
    return parse_file(SAMPLES / "convention-en.txt")

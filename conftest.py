"""Test configuration for tests/ and notebooks/: offline, with the shared mirror as the only origin.

Defaults (each can be overridden from the environment):
KOSOVO_HR_MIRROR = ../shared/data/mirror (beside the checkout), KOSOVO_HR_OFFLINE = 1,
KOSOVO_HR_CACHE = a fresh temporary folder for the session, MPLBACKEND = Agg.
The same environment reaches notebook kernels started by nbval.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
DEFAULT_MIRROR = REPO.parent / "shared" / "data" / "mirror"

os.environ.setdefault("KOSOVO_HR_MIRROR", str(DEFAULT_MIRROR))
os.environ.setdefault("KOSOVO_HR_OFFLINE", "1")
os.environ.setdefault("KOSOVO_HR_CACHE", tempfile.mkdtemp(prefix="kosovo_hr-cache-"))
os.environ.setdefault("MPLBACKEND", "Agg")

MIRROR = Path(os.environ["KOSOVO_HR_MIRROR"])
REFERENCE = REPO.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def mirror() -> Path:
    if not MIRROR.is_dir():
        pytest.fail(f"mirror directory {MIRROR} not found: set KOSOVO_HR_MIRROR")
    return MIRROR


@pytest.fixture(scope="session")
def reference() -> Path:
    if not REFERENCE.is_dir():
        pytest.fail(f"reference tables {REFERENCE} not found (expected beside the checkout)")
    return REFERENCE


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")

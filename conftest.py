"""Test configuration for tests/ and notebooks/.

With a mirror of the source files (``KOSOVO_HR_MIRROR``, default
``../shared/data/mirror`` when that folder exists beside the checkout, as in
CI), tests run offline with the mirror as the only origin:
KOSOVO_HR_OFFLINE = 1 and KOSOVO_HR_CACHE = a fresh temporary folder.
Without a mirror (a fresh clone), they use the normal cache and the network,
like ``kosovo-hr figures``, and skip the checks of the mirror itself.
Each default can be overridden from the environment; MPLBACKEND defaults to Agg.
The same environment reaches notebook kernels started by nbval.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
SHARED = REPO.parent / "shared"
DEFAULT_MIRROR = SHARED / "data" / "mirror"

if "KOSOVO_HR_MIRROR" not in os.environ and DEFAULT_MIRROR.is_dir():
    os.environ["KOSOVO_HR_MIRROR"] = str(DEFAULT_MIRROR)
if os.environ.get("KOSOVO_HR_MIRROR"):
    os.environ.setdefault("KOSOVO_HR_OFFLINE", "1")
    os.environ.setdefault("KOSOVO_HR_CACHE", tempfile.mkdtemp(prefix="kosovo_hr-cache-"))
os.environ.setdefault("MPLBACKEND", "Agg")

if os.environ.get("KOSOVO_HR_MIRROR"):
    # a relative value is taken from the repository root and made absolute once
    # (kosovo_hr.sources.mirror_dir), so notebook kernels started from notebooks/ see it too
    from kosovo_hr.sources.download import MirrorNotFoundError, mirror_dir

    try:
        mirror_dir()
    except MirrorNotFoundError:
        pass  # the ``mirror`` fixture fails with the resolved path
MIRROR = Path(os.environ["KOSOVO_HR_MIRROR"]) if os.environ.get("KOSOVO_HR_MIRROR") else None
REFERENCE = SHARED / "reference"


@pytest.fixture(scope="session")
def mirror() -> Path:
    if MIRROR is None:
        pytest.skip("needs the mirror of source files: set KOSOVO_HR_MIRROR")
    if not MIRROR.is_dir():
        pytest.fail(f"mirror directory {MIRROR} not found: fix KOSOVO_HR_MIRROR")
    return MIRROR


@pytest.fixture(scope="session")
def reference() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs the reference transcriptions in {REFERENCE} (not part of a clone)")
    if not REFERENCE.is_dir():
        pytest.fail(f"reference tables {REFERENCE} not found (expected beside the checkout)")
    return REFERENCE


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Without a mirror, a test that cannot obtain a source file (no network) is skipped with the reason.

    Only when no mirror is set (a fresh clone), and only for a source that
    could not be fetched: a hash mismatch or any other error still fails.
    """
    outcome = yield
    report = outcome.get_result()
    if MIRROR is not None or call.excinfo is None or report.outcome != "failed":
        return
    from kosovo_hr.sources import FetchError, HashMismatchError

    def unreachable(e: BaseException | None, depth: int = 0) -> BaseException | None:
        """The fetch error behind ``e`` (its chain, or a notebook cell's error), if a source was unreachable."""
        if e is None or depth > 5:
            return None
        if isinstance(e, FetchError):
            return None if isinstance(e, HashMismatchError) else e
        if getattr(e, "ename", None) in ("FetchError", "OfflineError"):  # raised in a notebook kernel
            return e
        return unreachable(e.__cause__ or e.__context__, depth + 1)

    exc = unreachable(call.excinfo.value)
    if exc is not None:
        report.outcome = "skipped"
        report.longrepr = (
            str(item.path),
            item.location[1] or 0,
            f"Skipped: needs a source file that could not be fetched (no mirror, no network): "
            f"{(str(exc).strip().splitlines() or [''])[0][:200]}",
        )


def pytest_collection_modifyitems(config, items):
    """Without a mirror, notebooks run only when the source files can be fetched.

    A notebook is one test per cell: when the first cell that needs a source
    cannot fetch it, every later cell fails for want of its variables, so the
    per-test skip above cannot tell them apart. One fetch is tried before the
    run instead (the boundaries, which every notebook maps); when it cannot be
    fetched, every notebook cell is skipped with that reason.
    """
    if MIRROR is not None:
        return
    cells = [i for i in items if i.path.suffix == ".ipynb"]
    if not cells:
        return
    from kosovo_hr.sources import FetchError, HashMismatchError, fetch

    try:
        fetch("geoboundaries_adm2", "geoBoundaries-XKX-ADM2_simplified.topojson", progress=False)
    except HashMismatchError:
        raise
    except FetchError as err:
        reason = pytest.mark.skip(
            reason="notebooks need the source files, which could not be fetched (no mirror, "
            f"no network): {(str(err).splitlines() or [''])[0][:160]}"
        )
        for item in cells:
            item.add_marker(reason)

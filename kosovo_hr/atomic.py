"""Atomic file writes: a temporary ``.part-*`` file in the target's folder, renamed into place.

Every file the package writes (cache entries, figures, export CSVs, the
GeoPackage) goes through here, so a full disk, a crash or a killed process
leaves the previous complete file (or none), never a truncated one that still
opens; ``os.replace`` is atomic within one folder. Temporary files left by a
killed process are removed by :func:`clean_stale_parts`.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["PART_PREFIX", "STALE_PART_S", "staged", "atomic_path", "atomic_write_bytes", "clean_stale_parts"]

#: Prefix of temporary files.
PART_PREFIX = ".part-"
#: Age in seconds after which a ``.part-*`` file is treated as left by a killed process.
STALE_PART_S = 3600


def clean_stale_parts(folder: Path, max_age_s: float = STALE_PART_S) -> list[Path]:
    """Remove ``.part-*`` files in ``folder`` older than ``max_age_s`` (left by killed processes)."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = time.time()
    for p in folder.glob(PART_PREFIX + "*"):
        try:
            if now - p.stat().st_mtime > max_age_s:
                p.unlink()
                removed.append(p)
        except FileNotFoundError:  # another process cleaned or installed it meanwhile
            continue
    return removed


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target``, removed unless the block moved it into place.

    Write to the yielded path and ``os.replace`` it onto ``target``: the
    rename is atomic, so ``target`` is either the old or the new complete file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=PART_PREFIX, suffix=target.suffix)
    os.close(fd)
    try:
        yield Path(tmp)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def atomic_write_bytes(target: str | Path, payload: bytes) -> Path:
    """Write ``payload`` to ``target`` through a temporary file in the same folder and a rename."""
    target = Path(target)
    with staged(target) as tmp:
        tmp.write_bytes(payload)
        os.replace(tmp, target)
    return target


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block succeeds it is renamed onto ``target``.

    For writers that take a path (``DataFrame.to_csv``, ``GeoDataFrame.to_file``,
    ``Figure.savefig``): a failure or a kill leaves ``target`` as it was.
    """
    target = Path(target)
    with staged(target) as tmp:
        tmp.unlink()  # some writers (GDAL) refuse an existing file; the name stays reserved by us
        yield tmp
        os.replace(tmp, target)

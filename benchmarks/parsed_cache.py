"""Cost of reading the election results with and without the parsed-source cache (ratio, not seconds).

Run: KOSOVO_HR_MIRROR=... python benchmarks/parsed_cache.py
Each measurement is a fresh interpreter with an empty (cold) or a filled (warm)
parsed cache; the source files themselves are cached in both cases.
Prints the median of 3 runs of each and the ratio cold / warm.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODE = "from kosovo_hr.datasets.elections import load_elections, load_turnout; load_elections(); load_turnout()"


def run(env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", CODE], check=True, env=env)
    return time.perf_counter() - t0


def main() -> None:
    cache = Path(tempfile.mkdtemp(prefix="kosovo_hr-bench-"))
    env = {**os.environ, "KOSOVO_HR_CACHE": str(cache)}
    try:
        run(env)  # fills the source cache (and the parsed cache)
        cold, warm = [], []
        for _ in range(3):
            shutil.rmtree(cache / "parsed", ignore_errors=True)
            cold.append(run(env))
            warm.append(run(env))
        c, w = statistics.median(cold), statistics.median(warm)
        print(f"election reader: cold parsed cache {c:.2f} s, warm {w:.2f} s: warm is {c / w:.1f}x faster")
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Measure the cost of `import kosovo_hr` (the package promises a light import).

Run: python benchmarks/import_time.py
Prints the median wall time of 7 fresh interpreters with and without the import.
"""

import statistics
import subprocess
import sys
import time


def median_seconds(code: str, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    base = median_seconds("pass")
    full = median_seconds("import kosovo_hr")
    print(
        f"python start-up: {base * 1000:.0f} ms; with `import kosovo_hr`: {full * 1000:.0f} ms; "
        f"import cost: {(full - base) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()

"""Measure the records engine against its natural baselines, in the same run.

1. Load + validate + resolve a record CSV (``kosovo_hr.records.load_records``)
   against ``pandas.read_csv`` of the same file: wall time and peak resident
   memory (each in a fresh interpreter, called twice: the first call, as a
   notebook's first load, and a second, warm one; the peak includes the
   interpreter and pandas, as a user's notebook would), and the CPU time of
   the warm call over all threads (both use more than one core: on the
   project's machine pandas 3's ``read_csv`` of this file takes about twice
   as much CPU time as wall time; the engine reads ahead and works on columns
   in threads). Sizes 1M, 2M, 5M, 10M rows show how time grows
   with size. Each size is measured ``--repeat`` times (5 by default), each
   time in two fresh interpreters, ``read_csv``'s then the engine's; the table
   gives medians and the JSON every run (a fresh process's first call now and
   then takes 0.1 s more, from the machine rather than the code). The file
   is flushed to disk before it is measured.
2. Place 1,000,000 points drawn uniformly over Kosovo's bounding box (many
   outside Kosovo or near a border, so the 1 km nearest rule is exercised)
   with ``kosovo_hr.records.locate.locate_points`` against
   ``geopandas.sjoin(..., predicate="within")`` on the same points, and check
   that the assignments equal ``sjoin`` + ``sjoin_nearest(max_distance=1 km)``.

The record files are synthetic (fixed seed), written to a temporary folder
and deleted; nothing is written to data/ or figures/. Needs the boundaries
(the mirror or the cache): ``KOSOVO_HR_MIRROR=../shared/data/mirror
KOSOVO_HR_OFFLINE=1 python benchmarks/records_engine.py [--sizes 1000000,2000000]``.
Prints a table and writes ``benchmarks/results/records_engine.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 20261201

_MEASURE = r"""
import json, sys, time, warnings
path, what = sys.argv[1], sys.argv[2]
import pandas as pd
if what == "load":
    from kosovo_hr.records import load_records
    import kosovo_hr.gazetteer as g; g.municipalities()  # package tables read before timing, like read_csv's imports


def run():
    if what == "read_csv":
        return len(pd.read_csv(path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = load_records(path, "hate_incident", progress=False)
    return len(res.records) + len(res.rejected)


times, cpu = [], []
for _ in range(2):  # the first call in a fresh process (a notebook's first load), then a second one (warm)
    t0, c0 = time.perf_counter(), time.process_time()
    n = run()
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)  # CPU time of all the process's threads
# peak resident memory of this process (VmHWM: ru_maxrss would carry the parent's peak over fork/exec)
hwm = next(int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmHWM:"))
print(json.dumps({"seconds": times[0], "seconds_warm": times[1], "cpu_seconds_warm": cpu[1], "rows": n,
                  "peak_rss_mb": hwm / 1024}))
"""


def write_records(path: Path, n: int, rng: np.random.Generator) -> None:
    """A hate-incident log of ``n`` valid rows, in the spellings real logs use."""
    import pandas as pd

    import kosovo_hr as kh

    muni = kh.municipalities()
    names = np.concatenate([muni[c].to_numpy() for c in ("name_sq", "name_sr", "name_en", "name_sr_cyrl")])
    names = names[~pd.isna(names)]
    days = pd.date_range("2010-01-01", "2025-12-31", freq="D")
    d = days[rng.integers(len(days), size=n)]
    iso = np.asarray(d.strftime("%Y-%m-%d"), dtype=object)
    dotted = np.asarray(d.strftime("%d.%m.%Y"), dtype=object)
    frame = pd.DataFrame(
        {
            "record_id": np.char.add("r", np.arange(n).astype(str)),
            "date": np.where(rng.random(n) < 0.5, iso, dotted),
            "municipality": names[rng.integers(len(names), size=n)],
            "category": rng.choice(["violent_attack", "threat", "attack on property", "hate_speech"], n),
            "bias_motivation": rng.choice(["ethnicity_nationality", "anti_muslim", "anti_christian", "unknown"], n),
            "source": rng.choice(["monitor A", "police request 2024/17", "CSO log"], n),
        }
    )
    frame.to_csv(path, index=False)


def measure(path: Path, what: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), what],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def placement(n: int, rng: np.random.Generator) -> dict:
    import geopandas as gpd
    import pandas as pd

    import kosovo_hr as kh
    from kosovo_hr.records.locate import locate_points, locate_points_sjoin

    muni = kh.boundaries("municipality")[["code", "geometry"]]
    x0, y0, x1, y1 = muni.total_bounds
    lon = rng.uniform(x0, x1, n)
    lat = rng.uniform(y0, y1, n)
    locate_points(lat[:10], lon[:10])  # build the spatial index once (a loader does it once per process)
    t0 = time.perf_counter()
    pts = gpd.GeoDataFrame({"i": np.arange(n)}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    gpd.sjoin(pts, muni, how="left", predicate="within")
    t_sjoin = time.perf_counter() - t0
    t0 = time.perf_counter()
    got = locate_points(lat, lon)
    t_ours = time.perf_counter() - t0
    ref = locate_points_sjoin(lat, lon)["code"].to_numpy(dtype=object)
    ours = got["code"].to_numpy(dtype=object)
    same = np.array([(pd.isna(a) and pd.isna(b)) or a == b for a, b in zip(ours, ref)])
    return {
        "points": n,
        "sjoin_seconds": t_sjoin,
        "locate_seconds": t_ours,
        "ratio": t_ours / t_sjoin,
        "within": int((got["method"] == "within").sum()),
        "nearest": int((got["method"] == "nearest").sum()),
        "outside": int((got["method"] == "outside").sum()),
        "identical_to_reference": bool(same.all()),
        "differences": int((~same).sum()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000,2000000,5000000,10000000")
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5, help="fresh-process measurements of each size")
    ap.add_argument("--out", default=str(HERE / "results" / "records_engine.json"))
    args = ap.parse_args()
    rng = np.random.default_rng(SEED)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kosovo_hr-bench-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"records_{n}.csv"
            write_records(path, n, rng)
            os.sync()  # the file on disk, not being written back while it is read
            runs = []
            for _ in range(args.repeat):
                base = measure(path, "read_csv")
                ours = measure(path, "load")
                assert ours["rows"] == n == base["rows"], (ours, base)
                runs.append({"read_csv": base, "load_records": ours})

            def med(who: str, key: str, runs: list = runs) -> float:
                return float(np.median([r[who][key] for r in runs]))

            def ratios(key: str, runs: list = runs) -> list[float]:
                return [r["load_records"][key] / r["read_csv"][key] for r in runs]

            rows.append(
                {
                    "rows": n,
                    "file_mb": path.stat().st_size / 2**20,
                    "repeat": args.repeat,
                    "read_csv_seconds": med("read_csv", "seconds"),
                    "load_seconds": med("load_records", "seconds"),
                    "time_ratio": float(np.median(ratios("seconds"))),
                    "time_ratio_range": [min(ratios("seconds")), max(ratios("seconds"))],
                    "read_csv_seconds_warm": med("read_csv", "seconds_warm"),
                    "load_seconds_warm": med("load_records", "seconds_warm"),
                    "time_ratio_warm": float(np.median(ratios("seconds_warm"))),
                    "time_ratio_warm_range": [min(ratios("seconds_warm")), max(ratios("seconds_warm"))],
                    "read_csv_cpu_seconds_warm": med("read_csv", "cpu_seconds_warm"),
                    "load_cpu_seconds_warm": med("load_records", "cpu_seconds_warm"),
                    "read_csv_peak_mb": med("read_csv", "peak_rss_mb"),
                    "load_peak_mb": med("load_records", "peak_rss_mb"),
                    "memory_ratio": float(np.median(ratios("peak_rss_mb"))),
                    "memory_ratio_max": max(ratios("peak_rss_mb")),
                    "load_us_per_row": med("load_records", "seconds") / n * 1e6,
                    "runs": runs,
                }
            )
            path.unlink()
            r = rows[-1]
            print(
                f"{n:>10,} rows  read_csv {r['read_csv_seconds']:6.2f} s {r['read_csv_peak_mb']:7.0f} MB   "
                f"load_records {r['load_seconds']:6.2f} s {r['load_peak_mb']:7.0f} MB   "
                f"time x{r['time_ratio']:.2f} [{r['time_ratio_range'][0]:.2f}-{r['time_ratio_range'][1]:.2f}] "
                f"(warm: {r['read_csv_seconds_warm']:.2f} s vs {r['load_seconds_warm']:.2f} s, "
                f"x{r['time_ratio_warm']:.2f} "
                f"[{r['time_ratio_warm_range'][0]:.2f}-{r['time_ratio_warm_range'][1]:.2f}]; "
                f"CPU {r['read_csv_cpu_seconds_warm']:.2f} s vs {r['load_cpu_seconds_warm']:.2f} s)  "
                f"memory x{r['memory_ratio']:.2f} (at most x{r['memory_ratio_max']:.2f})  "
                f"{r['load_us_per_row']:.2f} µs/row",
                flush=True,
            )
    place = placement(args.points, rng)
    print(
        f"{place['points']:>10,} points  sjoin {place['sjoin_seconds']:.2f} s   locate_points "
        f"{place['locate_seconds']:.2f} s  x{place['ratio']:.2f}  (within {place['within']:,}, nearest "
        f"{place['nearest']:,}, outside {place['outside']:,}; identical to sjoin + nearest rule: "
        f"{place['identical_to_reference']})"
    )
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d"),
        "load": rows,
        "placement": place,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"written {args.out}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference timing for bench/stats/run.sh: Fleiss' kappa of the benchmark's answers with Debian's numpy and
statsmodels, the usual way (subjects x raters matrix -> aggregate_raters -> fleiss_kappa).

Usage: /usr/bin/python3 bench/stats/fleiss_reference.py LABELS.i32 ITEMS RATERS_PER_ITEM RUNS
LABELS.i32 holds the labels as little-endian int32, item by item (RATERS_PER_ITEM per item). Prints one JSON
object: the kappa, the versions, and the best and median wall time over RUNS runs, in ms, of aggregate + kappa
(the data already in memory, as the Java side's in-memory figure is).
"""
import json
import statistics
import sys
import time

import numpy as np
import statsmodels
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa


def main():
    path, items, per_item, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    t0 = time.perf_counter()
    labels = np.fromfile(path, dtype="<i4").reshape(items, per_item)
    load_ms = (time.perf_counter() - t0) * 1000
    times = []
    kappa = None
    for _ in range(runs):
        t0 = time.perf_counter()
        table, _categories = aggregate_raters(labels)
        kappa = fleiss_kappa(table, method="fleiss")
        times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({
        "kappa": kappa,
        "numpy": np.__version__,
        "statsmodels": statsmodels.__version__,
        "load_ms": load_ms,
        "best_ms": min(times),
        "median_ms": statistics.median(times),
    }))


if __name__ == "__main__":
    main()

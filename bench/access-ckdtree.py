#!/usr/bin/python3
"""access-ckdtree.py: the nearest-site search of bench-access, done by scipy's cKDTree.

    access-ckdtree.py POINTS.bin RUNS

POINTS.bin is what bench-access writes: uint32 sets, uint32 zones, the zones' positions on
the unit sphere (float64 x, y, z each), then for each set uint32 n and its sites'
positions. For each run, every set's tree is built and every zone queried for its nearest
site (k = 1, one worker): the same points and the same work as the index of
src/core/fp-site-index.c, which also turns each answer into a haversine distance. Prints
the median and the 10th and 90th percentiles of the runs, in ms.

For the benchmark only (Debian's python3-scipy); Footprint does not depend on it.
"""

import struct
import sys
import time

import numpy as np
from scipy.spatial import cKDTree


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    with open(path, "rb") as f:
        data = f.read()
    n_sets, n_zones = struct.unpack_from("<II", data, 0)
    at = 8
    zones = np.frombuffer(data, dtype="<f8", count=n_zones * 3, offset=at).reshape(n_zones, 3)
    at += n_zones * 24
    sets = []
    for _ in range(n_sets):
        (n,) = struct.unpack_from("<I", data, at)
        at += 4
        sets.append(np.frombuffer(data, dtype="<f8", count=n * 3, offset=at).reshape(n, 3))
        at += n * 24

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for sites in sets:
            if len(sites) == 0:
                continue
            tree = cKDTree(sites)
            tree.query(zones, k=1, workers=1)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print("%.3f %.3f %.3f" % (times[len(times) // 2], times[len(times) // 10],
                              times[len(times) * 9 // 10]))


if __name__ == "__main__":
    main()

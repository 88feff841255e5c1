#!/usr/bin/python3
"""Compact the shared postcode directory into data/default/postcodes.csv.

Footprint places an imported site by its postcode with no network: the importer looks the
postcode up in this file (postcode, lat, lon), bundled into every executable as a resource.
It is made from ../shared/data/postcodes/bsol_postcodes.csv (ONSPD-derived centroids of the
B postcode area and of Birmingham and Solihull; see that folder's PROVENANCE.md). Rows are
sorted by postcode and written exactly as the source gives them, so a rebuild is byte for
byte the same. Standard library only.

    /usr/bin/python3 data/build/build-postcodes.py [--shared ../shared/data] [--out data/default]
"""
import argparse
import csv
import os
import re

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(os.path.dirname(here))
ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--shared", default=os.path.join(os.path.dirname(top), "shared", "data"))
ap.add_argument("--out", default=os.path.join(top, "data", "default"))
args = ap.parse_args()

src = os.path.join(args.shared, "postcodes", "bsol_postcodes.csv")
rows = {}
with open(src, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        pc = re.sub(r"\s+", "", r["postcode"].upper())
        if len(pc) < 5 or not r["lat"] or not r["lon"]:
            continue
        pc = pc[:-3] + " " + pc[-3:]
        # the source has no duplicates; keep the first should one appear
        rows.setdefault(pc, (r["lat"], r["lon"]))

os.makedirs(args.out, exist_ok=True)
out = os.path.join(args.out, "postcodes.csv")
with open(out, "w", newline="", encoding="utf-8") as f:
    f.write("postcode,lat,lon\n")
    for pc in sorted(rows):
        f.write("%s,%s,%s\n" % (pc, rows[pc][0], rows[pc][1]))
print("%s: %d postcodes" % (out, len(rows)))

#!/usr/bin/python3
# build-postcodes.py: the compact postcode table the app searches offline.
#
#   /usr/bin/python3 data/build/build-postcodes.py [--shared ../shared/data] [--out FILE]
#
# Reads ../shared/data/postcodes/bsol_postcodes.csv (see its PROVENANCE.md: the ONS
# Postcode Directory via doogal.co.uk, OGL v3; B, DY, WS and WV areas, no CV7) and writes
# data/postcodes/bsol-postcodes.csv: postcode (upper case, one space before the inward
# code), latitude and longitude rounded to 5 decimal places (about a metre), sorted by
# postcode. Standard library only; the output is byte-for-byte reproducible, and
# tests/check-postcodes-build.sh checks the committed file is what this makes.
import argparse
import csv
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(os.path.dirname(here))

parser = argparse.ArgumentParser()
parser.add_argument("--shared", default=os.path.join(top, "..", "shared", "data"))
parser.add_argument("--out", default=os.path.join(top, "data", "postcodes", "bsol-postcodes.csv"))
args = parser.parse_args()

SHAPE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})$")

rows = {}
with open(os.path.join(args.shared, "postcodes", "bsol_postcodes.csv"), newline="",
          encoding="utf-8") as f:
    for r in csv.DictReader(f):
        compact = re.sub(r"\s+", "", r["postcode"].upper())
        m = SHAPE.match(compact)
        if not m or not r["lat"] or not r["lon"]:
            continue
        rows[m.group(1) + " " + m.group(2)] = (float(r["lat"]), float(r["lon"]))

os.makedirs(os.path.dirname(args.out), exist_ok=True)
tmp = args.out + ".tmp"
with open(tmp, "w", encoding="utf-8", newline="\n") as out:
    out.write("postcode,lat,lon\n")
    for pc in sorted(rows):
        lat, lon = rows[pc]
        out.write("%s,%.5f,%.5f\n" % (pc, lat, lon))
os.replace(tmp, args.out)
print("%d postcodes written to %s" % (len(rows), os.path.relpath(args.out)), file=sys.stderr)

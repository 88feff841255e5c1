#!/bin/sh
# The LIFT voids are each building's own: its empty rooms at its own running cost per m2.
# So rebuilding the default dataset with dearer LIFT buildings (GBP 450 a m2 instead of
# 330) must raise the LIFT void total in proportion; a void calibrated to a published total
# (the old GBP 5m) would not move. Skips (77) where the shared data or Debian's python3 is
# not on this machine.
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
shared=${FOOTPRINT_SHARED_DATA:-../shared/data}
if [ ! -d "$shared" ] || [ ! -x /usr/bin/python3 ]; then
  echo "skip: $shared or /usr/bin/python3 not found" >&2
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for rate in 330 450; do
  /usr/bin/python3 data/build/build-default.py --shared "$shared" --out "$out/$rate" --docs '' \
    --assume "cost_per_m2.tenure.lift=$rate" > "$out/log-$rate" 2>&1 ||
    { cat "$out/log-$rate" >&2; exit 1; }
done
/usr/bin/python3 - "$out" <<'PY'
import json
import sys


def lift_void(path):
    d = json.load(open(path, encoding="utf-8"))
    m2 = next(a["value"] for a in d["assumptions"] if a["key"] == "m2_per_room")
    total = 0.0
    for s in d["sites"]:
        if s["tenure"] != "lift" or not s.get("costs") or not s["gia_m2"]:
            continue
        running = sum(v or 0 for v in s["costs"].values())
        total += (s["void_rooms"] * m2 + s["other_void_m2"]) * running / s["gia_m2"]
    return total


a = lift_void(sys.argv[1] + "/330/bsol.json")
b = lift_void(sys.argv[1] + "/450/bsol.json")
print("LIFT voids: GBP %.0f at 330 a m2, GBP %.0f at 450 a m2" % (a, b))
if not (a > 0 and abs(b / a - 450.0 / 330.0) < 1e-4):
    sys.exit("the LIFT void total did not move with the LIFT cost per m2 "
             "(GBP %.0f at 330, GBP %.0f at 450)" % (a, b))
PY

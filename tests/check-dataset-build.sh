#!/bin/sh
# The committed default dataset is what data/build/build-default.py makes from
# ../shared/data: rebuild it into a temporary folder and compare byte for byte.
# Skips (77) where the shared data or Debian's python3 is not on this machine.
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
/usr/bin/python3 data/build/build-default.py --shared "$shared" --out "$out/default" \
  --docs "$out/data.md" > "$out/log" 2>&1 || { cat "$out/log" >&2; exit 1; }
status=0
for f in bsol.json boundaries/local_authorities.geojson boundaries/localities.geojson \
         boundaries/wards.geojson boundaries/lsoa21.geojson; do
  if ! cmp -s "$out/default/$f" "data/default/$f"; then
    echo "data/default/$f differs from a fresh build; rerun data/build/build-default.py" >&2
    status=1
  fi
done
if ! cmp -s "$out/data.md" docs/data.md; then
  echo "docs/data.md differs from a fresh build; rerun data/build/build-default.py" >&2
  status=1
fi
exit $status

#!/bin/sh
# The bundled postcode directory (data/default/postcodes.csv) is what
# data/build/build-postcodes.py makes from ../shared/data: rebuild and compare byte for byte.
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
/usr/bin/python3 data/build/build-postcodes.py --shared "$shared" --out "$out" > "$out/log" 2>&1 ||
  { cat "$out/log" >&2; exit 1; }
if ! cmp -s "$out/postcodes.csv" data/default/postcodes.csv; then
  echo "data/default/postcodes.csv differs from a fresh build; rerun data/build/build-postcodes.py" >&2
  exit 1
fi

#!/bin/sh
# docs/validation.md is what `footprint-cli validation` prints on a new default document:
# make one in a temporary folder and compare byte for byte; the JSON form must parse and
# hold the same figures. Regenerate the page with
#   footprint-cli init --document /tmp/v.footprint
#   footprint-cli validation --document /tmp/v.footprint > docs/validation.md
set -eu
top=${1:-$(dirname "$0")/..}
cli=${FOOTPRINT_CLI:?FOOTPRINT_CLI names the footprint-cli to test}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export HOME="$dir" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config"
"$cli" init --document "$dir/v.footprint" > /dev/null
"$cli" validation --document "$dir/v.footprint" > "$dir/validation.md"
if ! cmp -s "$dir/validation.md" "$top/docs/validation.md"; then
  echo "docs/validation.md is not the output of footprint-cli validation on a new default" >&2
  echo "document; regenerate it (see the top of tests/check-validation.sh):" >&2
  diff -u "$top/docs/validation.md" "$dir/validation.md" >&2 || true
  exit 1
fi
"$cli" validation --document "$dir/v.footprint" --format json > "$dir/validation.json"
if [ -x /usr/bin/python3 ]; then
  /usr/bin/python3 - "$dir/validation.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
ids = {f["id"]: f for f in v["figures"]}
for key in ("buildings", "property_interests", "void_lift", "void_nhsps", "ae_attendances",
            "acute_bed_occupancy", "bed_gap", "quick_wins_potential", "quick_wins_risk_adjusted"):
    assert key in ids, key
assert ids["bed_gap"]["plan"] == 430, ids["bed_gap"]
assert len(v["beds_by_year"]) == 11
assert len(v["example_options"]) == 3
g = v["plan_bed_gap"]
assert g["growth_needed"] > g["model_acute_growth"] > 0, g
PY
fi

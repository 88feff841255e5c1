#!/bin/sh
# Fails when a file with translatable strings is missing from po/POTFILES.in.
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
missing=0
files=$(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_)\(|translatable="yes"' \
          --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' \
          src ui data 2>/dev/null | grep -v '/build/' | sort || true)
for f in $files; do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "po/POTFILES.in lacks $f, which has translatable strings" >&2
    missing=1
  fi
done
# And every listed file exists.
for f in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    missing=1
  fi
done
exit $missing

#!/bin/sh
# The core never includes GTK, libadwaita or libshumate; the CLI neither.
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
bad=$(grep -rnE --include='*.c' --include='*.h' \
        '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(gtk|gdk|adwaita|shumate|gsk)' \
        src/core src/cli || true)
if [ -n "$bad" ]; then
  echo "src/core and src/cli must not include GTK headers:" >&2
  echo "$bad" >&2
  exit 1
fi
exit 0

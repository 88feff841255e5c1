#!/bin/sh
# The core never includes GTK, libadwaita or libshumate; nor do the CLI and the renderer.
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
bad=$(grep -rnE --include='*.c' --include='*.h' \
        '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(gtk|gdk|adwaita|shumate|gsk)' \
        src/core src/cli src/render || true)
if [ -n "$bad" ]; then
  echo "src/core, src/cli and src/render must not include GTK headers:" >&2
  echo "$bad" >&2
  exit 1
fi
exit 0

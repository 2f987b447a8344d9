#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds Confianza, installs it into
# a folder of the build and starts it. Arguments are passed to confianza.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/deps.sh

prefix="$PWD/_build/install"
if [ ! -d _build/app ]; then
  meson setup _build/app --prefix="$prefix" >/dev/null
fi
meson install -C _build/app --quiet >/dev/null

export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas"
exec "$prefix/bin/confianza" "$@"

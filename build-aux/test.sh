#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds Confianza with warnings as
# errors and runs every test twice, in the C locale and in es_ES.UTF-8,
# under a virtual display and a D-Bus session. Ends with "N passed, N failed".
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/deps.sh

build=_build/test
if [ ! -d "$build" ]; then
  meson setup "$build" -Dwerror=true --buildtype=debug >/dev/null
fi
meson compile -C "$build"

status=0
for locale in C es_ES.UTF-8; do
  echo "== Tests in the $locale locale"
  log="$build/meson-logs/testlog-$locale"
  if ! LANG=$locale LC_ALL=$locale LANGUAGE= \
      xvfb-run -a -s "-screen 0 1280x800x24" \
      dbus-run-session -- \
      meson test -C "$build" --print-errorlogs --logbase "testlog-$locale" --num-processes 2; then
    status=1
  fi
done

# Count every test case (each g_test case is a TAP line) across both runs.
python3 build-aux/count-tests.py "$build"/meson-logs/testlog-C.json "$build"/meson-logs/testlog-es_ES.UTF-8.json || status=1

exit $status

#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12, builds Confianza with warnings as
# errors and runs every test twice, in the C locale and in es_ES.UTF-8,
# under a virtual display and a D-Bus session; then again under ASan/UBSan
# and the core tests under valgrind. Ends with "N passed, N failed".
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/deps.sh

build=_build/test
if [ ! -d "$build" ]; then
  meson setup "$build" -Dwerror=true --buildtype=debug >/dev/null
fi
meson compile -C "$build"

# A small, nearly full file system, where root can mount one, so that the
# reports' disk-full case is tested for real (the test says why it skips
# otherwise).
full=$(mktemp -d)
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
  head -c 58000 /dev/zero > "$full/filler"
  export CONFIANZA_TEST_FULL_FOLDER="$full"
  trap 'umount "$full" 2>/dev/null; rmdir "$full"' EXIT
else
  rmdir "$full"
fi

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

# The same code under AddressSanitizer and UndefinedBehaviorSanitizer, leak
# detection on for the core library's tests and the reliability tests; the
# interface's tests run with leak detection off (GTK keeps caches to exit).
# Twice the stated timeouts: the slow unwinder makes every allocation costly.
asan=_build/asan
if [ ! -d "$asan" ]; then
  meson setup "$asan" -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug >/dev/null
fi
meson compile -C "$asan"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp"
echo "== Core and reliability tests under AddressSanitizer and UBSan, leak detection on"
if ! ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1 \
    meson test -C "$asan" --no-rebuild --print-errorlogs --logbase testlog-asan-core \
      --timeout-multiplier 2 \
      --suite core --suite reliability --no-suite fuzz; then
  status=1
fi
echo "== Interface and report tests under AddressSanitizer and UBSan"
if ! ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    meson test -C "$asan" --no-rebuild --print-errorlogs --logbase testlog-asan-gui \
      --timeout-multiplier 2 \
      --suite gui --suite report --suite cli; then
  status=1
fi

# The core library's tests once under valgrind's memcheck: no invalid access,
# no definite leak.
if command -v valgrind >/dev/null; then
  echo "== Core tests under valgrind memcheck"
  if ! G_SLICE=always-malloc meson test -C "$build" --no-rebuild --print-errorlogs \
      --logbase testlog-valgrind --timeout-multiplier 20 \
      --wrap="valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$PWD/build-aux/valgrind.supp" \
      --suite core; then
    status=1
  fi
fi

# The fast benchmarks on a release build: figures printed, exit status
# ignored (a slow, shared machine must not fail CI), at most two minutes.
bash build-aux/benchmarks.sh || true

# Count every test case (each g_test case is a TAP line) across all runs.
logs=("$build"/meson-logs/testlog-C.json "$build"/meson-logs/testlog-es_ES.UTF-8.json
      "$asan"/meson-logs/testlog-asan-core.json "$asan"/meson-logs/testlog-asan-gui.json)
if command -v valgrind >/dev/null; then
  # meson names a wrapped run's log after its wrapper too
  logs+=("$build"/meson-logs/testlog-valgrind*.json)
fi
python3 build-aux/count-tests.py "${logs[@]}" || status=1

exit $status

#!/usr/bin/env bash
# The hidden instance a login starts for the reminders (issue 19), on a
# database of 10,000 clients and 100,000 promises, against the same on the
# sample data of --demo, 12 clients (the floor, measured in the same run):
#
#   start-up   from launch to its first notification at the test
#              notification server (tests/remind/notify-server.c)
#   memory     resident memory (VmRSS) once its check is done and it waits,
#              and its peak (VmHWM)            target: resident ≤ 40 MiB
#
# No display: the hidden instance holds no GTK. It runs on a session bus of
# its own (dbus-run-session).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
confianza=$1 server=$2 generate=$3
target_kib=$((40 * 1024))
# Away from any display: its bus must not start an accessibility bus for
# one (see tests/test-remind.sh)
unset DISPLAY WAYLAND_DISPLAY
if [ -z "${BENCH_HIDDEN_BUS:-}" ]; then
  BENCH_HIDDEN_BUS=1 exec dbus-run-session -- "$0" "$@" 2> >(grep -v "fd limit" >&2)
fi
tmp=$(mktemp -d)
"$server" > "$tmp/received" & server_pid=$!
trap 'kill $server_pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do grep -q '^ready$' "$tmp/received" 2>/dev/null && break; sleep 0.1; done
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$tmp/config/glib-2.0/settings"
printf '[io/github/confianza/Confianza]\nreminders-background=true\n' > "$tmp/config/glib-2.0/settings/keyfile"

"$generate" "$tmp/large.db" 10000 100000 42 >/dev/null || { echo "could not generate the database"; exit 1; }
# The floor: the sample data (12 clients), which has something due today
"$confianza" --database="$tmp/small.db" --demo >/dev/null 2>&1 || exit 1

# run DB: "milliseconds rss_kib hwm_kib"
run () {
  local db=$1 before pid t0 t1
  before=$(grep -c '^notify' "$tmp/received")
  t0=$(date +%s%N)
  "$confianza" --hidden --database="$db" >/dev/null 2>&1 & pid=$!
  for _ in $(seq 1200); do [ "$(grep -c '^notify' "$tmp/received")" -gt "$before" ] && break; sleep 0.01; done
  t1=$(date +%s%N)
  sleep 2   # its check done, waiting for the next time
  local rss hwm
  rss=$(awk '/^VmRSS/ {print $2}' /proc/$pid/status)
  hwm=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null
  echo "$(( (t1 - t0) / 1000000 )) $rss $hwm"
}

read -r empty_ms empty_rss empty_hwm < <(run "$tmp/small.db")
read -r large_ms large_rss large_hwm < <(run "$tmp/large.db")
mib () { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "hidden instance, start-up to the first notification: $large_ms ms; floor (sample data, 12 clients) $empty_ms ms; ratio $(ratio "$large_ms" "$empty_ms")"
echo "hidden instance, resident memory waiting: $(mib "$large_rss") MiB (peak $(mib "$large_hwm") MiB); floor (sample data, 12 clients) $(mib "$empty_rss") MiB; ratio $(ratio "$large_rss" "$empty_rss"); target ≤ 40 MiB"
if [ "$large_rss" -le "$target_kib" ]; then
  echo "memory target met"
else
  echo "memory target MISSED"
  exit 1
fi

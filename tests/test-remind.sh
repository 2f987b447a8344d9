#!/usr/bin/env bash
# `confianza --remind` as a systemd timer runs it: no display, a session
# bus of its own (dbus-run-session) with a test notification server
# (tests/remind/notify-server.c) that writes down what arrives. One
# notification per thing due, in Spanish, none twice, no names when the
# privacy preference is on, and failures said in words with exit 1.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
confianza=$1
server=$2
# Nothing here may reach the display the other tests use: the bus below
# would start an accessibility bus for it (its socket named after the
# display) and take it away when it ends, cutting the end-to-end tests off
unset DISPLAY WAYLAND_DISPLAY
export GTK_A11Y=none
if [ -z "${REMIND_TEST_BUS:-}" ]; then
  REMIND_TEST_BUS=1 exec dbus-run-session -- "$0" "$@" 2> >(grep -v "fd limit" >&2)
fi
tmp=$(mktemp -d)
"$server" > "$tmp/received" & server_pid=$!
trap 'kill $server_pid 2>/dev/null; chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do grep -q '^ready$' "$tmp/received" 2>/dev/null && break; sleep 0.1; done
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config"
export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8
n=0
status=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); echo "not ok $n - $1"; status=1; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
# What arrived after line $1 of the server's log: "summary<TAB>body" lines
arrived () { tail -n +"$(( $1 + 1 ))" "$tmp/received" | grep '^notify' | cut -f 4,5; }
lines () { wc -l < "$tmp/received"; }
private () {
  mkdir -p "$tmp/config/glib-2.0/settings"
  printf '[io/github/confianza/Confianza]\nreminders-private=%s\n' "$1" > "$tmp/config/glib-2.0/settings/keyfile"
}

check "the test notification server owns its name" 'grep -q "^ready$" "$tmp/received"'

db="$tmp/demo.db"
LC_ALL=C "$confianza" --database="$db" --demo >/dev/null 2>&1
# A recovery plan's corrective measure due today, not applied yet
measure_due () {
  sqlite3 "$1" "UPDATE recovery_plan SET corrective_due = date('now','localtime'), corrective_applied_on = NULL, closed_on = NULL
    WHERE id = (SELECT min(id) FROM recovery_plan WHERE trim(coalesce(corrective_measure, '')) != '')"
}
measure_due "$db"
private false
start=$(lines)
out=$("$confianza" --remind --database="$db" 2>"$tmp/err"); rc=$?
sleep 0.5
got=$(arrived "$start")
count=$(printf '%s' "$got" | grep -c .)
check "--remind with no display sends the reminders and exits 0 (exit $rc: $(cat "$tmp/err"))" '[ $rc -eq 0 ] && [ "$count" -ge 4 ]'
check "one notification per line of the summary ($count)" '[ "$(echo "$out" | grep -vc "notificaci")" -eq "$count" ]'
check "the summary says how many were sent, in Spanish" 'echo "$out" | grep -q "^$count notificaciones enviadas"'
check "titles in Spanish: promises due today and overdue, a client to call" \
  'echo "$got" | grep -q "^Promesa para hoy: " && echo "$got" | grep -q "^Promesa vencida: " && echo "$got" | grep -q "^Es hora de llamar a "'
check "no thing twice" '[ "$(echo "$got" | cut -f 1 | sort | uniq -d)" = "" ]'
due=$(sqlite3 "$db" "SELECT count(*) FROM promise WHERE due_on <= date('now','localtime') AND delivered_on IS NULL AND broken = 0")
check "every promise due or overdue has its notification ($due)" '[ "$(echo "$got" | grep -c "^Promesa")" -eq "$due" ]'
actions=$(tail -n +"$(( start + 1 ))" "$tmp/received" | grep "Promesa para hoy" | head -n 1 | cut -f 6)
check "a promise's notification offers Abrir, Marcar como entregada… and Recordármelo mañana" \
  'echo "$actions" | grep -q "|Abrir|" && echo "$actions" | grep -q "|Marcar como entregada…|" && echo "$actions" | grep -q "|Recordármelo mañana$"'
measure=$(sqlite3 "$db" "SELECT corrective_measure FROM recovery_plan WHERE corrective_due = date('now','localtime')")
check "the corrective measure due today has its notification, in Spanish" \
  '[ "$(echo "$got" | grep -cF "Medida correctiva pendiente: $measure")" -eq 1 ] && echo "$got" | grep -F "Medida correctiva pendiente: $measure" | grep -q "Del plan de recuperación con .*; es para hoy."'
actions=$(tail -n +"$(( start + 1 ))" "$tmp/received" | grep "Medida correctiva pendiente" | head -n 1 | cut -f 6)
check "a measure's notification offers Abrir and Recordármelo mañana, not Marcar como entregada… ($actions)" \
  'echo "$actions" | grep -q "|Abrir|" && echo "$actions" | grep -q "|Recordármelo mañana$" && ! echo "$actions" | grep -q "entregada"'

start=$(lines)
out=$("$confianza" --remind --database="$db" 2>&1); rc=$?
sleep 0.5
check "a second run the same day repeats nothing (exit $rc)" '[ $rc -eq 0 ] && [ -z "$(arrived "$start")" ] && echo "$out" | grep -q "^0 notificaciones enviadas"'

# Privacy: no client's name, no promise's title, only how many
db2="$tmp/private.db"
LC_ALL=C "$confianza" --database="$db2" --demo >/dev/null 2>&1
measure_due "$db2"
private true
start=$(lines)
out=$("$confianza" --remind --database="$db2" 2>&1); rc=$?
sleep 0.5
got=$(arrived "$start")
leaks=0
while IFS= read -r name; do
  [ -n "$name" ] && printf '%s\n%s\n' "$got" "$out" | grep -qF -- "$name" && leaks=$((leaks+1))
done < <(sqlite3 "$db2" "SELECT name FROM client UNION SELECT title FROM promise UNION SELECT corrective_measure FROM recovery_plan")
check "with the privacy preference, no name nor title in what arrives or is printed ($leaks found)" '[ $rc -eq 0 ] && [ -n "$got" ] && [ $leaks -eq 0 ]'
check "with it, one notification per kind: “Tienes 2 promesas para hoy”, “Tienes 1 medida correctiva pendiente”" \
  'echo "$got" | grep -q "^Tienes 2 promesas para hoy" && echo "$got" | grep -q "^Tienes 1 medida correctiva pendiente" && [ "$(echo "$got" | grep -c .)" -le 5 ]'
private false

# Too many of a kind to read one by one: one counted notification for them
db4="$tmp/many.db"
LC_ALL=C "$confianza" --database="$db4" --demo >/dev/null 2>&1
for i in 1 2 3 4 5 6; do
  sqlite3 "$db4" "INSERT INTO promise (client_id, title, due_on) SELECT min(id), 'Extra $i', date('now','localtime') FROM client"
done
today_due=$(sqlite3 "$db4" "SELECT count(*) FROM promise WHERE due_on = date('now','localtime') AND delivered_on IS NULL AND broken = 0")
start=$(lines)
out=$("$confianza" --remind --database="$db4" 2>&1); rc=$?
sleep 0.5
got=$(arrived "$start")
check "$today_due promises due today: one notification says how many, without names" \
  '[ $rc -eq 0 ] && echo "$got" | grep -q "^Tienes $today_due promesas para hoy" && ! echo "$got" | grep -q "^Promesa para hoy" && ! echo "$got" | grep -q "Extra"'

# Failures: said in words, exit 1, the file left as it was
mkdir "$tmp/bad"; head -c 65536 /dev/urandom > "$tmp/bad/file.db"
before=$(sha256sum "$tmp/bad/file.db")
start=$(lines)
out=$("$confianza" --remind --database="$tmp/bad/file.db" 2>&1); rc=$?
check "a damaged database: a reason in words, exit 1, nothing sent (exit $rc: $out)" \
  '[ $rc -eq 1 ] && [ -n "$out" ] && [ -z "$(arrived "$start")" ] && [ "$before" = "$(sha256sum "$tmp/bad/file.db")" ]'
mkdir -p "$tmp/folder.db"
out=$("$confianza" --remind --database="$tmp/folder.db" 2>&1); rc=$?
check "a folder instead of a database: exit 1 with a reason (exit $rc: $out)" '[ $rc -eq 1 ] && [ -n "$out" ]'
out=$("$confianza" --remind --database="$tmp/missing.db" 2>&1); rc=$?
check "a database that does not exist is not made (exit $rc: $out)" '[ $rc -eq 1 ] && [ ! -e "$tmp/missing.db" ]'
out=$(DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" "$confianza" --remind --database="$db" 2>&1); rc=$?
check "without a session bus: it says it needs one, exit 1 (exit $rc: $out)" '[ $rc -eq 1 ] && echo "$out" | grep -qi "bus"'
out=$("$confianza" --remind --database="$db" --check 2>&1); rc=$?
check "--remind refuses other options (exit $rc: $out)" '[ $rc -eq 2 ] && [ -n "$out" ]'

# The hidden instance a login starts with consent: no display, no GTK,
# the same check at start; one per session; gone when consent is withdrawn
settings () { printf '[io/github/confianza/Confianza]\n%s\n' "$@" > "$tmp/config/glib-2.0/settings/keyfile"; }
db5="$tmp/hidden.db"
LC_ALL=C "$confianza" --database="$db5" --demo >/dev/null 2>&1
settings "reminders-background=false"
start=$(lines)
out=$(timeout 20 "$confianza" --hidden --database="$db5" 2>&1); rc=$?
check "--hidden without consent ends at once, sending nothing (exit $rc: $out)" '[ $rc -eq 0 ] && [ -n "$out" ] && [ -z "$(arrived "$start")" ]'
settings "reminders-background=true"
start=$(lines)
"$confianza" --hidden --database="$db5" >"$tmp/hidden.log" 2>&1 & hpid=$!
for _ in $(seq 100); do [ "$(arrived "$start" | grep -c .)" -ge 4 ] && break; sleep 0.1; done
got=$(arrived "$start")
check "--hidden with consent checks at start, with no display" '[ "$(echo "$got" | grep -c "^Promesa")" -ge 2 ] && kill -0 $hpid 2>/dev/null'
out=$(timeout 20 "$confianza" --hidden --database="$db5" 2>&1); rc=$?
check "a second --hidden in the same session ends at once (exit $rc: $out)" '[ $rc -eq 0 ] && kill -0 $hpid 2>/dev/null'
owner=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
  --method org.freedesktop.DBus.GetNameOwner io.github.confianza.Confianza.Reminders 2>/dev/null | grep -o "':[^']*'" | tr -d "'")
line=$(tail -n +"$(( start + 1 ))" "$tmp/received" | grep "Promesa vencida" | head -n 1)
nid=$(echo "$line" | cut -f 2)
key=$(echo "$line" | grep -o "promise:[0-9]*" | head -n 1)
gdbus call --session --dest "$owner" --object-path /io/github/confianza/Confianza \
  --method org.gtk.Actions.Activate reminder-snooze "[<(b'$db5', '$key')>]" "{}" >/dev/null 2>&1
for _ in $(seq 100); do grep -q "^close	$nid$" "$tmp/received" && break; sleep 0.1; done
until=$(sqlite3 "$db5" "SELECT snoozed_until FROM reminder WHERE key = '$key'")
check "“Recordármelo mañana” in the hidden instance withdraws $key and keeps tomorrow ($until)" \
  'grep -q "^close	$nid$" "$tmp/received" && [ "$until" = "$(date -d tomorrow +%F)" ]'
settings "reminders-background=false"
for _ in $(seq 100); do kill -0 $hpid 2>/dev/null || break; sleep 0.1; done
check "consent withdrawn: the hidden instance ends by itself" '! kill -0 $hpid 2>/dev/null'
kill $hpid 2>/dev/null; wait $hpid 2>/dev/null

# A window already open: --remind hands the check to it, and its
# notifications' actions reach it ("Recordármelo mañana" here)
if command -v xvfb-run >/dev/null && command -v gdbus >/dev/null; then
  db3="$tmp/window.db"
  LC_ALL=C "$confianza" --database="$db3" --demo >/dev/null 2>&1
  # The window's own check at start is off, so what arrives comes from the hand-over
  printf '[io/github/confianza/Confianza]\nnotifications=false\n' > "$tmp/config/glib-2.0/settings/keyfile"
  xvfb-run -a -s "-screen 0 1024x768x24" "$confianza" --database="$db3" >"$tmp/window.log" 2>&1 & xpid=$!
  owned=false
  for _ in $(seq 300); do
    if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.NameHasOwner io.github.confianza.Confianza 2>/dev/null | grep -q true; then
      owned=true; break
    fi
    sleep 0.2
  done
  check "a window of Confianza runs and owns its name" '$owned'
  start=$(lines)
  out=$("$confianza" --remind --database="$db3" 2>&1); rc=$?
  for _ in $(seq 100); do [ -n "$(arrived "$start")" ] && break; sleep 0.1; done
  got=$(arrived "$start")
  check "--remind hands the check to the running window and says so (exit $rc: $out)" \
    '[ $rc -eq 0 ] && echo "$out" | grep -q "Confianza está abierta" && [ "$(echo "$got" | grep -c "^Promesa")" -ge 2 ]'
  line=$(tail -n +"$(( start + 1 ))" "$tmp/received" | grep "Promesa para hoy" | head -n 1)
  nid=$(echo "$line" | cut -f 2)
  key=$(echo "$line" | grep -o "promise:[0-9]*" | head -n 1)
  start=$(lines)
  gdbus call --session --dest io.github.confianza.Confianza --object-path /io/github/confianza/Confianza \
    --method org.gtk.Actions.Activate reminder-snooze "[<(b'$db3', '$key')>]" "{}" >/dev/null 2>&1
  for _ in $(seq 100); do grep -q "^close	$nid$" "$tmp/received" && break; sleep 0.1; done
  until=$(sqlite3 "$db3" "SELECT snoozed_until FROM reminder WHERE key = '$key'")
  check "“Recordármelo mañana” withdraws the notification of $key and keeps tomorrow in the database ($until)" \
    'grep -q "^close	$nid$" "$tmp/received" && [ "$until" = "$(date -d tomorrow +%F)" ]'
  # The hidden instance, started while the window is open, lets the window check
  db6="$tmp/hidden-window.db"
  LC_ALL=C "$confianza" --database="$db6" --demo >/dev/null 2>&1
  printf '[io/github/confianza/Confianza]\nnotifications=false\nreminders-background=true\n' > "$tmp/config/glib-2.0/settings/keyfile"
  window_owner=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetNameOwner io.github.confianza.Confianza 2>/dev/null | grep -o "':[^']*'" | tr -d "'")
  start=$(lines)
  "$confianza" --hidden --database="$db6" >/dev/null 2>&1 & hpid=$!
  for _ in $(seq 100); do [ "$(arrived "$start" | grep -c .)" -ge 4 ] && break; sleep 0.1; done
  senders=$(tail -n +"$(( start + 1 ))" "$tmp/received" | grep '^notify' | cut -f 7 | sort -u)
  check "a hidden instance started beside the window hands its check to the window ($senders = $window_owner)" \
    '[ -n "$senders" ] && [ "$senders" = "$window_owner" ]'
  kill $hpid 2>/dev/null; wait $hpid 2>/dev/null
  gdbus call --session --dest io.github.confianza.Confianza --object-path /io/github/confianza/Confianza \
    --method org.gtk.Actions.Activate quit "[]" "{}" >/dev/null 2>&1
  for _ in $(seq 100); do kill -0 $xpid 2>/dev/null || break; sleep 0.1; done
  kill $xpid 2>/dev/null
  wait $xpid 2>/dev/null

  # No window open: "Abrir" in the hidden instance starts the window's
  # program (through D-Bus when it is installed, else by itself)
  has_owner () {
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
  }
  for _ in $(seq 100); do has_owner io.github.confianza.Confianza || break; sleep 0.1; done
  settings "reminders-background=true" "notifications=false"
  db7="$tmp/open.db"
  LC_ALL=C "$confianza" --database="$db7" --demo >/dev/null 2>&1
  xvfb-run -a -s "-screen 0 1024x768x24" "$confianza" --hidden --database="$db7" >/dev/null 2>&1 & xpid=$!
  for _ in $(seq 300); do has_owner io.github.confianza.Confianza.Reminders && break; sleep 0.1; done
  owner=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetNameOwner io.github.confianza.Confianza.Reminders 2>/dev/null | grep -o "':[^']*'" | tr -d "'")
  gdbus call --session --dest "$owner" --object-path /io/github/confianza/Confianza \
    --method org.gtk.Actions.Activate reminder-open "[<(b'$db7', 'promise:4')>]" "{}" >/dev/null 2>&1
  opened=false
  for _ in $(seq 300); do has_owner io.github.confianza.Confianza && { opened=true; break; }; sleep 0.1; done
  check "“Abrir” in the hidden instance, with no window open, starts Confianza's window" '$opened'
  gdbus call --session --dest io.github.confianza.Confianza --object-path /io/github/confianza/Confianza \
    --method org.gtk.Actions.Activate quit "[]" "{}" >/dev/null 2>&1
  settings "reminders-background=false"
  for _ in $(seq 100); do kill -0 $xpid 2>/dev/null || break; sleep 0.1; done
  kill $xpid 2>/dev/null
  wait $xpid 2>/dev/null
else
  echo "# skipped the hand-over to a window: xvfb-run or gdbus is not installed"
fi

echo "1..$n"
exit $status

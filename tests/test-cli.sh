#!/usr/bin/env bash
# The command line, as a user runs it: --version, --help, --check on a good
# database, and --check refusing files it cannot use, leaving them untouched.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
confianza=$1
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
export GSETTINGS_BACKEND=memory
n=0
status=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); echo "not ok $n - $1"; status=1; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

out=$("$confianza" --version 2>&1); rc=$?
check "--version prints the version and exits 0" '[ $rc -eq 0 ] && echo "$out" | grep -qE "^Confianza [0-9]+\.[0-9]+\.[0-9]+$"'

out=$("$confianza" --help 2>&1); rc=$?
check "--help lists --database and --check" '[ $rc -eq 0 ] && echo "$out" | grep -q -- "--database" && echo "$out" | grep -q -- "--check"'

# --check only reads: a mistyped path is an error, and nothing is created
db="$tmp/new.db"
out=$("$confianza" --database="$db" --check 2>&1); rc=$?
check "--check of a mistyped path fails in words and creates nothing (exit $rc: $out)" '[ $rc -ne 0 ] && [ -n "$out" ] && [ -z "$(ls -A "$tmp")" ]'
"$confianza" --database="$db" --demo >/dev/null 2>&1
out=$("$confianza" --database="$db" --check 2>&1); rc=$?
check "--check reports what a database holds" '[ $rc -eq 0 ] && echo "$out" | grep -qE "(^|[^0-9])12 "'
version=$(/usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect("file:" + sys.argv[1] + "?immutable=1", uri=True).execute("PRAGMA user_version").fetchone()[0])' "$db")
check "--check prints the schema version ($version)" '[ "$version" -ge 4 ] && echo "$out" | grep -qiE "(schema|esquema)[^0-9]*$version([^0-9]|$)"'
mode=$(stat -c %a "$db")
check "a new database is readable only by its owner (mode $mode)" '[ "$mode" = 600 ]'

refuse () {
  local what=$1 file=$2
  local before after
  before=$( [ -e "$file" ] && find "$file" -maxdepth 0 -type f -exec sha256sum {} + ; ls -la "$(dirname "$file")" 2>/dev/null | sort )
  out=$("$confianza" --database="$file" --check 2>&1); rc=$?
  after=$( [ -e "$file" ] && find "$file" -maxdepth 0 -type f -exec sha256sum {} + ; ls -la "$(dirname "$file")" 2>/dev/null | sort )
  check "--check refuses $what with a reason in words (exit $rc: $(echo "$out" | head -n 1))" '[ $rc -ne 0 ] && [ -n "$out" ]'
  check "$what is left untouched, nothing written beside it" '[ "$before" = "$after" ]'
}

mkdir "$tmp/random"; head -c 65536 /dev/urandom > "$tmp/random/file.db"
refuse "a file of random bytes" "$tmp/random/file.db"
mkdir "$tmp/empty"; : > "$tmp/empty/file.db"
refuse "a zero-length file" "$tmp/empty/file.db"
mkdir -p "$tmp/dir/folder.db"
refuse "a folder" "$tmp/dir/folder.db"
mkdir "$tmp/other"; sqlite3 "$tmp/other/file.db" "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hola');"
refuse "another program's SQLite database" "$tmp/other/file.db"
mkdir "$tmp/newer"; "$confianza" --database="$tmp/newer/file.db" --demo >/dev/null 2>&1
sqlite3 "$tmp/newer/file.db" "PRAGMA journal_mode=DELETE; PRAGMA user_version=99;" >/dev/null
refuse "a database from a newer Confianza" "$tmp/newer/file.db"
out=$("$confianza" --database="$tmp/newer/file.db" --check 2>&1)
check "the newer-version refusal says to update Confianza" 'echo "$out" | grep -qi "confianza"'
refuse "a database in a folder that does not exist" "$tmp/missing/file.db"
# An older database is refused, not upgraded: the window upgrades it, after a copy
mkdir "$tmp/older"; cp "$db" "$tmp/older/file.db"
sqlite3 "$tmp/older/file.db" "PRAGMA journal_mode=DELETE; DROP TABLE housekeeping; PRAGMA user_version=3;" >/dev/null
refuse "a database of an older version" "$tmp/older/file.db"
out=$("$confianza" --database="$tmp/older/file.db" --check 2>&1)
check "the older-version refusal says to open it in the window first" 'echo "$out" | grep -qiE "window|ventana"'

# --demo with --database writes the sample into a new file, and only a new one.
demo="$tmp/demo/sample.db"; mkdir -p "$tmp/demo"
out=$("$confianza" --database="$demo" --demo 2>&1); rc=$?
check "--demo --database writes sample data into a new database and exits 0" '[ $rc -eq 0 ] && [ -f "$demo" ]'
out=$("$confianza" --database="$demo" --check 2>&1); rc=$?
check "the sample holds a dozen clients and two incidents with their plans" '[ $rc -eq 0 ] && echo "$out" | grep -qE "(^|[^0-9])12 " && echo "$out" | grep -qE "(^|[^0-9])2 .*(plan|recuperación)"'
before=$(sha256sum "$demo")
out=$("$confianza" --database="$demo" --demo 2>&1); rc=$?
check "--demo refuses an existing file and leaves it untouched" '[ $rc -ne 0 ] && [ -n "$out" ] && [ "$before" = "$(sha256sum "$demo")" ]'

# Reports from the command line, without a window
out=$("$confianza" --database="$demo" --export-client="bodegas valdeflores" --output="$tmp/demo/informe.xlsx" 2>&1); rc=$?
check "--export-client writes the client's workbook and exits 0" '[ $rc -eq 0 ] && head -c 2 "$tmp/demo/informe.xlsx" | grep -q PK'
out=$("$confianza" --database="$demo" --export-portfolio --output="$tmp/demo/cartera.xlsx" --from=2026-01-01 2>&1); rc=$?
check "--export-portfolio with a period writes the workbook and exits 0" '[ $rc -eq 0 ] && [ -s "$tmp/demo/cartera.xlsx" ]'
out=$("$confianza" --database="$demo" --export-client="Nadie Nunca" --output="$tmp/demo/x.xlsx" 2>&1); rc=$?
check "--export-client of an unknown client fails in words, writing nothing" '[ $rc -ne 0 ] && [ -n "$out" ] && [ ! -e "$tmp/demo/x.xlsx" ]'
out=$("$confianza" --database="$demo" --export-portfolio --output="$tmp/nowhere/x.xlsx" 2>&1); rc=$?
check "an export into a missing folder fails in words" '[ $rc -ne 0 ] && [ -n "$out" ] && [ ! -e "$tmp/nowhere" ]'
out=$("$confianza" --database="$demo" --export-portfolio 2>&1); rc=$?
check "an export without --output says what is missing" '[ $rc -ne 0 ] && echo "$out" | grep -q -- "--output"'
out=$("$confianza" --database="$demo" --export-portfolio --output="$tmp/demo/y.xlsx" --from=31/02/2026 2>&1); rc=$?
check "an impossible date is refused in words" '[ $rc -ne 0 ] && [ -n "$out" ] && [ ! -e "$tmp/demo/y.xlsx" ]'

# Importing clients from a spreadsheet's CSV
imp="$tmp/import/clients.db"; mkdir -p "$tmp/import"
printf 'Nombre;Empresa;Correo electrónico\r\nAna Gil;Gil S.L.;ana@gil.es\r\n"Peña, José";"Taller ""El Rayo""";jose@rayo.es\r\nBeto;;beto@\r\n' > "$tmp/import/ok.csv"
out=$("$confianza" --database="$imp" --import-clients="$tmp/import/ok.csv" 2>&1); rc=$?
count=$(sqlite3 "$imp" "SELECT count(*) FROM client" 2>/dev/null)
check "--import-clients imports the good lines and names the bad one (imported $count)" '[ "$count" = 2 ] && echo "$out" | grep -q "4"'
check "an import that left a line out exits 3, not 0 (exit $rc)" '[ $rc -eq 3 ]'
head -c 4096 /dev/urandom > "$tmp/import/bad.csv"
before=$(sqlite3 "$imp" "SELECT group_concat(name) FROM client")
out=$("$confianza" --database="$imp" --import-clients="$tmp/import/bad.csv" 2>&1); rc=$?
after=$(sqlite3 "$imp" "SELECT group_concat(name) FROM client")
check "a file that is not a CSV imports nothing (exit $rc)" '[ -n "$out" ] && [ "$before" = "$after" ]'

# An import of every line exits 0; --help tells the exit statuses.
printf 'Nombre;Empresa\nLucía Ferrer;Bodegas Valdeflores\n' > "$tmp/import/all.csv"
out=$("$confianza" --database="$tmp/import/all.db" --import-clients="$tmp/import/all.csv" 2>&1); rc=$?
check "an import of every line exits 0 (exit $rc)" '[ $rc -eq 0 ] && [ "$(sqlite3 "$tmp/import/all.db" "SELECT name FROM client")" = "Lucía Ferrer" ]'
# --export-clients writes the whole book, CSV or vCard, never over the records
out=$("$confianza" --database="$db" --export-clients="$tmp/import/book.csv" 2>&1); rc=$?
check "--export-clients writes every client to CSV (exit $rc: $out)" '[ $rc -eq 0 ] && [ "$(grep -c "@" "$tmp/import/book.csv")" -ge 12 ] && [ "$(stat -c %a "$tmp/import/book.csv")" = 600 ]'
out=$("$confianza" --database="$db" --export-clients="$tmp/import/book.vcf" 2>&1); rc=$?
check "--export-clients writes vCard for .vcf (exit $rc)" '[ $rc -eq 0 ] && [ "$(grep -c "^BEGIN:VCARD" "$tmp/import/book.vcf")" -ge 12 ]'
out=$("$confianza" --database="$tmp/import/back.db" --import-clients="$tmp/import/book.csv" 2>&1); rc=$?
check "the exported book imports back whole (exit $rc)" '[ $rc -eq 0 ] && [ "$(sqlite3 "$tmp/import/back.db" "SELECT count(*) FROM client")" = "$(sqlite3 "$db" "SELECT count(*) FROM client")" ]'
cp "$db" "$tmp/import/before.db"
out=$("$confianza" --database="$db" --export-clients="$db" 2>&1); rc=$?
check "--export-clients never writes over the database (exit $rc: $out)" '[ $rc -ne 0 ] && cmp -s "$db" "$tmp/import/before.db"'
out=$("$confianza" --help 2>&1)
check "--help explains the exit statuses, 3 for lines left out" 'echo "$out" | grep -q -- "--import-clients" && echo "$out" | grep -qE "(^|[^0-9])3 "'

# A named pipe nothing writes to, or a device, is refused at once: no hang.
mkfifo "$tmp/import/pipe.csv"
out=$(timeout 20 "$confianza" --database="$tmp/import/all.db" --import-clients="$tmp/import/pipe.csv" 2>&1); rc=$?
check "--import-clients refuses a named pipe at once (exit $rc: $out)" '[ $rc -ne 0 ] && [ $rc -ne 124 ] && [ -n "$out" ]'
out=$(timeout 20 "$confianza" --database="$tmp/import/all.db" --import-clients=/dev/zero 2>&1); rc=$?
check "--import-clients refuses a device (exit $rc)" '[ $rc -ne 0 ] && [ $rc -ne 124 ] && [ -n "$out" ]'
check "and nothing was imported from them" '[ "$(sqlite3 "$tmp/import/all.db" "SELECT count(*) FROM client")" = 1 ]'

# The command line in any locale: C, C.UTF-8, none at all (cron, systemd,
# containers), and Spanish. Arguments are text whatever the locale, and
# every error names its option.
in_locale () {
  local loc=$1; shift
  if [ "$loc" = unset ]; then
    env -u LC_ALL -u LANG -u LANGUAGE -u LC_TIME -u LC_CTYPE -u LC_MESSAGES "$@"
  else
    env LC_ALL="$loc" LANG="$loc" LANGUAGE= "$@"
  fi
}
for loc in C C.UTF-8 unset es_ES.UTF-8; do
  if [ "$loc" = es_ES.UTF-8 ] && ! locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$'; then
    echo "# the es_ES.UTF-8 locale is not installed: its cases are left out"
    continue
  fi
  dir="$tmp/locale-$loc"; mkdir -p "$dir"
  out=$(in_locale "$loc" "$confianza" --database="$demo" --export-client="Andrés Beltrán" --output="$dir/andrés.xlsx" 2>&1); rc=$?
  check "[$loc] --export-client with an accented name writes the report (exit $rc: $out)" '[ $rc -eq 0 ] && head -c 2 "$dir/andrés.xlsx" | grep -q PK'
  out=$(in_locale "$loc" "$confianza" --database="$demo" --export-portfolio --output="$dir/iso.xlsx" --from=2026-03-04 --to=2026-12-31 2>&1); rc=$?
  check "[$loc] --from and --to take ISO dates (exit $rc)" '[ $rc -eq 0 ] && [ -s "$dir/iso.xlsx" ]'
  out=$(in_locale "$loc" "$confianza" --database="$demo" --export-portfolio --output="$dir/bytes.xlsx" --to="$(printf '2026\377')" 2>&1); rc=$?
  check "[$loc] a value that is not text is refused naming its option (exit $rc)" '[ $rc -eq 2 ] && echo "$out" | grep -q -- "--to" && [ ! -e "$dir/bytes.xlsx" ]'
  out=$(in_locale "$loc" "$confianza" --database="$demo" --export-client="Nadie Nunca" --output="$dir/nadie.xlsx" 2>&1); rc=$?
  check "[$loc] an unknown client is refused naming --export-client (exit $rc)" '[ $rc -ne 0 ] && echo "$out" | grep -q -- "--export-client" && [ ! -e "$dir/nadie.xlsx" ]'
  out=$(in_locale "$loc" "$confianza" --database="$demo" --export-portfolio --output="$dir/ambiguous.xlsx" --from=03/04/2026 2>&1); rc=$?
  if [ "$loc" = es_ES.UTF-8 ]; then
    check "[$loc] 03/04/2026 is read in the locale's own order, day/month/year (exit $rc)" '[ $rc -eq 0 ] && [ -s "$dir/ambiguous.xlsx" ]'
    out=$(in_locale "$loc" "$confianza" --database="$demo" --export-portfolio --output="$dir/order.xlsx" --from=04/13/2026 2>&1); rc=$?
    check "[$loc] 04/13/2026, not in that order, is refused naming --from and the forms it takes (exit $rc)" '[ $rc -eq 2 ] && echo "$out" | grep -q -- "--from" && echo "$out" | grep -qE "[0-9]{4}-[0-9]{2}-[0-9]{2}" && [ ! -e "$dir/order.xlsx" ]'
  else
    check "[$loc] 03/04/2026, a different day in different countries, is refused naming --from and year-month-day (exit $rc)" '[ $rc -eq 2 ] && echo "$out" | grep -q -- "--from" && echo "$out" | grep -qE "[0-9]{4}-[0-9]{2}-[0-9]{2}" && [ ! -e "$dir/ambiguous.xlsx" ]'
  fi
  out=$(in_locale "$loc" "$confianza" --database="$demo" stray 2>&1); rc=$?
  check "[$loc] an argument that is not an option is refused in words (exit $rc)" '[ $rc -eq 2 ] && echo "$out" | grep -q "stray" && echo "$out" | grep -q -- "--database"'
done

# Without its installed settings schema the window cannot start: it says so
# in words and exits non-zero, and the command-line operations still work.
no_schema () {
  env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS="$tmp/no-schema" XDG_DATA_HOME="$tmp/no-schema-home" "$@"
}
out=$(no_schema timeout 30 "$confianza" --database="$tmp/no-schema.db" 2>&1); rc=$?
check "without the settings schema the window is refused in words (exit $rc: $(echo "$out" | head -n 1))" '[ $rc -eq 1 ] && echo "$out" | grep -q "GSETTINGS_SCHEMA_DIR" && echo "$out" | grep -q "io.github.confianza.Confianza" && ! echo "$out" | grep -q "GLib-GIO"'
out=$(no_schema "$confianza" --database="$demo" --check 2>&1); rc=$?
check "without the settings schema --check still works (exit $rc)" '[ $rc -eq 0 ]'
out=$(no_schema "$confianza" --database="$demo" --export-portfolio --output="$tmp/no-schema.xlsx" 2>&1); rc=$?
check "without the settings schema --export-portfolio still works (exit $rc)" '[ $rc -eq 0 ] && [ -s "$tmp/no-schema.xlsx" ]'

# Backup copies: --backup works on what a window has open; both refuse,
# with a status of their own, what they cannot use, leaving every file as it was
bk="$tmp/backup"; mkdir -p "$bk"; cp "$db" "$bk/live.db"; live="$bk/live.db"
before=$(sha256sum "$live")
out=$("$confianza" --database="$live" --backup="$bk/copy.db" 2>&1); rc=$?
check "--backup writes a private copy and leaves the database as it was (exit $rc)" '[ $rc -eq 0 ] && [ "$(stat -c %a "$bk/copy.db")" = 600 ] && [ "$before" = "$(sha256sum "$live")" ]'
out=$("$confianza" --database="$bk/copy.db" --check 2>&1); rc=$?
check "the copy holds the same records" '[ $rc -eq 0 ] && echo "$out" | grep -qE "(^|[^0-9])12 "'

state () { find "$bk" | sort; find "$bk" -type f -exec sha256sum {} + | sort; }
refuse_copy () {
  local what=$1 option=$2 want=$3 database=${4:-$live}
  local state_before state_after
  state_before=$(state)
  out=$("$confianza" --database="$database" "$option" 2>&1); rc=$?
  state_after=$(state)
  check "${option%%=*} refuses $what in words with status $want (got $rc: $(echo "$out" | head -n 1))" '[ $rc -eq $want ] && [ -n "$out" ]'
  check "${option%%=*} left every file untouched after refusing $what" '[ "$state_before" = "$state_after" ]'
}
head -c 65536 /dev/urandom > "$bk/random.db"
sqlite3 "$bk/other.db" "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hola');"
cp "$bk/copy.db" "$bk/newer.db"; sqlite3 "$bk/newer.db" "PRAGMA user_version=99;"
cp "$bk/copy.db" "$bk/damaged.db"
root=$(sqlite3 "$bk/damaged.db" "SELECT rootpage FROM sqlite_master WHERE name = 'client'")
head -c 12 /dev/zero | dd of="$bk/damaged.db" bs=1 seek=$(( (root - 1) * 4096 )) conv=notrunc 2>/dev/null
refuse_copy "the database itself" --backup="$live" 7
refuse_copy "the database's log" --backup="$live-wal" 7
refuse_copy "a database that is not Confianza's" --backup="$bk/x.db" 3 "$bk/other.db"
refuse_copy "a damaged database" --backup="$bk/x.db" 4 "$bk/damaged.db"
refuse_copy "a database from a newer Confianza" --backup="$bk/x.db" 5 "$bk/newer.db"
refuse_copy "a file of random bytes" --restore="$bk/random.db" 3
refuse_copy "another program's database" --restore="$bk/other.db" 3
refuse_copy "a missing file" --restore="$bk/missing.db" 3
refuse_copy "a damaged copy" --restore="$bk/damaged.db" 4
refuse_copy "a copy from a newer Confianza" --restore="$bk/newer.db" 5
refuse_copy "the database itself" --restore="$live" 7

# A restore never happens under a window: a window's store holds a shared
# flock () on the database for as long as it is open, as flock -s does here
if command -v flock >/dev/null; then
  exec 9<"$live"; flock -s 9
  refuse_copy "while a window has the database open" --restore="$bk/copy.db" 6
  out=$("$confianza" --database="$live" --restore="$bk/copy.db" 2>&1)
  check "the refusal says a window has it open" 'echo "$out" | grep -qiE "window|ventana"'
  flock -u 9; exec 9<&-
else
  ok "# SKIP a restore under a window: the flock command (util-linux) is not installed"
fi

out=$("$confianza" --database="$bk/new.db" --restore="$bk/damaged.db" 2>&1); rc=$?
check "--restore into a new database refuses a damaged copy and creates nothing (exit $rc)" '[ $rc -eq 4 ] && [ ! -e "$bk/new.db" ]'
out=$("$confianza" --database="$bk/new.db" --restore="$bk/copy.db" 2>&1); rc=$?
check "--restore into a new database makes it (exit $rc)" '[ $rc -eq 0 ] && [ "$(sqlite3 "$bk/new.db" "SELECT count(*) FROM client")" = 12 ]'

"$confianza" --database="$imp" --backup="$bk/two.db" >/dev/null 2>&1
out=$("$confianza" --database="$live" --restore="$bk/two.db" 2>&1); rc=$?
kept=$(echo "$out" | sed -n 's/.* \(\/.*before-restore.backup\)$/\1/p')
check "--restore replaces the records and keeps what was there as a copy (exit $rc)" '[ $rc -eq 0 ] && [ "$(sqlite3 "$live" "SELECT count(*) FROM client")" = 2 ] && [ -f "$kept" ] && [ "$(sqlite3 "$kept" "SELECT count(*) FROM client")" = 12 ]'

echo "1..$n"
exit $status

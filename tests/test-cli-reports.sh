#!/usr/bin/env bash
# Reports and imports from the command line, as a user runs them: a report
# never replaces the database, its companion files or any copy of records,
# whatever the spelling of the path or the links to it; reports are private
# (0600 under a usual umask, never wider than the file they replace) and
# flushed with their folder; and control characters from a CSV file reach
# neither the database nor the terminal.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
confianza=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GSETTINGS_BACKEND=memory
umask 022
n=0
status=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); echo "not ok $n - $1"; status=1; }
skip () { n=$((n+1)); echo "ok $n - $1 # SKIP $2"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

records="$tmp/records"
db="$records/x.db"
mkdir "$records"
if ! "$confianza" --database="$db" --demo >/dev/null 2>&1; then
  echo "Bail out! the sample database could not be written"
  exit 1
fi
clients=$(sqlite3 "$db" "SELECT count(*) FROM client")
cp "$db" "$tmp/pristine.db"

# Each case starts from the whole database, so that each one fails on its own
# where a report could replace records. The copy is written into the same
# file, which keeps the hard links to it.
restore () {
  cmp -s "$tmp/pristine.db" "$db" || cp "$tmp/pristine.db" "$db"
  rm -f "$db-wal" "$db-shm" "$db-journal"
}

# Every file's bytes (links followed) and every name, in the records' folder
# and in the report's
state () {
  local output=$1 file
  for file in "$db" "$db-wal" "$db-shm" "$db-journal" "$output"; do
    if [ -e "$file" ]; then echo "$file $(sha256sum < "$file")"; else echo "$file absent"; fi
  done
  ls -A "$records" "$(dirname "$output")" 2>&1
}

export_to () {
  local kind=$1 output=$2
  if [ "$kind" = client ]; then
    "$confianza" --database="$db" --export-client="bodegas valdeflores" --output="$output" 2>&1
  else
    "$confianza" --database="$db" --export-portfolio --output="$output" 2>&1
  fi
}

records_intact () {
  [ "$(sqlite3 "$db" "PRAGMA integrity_check; SELECT count(*) FROM client")" = "ok
$clients" ]
}

# Both reports refuse OUTPUT in words, and nothing changes anywhere
refuse () {
  local what=$1 output=$2 kind before after out rc
  for kind in client portfolio; do
    restore
    before=$(state "$output")
    out=$(export_to "$kind" "$output"); rc=$?
    after=$(state "$output")
    check "--export-$kind refuses $what in words (exit $rc: $(echo "$out" | head -n 1))" \
      '[ $rc -ne 0 ] && [ -n "$out" ]'
    check "--export-$kind to $what: every file byte for byte as it was, nothing written" \
      '[ "$before" = "$after" ]'
    check "--export-$kind to $what: the database still opens with its $clients clients" records_intact
  done
}

# The database under every name it can have
refuse "the database itself" "$db"
refuse "the database spelt with ./" "$records/./x.db"
mkdir "$records/sub"
refuse "the database spelt through sub/.." "$records/sub/../x.db"
ln -s "$db" "$tmp/link.xlsx"
refuse "a symbolic link to the database" "$tmp/link.xlsx"
check "the symbolic link is still a link to the database" '[ "$(readlink "$tmp/link.xlsx")" = "$db" ]'
ln -s "$records" "$tmp/folder-link"
refuse "the database through a linked folder" "$tmp/folder-link/x.db"
ln "$db" "$tmp/hard.xlsx"
refuse "a hard link to the database" "$tmp/hard.xlsx"

# Its companion files, which do not exist while no one has it open…
for suffix in -wal -shm -journal; do
  refuse "the database's $suffix file, not there yet" "$db$suffix"
done

# …and those of a database in use: sqlite3 keeps it open while Confianza
# runs from its .shell command
cat > "$tmp/in-use.sh" <<'EOF'
#!/usr/bin/env bash
# in-use.sh CONFIANZA DATABASE KIND OUTPUT RESULT
sum () { [ -e "$1" ] && sha256sum < "$1" || echo absent; }
before="$(sum "$2") $(sum "$4")"
out=$(if [ "$3" = client ]; then
        "$1" --database="$2" --export-client="bodegas valdeflores" --output="$4" 2>&1
      else
        "$1" --database="$2" --export-portfolio --output="$4" 2>&1
      fi); rc=$?
after="$(sum "$2") $(sum "$4")"
printf '%s\n%s\n%s\n%s\n' "$rc" "$before" "$after" "$out" > "$5"
EOF
chmod +x "$tmp/in-use.sh"
for target in wal shm wal-link; do
  case $target in
    wal-link) what="a hard link to the -wal file of a database in use"; output="$tmp/wal-link.xlsx"
              setup="ln '$db-wal' '$output'" ;;
    *) what="the -$target file of a database in use"; output="$db-$target"; setup="test -e '$output'" ;;
  esac
  for kind in client portfolio; do
    restore
    rm -f "$tmp/result" "$tmp/wal-link.xlsx"
    sqlite3 "$db" "SELECT count(*) FROM client;" \
      ".shell $setup && '$tmp/in-use.sh' '$confianza' '$db' $kind '$output' '$tmp/result'" \
      >/dev/null 2>&1
    if [ ! -s "$tmp/result" ]; then
      not_ok "--export-$kind to $what: the case could not be set up"
      continue
    fi
    { read -r rc; read -r before; read -r after; read -r out; } < "$tmp/result"
    check "--export-$kind refuses $what (exit $rc: $out)" \
      '[ "$rc" -ne 0 ] && [ -n "$out" ] && [ "$before" = "$after" ]'
    check "--export-$kind to $what: the database still opens with its $clients clients" records_intact
  done
done

# Any file that holds records, whatever its name: the backups first
cp "$db" "$db.backup-v2"
refuse "a pre-upgrade backup (x.db.backup-v2)" "$db.backup-v2"
mkdir "$records/backups"
cp "$db" "$records/backups/confianza-2026-03-04.db"
refuse "a daily backup in the backups folder" "$records/backups/confianza-2026-03-04.db"
cp "$db" "$tmp/copy.xlsx"
refuse "a copy of the database named like a report" "$tmp/copy.xlsx"
sqlite3 "$tmp/other.db" "PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);" \
  ".shell cp '$tmp/other.db-wal' '$tmp/old-log.xlsx'" >/dev/null 2>&1
check "a write-ahead log copied from another database starts with its magic number" \
  '[ "$(head -c 4 "$tmp/old-log.xlsx" | od -An -tx1 | tr -d " ")" = 377f0682 ]'
refuse "another database's write-ahead log, under a report's name" "$tmp/old-log.xlsx"

# Reports are private
restore
out=$(export_to portfolio "$tmp/new.xlsx"); rc=$?
check "a new report is written (exit $rc: $out)" '[ $rc -eq 0 ] && head -c 2 "$tmp/new.xlsx" | grep -q PK'
check "a new report is readable only by its owner under umask 022 (mode $(stat -c %a "$tmp/new.xlsx"))" \
  '[ "$(stat -c %a "$tmp/new.xlsx")" = 600 ]'
for mode in 644:600 640:600 400:400; do
  echo "an older report" > "$tmp/old-${mode%%:*}.xlsx"
  chmod "${mode%%:*}" "$tmp/old-${mode%%:*}.xlsx"
  out=$(export_to client "$tmp/old-${mode%%:*}.xlsx"); rc=$?
  got=$(stat -c %a "$tmp/old-${mode%%:*}.xlsx")
  check "replacing a report of mode ${mode%%:*} leaves mode $got (expected ${mode##*:})" \
    '[ $rc -eq 0 ] && [ "$got" = "${mode##*:}" ]'
done

# The rename is made durable: the folder is flushed after it
if ! command -v strace >/dev/null; then
  skip "the report's folder is flushed after the rename" "strace is not installed (Debian package strace)"
elif ! strace -f -qq -o /dev/null true 2>/dev/null; then
  skip "the report's folder is flushed after the rename" "strace cannot trace here (ptrace is not permitted)"
else
  strace -f -qq -e trace=openat,fsync,rename,renameat,renameat2 -o "$tmp/trace" \
    "$confianza" --database="$db" --export-portfolio --output="$tmp/traced.xlsx" >/dev/null 2>&1
  flushed=$(awk -v folder="\"$tmp\"" -v report="\"$tmp/traced.xlsx\")" '
    /rename/ && index($0, report) { renamed = 1; next }
    renamed && /O_DIRECTORY/ && index($0, folder ",") { fd = $NF; next }
    renamed && fd != "" && $0 ~ ("fsync\\(" fd "\\) += 0") { print "yes"; exit }
  ' "$tmp/trace")
  check "the report's folder is flushed after the rename" '[ "$flushed" = yes ]'
fi

# Control characters from a CSV file: not in the database, not on the terminal
imp="$tmp/import"
mkdir "$imp"
csv="$imp/$(printf 'clientes\033[7m.csv')"
printf 'Nombre;Estado;Notas;Extra\033[8m\n\033[31mAna\033[0m Gil;;Llamar\007 el lunes\357\277\276;\n\033[1mBea\007;\033[2Jperdida\033[0m;;\nCarla\302\233 Ruiz;;;\n' > "$csv"
out=$("$confianza" --database="$imp/clients.db" --import-clients="$csv" 2>&1)
# C0 controls and DEL but tab and line feed; C1 controls and U+FFFE, U+FFFF
# in UTF-8
controls () { printf '%s' "$1" | tr -d '\n\t' | LC_ALL=C grep -qaP '[\x00-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]'; }
check "the import's summary has no control character: $(echo "$out" | head -n 1)" \
  '[ -n "$out" ] && ! controls "$out"'
check "the import's summary quotes the cleaned status" 'echo "$out" | grep -q "\[2Jperdida\[0m"'
names=$(sqlite3 "$imp/clients.db" "SELECT name || '|' || coalesce(notes, '') FROM client ORDER BY id")
check "the clients are stored cleaned: $(echo $names)" \
  '[ "$names" = "$(printf "[31mAna[0m Gil|Llamar el lunes\nCarla Ruiz|")" ]'
dirty=$(sqlite3 "$imp/clients.db" "SELECT count(*) FROM client WHERE
  instr(name || coalesce(notes, ''), char(27)) OR instr(name || coalesce(notes, ''), char(7)) OR
  instr(name || coalesce(notes, ''), char(155)) OR instr(name || coalesce(notes, ''), char(65534))")
check "SQLite finds no ESC, BEL, CSI or U+FFFE in the clients" '[ "$dirty" = 0 ]'

# --export-client addresses the client as Preferences say (usted unless
# tú is chosen), in Spanish; the settings come from a key file here
schemas="$(dirname "$confianza")/../data"
if [ -f "$schemas/gschemas.compiled" ] && locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$'; then
  for address in usted tu; do
    restore
    mkdir -p "$tmp/config-$address/glib-2.0/settings"
    printf '[io/github/confianza/Confianza]\nclient-address=%s\n' "'$address'" \
      > "$tmp/config-$address/glib-2.0/settings/keyfile"
    out=$(GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$schemas" XDG_CONFIG_HOME="$tmp/config-$address" \
          LC_ALL=es_ES.UTF-8 LANGUAGE=es \
          "$confianza" --database="$db" --export-client="bodegas valdeflores" --output="$tmp/$address.xlsx" 2>&1)
    words=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode())' \
              "$tmp/$address.xlsx" 2>&1)
    if [ "$address" = usted ]; then
      check "--export-client with usted chosen says usted, never tú ($out)" \
        'echo "$words" | grep -q "Datos que guardamos sobre usted" && ! echo "$words" | grep -q "sobre ti"'
    else
      check "--export-client with tú chosen says tú, never usted ($out)" \
        'echo "$words" | grep -q "Datos que guardamos sobre ti" && ! echo "$words" | grep -q "sobre usted"'
    fi
  done
else
  skip "--export-client in both forms of address" "no compiled schemas or no es_ES.UTF-8"
fi

echo "1..$n"
exit $status

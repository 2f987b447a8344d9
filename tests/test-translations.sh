#!/usr/bin/env bash
# Every translation complete (no untranslated or fuzzy message), every file
# with translatable strings listed in po/POTFILES.in.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=$1
cd "$top"
status=0
n=0

ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); echo "not ok $n - $1"; status=1; }

# The template as the build makes it, from every file in POTFILES.in, so a
# string added to the code and missing from a translation counts as missing.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --package-name=confianza --files-from=po/POTFILES.in --directory="$top" \
  --output="$tmp/confianza.pot" --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=CONFIANZA_NPGETTEXT:1c,2,3 --flag=CONFIANZA_NPGETTEXT:2:pass-c-format \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format 2>"$tmp/xgettext.log" \
  || { cat "$tmp/xgettext.log"; not_ok "xgettext could not read the sources"; }

for po in po/*.po; do
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/confianza.pot" 2>/dev/null || cp "$po" "$tmp/merged.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
  if [ $? -ne 0 ]; then
    not_ok "$po does not compile: $stats"
  elif echo "$stats" | grep -qE 'untranslated|fuzzy'; then
    not_ok "$po is incomplete: $stats (run: ninja -C <build> confianza-update-po)"
    msgattrib --untranslated --no-wrap "$tmp/merged.po" 2>/dev/null | grep '^msgid' | head -n 20 | sed 's/^/# untranslated: /'
  else
    ok "$po: $stats"
  fi
done

# Sources that mark strings for translation must be in POTFILES.in.
missing=$(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext)\s*\(|translatable="yes"' \
            src resources --include='*.c' --include='*.ui' | sort |
          while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done)
if [ -n "$missing" ]; then
  not_ok "files with translatable strings missing from po/POTFILES.in: $(echo $missing)"
else
  ok "po/POTFILES.in lists every file with translatable strings"
fi

# And every file listed there exists.
absent=$(grep -vE '^\s*(#|$)' po/POTFILES.in | while read -r f; do [ -f "$f" ] || echo "$f"; done)
if [ -n "$absent" ]; then
  not_ok "po/POTFILES.in lists files that do not exist: $(echo $absent)"
else
  ok "every file in po/POTFILES.in exists"
fi

echo "1..$n"
exit $status

#!/usr/bin/env python3
# Counts the test cases in meson's JSON test logs (one TAP line per g_test
# case; a test program that did not speak TAP counts as one case) and prints
# "N passed, N failed". Exits 1 when any failed or no test ran.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding='utf-8').read().splitlines()
    except OSError as e:
        print(f'cannot read {path}: {e}')
        failed += 1
        continue
    for line in lines:
        entry = json.loads(line)
        result = entry.get('result')
        cases = re.findall(r'^(ok|not ok)\b.*?(# SKIP.*)?$', entry.get('stdout') or '', re.M)
        if cases:
            for verdict, skip in cases:
                if skip:
                    skipped += 1
                elif verdict == 'ok':
                    passed += 1
                else:
                    failed += 1
            # A crash after the last TAP line still fails the program.
            if result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and all(v == 'ok' for v, _ in cases):
                failed += 1
        elif result == 'SKIP':
            skipped += 1
        elif result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        else:
            failed += 1

summary = f'{passed} passed, {failed} failed'
if skipped:
    summary += f', {skipped} skipped'
print(summary)
sys.exit(1 if failed or passed == 0 else 0)

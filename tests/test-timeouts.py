#!/usr/bin/env python3
# Every test and benchmark in the meson files states its own timeout, sized
# for the slowest way CI runs it: meson's 30-second default once killed a
# test under AddressSanitizer on a busy 2-core machine.
# SPDX-License-Identifier: GPL-3.0-or-later
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
calls = []
for path in sorted(root.glob('**/meson.build')):
    if any(part.startswith(('_build', 'build')) for part in path.relative_to(root).parts):
        continue
    text = path.read_text(encoding='utf-8')
    text = re.sub(r'#.*', '', text)
    for match in re.finditer(r'(?<![\w.])(test|benchmark)\(', text):
        depth, i = 1, match.end()
        while depth and i < len(text):
            depth += {'(': 1, ')': -1}.get(text[i], 0)
            i += 1
        call = text[match.start():i]
        name = re.search(r"\(\s*('[^']*'|\w+)", call).group(1)
        line = text.count('\n', 0, match.start()) + 1
        calls.append((f'{path.relative_to(root)}:{line} {match.group(1)} {name}',
                      re.search(r'\btimeout\s*:', call) is not None))

print(f'1..{len(calls)}')
for n, (where, ok) in enumerate(calls, 1):
    print(f'{"ok" if ok else "not ok"} {n} - {where} states its timeout')
sys.exit(0 if calls and all(ok for _, ok in calls) else 1)

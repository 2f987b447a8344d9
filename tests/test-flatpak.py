#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest, checked offline (the GNOME runtime cannot be
downloaded here): it parses, names our application, builds Confianza with
meson on a stable GNOME runtime, and asks for nothing a private desktop
application does not need — no network, no home folder."""
import json
import sys

manifest_path, app_id = sys.argv[1], sys.argv[2]
n = 0
failed = 0


def check(cond, what):
    global n, failed
    n += 1
    print('%s %d - %s' % ('ok' if cond else 'not ok', n, what))
    failed += 0 if cond else 1


try:
    manifest = json.load(open(manifest_path, encoding='utf-8'))
    check(True, 'the manifest is valid JSON')
except (OSError, ValueError) as e:
    check(False, 'the manifest is valid JSON: %s' % e)
    print('1..%d' % n)
    sys.exit(1)

check(manifest.get('id') == app_id, 'its id is %s' % app_id)
check(manifest.get('command') == 'confianza', 'it starts the confianza command')
check(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
      'it builds on the GNOME runtime and SDK')
version = str(manifest.get('runtime-version', ''))
check(version.isdigit() and int(version) >= 44,
      'on a stable, numbered runtime, not master (%s)' % version)

args = manifest.get('finish-args', [])
check('--share=network' not in args, 'no network access: nothing is sent anywhere')
check(not any(a.startswith('--filesystem=') for a in args),
      'no access to the user\'s files beyond its own data (reports go through the file chooser portal)')
check('--socket=wayland' in args and '--socket=fallback-x11' in args,
      'a window on Wayland, and on X11 where there is no Wayland')

modules = manifest.get('modules', [])
names = [m.get('name') for m in modules if isinstance(m, dict)]
check(names and names[-1] == 'confianza', 'Confianza is the last module, built on the others')
check('libxlsxwriter' in names, 'libxlsxwriter (not in the GNOME runtime) is built in')
ours = next((m for m in modules if isinstance(m, dict) and m.get('name') == 'confianza'), {})
check(ours.get('buildsystem') == 'meson', 'Confianza builds with meson')
check(any(s.get('type') == 'dir' for s in ours.get('sources', [])), 'from this source tree')

print('1..%d' % n)
sys.exit(1 if failed else 0)

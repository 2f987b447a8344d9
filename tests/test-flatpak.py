#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest, checked offline (the GNOME runtime cannot be
downloaded here): flatpak-builder parses it without a warning; it names our
application as the file, desktop file and metainfo do; it builds on a
current GNOME runtime; it asks for exactly what a private desktop
application needs (no network, no files: those go through the file chooser
portal); libxlsxwriter is built from a pinned commit with the options the
reports need.

Usage: test-flatpak.py MANIFEST APP_ID DESKTOP_FILE METAINFO_FILE"""
import json
import re
import shutil
import subprocess
import sys

manifest_path, app_id, desktop_path, metainfo_path = sys.argv[1:5]
n = 0
failed = 0


def check(cond, what):
    global n, failed
    n += 1
    print('%s %d - %s' % ('ok' if cond else 'not ok', n, what))
    failed += 0 if cond else 1


builder = shutil.which('flatpak-builder')
if builder:
    run = subprocess.run([builder, '--show-manifest', manifest_path], capture_output=True, text=True)
    check(run.returncode == 0 and run.stderr.strip() == '',
          'flatpak-builder --show-manifest parses it with no warning%s'
          % ((': ' + run.stderr.strip()) if run.stderr.strip() else ''))
else:
    n += 1
    print('ok %d # SKIP flatpak-builder is not installed' % n)

try:
    manifest = json.load(open(manifest_path, encoding='utf-8'))
    check(True, 'the manifest is valid JSON')
except (OSError, ValueError) as e:
    check(False, 'the manifest is valid JSON: %s' % e)
    print('1..%d' % n)
    sys.exit(1)

check(manifest.get('id') == app_id, 'its id is %s' % app_id)
check(manifest_path.endswith('/' + app_id + '.json'), 'the file is named after the id')
desktop = open(desktop_path, encoding='utf-8').read()
check(desktop_path.endswith(app_id + '.desktop') and re.search(r'^Icon=%s$' % re.escape(app_id), desktop, re.M),
      'the desktop file is named after the id and uses it as its icon')
metainfo = open(metainfo_path, encoding='utf-8').read()
check('<id>%s</id>' % app_id in metainfo and '<launchable type="desktop-id">%s.desktop</launchable>' % app_id in metainfo,
      'the metainfo has the same id and launches that desktop file')
check(manifest.get('command') == 'confianza', 'it starts the confianza command')
check(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
      'it builds on the GNOME runtime and SDK')
version = str(manifest.get('runtime-version', ''))
check(version.isdigit() and int(version) >= 48,
      'on a current, numbered runtime, not master (%s)' % version)

expected_args = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
args = manifest.get('finish-args', [])
check(sorted(args) == sorted(expected_args),
      'the finish-args are exactly %s (no network, no files)' % ' '.join(expected_args))

cleanup = manifest.get('cleanup', [])
check(all(c in cleanup for c in ('/include', '/lib/pkgconfig', '/lib/cmake')),
      'headers, pkg-config and cmake files are cleaned up')

modules = manifest.get('modules', [])
names = [m.get('name') for m in modules if isinstance(m, dict)]
check(names and names[-1] == 'confianza', 'Confianza is the last module, built on the others')
xlsx = next((m for m in modules if isinstance(m, dict) and m.get('name') == 'libxlsxwriter'), {})
sources = xlsx.get('sources', [])
check(any(s.get('type') == 'git' and re.fullmatch(r'[0-9a-f]{40}', s.get('commit', '')) for s in sources),
      'libxlsxwriter is built from git at a pinned commit')
opts = xlsx.get('config-opts', [])
check('-DUSE_DTOA_LIBRARY=ON' in opts and '-DBUILD_SHARED_LIBS=ON' in opts
      and any(o.startswith('-DCMAKE_INSTALL_LIBDIR=') for o in opts),
      'libxlsxwriter writes numbers the same in any locale (dtoa), shared, into the runtime libdir')
ours = next((m for m in modules if isinstance(m, dict) and m.get('name') == 'confianza'), {})
check(ours.get('buildsystem') == 'meson', 'Confianza builds with meson')
check(any(s.get('type') == 'dir' for s in ours.get('sources', [])), 'from this source tree')

print('1..%d' % n)
sys.exit(1 if failed else 0)

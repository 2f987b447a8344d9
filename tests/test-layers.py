#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layers, checked on the includes themselves (DESIGN.md §3):

    src/model (GLib only) <- src/store (SQLite) <- src/export (libxlsxwriter)
    <- src/gui (GTK, libadwaita)

The static libraries of src/meson.build declare only their layer's
dependencies, but sqlite3.h and xlsxwriter.h sit in /usr/include where any
file can reach them. So every file under src/ is read, and an include
fails the test when it names a header of a layer above the file's own, a
library its layer may not use (SQLite outside store/, libxlsxwriter outside
export/, GTK, GDK or libadwaita outside gui/), or another folder's internal
header. src/main.c is the program: it stands with gui/.

The checker is itself tested first: on small trees in a temporary folder,
each with one bad include, it must find exactly that one.

Usage: test-layers.py SOURCE_ROOT"""
import pathlib
import re
import sys
import tempfile

LAYERS = ['model', 'store', 'export', 'gui']
# System headers that only one layer may include: prefix → that layer
LIBRARIES = {
    'sqlite3.h': 'store',
    'sqlite3ext.h': 'store',
    'xlsxwriter.h': 'export',
    'xlsxwriter/': 'export',
    'gtk/': 'gui',
    'gdk/': 'gui',
    'gsk/': 'gui',
    'adwaita.h': 'gui',
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)


def layer_of(relative):
    """The layer of a path relative to src/, or None for a file outside them"""
    parts = relative.parts
    if len(parts) == 1:
        return 'gui'
    return parts[0] if parts[0] in LAYERS else None


def problems(src):
    """Every wrong include under @src, as 'path: #include x: why'"""
    found = []
    for path in sorted(src.rglob('*')):
        if path.suffix not in ('.c', '.h') or not path.is_file():
            continue
        relative = path.relative_to(src)
        layer = layer_of(relative)
        if layer is None:
            continue
        rank = LAYERS.index(layer)
        text = path.read_text(encoding='utf-8', errors='replace')
        for bracket, name in INCLUDE.findall(text):
            why = None
            folder = name.split('/')[0] if '/' in name else None
            if bracket == '"' and folder in LAYERS:
                if LAYERS.index(folder) > rank:
                    why = f'{folder}/ is a layer above {layer}/'
                elif folder != layer and name.endswith('-internal.h'):
                    why = f'the internal header of {folder}/ is for {folder}/ only'
            else:
                for prefix, owner in LIBRARIES.items():
                    if name == prefix or (prefix.endswith('/') and name.startswith(prefix)):
                        if owner != layer:
                            why = f'only {owner}/ may include {name}'
            if why:
                closing = '>' if bracket == '<' else '"'
                found.append(f'{relative}: #include {bracket}{name}{closing}: {why}')
    return found


def self_test(check):
    """The checker on trees with one planted mistake each"""
    good = {
        'model/confianza-date.c': '#include <glib.h>\n#include "confianza-date.h"\n',
        'model/confianza-date.h': '#include <glib.h>\n',
        'store/confianza-store.c': '#include <sqlite3.h>\n#include "model/confianza-date.h"\n'
                                   '#include "confianza-store-internal.h"\n',
        'store/confianza-store-internal.h': '#include <sqlite3.h>\n',
        'export/confianza-report.c': '#include <xlsxwriter.h>\n#include "store/confianza-store.h"\n',
        'gui/confianza-window.c': '#include <adwaita.h>\n#include <gtk/gtk.h>\n'
                                  '#include "export/confianza-report.h"\n',
        'main.c': '#include "gui/confianza-application.h"\n',
    }
    bad = [
        ('model/confianza-date.c', '#include "store/confianza-store.h"\n', 'model includes store'),
        ('store/confianza-store.c', '#include "export/confianza-report.h"\n', 'store includes export'),
        ('export/confianza-report.c', '#include "gui/confianza-window.h"\n', 'export includes gui'),
        ('model/confianza-date.c', '#include <sqlite3.h>\n', 'SQLite outside store'),
        ('gui/confianza-window.c', '#  include <sqlite3.h>\n', 'SQLite in gui, spaced'),
        ('store/confianza-store.c', '#include <xlsxwriter.h>\n', 'libxlsxwriter outside export'),
        ('export/confianza-report.c', '#include <xlsxwriter/worksheet.h>\n', 'nothing wrong: libxlsxwriter\'s own headers in export'),
        ('export/confianza-report.c', '#include <gtk/gtk.h>\n', 'GTK outside gui'),
        ('model/confianza-date.h', '#include <adwaita.h>\n', 'libadwaita in a model header'),
        ('gui/confianza-window.c', '#include "store/confianza-store-internal.h"\n',
         'another folder\'s internal header'),
    ]
    with tempfile.TemporaryDirectory() as folder:
        root = pathlib.Path(folder) / 'src'
        for name, text in good.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        check(problems(root) == [], 'the checker passes a tree that keeps the layers')
        for name, line, what in bad:
            before = (root / name).read_text()
            (root / name).write_text(before + line)
            found = problems(root)
            (root / name).write_text(before)
            if what.startswith('nothing wrong'):
                check(found == [], f'the checker passes {what}')
            else:
                check(len(found) == 1 and found[0].startswith(name),
                      f'the checker fails {what}: {found}')


def main():
    source_root = pathlib.Path(sys.argv[1])
    results = []

    def check(ok, what):
        results.append((ok, what))

    self_test(check)
    found = problems(source_root / 'src')
    check(found == [], 'every include under src/ keeps the layers')
    print(f'1..{len(results)}')
    for n, (ok, what) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {n} - {what}')
    for line in found:
        print(f'# {line}')
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())

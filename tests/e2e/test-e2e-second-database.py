#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on the real binary: Confianza runs on one database and is
launched again with another. The second launch must hand its database to
the running instance and end; a window on the second database appears
(named after its file), and a client added there is saved in that file,
not in the first one.

Usage: test-e2e-second-database.py CONFIANZA_BINARY BUILD_DIR"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def clients(path):
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute('SELECT name FROM client ORDER BY id')]
    finally:
        con.close()


def main():
    # The second launch runs in another folder
    binary, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    try:
        import pyatspi  # noqa: F401
        from atspi_driver import App, Failure, Tap, dump, skip_reason, start_accessibility_bus, translator
    except ImportError as e:
        print('1..0 # SKIP python3-pyatspi is not installed (%s)' % e)
        return 0
    reason = skip_reason(session_bus=True)
    if reason:
        print('1..0 # SKIP ' + reason)
        return 0

    tap = Tap()
    ok = tap.ok
    t = translator(os.path.join(build, 'po'))
    _ = lambda s: t.gettext(s).replace('_', '')

    tmp = tempfile.mkdtemp(prefix='confianza-e2e-')
    first = os.path.join(tmp, 'primera.db')
    # A relative path: the second launch resolves it in its own folder
    os.mkdir(os.path.join(tmp, 'otra'))
    second = os.path.join(tmp, 'otra', 'segunda.db')
    env = dict(os.environ, GTK_A11Y='atspi', GSK_RENDERER='cairo',
               GSETTINGS_BACKEND='memory',
               GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'),
               XDG_DATA_HOME=os.path.join(tmp, 'data'))
    start_accessibility_bus()
    app = App([binary, '--database=' + first], env)

    try:
        try:
            launch = subprocess.run([binary, '--database=segunda.db'], env=env,
                                    cwd=os.path.dirname(second), timeout=30,
                                    capture_output=True)
            ok(launch.returncode == 0,
               'the second launch hands its database over and ends at once (exit %d)'
               % launch.returncode)
        except subprocess.TimeoutExpired:
            ok(False, 'the second launch hands its database over and ends at once (still running)')

        window = None
        deadline = time.time() + 15
        while window is None and time.time() < deadline:
            for i in range(app.root.childCount):
                frame = app.root.getChildAtIndex(i)
                if frame is not None and 'segunda.db' in (frame.name or ''):
                    window = frame
            time.sleep(0.3)
        names = [app.root.getChildAtIndex(i).name for i in range(app.root.childCount)]
        ok(window is not None, 'a window on the second database appeared (%s)' % names)
        ok(app.proc.poll() is None, 'in the instance that was already running')
        if window is None:
            raise Failure('no window on the second database')

        app.click(app.find('list item', _('Clients'), within=window))
        app.click(app.find('push button', _('Add Client'), within=window))
        app.type_into(app.find('text', _('_Name')), 'Estudio Nube')
        app.click(app.find('push button', _('_Save')))
        time.sleep(1)
        ok(True, 'a client was added in that window')
    except Failure as e:
        ok(False, str(e))
        dump(app)
    finally:
        app.finish()

    ok(os.path.exists(second) and clients(second) == ['Estudio Nube'],
       'the client is in the second database (%s)' % (clients(second) if os.path.exists(second) else 'missing'))
    ok(clients(first) == [], 'and not in the first (%s)' % clients(first))

    shutil.rmtree(tmp, ignore_errors=True)
    tap.plan()
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Takes the screenshots of data/screenshots/: every view of a demo client's
page, in Spanish, at 1280×800 and at 360×700, and the Today and Clients
pages. Run from the source folder, after building into _build:

    build-aux/screenshots.py [BUILD_DIR]

Needs xvfb-run, dbus-run-session, python3-pyatspi, xdotool and imagemagick."""
import os
import subprocess
import sys

SIZES = [(1280, 800, 'wide'), (360, 700, 'narrow')]


def inner(build, width, height, suffix, out):
    """Runs inside the virtual display and session bus."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'e2e'))
    from atspi_driver import translator
    import client_page

    t = translator(os.path.join(build, 'po'))
    _ = lambda s: t.gettext(s)
    app = client_page.start(os.path.join(build, 'src', 'confianza'), build, width, height)
    try:
        def shot(name):
            subprocess.run(['import', '-window', 'root', '-crop', '%dx%d+0+0' % (width, height),
                            os.path.join(out, '%s-%s.png' % (name, suffix))], check=True)
        app.find('label', client_page.DEMO_CLIENT)
        shot('clients')
        client_page.open_client(app, _)
        for i, view in enumerate(client_page.VIEWS):
            app.key('alt+%d' % (i + 1))
            shot('client-' + view)
        app.key('alt+Left')
        app.key('alt+1')
        shot('today')
    finally:
        app.finish()


def main():
    if len(sys.argv) > 2 and sys.argv[1] == '--inner':
        build, width, height, suffix, out = sys.argv[2:7]
        inner(build, int(width), int(height), suffix, out)
        return 0
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(source, '_build'))
    out = os.path.abspath(os.environ.get('SCREENSHOTS_DIR', os.path.join(source, 'data', 'screenshots')))
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, LANG='es_ES.UTF-8', LC_ALL='es_ES.UTF-8', LANGUAGE='es')
    for width, height, suffix in SIZES:
        subprocess.run(['xvfb-run', '-a', '-s', '-screen 0 %dx%dx24' % (max(width, 1280), max(height, 800)),
                        'dbus-run-session', '--', sys.executable, os.path.abspath(__file__), '--inner',
                        build, str(width), str(height), suffix, out], check=True, env=env)
    return 0


if __name__ == '__main__':
    sys.exit(main())

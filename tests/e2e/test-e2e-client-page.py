#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on the real binary: a demo client's page opens on its ledger,
and its first promise is on screen without scrolling, at 1280×800 and at
360×700; Alt+6 shows the trust index. Usage: test-e2e-client-page.py CONFIANZA_BINARY BUILD_DIR"""
import locale
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# The demo client's promise due first, as the demo writes it
FIRST_PROMISE = 'Catálogo para la feria de Burdeos'


def main():
    binary, build = sys.argv[1], sys.argv[2]
    try:
        import pyatspi
        from atspi_driver import Failure, Tap, dump, translator
        import client_page
    except ImportError as e:
        print('1..0 # SKIP python3-pyatspi is not installed (%s)' % e)
        return 0
    if not os.environ.get('DISPLAY'):
        print('1..0 # SKIP no X display: run under xvfb-run')
        return 0
    from shutil import which
    if which('xdotool') is None:
        print('1..0 # SKIP xdotool is not installed')
        return 0

    locale.setlocale(locale.LC_ALL, '')
    t = translator(os.path.join(build, 'po'))
    _ = lambda s: t.gettext(s)
    tap = Tap()

    for width, height in ((1280, 800), (360, 700)):
        app = client_page.start(binary, build, width, height)
        try:
            client_page.open_client(app, _)
            cells = [n for n in app.find_all(None, FIRST_PROMISE)
                     if n.getRoleName() in ('label', 'table cell', 'text')]
            tap.ok(len(cells) > 0, '%d×%d: the first promise is shown' % (width, height))
            if cells:
                e = cells[0].queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                tap.ok(0 <= e.y and e.y + e.height <= height and 0 <= e.x < width,
                       '%d×%d: and on screen without scrolling (at %d,%d)' % (width, height, e.x, e.y))
            app.key('alt+6')
            tap.ok(app.find('label', _('Trust index')) is not None,
                   '%d×%d: Alt+6 shows the trust index' % (width, height))
        except Failure as e:
            tap.ok(False, str(e))
            dump(app)
        finally:
            app.finish()

    tap.plan()
    return 0


if __name__ == '__main__':
    sys.exit(main())

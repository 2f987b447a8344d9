#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on the real binary, as a person would: a promise marked broken
offers a recovery plan where the failure is felt; accepting it records the
incident and lands in the wizard's first step. Typed text is ASCII: xdotool
may drop accented letters under es_ES.

Usage: test-e2e-broken-offer.py CONFIANZA_BINARY BUILD_DIR"""
import datetime
import locale
import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main():
    binary, build = sys.argv[1], sys.argv[2]
    try:
        import pyatspi  # noqa: F401
        from atspi_driver import (App, Failure, Tap, dump, skip_reason, start_accessibility_bus,
                                  translator, typed_date_format)
    except ImportError as e:
        print('1..0 # SKIP python3-pyatspi is not installed (%s)' % e)
        return 0
    reason = skip_reason()
    if reason:
        print('1..0 # SKIP ' + reason)
        return 0

    locale.setlocale(locale.LC_ALL, '')
    tap = Tap()
    ok = tap.ok
    t = translator(os.path.join(build, 'po'))
    _ = lambda s: t.gettext(s).replace('_', '')
    today = datetime.date.today()
    due = (today + datetime.timedelta(days=5)).strftime(typed_date_format())

    db = os.path.join(tempfile.mkdtemp(prefix='confianza-e2e-offer-'), 'offer.db')
    env = dict(os.environ, GTK_A11Y='atspi', GSK_RENDERER='cairo', GSETTINGS_BACKEND='memory',
               GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'))
    start_accessibility_bus()
    app = App([binary, '--database=' + db], env)

    try:
        app.click(app.find('list item', _('Clients')))
        app.click(app.find('push button', _('Add Client')))
        app.type_into(app.find('text', _('_Name')), 'Imprenta Soler')
        app.click(app.find('push button', _('_Save')))
        ok(True, 'a client was added through its dialog')

        app.mouse_click(app.find('label', 'Imprenta Soler'))
        app.click(app.find('push button', _('New _Promise')))
        app.type_into(app.find('text', _('_What you promise')), 'Catalogo impreso')
        app.type_into(app.find('text', _('_Due date')), due)
        app.click(app.find('push button', _('_Save')))
        ok(True, 'a promise due in 5 days was added')

        app.click(app.find('push button', _('Promise actions')))
        app.click(app.find('menu item', _('Mark _Broken…')))
        ok(app.find('label', _('Mark as Broken')) is not None, 'the broken dialog opened')
        app.type_into(app.find('text', _('_Why it was broken')), 'La imprenta cerro por vacaciones')
        app.click(app.find('push button', _('_Save')))

        ok(app.find('label', _('Start a Recovery Plan?')) is not None, 'marking it broken offers a recovery plan')
        app.click(app.find('push button', _('_Start Recovery Plan')))
        ok(app.find('label', _('Listen First')) is not None,
           'accepting the offer lands in the wizard on "%s"' % _('Listen First'))
    except Failure as e:
        ok(False, str(e))
        dump(app)
    finally:
        app.finish()

    con = sqlite3.connect(db)
    rows = con.execute('SELECT i.description, i.happened_on, c.name FROM incident i '
                       'JOIN client c ON c.id = i.client_id').fetchall()
    broken = con.execute('SELECT broken, broken_reason FROM promise').fetchall()
    con.close()
    ok(broken == [(1, 'La imprenta cerro por vacaciones')], 'the promise is stored as broken (%r)' % broken)
    ok(len(rows) == 1, 'accepting recorded exactly one incident (%d)' % len(rows))
    if rows:
        description, happened_on, name = rows[0]
        ok(name == 'Imprenta Soler', 'the incident belongs to the client')
        ok('Catalogo impreso' in description and 'La imprenta cerro por vacaciones' in description,
           'the incident says what was promised and why it failed (%s)' % description)
        ok(happened_on == today.isoformat(), 'broken before its due day: it happened today (%s)' % happened_on)

    tap.plan()
    return 0


if __name__ == '__main__':
    sys.exit(main())

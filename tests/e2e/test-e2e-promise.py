#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on the real binary, as a person would: create a client, add a
promise, mark it delivered early, and check the outcome on the page and in
the database. In es_ES.UTF-8 it also checks that the screen is in Spanish.

Usage: test-e2e-promise.py CONFIANZA_BINARY BUILD_DIR"""
import datetime
import locale
import os
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

n = 0


def ok(cond, what):
    global n
    n += 1
    print('%s %d - %s' % ('ok' if cond else 'not ok', n, what))
    return cond


def main():
    binary, build = sys.argv[1], sys.argv[2]
    try:
        import pyatspi  # noqa: F401
        from atspi_driver import App, Failure, dump, start_accessibility_bus, translator
    except ImportError as e:
        print('1..0 # SKIP python3-pyatspi is not installed (%s)' % e)
        return 0
    if not os.environ.get('DISPLAY'):
        print('1..0 # SKIP no X display: run under xvfb-run')
        return 0
    if subprocess_missing('xdotool'):
        print('1..0 # SKIP xdotool is not installed')
        return 0

    locale.setlocale(locale.LC_ALL, '')
    t = translator(os.path.join(build, 'po'))
    _ = lambda s: t.gettext(s).replace('_', '')
    spanish = locale.getlocale(locale.LC_MESSAGES)[0] or ''
    spanish = spanish.startswith('es')

    tmp = tempfile.mkdtemp(prefix='confianza-e2e-')
    db = os.path.join(tmp, 'e2e.db')
    env = dict(os.environ, GTK_A11Y='atspi', GSK_RENDERER='cairo',
               GSETTINGS_BACKEND='memory',
               GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'))
    start_accessibility_bus()
    app = App([binary, '--database=' + db], env)
    today = datetime.date.today()
    due = today + datetime.timedelta(days=5)
    fmt = locale.nl_langinfo(locale.D_FMT).replace('%y', '%Y')
    # Without a language set for dates, Confianza writes and reads year-month-day
    if (locale.setlocale(locale.LC_TIME) or 'C').split('.')[0] in ('C', 'POSIX'):
        fmt = '%Y-%m-%d'

    try:
        if spanish:
            ok(_('Clients') == 'Clientes', 'the sidebar says "Clientes" in Spanish')
        app.click(app.find('list item', _('Clients')))
        app.click(app.find('push button', _('Add Client')))

        app.type_into(app.find('text', _('_Name')), 'Panadería Ruiz')
        app.type_into(app.find('text', _('Co_mpany')), 'Panadería Ruiz S.L.')
        app.click(app.find('push button', _('_Save')))
        ok(True, 'a client was added through its dialog')

        app.mouse_click(app.find('label', 'Panadería Ruiz'))
        app.click(app.find('push button', _('New _Promise')))
        app.type_into(app.find('text', _('_What you promise')), 'Tres propuestas de logotipo')
        app.type_into(app.find('text', _('_Due date')), due.strftime(fmt))
        app.click(app.find('push button', _('_Save')))
        ok(True, 'a promise due in 5 days was added')

        app.click(app.find('push button', _('Promise actions')))
        app.click(app.find('menu item', _('Mark _Delivered…')))
        ok(app.find('label', _('Mark as Delivered')) is not None, 'the delivery dialog opened')
        app.click(app.find('push button', _('_Save')))
        time.sleep(1)

        chip = t.pgettext('promise outcome', 'Overdelivered')
        ok(app.find('label', chip) is not None,
           'the page shows the outcome "%s"' % chip)
        if spanish:
            ok(chip == 'Superada', 'the outcome is in Spanish')
    except Failure as e:
        ok(False, str(e))
        dump(app)
    finally:
        app.finish()

    con = sqlite3.connect(db)
    rows = con.execute('SELECT p.title, p.due_on, p.delivered_on, p.broken, c.name, c.last_contact '
                       'FROM promise p JOIN client c ON c.id = p.client_id').fetchall()
    con.close()
    ok(len(rows) == 1, 'the database holds exactly one promise (%d)' % len(rows))
    if rows:
        title, due_on, delivered_on, broken, name, last_contact = rows[0]
        ok(title == 'Tres propuestas de logotipo' and name == 'Panadería Ruiz',
           'the promise belongs to the client, with accents intact')
        ok(due_on == due.isoformat(), 'due date stored as typed (%s)' % due_on)
        ok(delivered_on == today.isoformat() and broken == 0, 'delivered today (%s)' % delivered_on)
        ok(last_contact == today.isoformat(), 'the delivery counts as a contact (%s)' % last_contact)

    print('1..%d' % n)
    return 0


def subprocess_missing(program):
    from shutil import which
    return which(program) is None


if __name__ == '__main__':
    sys.exit(main())

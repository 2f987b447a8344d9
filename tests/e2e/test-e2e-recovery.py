#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on the real binary, as a person would: record an incident on
a client's page and walk the whole recovery-plan wizard (source 001's story:
listen, apologise, a refund, a special guarantee, weekly follow-ups for two
months, the internal analysis), then check the plan, its compensation, the
guarantee promise and the follow-ups in the database. In es_ES.UTF-8 the
labels it looks for are the Spanish ones.

Usage: test-e2e-recovery.py CONFIANZA_BINARY BUILD_DIR"""
import datetime
import locale
import os
import shutil
import sqlite3
import subprocess
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
    if shutil.which('xdotool') is None:
        print('1..0 # SKIP xdotool is not installed')
        return 0

    locale.setlocale(locale.LC_ALL, '')
    t = translator(os.path.join(build, 'po'))
    _ = lambda s: t.gettext(s).replace('_', '')
    fmt = locale.nl_langinfo(locale.D_FMT).replace('%y', '%Y')
    # Without a language set for dates, Confianza writes and reads year-month-day
    if (locale.setlocale(locale.LC_TIME) or 'C').split('.')[0] in ('C', 'POSIX'):
        fmt = '%Y-%m-%d'
    today = datetime.date.today()
    day = lambda d: (today + datetime.timedelta(days=d)).strftime(fmt)

    tmp = tempfile.mkdtemp(prefix='confianza-e2e-')
    db = os.path.join(tmp, 'recovery.db')
    csv = os.path.join(tmp, 'clients.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write('Nombre;Empresa\nLucía Ferrer;Bodegas Valdeflores\n')
    subprocess.run([binary, '--database=' + db, '--import-clients=' + csv],
                   check=True, capture_output=True)

    env = dict(os.environ, GTK_A11Y='atspi', GSK_RENDERER='cairo',
               GSETTINGS_BACKEND='memory',
               GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'))
    start_accessibility_bus()
    app = App([binary, '--database=' + db], env)

    def next_page():
        app.click(app.find('push button', _('_Next')))
        time.sleep(0.5)

    try:
        app.click(app.find('list item', _('Clients')))
        app.mouse_click(app.find('label', 'Lucía Ferrer'))
        app.click(app.find('page tab', _('Incidents')))
        app.click(app.find('push button', _('Record an _Incident…')))
        app.type_into(app.find('text', _('_When it happened')), day(-3))
        app.type_into(app.find('text', _('What went _wrong, as the client lived it')),
                      'El catálogo de la feria llegó nueve días tarde.')
        app.type_into(app.find('text', _('_Cause category')), 'Plazos')
        app.click(app.find('push button', _('_Save')))
        ok(True, 'an incident was recorded through its dialog')

        ok(app.find('label', _('Start a Recovery Plan?')) is not None, 'recording it offers its recovery plan')
        app.click(app.find('push button', _('_Start Recovery Plan')))
        ok(app.find('label', _('Listen First')) is not None, 'the wizard opens on "%s"' % _('Listen First'))

        app.type_into(app.find('text', _('What the client _said, in their own words')),
                      'Quedamos fatal con los importadores.')
        app.type_into(app.find('text', _('_Invited to speak frankly on')), day(-2))
        app.type_into(app.find('text', _('Error _acknowledged on')), day(-2))
        next_page()

        ok(app.find('label', _('Acknowledge the Error and Apologise')) is not None, 'step 2: apologise')
        app.type_into(app.find('text', _('_Apologised on')), day(-1))
        app.type_into(app.find('text', _('_Who apologised')), 'Ana (directora)')
        next_page()

        ok(app.find('label', _('Take the Consequences')) is not None, 'step 3: take the consequences')
        app.type_into(app.find('text', _('A_mount')), '450')
        app.type_into(app.find('text', _('_Description')), 'Devolución del catálogo')
        app.type_into(app.find('text', _('_Given on')), day(-1))
        app.click(app.find('push button', _('_Add Compensation')))
        next_page()

        ok(app.find('label', _('Special Guarantee')) is not None, 'step 4: a special guarantee')
        app.type_into(app.find('text', _('What the _guarantee offers')),
                      'Si otra entrega llega tarde, ese trabajo es gratis.')
        app.type_into(app.find('text', _('_Valid until')), day(180))
        next_page()

        ok(app.find('label', _('Special Follow-Up')) is not None, 'step 5: special follow-up, weekly by default')
        next_page()

        ok(app.find('label', _('Internal Analysis')) is not None, 'step 6: the internal analysis')
        app.type_into(app.find('text', _('Root _cause')), 'El proveedor de papel no confirmó la fecha.')
        app.type_into(app.find('text', _('Corrective _measure')), 'Confirmar por escrito cada fecha de imprenta.')
        next_page()

        ok(app.find('label', _('Outcome')) is not None, 'the outcome page')
        app.click(app.find('push button', _('_Finish')))
        time.sleep(1)
    except Failure as e:
        ok(False, str(e))
        dump(app)
    finally:
        app.finish()

    con = sqlite3.connect(db)
    iso = lambda d: (today + datetime.timedelta(days=d)).isoformat()
    plans = con.execute('SELECT id, acknowledged_on, apologised_on, apologised_by, root_cause, '
                        'guarantee_promise_id, outcome FROM recovery_plan').fetchall()
    ok(len(plans) == 1, 'one recovery plan was stored (%d)' % len(plans))
    if plans:
        plan_id, acknowledged, apologised, by, cause, guarantee_id, outcome = plans[0]
        ok(acknowledged == iso(-2) and apologised == iso(-1),
           'acknowledged and apologised on the days typed (%s, %s)' % (acknowledged, apologised))
        ok(by == 'Ana (directora)' and cause.startswith('El proveedor'), 'who apologised, and the root cause')
        comp = con.execute('SELECT amount_cents, currency, description FROM compensation '
                           'WHERE plan_id = ?', (plan_id,)).fetchall()
        ok(comp == [(45000, 'EUR', 'Devolución del catálogo')], 'the refund: 450,00 EUR (%r)' % comp)
        promise = con.execute('SELECT due_on, plan_id FROM promise WHERE id = ?', (guarantee_id,)).fetchall()
        ok(promise == [(iso(180), plan_id)], 'the guarantee is a promise due when it ends (%r)' % promise)
        follow_ups = [r[0] for r in con.execute('SELECT due_on FROM follow_up WHERE plan_id = ? ORDER BY due_on',
                                                (plan_id,))]
        weekly = all((datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days == 7
                     for a, b in zip(follow_ups, follow_ups[1:]))
        ok(len(follow_ups) >= 8 and weekly, 'weekly follow-ups for two months (%d)' % len(follow_ups))
        ok(outcome == 'in-progress', 'the plan stays in progress (%s)' % outcome)
    con.close()

    print('1..%d' % n)
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo's ledger in both reports, read back with openpyxl: every demo
promise in the portfolio's Promises sheet with its outcome, every quick win
in its Quick wins sheet, the renegotiations (one in time and kept, one in
time and open, one told late) where the owner and the client read them.
Output is TAP.

Usage: check-demo-ledger.py CONFIANZA"""

import os
import sqlite3
import subprocess
import sys
import tempfile

n = 0
failed = False


def ok(condition, message):
    global n, failed
    n += 1
    print(f"{'ok' if condition else 'not ok'} {n} - {message}")
    failed = failed or not condition


try:
    import openpyxl
except ImportError:
    print("1..0 # SKIP openpyxl is not installed (python3-openpyxl)")
    sys.exit(0)

confianza = sys.argv[1]
env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", LANGUAGE="")
with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")
    portfolio = os.path.join(tmp, "portfolio.xlsx")
    client = os.path.join(tmp, "client.xlsx")
    run = lambda *args: subprocess.run([confianza, f"--database={db}", *args], env=env,
                                       capture_output=True, text=True)
    ok(run("--demo").returncode == 0, "the demo is written")
    ok(run("--export-portfolio", "-o", portfolio).returncode == 0, "the portfolio report is written")
    ok(run("--export-client=Beatriz Molina", "-o", client).returncode == 0, "a client report is written")

    con = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    promises = {(name, title) for name, title in con.execute(
        "SELECT c.name, p.title FROM promise p JOIN client c ON c.id = p.client_id")}
    wins = {(name, title) for name, title in con.execute(
        "SELECT c.name, q.title FROM quick_win q JOIN client c ON c.id = q.client_id")}

    book = openpyxl.load_workbook(portfolio)
    ledger = list(book["Promises"].iter_rows(min_row=2, values_only=True))
    rows = {(r[0], r[1]): r for r in ledger}
    ok(set(rows) == promises and len(ledger) == len(promises),
       f"every demo promise is in the ledger once ({len(ledger)} rows, {len(promises)} promises)")
    outcomes = {r[10] for r in ledger}
    ok(outcomes <= {"Open", "Overdue", "Kept", "Overdelivered", "Late", "Broken",
                    "Kept (renegotiated)", "Open (renegotiated)"}, f"outcomes {sorted(outcomes)}")
    kept = rows.get(("Beatriz Molina", "Renders del patio interior"))
    ok(kept is not None and kept[10] == "Kept (renegotiated)" and kept[12] == "Yes"
       and kept[4] < kept[5], "a renegotiation in time, then kept: Kept (renegotiated), first date before the agreed one")
    late = rows.get(("Raúl Ortega", "Calendario de clases"))
    ok(late is not None and late[10] == "Overdue" and late[4] == late[5] and late[12] == "No",
       "a date told late moves nothing: still overdue against its date")
    quick = {(r[1], r[2]) for r in book["Quick wins"].iter_rows(min_row=2, values_only=True)}
    ok(quick == wins, f"every demo quick win is in the Quick wins sheet ({len(quick)} of {len(wins)})")
    for name in ("Promises", "Quick wins"):
        sheet = book[name]
        ok(sheet.auto_filter.ref is not None and sheet.freeze_panes == "A2", f"{name}: filter and frozen header")
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r[0]}
    ok(summary.get("Dates renegotiated in time") == 2 and summary.get("Dates changed late or without agreement") == 1,
       "the summary counts renegotiations in time and late")

    report = openpyxl.load_workbook(client)
    ok("Date changes" in report.sheetnames, "the client report has its Date changes sheet")
    changes = list(report["Date changes"].iter_rows(min_row=2, values_only=True))
    ok(len(changes) == 2 and all(c[4] == "Yes" and c[5] == "Yes" for c in changes),
       "both of the client's renegotiations, agreed and told in time")

print(f"1..{n}")
sys.exit(1 if failed else 0)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads Confianza's Excel reports back with an independent reader (openpyxl).

  check-report.py client REPORT.xlsx EXPECT.json
  check-report.py period REPORT.xlsx N_PROMISES
  check-report.py portfolio REPORT.xlsx EXPECT.json
  check-report.py same-values A.xlsx B.xlsx
  check-report.py clean REPORT.xlsx TEXTS   (one text per line)

Prints every problem found and exits 1 if there was any, 77 when openpyxl
is missing (a skip), 0 otherwise.
"""

import datetime
import json
import math
import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:
    print("Python's openpyxl is not installed (Debian package python3-openpyxl)")
    sys.exit(77)

problems = []

# openpyxl's name for the built-in short date, number format 14
SHORT_DATE = "mm-dd-yy"
SHEET_NAME_FORBIDDEN = set('[]:*?/\\')


def problem(message):
    problems.append(message)


def check(condition, message):
    if not condition:
        problem(message)
    return condition


def load(path):
    return openpyxl.load_workbook(path, data_only=False)


def iso(value):
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def xml_parts(path):
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                yield name, archive.read(name).decode("utf-8")


def check_file(path, title):
    """What every report must be, whatever its contents."""
    book = load(path)
    names = book.sheetnames
    check(len(set(n.casefold() for n in names)) == len(names), f"{title}: sheet names repeat: {names}")
    for name in names:
        check(0 < len(name) <= 31, f"{title}: sheet name too long or empty: {name!r}")
        check(not (set(name) & SHEET_NAME_FORBIDDEN), f"{title}: sheet name with a forbidden character: {name!r}")
        check(not name.startswith("'") and not name.endswith("'"), f"{title}: sheet name with an apostrophe at an end: {name!r}")

    for name, xml in xml_parts(path):
        # Text is never a formula
        if name.startswith("xl/worksheets/"):
            check("<f>" not in xml and "<f " not in xml, f"{title}: {name} holds a formula")
        # No NaN or infinity reached a cell
        for bad in ("<v>nan</v>", "<v>inf</v>", "<v>-inf</v>", "<v>NaN</v>", "<v>INF</v>"):
            check(bad not in xml.lower() or bad.lower() not in xml.lower(), f"{title}: {name} holds {bad}")
        # Numbers are written with a decimal point, whatever the locale
        for value in re.findall(r"<v>([^<]*)</v>", xml):
            if name.startswith("xl/worksheets/"):
                check(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?", value) is not None
                      or value.isdigit(), f"{title}: {name} has a number written as {value!r}")
        for value in re.findall(r'width="([^"]*)"', xml):
            check(re.fullmatch(r"[0-9]+(\.[0-9]+)?", value) is not None,
                  f"{title}: {name} has a column width written as {value!r}")
        # Every part is valid UTF-8: the decode above would have failed

    # Document properties
    props = book.properties
    check(bool(props.title), f"{title}: no document title")
    check(props.created is not None, f"{title}: no creation date")

    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, float):
                    check(math.isfinite(value), f"{title}: {sheet.title}!{cell.coordinate} is {value}")
                if isinstance(value, datetime.datetime):
                    check(cell.number_format in (SHORT_DATE, "mmm yyyy"),
                          f"{title}: {sheet.title}!{cell.coordinate} date format {cell.number_format!r}")
    return book


def header_row(sheet, row=1):
    return [cell.value for cell in sheet[row]]


def check_table(sheet, title, first_row=1):
    check(sheet.freeze_panes == f"A{first_row + 1}", f"{title}: {sheet.title} header not frozen ({sheet.freeze_panes})")
    check(bool(sheet.auto_filter.ref), f"{title}: {sheet.title} has no filter")
    for letter, dimension in sheet.column_dimensions.items():
        if dimension.width:
            check(3 <= dimension.width <= 80, f"{title}: {sheet.title} column {letter} width {dimension.width}")


def find_row(sheet, label, column=1):
    for row in sheet.iter_rows(min_col=column, max_col=column):
        if row[0].value == label:
            return row[0].row
    return None


def check_client(path, expect_path):
    expect = json.load(open(expect_path, encoding="utf-8"))
    title = "client"
    book = check_file(path, title)

    check(book.sheetnames == expect["sheets"], f"{title}: sheets {book.sheetnames}, expected {expect['sheets']}")
    check(book.properties.creator == expect["business"],
          f"{title}: author {book.properties.creator!r}, expected {expect['business']!r}")

    # Nothing internal, nothing about another client, anywhere in the file
    for name, xml in xml_parts(path):
        for word in expect["forbidden"]:
            check(word not in xml, f"{title}: {name} contains {word!r}")

    summary, promises, wins = (book[n] for n in expect["sheets"][:3])
    values = {}
    for row in summary.iter_rows(min_col=1, max_col=2, values_only=True):
        if row[0] is not None:
            values[row[0]] = row[1]
    check(expect["business"] in values.values(), f"{title}: business name missing from the summary")
    check(expect["client"] in values.values(), f"{title}: client name missing from the summary")
    labels = expect["labels"]
    made = values.get(labels["made"])
    check(isinstance(made, int) and made == expect["counts"]["made"],
          f"{title}: promises made {made!r}, expected {expect['counts']['made']}")
    counts = expect["counts"]
    # A promise overdue and still undelivered is already not on time
    settled = counts["overdelivered"] + counts["kept"] + counts["late"] + counts["broken"] + counts.get("overdue", 0)
    rate = values.get(labels["on_time_rate"])
    check(isinstance(rate, float) and abs(rate - (counts["overdelivered"] + counts["kept"]) / settled) < 1e-12,
          f"{title}: on-time rate {rate!r}")
    rate_row = find_row(summary, labels["on_time_rate"])
    check(rate_row is not None and summary.cell(rate_row, 2).number_format == "0%", f"{title}: on-time rate not a percentage")
    check(values.get(labels["shared"]) == 1, f"{title}: quick wins shared {values.get(labels['shared'])!r}")
    check(len(summary._charts) == 1, f"{title}: the summary has {len(summary._charts)} charts")

    # The ledger, row by row against what was stored
    check_table(promises, title)
    rows = list(promises.iter_rows(min_row=2, values_only=True))
    check(len(rows) == len(expect["promises"]), f"{title}: {len(rows)} promise rows, expected {len(expect['promises'])}")
    for row, want in zip(rows, expect["promises"]):
        what = want["title"]
        check(row[0] == what and isinstance(row[0], str), f"{title}: title {row[0]!r}, expected {what!r}")
        check(iso(row[1]) == want["promised_on"] and isinstance(row[1], datetime.datetime), f"{title}: {what}: promised on {row[1]!r}")
        check(iso(row[2]) == want["due_on"] and isinstance(row[2], datetime.datetime), f"{title}: {what}: due {row[2]!r}")
        check(iso(row[5]) == want["delivered_on"], f"{title}: {what}: delivered on {row[5]!r}")
        check(row[8] == want["outcome"], f"{title}: {what}: outcome {row[8]!r}, expected {want['outcome']!r}")
        check((row[7] or None) == (want["extras"] or None), f"{title}: {what}: extras {row[7]!r}")
        if "promised_quantity" in want:
            check(row[3] == want["promised_quantity"] and isinstance(row[3], (int, float)),
                  f"{title}: {what}: promised quantity {row[3]!r}")
            check(row[4] == want["unit"], f"{title}: {what}: unit {row[4]!r}")
            check(row[6] == want["delivered_quantity"], f"{title}: {what}: delivered quantity {row[6]!r}")
        else:
            check(row[3] is None and row[6] is None, f"{title}: {what}: quantities without a quantity")
        days = want.get("days")
        check(row[9] == days, f"{title}: {what}: days {row[9]!r}, expected {days!r}")
    for cell in promises["J"][1:]:
        if cell.value is not None:
            check(cell.number_format == "+0;-0;0", f"{title}: days format {cell.number_format!r}")
    # A text that looks like a formula is a string
    formula = [c for c in promises["A"] if c.value == "=1+1"]
    check(len(formula) == 1 and formula[0].data_type == "s", f"{title}: =1+1 did not come back as a string")

    check_table(wins, title)
    rows = list(wins.iter_rows(min_row=2, values_only=True))
    check(len(rows) == len(expect["quick_wins"]), f"{title}: {len(rows)} quick wins")
    for row, want in zip(rows, expect["quick_wins"]):
        check(iso(row[0]) == want["achieved_on"], f"{title}: quick win achieved {row[0]!r}")
        check(row[1] == want["title"], f"{title}: quick win {row[1]!r}")
        check(iso(row[2]) == (want["shared_on"] or None), f"{title}: quick win shared {row[2]!r}")

    # The recovery plan: what was done, with the compensation as money
    plan = book[expect["sheets"][3]]
    amounts = [c for row in plan.iter_rows() for c in row if isinstance(c.value, float)]
    check(any(abs(c.value - 123.45) < 1e-9 and "€" in c.number_format for c in amounts),
          f"{title}: the compensation of 123,45 € is not a euro amount")

    privacy = book[expect["sheets"][4]]
    text = " ".join(str(c.value) for row in privacy.iter_rows() for c in row if c.value is not None)
    check("ana@example.es" in text, f"{title}: the data we keep does not show the email")
    check("/" not in text.replace("n/a", "") or ".db" not in text, f"{title}: the data we keep shows a path")


def check_period(path, n_promises):
    title = "period"
    book = check_file(path, title)
    promises = book.worksheets[1]
    rows = [r for r in promises.iter_rows(min_row=2, values_only=True) if r[0] is not None]
    check(len(rows) == int(n_promises), f"{title}: {len(rows)} promises in the period, expected {n_promises}")
    for row in rows:
        check(datetime.datetime(2024, 3, 1) <= row[2] <= datetime.datetime(2024, 4, 30),
              f"{title}: {row[0]!r} due {row[2]!r} is outside the period")


def check_portfolio(path, expect_path):
    expect = json.load(open(expect_path, encoding="utf-8"))
    title = "portfolio"
    book = check_file(path, title)
    check(book.sheetnames == expect["sheets"], f"{title}: sheets {book.sheetnames}")
    summary, clients, promises, quick_wins, incidents, plans = (book[n] for n in expect["sheets"])

    # The ledger across clients: one row per promise of the period, real
    # dates and numbers, as many as the clients' "Promises due" add up to
    check_table(promises, title)
    ledger = list(promises.iter_rows(min_row=2, values_only=True))
    due = sum(r[6] for r in clients.iter_rows(min_row=2, values_only=True) if isinstance(r[6], int))
    check(len(ledger) == due, f"{title}: {len(ledger)} promises in the ledger, {due} due")
    for row in ledger:
        check(isinstance(row[3], datetime.datetime) and isinstance(row[5], datetime.datetime),
              f"{title}: ledger dates {row[3]!r} {row[5]!r}")
        check(isinstance(row[10], str) and row[10], f"{title}: ledger outcome {row[10]!r}")
    check_table(quick_wins, title)
    for row in quick_wins.iter_rows(min_row=2, values_only=True):
        check(isinstance(row[0], datetime.datetime), f"{title}: quick win date {row[0]!r}")

    check_table(clients, title)
    rows = list(clients.iter_rows(min_row=2, values_only=True))
    check([r[0] for r in rows] == expect["clients"], f"{title}: clients {[r[0] for r in rows]}")
    for row in rows:
        check(isinstance(row[3], int) and 0 <= row[3] <= 100, f"{title}: {row[0]}: trust index {row[3]!r}")
        check(row[4] is None or row[4] == "—" or (isinstance(row[4], (int, float)) and 0 <= row[4] <= 1),
              f"{title}: {row[0]}: on-time rate {row[4]!r}")
        check(row[7] == expect["overdue"][row[0]], f"{title}: {row[0]}: overdue {row[7]!r}")
        check(row[9] is None or isinstance(row[9], datetime.datetime), f"{title}: {row[0]}: last contact {row[9]!r}")
    for cell in clients["E"][1:]:
        if isinstance(cell.value, (int, float)):
            check(cell.number_format == "0%", f"{title}: on-time rate format {cell.number_format!r}")

    check_table(incidents, title)
    rows = list(incidents.iter_rows(min_row=2, values_only=True))
    flags = [r[6] for r in rows if r[0] == "Ana Pérez"]
    check(flags == [expect["isolated"], expect["systemic"]], f"{title}: systemic flags {flags}")

    check_table(plans, title)
    rows = list(plans.iter_rows(min_row=2, values_only=True))
    check(len(rows) == 2, f"{title}: {len(rows)} recovery plans")
    for row in rows:
        check(isinstance(row[3], int) and 0 <= row[3] <= 6, f"{title}: steps done {row[3]!r}")
        check(isinstance(row[2], datetime.datetime), f"{title}: plan started {row[2]!r}")

    found = {}
    for row in summary.iter_rows():
        for cell in row:
            if cell.value in expect["currencies"]:
                amount = summary.cell(cell.row, cell.column + 1)
                found[cell.value] = (amount.value, amount.number_format)
    for code, (amount, number_format) in expect["currencies"].items():
        got = found.get(code)
        check(got is not None and abs(got[0] - amount) < 1e-9 and got[1] == number_format,
              f"{title}: compensation in {code}: {got!r}, expected {(amount, number_format)!r}")
    # The on-time rate and the quick wins, month by month
    check(len(summary._charts) == 2, f"{title}: the summary has {len(summary._charts)} charts")


def check_same_values(first, second):
    """The same numbers and dates in the same cells; texts may be translated."""
    a, b = check_file(first, "C"), check_file(second, "es_ES")
    check(len(a.worksheets) == len(b.worksheets), "the two reports have different sheets")
    compared = 0
    for sa, sb in zip(a.worksheets, b.worksheets):
        cells_a = {c.coordinate: c.value for row in sa.iter_rows() for c in row if c.value is not None}
        cells_b = {c.coordinate: c.value for row in sb.iter_rows() for c in row if c.value is not None}
        check(cells_a.keys() == cells_b.keys(), f"{sa.title}: filled cells differ: {sorted(cells_a.keys() ^ cells_b.keys())[:10]}")
        for coordinate, value in cells_a.items():
            other = cells_b.get(coordinate)
            if isinstance(value, (int, float, datetime.datetime)) and not isinstance(value, bool):
                compared += 1
                check(type(value) == type(other) and value == other,
                      f"{sa.title}!{coordinate}: {value!r} in C, {other!r} in es_ES")
            else:
                check(isinstance(other, str), f"{sa.title}!{coordinate}: text in C, {other!r} in es_ES")
        dims_a = {k: v.width for k, v in sa.column_dimensions.items()}
        dims_b = {k: v.width for k, v in sb.column_dimensions.items()}
        check(set(dims_a) == set(dims_b), f"{sa.title}: columns differ")
    check(compared > 10, f"only {compared} numbers and dates compared")
    print(f"{compared} numbers and dates compared")


def unsafe(character):
    """What confianza-text.h leaves out: controls but tab and line feed,
    and noncharacters (U+FFFE and U+FFFF are forbidden in XML)."""
    c = ord(character)
    return ((c < 0x20 and character not in "\t\n") or 0x7F <= c <= 0x9F
            or 0xFDD0 <= c <= 0xFDEF or (c & 0xFFFE) == 0xFFFE)


def check_clean(path, texts):
    """The workbook opens, holds each of @texts in a cell or a document
    property, and no character that breaks a workbook or a terminal."""
    title = "clean"
    try:
        book = check_file(path, title)
    except Exception as error:  # a workbook that cannot be read at all
        problem(f"{title}: the workbook cannot be opened: {error}")
        return
    props = book.properties
    found = [v for v in (props.title, props.creator, props.lastModifiedBy) if isinstance(v, str)]
    for sheet in book.worksheets:
        found.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            found.extend(v for v in row if isinstance(v, str))
    for text in texts:
        check(any(text in value for value in found), f"{title}: {text!r} is in no cell")
    for value in found:
        check(not any(unsafe(c) for c in value), f"{title}: {value!r} holds a control or a noncharacter")
    for name, xml in xml_parts(path):
        check(not any(unsafe(c) for c in xml.replace("\r", "")),
              f"{title}: {name} holds a control or a noncharacter")


def check_absent(path, texts):
    """No cell of the workbook holds any of @texts."""
    book = load(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    for text in texts:
                        check(text not in value, f"absent: {sheet.title} has {text!r} in {value!r}")


def main():
    mode = sys.argv[1]
    if mode == "client":
        check_client(sys.argv[2], sys.argv[3])
    elif mode == "period":
        check_period(sys.argv[2], sys.argv[3])
    elif mode == "portfolio":
        check_portfolio(sys.argv[2], sys.argv[3])
    elif mode == "same-values":
        check_same_values(sys.argv[2], sys.argv[3])
    elif mode == "absent":
        check_absent(sys.argv[2], sys.argv[3].split("\n"))
    elif mode == "clean":
        check_clean(sys.argv[2], sys.argv[3].split("\n"))
    else:
        print(__doc__)
        return 2

    for message in problems:
        print(message)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks one ledgerctl CSV output against docs/cli.md "CSV".

Usage: check_csv.py KIND FILE

KIND names a command's CSV (the table below: its columns, in order, each
with its kind). Checks, with Python's csv module: the UTF-8 BOM, CRLF line
ends, the header, every row as wide as the header, numbers bare, ids and
periods as ="..." text formulas, every other text cell quoted and never
starting with a character a spreadsheet runs (= + - @ tab CR), a TOTAL row
where the command has one, and for some kinds figures worked out by hand in
tools/examples/README.md. Exits 1 listing every problem.
"""
import csv
import io
import re
import sys

I, T, N = "id", "text", "number"  # column kinds (output.h ColumnKind)

ROW = [("employer_id", I), ("name", T), ("period", I), ("component", T),
       ("employee_id", I), ("principal_fen", N), ("paid_fen", N), ("outstanding_fen", N),
       ("original_due_date", T), ("due_date", T), ("deferred", T), ("late_fee_fen", N),
       ("late_fee_paid_fen", N), ("late_fee_waived_fen", N), ("overdue_fen", N),
       ("late_fee_outstanding_fen", N), ("credit_fen", N), ("next_due_date", T),
       ("next_due_fen", N)]
MONTHLY = [("pooling_area", I), ("month", I), ("policy_id", I), ("deferred_employers", N),
           ("employees", N), ("outstanding_fen", N), ("overdue_fen", N),
           ("newly_assessed_fen", N), ("settled_fen", N), ("newly_covered_fen", N),
           ("voided_fen", N), ("reallocated_fen", N), ("accelerated_fen", N),
           ("late_fee_waived_fen", N), ("applications_received", N),
           ("applications_granted", N), ("applications_rejected", N),
           ("applications_overdue", N), ("opening_outstanding_fen", N), ("known_at", T),
           ("rules_version", N), ("areas_merged", N)]

# kind: (columns, has a TOTAL row)
SHAPES = {
    "import": ([("file", T), ("events_read", N), ("appended", N), ("duplicates", N),
                ("first_sequence", N), ("last_sequence", N)], False),
    "events": ([("sequence", N), ("recorded_at", T), ("effective_date", T), ("type", T),
                ("event_id", I), ("employer_id", I), ("fields", T)], False),
    "owed": (ROW, True),
    "owed-all": ([("employer_id", I), ("name", T), ("principal_fen", N), ("paid_fen", N),
                  ("outstanding_fen", N), ("overdue_fen", N), ("late_fee_fen", N),
                  ("late_fee_paid_fen", N), ("late_fee_outstanding_fen", N),
                  ("late_fee_waived_fen", N), ("credit_fen", N), ("next_due_date", T),
                  ("next_due_fen", N)], True),
    "clearance": (ROW, True),
    "status": ([("employer_id", I), ("name", T), ("policy_id", I), ("enjoys_deferral", T),
                ("kind", T), ("event_id", I), ("basis", T), ("date", T), ("first_period", I),
                ("last_period", I), ("catch_up_date", T), ("review_deadline", T),
                ("revoked_or_decision", T), ("revoked_or_decided_on", T)], False),
    "defer-auto": ([("employer_id", I), ("pooling_area", I), ("verdict", T),
                    ("first_period", I), ("last_period", I), ("message", T)], True),
    "report-monthly": (MONTHLY, True),
    "report-merge": (MONTHLY, False),
    "report-arrears": ([("employer_id", I), ("name", T), ("pooling_area", I),
                        ("overdue_fen", N), ("overdue_1_30_fen", N), ("overdue_31_90_fen", N),
                        ("overdue_91_180_fen", N), ("overdue_181_365_fen", N),
                        ("overdue_over_365_fen", N), ("late_fee_outstanding_fen", N),
                        ("deferred_outstanding_fen", N), ("oldest_due_date", T),
                        ("last_payment_date", T)], True),
    "report-sla": ([("pooling_area", I), ("employer_id", I), ("policy_id", I),
                    ("event_id", I), ("applied_on", T), ("review_deadline", T), ("status", T),
                    ("decided_on", T), ("working_days_late", N)], True),
}

ID_FORMULA = re.compile(r'^="((?:[^"]|"")*)"$')
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unwrap(cell):
    """Returns the text of an ="..." cell."""
    match = ID_FORMULA.match(cell)
    return match.group(1).replace('""', '"') if match else cell


def check(kind, data, problems):
    columns, has_total = SHAPES[kind]
    if not data.startswith(b"\xef\xbb\xbf"):
        problems.append("no UTF-8 byte-order mark")
    text = data.decode("utf-8-sig")
    if not text.endswith("\r\n") or "\n" in text.replace("\r\n", ""):
        problems.append("a line does not end CRLF")
    values = list(csv.reader(io.StringIO(text, newline="")))
    # QUOTE_NONNUMERIC turns every unquoted field into a float (and fails on
    # an unquoted non-number): a float here means the field was bare.
    typed = list(csv.reader(io.StringIO(text, newline=""), quoting=csv.QUOTE_NONNUMERIC))
    header = [name for name, _ in columns]
    if values[0] != header:
        problems.append(f"header {values[0]}, expected {header}")
        return values
    if has_total != (values[-1][0] == "TOTAL"):
        problems.append(f"TOTAL row expected: {has_total}, last row {values[-1][:3]}")
    for line, (row, typed_row) in enumerate(zip(values[1:], typed[1:]), start=2):
        if len(row) != len(header):
            problems.append(f"line {line}: {len(row)} fields, header has {len(header)}")
            continue
        for (name, column_kind), cell, typed_cell in zip(columns, row, typed_row):
            where = f"line {line} {name} {cell!r}"
            if cell == "":
                if not isinstance(typed_cell, str):
                    problems.append(f"{where}: an empty cell must be quoted")
                continue
            if column_kind == N:
                if not isinstance(typed_cell, float) or not re.fullmatch(r"-?\d+", cell):
                    problems.append(f"{where}: expected a bare integer")
            elif not isinstance(typed_cell, str):
                problems.append(f"{where}: text must be quoted")
            elif column_kind == I and not (cell == "TOTAL" and name == header[0]):
                if not ID_FORMULA.match(cell):
                    problems.append(f'{where}: an id must be written ="..."')
            elif cell.startswith(FORMULA_START):
                problems.append(f"{where}: starts like a formula")
    return values


def rows_by_id(values):
    header = values[0]
    return {unwrap(row[0]): dict(zip(header, (unwrap(c) for c in row))) for row in values[1:]}


def check_figures(kind, values, problems):
    """Figures from tools/examples/README.md and the README's session."""
    def expect(what, actual, expected):
        if actual != expected:
            problems.append(f"{what}: {actual!r}, expected {expected!r}")

    rows = rows_by_id(values)
    if kind == "owed-all":  # zhangye as of 2023-06-30
        unpaid = rows.get("91620722MAE1W55H2H", {})
        expect("91620722MAE1W55H2H outstanding", unpaid.get("outstanding_fen"), "854100")
        expect("91620722MAE1W55H2H late fee", unpaid.get("late_fee_fen"), "77397")
        expect("91620722MAE1W55H2H next due", (unpaid.get("next_due_date"),
                                               unpaid.get("next_due_fen")), ("2023-06-30", "65700"))
        expect("91620724MAPYL8DFQ8 credit", rows.get("91620724MAPYL8DFQ8", {}).get("credit_fen"),
               "8250")
        expect("employers", len(values) - 2, 20)
        for name in ("principal_fen", "outstanding_fen", "late_fee_fen", "credit_fen"):
            column = values[0].index(name)
            total = sum(int(row[column]) for row in values[1:-1])
            expect(f"TOTAL {name}", values[-1][column], str(total))
    if kind in ("owed", "clearance"):  # 91620722MAE1W55H2H as of 2023-06-30
        total = dict(zip(values[0], values[-1]))
        expect("TOTAL outstanding", total["outstanding_fen"], "854100")
        expect("TOTAL late fee outstanding", total["late_fee_outstanding_fen"], "77397")
        # owed: 2022-01..2023-06, 18 periods x 2 components; clearance: the
        # 26 of them with something outstanding (README "clearance").
        expect("rows", len(values) - 2, 36 if kind == "owed" else 26)
        column = values[0].index("outstanding_fen")
        expect("sum of rows", sum(int(row[column]) for row in values[1:-1]), 854100)
    if kind == "import":
        expect("import", values[1][1:], ["797", "797", "0", "1", "797"])
    if kind == "report-sla":  # jinan as of 2022-12-31: jn-04-ap decided 1 working day late
        expect("breach", [unwrap(c) for c in values[1][3:]],
               ["jn-04-ap", "2022-08-29", "2022-09-01", "granted", "2022-09-02", "1"])
    if kind == "report-arrears":  # every row: Σ buckets = overdue; TOTAL = Σ rows
        header = values[0]
        overdue = header.index("overdue_fen")
        for row in values[1:-1]:
            expect(f"{unwrap(row[0])} Σ buckets", sum(int(c) for c in row[overdue + 1:overdue + 6]),
                   int(row[overdue]))
        for column in range(overdue, header.index("deferred_outstanding_fen") + 1):
            expect(f"TOTAL {header[column]}", int(values[-1][column]),
                   sum(int(row[column]) for row in values[1:-1]))
        figures = [int(row[overdue]) for row in values[1:-1]]
        expect("largest first", figures, sorted(figures, reverse=True))
    if kind == "report-monthly":  # zhangye 2022-09: 7 areas, then their sum
        area = values[0].index("outstanding_fen")
        expect("TOTAL outstanding", int(values[-1][area]),
               sum(int(row[area]) for row in values[1:-1]))
        expect("TOTAL outstanding (README)", values[-1][area], "4126246")


def main():
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = f.read()
    problems = []
    try:
        values = check(kind, data, problems)
        if not problems:
            check_figures(kind, values, problems)
    except (ValueError, csv.Error, IndexError, KeyError) as error:
        problems.append(f"cannot parse: {error!r}")
    for problem in problems:
        print(f"{path}: {kind}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks DIR/report.xlsx against the CSV files beside it, with openpyxl.

Usage: check_xlsx.py DIR [--code CODE]... [--text TEXT]...

- the sheets are Flags, Metrics, Coverage, Stability, Agreement (each where its CSV is there), then README;
- each sheet's header row is its CSV's header, its header row is frozen and it has a filter over every
  column and row;
- every cell holds its CSV field: an empty field is an empty cell, a number is a number cell equal to
  the field within the field's printed rounding (shown with a number format, not General), true/false
  are booleans, text is a text cell (the CSV's leading ' of a neutralised formula is not in the workbook);
- the code and name columns are text cells, whatever they look like;
- every --code CODE is a text cell of the Metrics sheet's customer column (leading zeros kept);
- every --text TEXT is a text cell somewhere (a name that starts with = stays text, never a formula).

When openpyxl is missing, says so and exits 0 ("report.xlsx check skipped: ..."): install it with
`pip install openpyxl`.
"""
import csv
import io
import os
import re
import sys

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    print("report.xlsx check skipped: openpyxl is not installed (pip install openpyxl)")
    sys.exit(0)

SHEETS = [("Flags", "flags.csv"), ("Metrics", "metrics.csv"), ("Coverage", "coverage.csv"),
          ("Stability", "stability.csv"), ("Agreement", "agreement.csv")]
TEXT_COLUMNS = {"customer", "item", "customer_name", "look_alike", "tier", "reasons", "explanation",
                "benchmark", "previous_tier"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?(e[+-]?\d+)?$")

failures = []


def fail(message):
    failures.append(message)


def tolerance(field):
    """Half a unit of the field's last printed digit."""
    mantissa, _, exponent = field.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 0.5 * 10 ** (-decimals + (int(exponent) if exponent else 0))


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(io.StringIO(handle.read())))


def check_sheet(sheet, rows):
    header, body = rows[0], rows[1:]
    got = list(sheet.iter_rows(min_row=1, max_row=1, values_only=True))[0]
    if list(got) != header:
        fail(f"{sheet.title}: header {list(got)} is not the CSV's {header}")
        return
    if sheet.freeze_panes != "A2":
        fail(f"{sheet.title}: the header row is not frozen ({sheet.freeze_panes})")
    expected_filter = f"A1:{get_column_letter(len(header))}{len(body) + 1}"
    if sheet.auto_filter.ref != expected_filter:
        fail(f"{sheet.title}: filter {sheet.auto_filter.ref}, expected {expected_filter}")
    if sheet.max_row != len(body) + 1:
        fail(f"{sheet.title}: {sheet.max_row - 1} rows, the CSV has {len(body)}")
    for r, (fields, cells) in enumerate(zip(body, sheet.iter_rows(min_row=2, max_row=len(body) + 1)), start=2):
        for name, field, cell in zip(header, fields, cells):
            where = f"{sheet.title}!{cell.coordinate} ({name})"
            value = cell.value
            if field == "":
                if value is not None:
                    fail(f"{where}: {value!r} where the CSV is empty")
            elif name in TEXT_COLUMNS:
                if cell.data_type != "s" or not (value == field or "'" + value == field):
                    fail(f"{where}: {value!r} ({cell.data_type}) is not the text {field!r}")
            elif field in ("true", "false"):
                if value is not (field == "true"):
                    fail(f"{where}: {value!r} is not {field}")
            elif NUMBER.match(field):
                if cell.data_type != "n" or isinstance(value, bool):
                    fail(f"{where}: {value!r} ({cell.data_type}) is not the number {field}")
                elif abs(value - float(field)) > tolerance(field):
                    fail(f"{where}: {value!r} is not {field}")
                elif cell.number_format == "General":
                    fail(f"{where}: a number without a number format")
            elif not (cell.data_type == "s" and (value == field or "'" + value == field)):
                fail(f"{where}: {value!r} is not the text {field!r}")


def main(argv):
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    folder, codes, texts = argv[0], [], []
    rest = argv[1:]
    while rest:
        option, value, rest = rest[0], rest[1], rest[2:]
        (codes if option == "--code" else texts).append(value)
    book = openpyxl.load_workbook(os.path.join(folder, "report.xlsx"))
    present = [(sheet, name) for sheet, name in SHEETS if os.path.exists(os.path.join(folder, name))]
    expected = [sheet for sheet, _ in present] + ["README"]
    if book.sheetnames != expected:
        fail(f"sheets {book.sheetnames}, expected {expected}")
    for sheet, name in present:
        if sheet in book.sheetnames:
            check_sheet(book[sheet], read_csv(os.path.join(folder, name)))
    if "README" in book.sheetnames:
        readme = book["README"]
        described = {(row[0], row[1]) for row in readme.iter_rows(min_row=2, values_only=True)}
        for sheet, name in present:
            for column in read_csv(os.path.join(folder, name))[0]:
                if (sheet, column) not in described:
                    fail(f"README sheet: no line for {sheet}'s column {column}")
    if codes:
        metrics = book["Metrics"]
        customers = {cell.value for (cell,) in metrics.iter_rows(min_row=2, max_col=1) if cell.data_type == "s"}
        for code in codes:
            if code not in customers:
                fail(f"Metrics: no text cell {code!r} in the customer column")
    for text in texts:
        found = any(cell.value == text and cell.data_type == "s"
                    for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)
        if not found:
            fail(f"no text cell {text!r}")
    for message in failures[:40]:
        print("FAIL: " + message)
    if failures:
        print(f"report.xlsx check failed: {len(failures)} problems")
        return 1
    cells = sum(sheet.max_row * sheet.max_column for sheet in book.worksheets)
    print(f"report.xlsx check passed: {len(book.sheetnames)} sheets, {cells} cells match the CSVs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

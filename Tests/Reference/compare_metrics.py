#!/usr/bin/env python3
"""Compare two metrics.csv files figure by figure.

Usage:
    python3 compare_metrics.py EXPECTED.csv ACTUAL.csv [--digits 10] [--abs 1e-9] [--max 20]

They match when they have the same header, the same row keys in the same
order, and every cell agrees: counts exactly; sums of quantities (actual,
forecast) as exact decimals ("55" equals "55.0", "0.3" does not equal
"0.30000000000000004"); other numbers to 10 significant digits (within one unit
of the 10th digit of the larger, or the absolute tolerance near zero); empty
against empty, anything else as text.
Prints the first differences (row key, column, both values) and a summary
line. Exit status: 0 when they match, 1 when they differ, 2 on a usage or
file error.
"""

import argparse
import csv
import math
import sys
from decimal import Decimal, InvalidOperation

KEY_COLUMNS = ("customer", "item", "lag")
# Counts must agree exactly, whatever the tolerance.
COUNT_COLUMNS = ("periods", "items", "cells", "mape_cells", "over_periods",
                 "under_periods", "from_lag", "to_lag", "revised_cells",
                 "cells_in_band", "periods_in_band", "revision_cells",
                 "revision_violations", "ratio_cells")
# Sums of quantities: exact decimal sums of the inputs.
EXACT_COLUMNS = ("actual", "forecast")


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = [r for r in csv.reader(handle) if r]
    if not rows:
        raise ValueError(f"{path}: empty file (no header)")
    return rows[0], rows[1:]


def as_number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value


def as_decimal(text):
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def cells_equal(a, b, digits, abs_tol, exact=False, decimal=False):
    if a == b:
        return True
    a_s, b_s = a.strip(), b.strip()
    if a_s == "" or b_s == "":
        return a_s == b_s
    if decimal:
        x, y = as_decimal(a_s), as_decimal(b_s)
        return x is not None and y is not None and x.is_finite() and x == y
    x, y = as_number(a_s), as_number(b_s)
    if x is None or y is None:
        return a_s == b_s
    if math.isnan(x) or math.isnan(y):
        return False
    if exact or math.isinf(x) or math.isinf(y):
        return x == y
    if abs(x - y) <= abs_tol:
        return True
    # One unit of the last significant digit kept, at the larger value's magnitude.
    size = max(abs(x), abs(y))
    unit = 10.0 ** (math.floor(math.log10(size)) - (digits - 1))
    return abs(x - y) <= unit


def main(argv=None):
    parser = argparse.ArgumentParser(description="Compare two metrics.csv files.")
    parser.add_argument("expected")
    parser.add_argument("actual")
    parser.add_argument("--digits", type=int, default=10,
                        help="significant digits figures must agree to (default 10)")
    parser.add_argument("--abs", dest="abs_tol", type=float, default=1e-9,
                        help="absolute tolerance near zero (default 1e-9)")
    parser.add_argument("--max", dest="max_shown", type=int, default=20,
                        help="differences to print (default 20)")
    args = parser.parse_args(argv)

    try:
        exp_header, exp_rows = read(args.expected)
        act_header, act_rows = read(args.actual)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if exp_header != act_header:
        print("header differs:")
        print(f"  expected: {','.join(exp_header)}")
        print(f"  actual:   {','.join(act_header)}")
        print("FAIL: headers differ")
        return 1

    key_idx = [i for i, name in enumerate(exp_header) if name in KEY_COLUMNS]

    def key_of(row):
        return ",".join(f"{exp_header[i]}={row[i] if i < len(row) else ''}"
                        for i in key_idx)

    differences = []
    if len(exp_rows) != len(act_rows):
        differences.append(
            f"row count: expected {len(exp_rows)}, actual {len(act_rows)}")
    compared = 0
    for n, (exp, act) in enumerate(zip(exp_rows, act_rows), start=2):
        if len(exp) != len(exp_header) or len(act) != len(exp_header):
            differences.append(
                f"line {n}: field count expected {len(exp)}, actual {len(act)}"
                f" (header has {len(exp_header)})")
            continue
        exp_key, act_key = key_of(exp), key_of(act)
        if [exp[i] for i in key_idx] != [act[i] for i in key_idx]:
            differences.append(
                f"line {n}: row key differs: expected [{exp_key}], actual [{act_key}]")
            continue
        for i, name in enumerate(exp_header):
            if i in key_idx:
                continue
            compared += 1
            if not cells_equal(exp[i], act[i], args.digits, args.abs_tol,
                               exact=name in COUNT_COLUMNS, decimal=name in EXACT_COLUMNS):
                differences.append(
                    f"[{exp_key}] {name}: expected {exp[i] or '(empty)'}, "
                    f"actual {act[i] or '(empty)'}")
    for extra in exp_rows[len(act_rows):][:3]:
        differences.append(f"missing row in actual: [{key_of(extra)}]")
    for extra in act_rows[len(exp_rows):][:3]:
        differences.append(f"extra row in actual: [{key_of(extra)}]")

    for line in differences[:args.max_shown]:
        print(line)
    if len(differences) > args.max_shown:
        print(f"... and {len(differences) - args.max_shown} more")
    if differences:
        print(f"FAIL: {len(differences)} difference(s); {len(exp_rows)} expected rows, "
              f"{len(act_rows)} actual rows, {compared} cells compared "
              f"({args.digits} digits, abs {args.abs_tol:g}, {', '.join(EXACT_COLUMNS)} exact)")
        return 1
    print(f"OK: {len(exp_rows)} rows, {compared} cells match "
          f"({args.digits} digits, abs {args.abs_tol:g}, {', '.join(EXACT_COLUMNS)} exact)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

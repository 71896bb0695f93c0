#!/usr/bin/env python3
"""Prints the named columns of a CSV file, aligned: columns.py FILE COLUMN... [--where COLUMN~REGEX] [--sum].

With --sum, one line with each column's total over the rows (empty cells count 0) instead of the rows.
"""
import csv
import re
import sys

args = sys.argv[1:]
total = "--sum" in args
args = [a for a in args if a != "--sum"]
where = None
if "--where" in args:
    k = args.index("--where")
    column, pattern = args[k + 1].split("~", 1)
    where = (column, re.compile(pattern))
    args = args[:k] + args[k + 2:]
path, columns = args[0], args[1:]
rows = [r for r in csv.DictReader(open(path, newline="", encoding="utf-8"))
        if where is None or where[1].search(r[where[0]])]
if total:
    sums = [sum(float(r[c] or 0) for r in rows) for c in columns]
    print("  ".join(f"{c} {s:g}" for c, s in zip(columns, sums)))
    sys.exit(0)
table = [columns] + [[r[c] for c in columns] for r in rows]
widths = [max(len(line[k]) for line in table) for k in range(len(columns))]
for line in table:
    print("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip())

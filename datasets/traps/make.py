#!/usr/bin/env python3
"""Writes the exports of notebooks-md/07-when-the-data-lies.md from `trueup generate`.

Usage: python3 datasets/traps/make.py PATH/TO/trueup

The generated customers C0001.. become numeric account numbers 100001.., as an
ERP has them. Then the traps:
  forecasts.csv            the customers' forecasts (lags 1 to 3); 100004 sends lag 3 only
  actuals.csv              the invoices, clean
  actuals-erp.csv          the same invoices as the ERP exports them: account
                           numbers padded to 10 digits with zeros, items in lower case
  actuals-pulled-early.csv the clean invoices plus three lines of the next month,
                           as an export pulled on its 10th day has them
"""
import csv, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as work:
    subprocess.run([sys.argv[1], "generate", "--customers", "12", "--items", "5", "--months", "14", "--lags", "3",
                    "--open", "1", "--seed", "707", work], check=True, stdout=subprocess.DEVNULL)
    forecasts = list(csv.reader(open(os.path.join(work, "forecasts.csv"), newline="")))
    actuals = list(csv.reader(open(os.path.join(work, "actuals.csv"), newline="")))

def account(code):
    return str(100000 + int(code[1:]))

def write(name, rows):
    with open(os.path.join(here, name), "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)

fc = [forecasts[0]] + [[account(r[0])] + r[1:] for r in forecasts[1:]
                       if not (r[0] == "C0004" and r[3] != "3")]
ac = [actuals[0]] + [[account(r[0])] + r[1:] for r in actuals[1:]]
write("forecasts.csv", fc)
write("actuals.csv", ac)
write("actuals-erp.csv", [ac[0]] + [[r[0].rjust(10, "0"), r[1].lower()] + r[2:] for r in ac[1:]])
last = max(r[2] for r in ac[1:])
year, month = int(last[:4]), int(last[5:7])
following = f"{year + month // 12:04d}-{month % 12 + 1:02d}"
write("actuals-pulled-early.csv", ac + [["100001", "SKU00002", following, "4"], ["100007", "SKU00001", following, "11"],
                                        ["100009", "SKU00005", following, "2"]])

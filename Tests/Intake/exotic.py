#!/usr/bin/env python3
"""Rewrites clean long-format data as the exports trueup meets in practice.

Usage: exotic.py CLEAN_DIR OUT_DIR

CLEAN_DIR holds forecasts.csv (customer,item,period,lag,forecast) and actuals.csv
(customer,item,period,actual), as `trueup generate` writes them. OUT_DIR gets:

  clean/forecasts.csv, clean/actuals.csv   the data every variant below holds: the input with
                                           some forecast rows left out and one customer renamed
                                           to a name with non-ASCII letters
  sap/forecasts.csv, sap/actuals.csv       a German SAP-style export: Windows-1252, semicolons,
                                           Kunde;Material;...;Monat;Prognosemenge;ME;Prognosedatum,
                                           months 01.2024, dates 15.12.2023, quantities 1.132,000,
                                           and actuals with returns split off as 5,000-
  sheets/CUSTOMER_forecast_SNAPSHOT.csv    one customer sheet per customer and snapshot month:
                                           Item, Description, then month columns (Jul-24 ...),
                                           grouped numbers ("2,105.5"), empty cells, a Total row
  us/actuals.txt                           spreadsheets' "Unicode text": UTF-16 with a byte order
                                           mark, tabs, dates 01/15/2024, returns as (5)

Every variant holds the same observations as clean/, so trueup must give the same
figures on each as on clean/ (and the reference implementation on clean/).
"""
import csv
import os
import random
import sys
from collections import defaultdict
from decimal import Decimal

clean_dir, out = sys.argv[1], sys.argv[2]
rnd = random.Random(14)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def read(name):
    with open(os.path.join(clean_dir, name), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def month_index(period):
    y, m = period.split("-")
    return int(y) * 12 + int(m) - 1


def period_of(index):
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


fh, forecasts = read("forecasts.csv")
ah, actuals = read("actuals.csv")
assert fh == ["customer", "item", "period", "lag", "forecast"], fh
assert ah == ["customer", "item", "period", "actual"], ah

# One customer gets a name only an encoding-aware reader keeps: the same in every variant.
first = sorted({r[0] for r in forecasts})[0]
renamed = "Müller & Söhne"
def rename(c):
    return renamed if c == first else c
forecasts = [[rename(r[0])] + r[1:] for r in forecasts if rnd.random() > 0.1]
actuals = [[rename(r[0])] + r[1:] for r in actuals]

os.makedirs(os.path.join(out, "clean"), exist_ok=True)
with open(os.path.join(out, "clean", "forecasts.csv"), "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows([fh] + forecasts)
with open(os.path.join(out, "clean", "actuals.csv"), "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows([ah] + actuals)


def german(value, places=3):
    """1132 -> 1.132,000; -5 -> 5,000- (SAP writes the sign after the number)."""
    q = Decimal(value).quantize(Decimal(1).scaleb(-places))
    negative = q < 0
    whole, _, fraction = f"{abs(q):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups) + ("," + fraction if fraction else "")
    return text + ("-" if negative else "")


def english(value):
    """2105.5 -> 2,105.5, keeping the decimal places as written."""
    q = Decimal(value)
    sign = "-" if q < 0 else ""
    whole, dot, fraction = f"{abs(q):f}".partition(".")
    return sign + f"{int(whole):,}" + (dot + fraction if fraction else "")


# The SAP export.
os.makedirs(os.path.join(out, "sap"), exist_ok=True)
with open(os.path.join(out, "sap", "forecasts.csv"), "w", newline="", encoding="cp1252") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\r\n")
    w.writerow(["Kunde", "Material", "Bezeichnung", "Monat", "Prognosemenge", "ME", "Prognosedatum"])
    for c, i, p, lag, q in forecasts:
        made = period_of(month_index(p) - int(lag))
        y, m = p.split("-")
        my, mm = made.split("-")
        w.writerow([c, i, f"Schraube {i} Größe M8", f"{m}.{y}", german(q), "ST", f"15.{mm}.{my}"])
with open(os.path.join(out, "sap", "actuals.csv"), "w", newline="", encoding="cp1252") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\r\n")
    w.writerow(["Auftraggeber", "Material", "Fakturadatum", "Fakturierte Menge", "ME"])
    for c, i, p, a in actuals:
        y, m = p.split("-")
        day = rnd.randint(1, 28)
        if Decimal(a) == Decimal(a).to_integral_value() and rnd.random() < 0.2:
            # A sale and a return in the same month: they sum to the clean quantity.
            ret = rnd.randint(1, 9)
            w.writerow([c, i, f"{day:02d}.{m}.{y}", german(Decimal(a) + ret), "ST"])
            w.writerow([c, i, f"{28:02d}.{m}.{y}", german(-ret), "ST"])
        else:
            w.writerow([c, i, f"{day:02d}.{m}.{y}", german(a), "ST"])

# Customer sheets: one per customer and snapshot month, months as columns.
sheets = os.path.join(out, "sheets")
os.makedirs(sheets, exist_ok=True)
by_sheet = defaultdict(dict)
for c, i, p, lag, q in forecasts:
    snapshot = month_index(p) - int(lag)
    by_sheet[(c, snapshot)][(i, month_index(p))] = q
for n, ((c, snapshot), cells) in enumerate(sorted(by_sheet.items())):
    months = sorted({m for (_, m) in cells})
    items = sorted({i for (i, _) in cells})
    s = period_of(snapshot)
    # The snapshot in the file name in two of the month forms trueup reads.
    name_month = s if n % 2 == 0 else f"{MONTHS[snapshot % 12]}{snapshot // 12}"
    with open(os.path.join(sheets, f"{c}_forecast_{name_month}.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["Item", "Description"] + [f"{MONTHS[m % 12]}-{m // 12 % 100:02d}" for m in months])
        totals = [Decimal(0)] * len(months)
        for i in items:
            row = [i, f"Part {i}"]
            for k, m in enumerate(months):
                q = cells.get((i, m))
                row.append("" if q is None else english(q))
                if q is not None:
                    totals[k] += Decimal(q)
            w.writerow(row)
        w.writerow(["Total", ""] + [english(t) for t in totals])

# Unicode text from a US spreadsheet.
os.makedirs(os.path.join(out, "us"), exist_ok=True)
with open(os.path.join(out, "us", "actuals.txt"), "w", newline="", encoding="utf-16") as f:
    w = csv.writer(f, delimiter="\t", lineterminator="\r\n")
    w.writerow(["Customer", "Item", "Invoice Date", "Quantity"])
    for k, (c, i, p, a) in enumerate(actuals):
        y, m = p.split("-")
        # Day 13 or later in some rows settles month-first for the whole file.
        day = 13 + k % 15 if k % 3 == 0 else 1 + k % 12
        q = Decimal(a)
        text = f"({english(-q)})" if q < 0 else english(q)
        w.writerow([c, i, f"{m}/{day:02d}/{y}", text])

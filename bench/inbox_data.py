#!/usr/bin/env python3
"""Writes the inbox benchmark's inputs from the benchmark's long forecasts (see bench/README.md).

    inbox_data.py FORECASTS ACTUALS ROWS OUTDIR

From the first ROWS data rows of FORECASTS (customer, item, period, lag, forecast;
sorted by customer as `trueup generate` writes them), it writes to OUTDIR:
  forecasts.csv   those rows, long format, as they were;
  actuals.csv     the ACTUALS rows of the same customers;
  forecasts.xlsx  the same rows as one workbook sheet (periods as text, lags and
                  forecasts as numbers), written with openpyxl in write-only mode;
  wide/           one CSV per customer and snapshot month, as customers send them:
                  `CUSTOMER_forecast_YYYY-MM.csv`, a row per item, a column per
                  target month (`Jan-24`), the snapshot being period - lag.
"""

import csv
import os
import sys
from collections import defaultdict

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_index(period):
    year, month = period.split("-")
    return int(year) * 12 + int(month) - 1


def period_text(index):
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def main(forecasts, actuals, rows, outdir):
    os.makedirs(os.path.join(outdir, "wide"), exist_ok=True)
    kept = []
    with open(forecasts, newline="") as source:
        reader = csv.reader(source)
        header = next(reader)
        for row in reader:
            if len(kept) == rows:
                break
            kept.append(row)
    customers = {row[0] for row in kept}
    with open(os.path.join(outdir, "forecasts.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(kept)
    with open(actuals, newline="") as source, open(os.path.join(outdir, "actuals.csv"), "w", newline="") as out:
        reader = csv.reader(source)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(next(reader))
        writer.writerows(row for row in reader if row[0] in customers)

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Forecasts")
    sheet.append(header)
    for customer, item, period, lag, forecast in kept:
        sheet.append([customer, item, period, int(lag), float(forecast)])
    book.save(os.path.join(outdir, "forecasts.xlsx"))

    # (customer, snapshot) -> item -> target month -> forecast text
    sheets = defaultdict(lambda: defaultdict(dict))
    for customer, item, period, lag, forecast in kept:
        target = month_index(period)
        sheets[(customer, target - int(lag))][item][target] = forecast
    for (customer, snapshot), items in sheets.items():
        targets = sorted({t for months in items.values() for t in months})
        name = f"{customer}_forecast_{period_text(snapshot)}.csv"
        with open(os.path.join(outdir, "wide", name), "w", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["Item"] + [f"{MONTHS[t % 12]}-{t // 12 % 100:02d}" for t in targets])
            for item in sorted(items):
                writer.writerow([item] + [items[item].get(t, "") for t in targets])


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])

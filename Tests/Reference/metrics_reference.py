#!/usr/bin/env python3
"""Independent reference implementation of the metrics.csv figures in METRICS.md.

This is a test oracle. It is written from the METRICS.md contract alone, in
plain Python with the standard library, so that it shares no code and no
numerical shortcuts with the Swift implementation. It favours being obviously
correct over being fast: every figure is computed straight from its
definition: quantities are read as Python Decimals, so the sums of quantities
(actual, forecast, each period's total error E_t) are exact decimal sums; the
other sums use math.fsum over floats, and the sign test exact integer arithmetic.

Usage:
    python3 metrics_reference.py --forecasts F.csv --actuals A.csv \
        [--from YYYY-MM] [--to YYYY-MM] [--lag N] \
        [--by customer|item|customer,item] [--delimiter ,] [--decimal-comma] \
        [--columns customer=Sold-To,item=Material,...] [--accounting FILE] \
        [--prices P.csv] [--as-of YYYY-MM] [--normalize-keys leading-zeros,case,spaces,punctuation|none]
        [--coverage FILE] [--closing FILE] [--allow-gaps] [--allow-low-coverage] [--units FILE]

metrics.csv goes to stdout. With --prices (columns item, unit_price and
optionally customer and unit_cost, named exactly so), the value columns of
METRICS.md "Value: accuracy in money" follow the others. With --accounting FILE, the row accounting
buckets are written to FILE as JSON; with --coverage FILE, coverage.csv (the
join audit of METRICS.md "Coverage"); with --closing FILE, the last closed
period, the incomplete month (or null), the stray months, the month cut off
by day (or null) and the gap months as JSON. Codes that look alike across the
files stop it with exit status 65 unless --normalize-keys is given; so do gap
months (METRICS.md "Data that can't be right") unless --allow-gaps is given.
With --units FILE, the customers whose forecast and actuals look like different
units (METRICS.md "Data that can't be right", units) and the stop on a whole
file's factor are written to FILE as JSON; a report by customer then stops
with exit status 65, as on look-alikes.

Where METRICS.md leaves room, the project's documented choices are used:
  (a) periods = number of distinct periods among the group's cells (equals
      |P(c, L)| when grouped by customer);
  (b) MASE's scale s is the mean of |A(t) - A(t-1)| over every (customer, item)
      series among the group's cells and every consecutive calendar-month pair
      from the first month in the actuals file (all actual rows, not only the
      window) to the window's last month; months without an actual row count
      as 0; A is the series' own summed actual. s = 0 or no pairs: mase empty;
  (c) naive N(i, t) = the same series' actual at month t - max(L, 1), over the
      cells whose month t - max(L, 1) is not before the first actuals month;
      fva_pts = naive_wmape - 100 * sum|e| / sum|A| over those same cells,
      empty when that sum|A| is 0; the seasonal naive likewise at month
      t - 12 * ceil(max(L, 1) / 12); benchmark is the one with the lower wmape
      (the defined one when only one is, naive on a tie), benchmark_fva_pts its fva;
  (d) tracking_signal: E_t summed over the group's cells in period t, over the
      group's periods; 0 when every E_t is 0;
  (e) rows sorted by the group key (UTF-8 bytes; customer then item), then lag;
  (f) the window's first month defaults to the earliest month in either file;
  (g) value columns: a group without a priced cell has priced_cells 0 and every
      other value column empty (an unpriced cell is never valued at 0);
      value_fva is empty when no priced cell has a naive forecast; an empty
      unit_cost means the cost is the price.
  (h) incomplete month: the months compared are the calendar months from
      max(first actual month, latest - 6) to latest - 1, a month without an
      actual row counting as 0 rows and 0 volume; volume is sum |A| over the
      month's (customer, item) actuals, each the sum of its rows; medians of
      an even count are the mean of the middle two;
  (i) normalisations: spaces removes every space, tab and no-break space;
      punctuation removes every '-', '_', '.', '/' and space; case folds to
      lower case; leading-zeros strips leading '0's but keeps the last
      character; applied in that order. A normalised code is shown
      with its first spelling in the forecasts, else in the actuals;
  (j) look-alikes: a customer code of the forecasts whose fully normalised
      form equals that of a different code of the actuals (in the window),
      and an item code of the forecasts that does the same within one fully
      normalised customer; the report lag is 1 when present, else the
      smallest lag in the window;
  (k) stray months: the latest month with actuals is stray when the month
      before it with rows is more than one month earlier and its row count is
      under 1% of the median row count of the months with rows up to that
      month; it is then not a closed period, and the month before it with
      rows is judged the same way; the incomplete-month and cut-off rules
      then judge the latest month that is not stray. A stray month's rows are
      open in the row accounting;
  (l) cut-off by day: a month's latest day is the largest day of its actual
      rows dated YYYY-MM-DD; the latest month is open when its latest day is
      more than 5 below the smallest latest day of the months from
      max(first actual month, latest - 6) to latest - 1 that have one, and at
      least 3 of those have one;
  (m) gap months: months from the first actual month to the last closed
      period with no actual row; with --allow-gaps their forecast rows are
      open, they have no cells and no coverage, a cell whose naive month is
      one has no naive forecast (as one before the first actual month), and
      MASE's scale takes no step to or from one;
  (n) units: a customer's monthly ratio is float(sum A) / float(sum F) over its
      cells in a period at the report lag (the exact decimal sums rounded once);
      a period with sum F = 0, or a ratio that is not positive, matches no
      factor; "within 3%" is |ratio / k - 1| <= 0.03 (|ratio * k - 1| <= 0.03
      for 1/k); the stop counts the customers with a period at the report lag.
"""

import argparse
import csv
import json
import math
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation, getcontext

# Sums of quantities are exact decimals (METRICS.md): room for any sum of 15-digit quantities.
getcontext().prec = 60

COLUMNS = [
    "lag", "periods", "items", "cells", "actual", "forecast", "bias_pct",
    "wmape", "accuracy_pct", "mape", "mape_cells", "smape", "mae", "rmse",
    "me", "mase", "tracking_signal", "over_periods", "under_periods",
    "sign_test_p", "naive_wmape", "fva_pts", "naive_cells_wmape",
    "seasonal_naive_wmape", "fva_seasonal_pts", "benchmark", "benchmark_fva_pts",
]

VALUE_COLUMNS = [
    "priced_cells", "actual_value", "forecast_value", "value_bias_pct",
    "value_wmape", "excess_cost", "shortfall_value", "value_fva",
]

GROUPINGS = {
    "customer": ("customer",),
    "item": ("item",),
    "customer,item": ("customer", "item"),
}


class InputError(Exception):
    pass


# ----------------------------------------------------------------- parsing

def parse_month(text, where):
    """Month index (year * 12 + month - 1) of YYYY-MM, YYYYMM or YYYY-MM-DD."""
    s = text.strip()
    year = month = None
    if len(s) == 7 and s[4] == "-" and s[:4].isdigit() and s[5:].isdigit():
        year, month = int(s[:4]), int(s[5:7])
    elif len(s) == 6 and s.isdigit():
        year, month = int(s[:4]), int(s[4:6])
    elif (len(s) == 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit()
          and s[5:7].isdigit() and s[8:].isdigit()):
        year, month = int(s[:4]), int(s[5:7])
        day = int(s[8:])
        if not 1 <= day <= 31:
            raise InputError(f"{where}: bad date {text!r}")
    if year is None or not 1 <= month <= 12:
        raise InputError(f"{where}: bad period {text!r}")
    return year * 12 + (month - 1)


def parse_day(text):
    """The day of a period YYYY-MM-DD (with an optional time after it), else 0."""
    s = text.strip()
    if len(s) >= 10 and s[4] == "-" and s[7] == "-" and s[8:10].isdigit():
        return int(s[8:10])
    return 0


def month_name(index):
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def parse_number(text, decimal_comma, where):
    s = text.strip().replace(" ", "")
    if decimal_comma and "," in s:
        s = s.replace(".", "").replace(",", ".")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise InputError(f"{where}: bad number {text!r}") from None
    if not value.is_finite() or not math.isfinite(float(value)):
        raise InputError(f"{where}: bad number {text!r}")
    # As read: the decimal the file wrote, not its nearest binary fraction.
    return value


def parse_lag(text, where):
    s = text.strip()
    try:
        return int(s)
    except ValueError:
        pass
    try:
        value = float(s)
    except ValueError:
        raise InputError(f"{where}: bad lag {text!r}") from None
    if value != int(value):
        raise InputError(f"{where}: bad lag {text!r}")
    return int(value)


def read_rows(path, delimiter, mapping, required, optional):
    """Yield (line_number, {logical column: text}) for every data row."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = None
        positions = {}
        for fields in reader:
            if not fields or all(f.strip() == "" for f in fields):
                continue  # blank line: not a row
            if header is None:
                header = [f.strip() for f in fields]
                for name in required + optional:
                    wanted = mapping.get(name, name)
                    pos = None
                    if wanted in header:
                        pos = header.index(wanted)
                    else:
                        lowered = [h.lower() for h in header]
                        if wanted.lower() in lowered:
                            pos = lowered.index(wanted.lower())
                    if pos is None:
                        if name in required:
                            raise InputError(
                                f"{path}: missing column {wanted!r}")
                        continue
                    positions[name] = pos
                continue
            row = {}
            for name, pos in positions.items():
                row[name] = fields[pos] if pos < len(fields) else ""
            yield reader.line_num, row
        if header is None:
            raise InputError(f"{path}: no header")


NORMALISATIONS = ("leading-zeros", "case", "spaces", "punctuation")


def normalise(code, which):
    """The code under the normalisations in `which`, in the order spaces, punctuation, case, leading zeros."""
    if "spaces" in which:
        code = "".join(ch for ch in code if ch not in (" ", "\t", "\u00a0"))
    if "punctuation" in which:
        code = "".join(ch for ch in code if ch not in ("-", "_", ".", "/", " ", "\t", "\u00a0"))
    if "case" in which:
        code = code.lower()
    if "leading-zeros" in which:
        while len(code) > 1 and code[0] == "0":
            code = code[1:]
    return code


def load(args):
    mapping = {}
    if args.columns:
        for part in args.columns.split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise InputError(f"--columns: expected column=header, got {part!r}")
            key, value = part.split("=", 1)
            mapping[key.strip()] = value.strip()

    forecasts = []          # (customer, item, month, lag, value)
    seen = {}               # (customer, item, month, lag) -> line number
    for line, row in read_rows(args.forecasts, args.delimiter, mapping,
                               ["customer", "item", "period", "forecast"],
                               ["lag", "snapshot"]):
        where = f"{args.forecasts}:{line}"
        month = parse_month(row["period"], where)
        if "lag" in row:
            lag = parse_lag(row["lag"], where)
        elif "snapshot" in row:
            lag = month - parse_month(row["snapshot"], where)
        else:
            lag = 0
        if lag < 0:
            raise InputError(f"{where}: lag {lag} is negative (a forecast made "
                             "after the period it forecasts)")
        value = parse_number(row["forecast"], args.decimal_comma, where)
        key = (row["customer"].strip(), row["item"].strip(), month, lag)
        key = args.rename(key[0], key[1], True) + key[2:]
        if key in seen:
            raise InputError(
                f"{args.forecasts}: duplicate forecast on lines {seen[key]} and {line}")
        seen[key] = line
        forecasts.append(key + (value,))

    actuals = []            # (customer, item, month, value)
    args.latest_day = {}    # month -> its actual rows' latest day
    for line, row in read_rows(args.actuals, args.delimiter, mapping,
                               ["customer", "item", "period", "actual"], []):
        where = f"{args.actuals}:{line}"
        month = parse_month(row["period"], where)
        day = parse_day(row["period"])
        if day:
            args.latest_day[month] = max(day, args.latest_day.get(month, 0))
        value = parse_number(row["actual"], args.decimal_comma, where)
        actuals.append(args.rename(row["customer"].strip(), row["item"].strip(), False) + (month, value))
    return forecasts, actuals


# ------------------------------------------------------------------ figures

def div(numerator, denominator):
    """numerator / denominator, or None (an empty field) when denominator is 0."""
    if denominator == 0:
        return None
    return numerator / denominator


def sign_test_p(k, n):
    """min(1, 2 * P(X >= max(k, n - k))), X ~ Binomial(n, 1/2), exactly."""
    m = max(k, n - k)
    tail = sum(math.comb(n, j) for j in range(m, n + 1))   # P = tail / 2**n
    numerator = min(2 * tail, 2 ** n)
    return numerator / (2 ** n)     # int / int: correctly rounded


def figures(cells, lag, series_actual, first_actual, window_last, prices=None, gaps=frozenset()):
    """All figures for one group x lag.

    cells: list of (customer, item, month, F, A).
    series_actual: (customer, item) -> {month: summed actual}.
    gaps: months left out (--allow-gaps): no naive forecast from them, no MASE step to or from them.
    """
    n = len(cells)
    # Sums of quantities and the per-period totals are exact decimal sums; the rest is in floats.
    exact_e = [c[3] - c[4] for c in cells]
    F = [float(c[3]) for c in cells]
    A = [float(c[4]) for c in cells]
    e = [float(x) for x in exact_e]
    abs_e = [abs(x) for x in e]
    abs_a = [abs(a) for a in A]

    out = {"lag": lag}
    out["periods"] = len({c[2] for c in cells})
    out["items"] = len({c[1] for c in cells})
    out["cells"] = n
    sum_a = math.fsum(A)
    out["actual"] = sum((c[4] for c in cells), Decimal(0))
    out["forecast"] = sum((c[3] for c in cells), Decimal(0))
    sum_e = math.fsum(e)
    sum_abs_e = math.fsum(abs_e)
    sum_abs_a = math.fsum(abs_a)
    out["bias_pct"] = div(100.0 * sum_e, sum_a)
    wmape = div(100.0 * sum_abs_e, sum_abs_a)
    out["wmape"] = wmape
    out["accuracy_pct"] = None if wmape is None else max(0.0, 100.0 - wmape)

    ratios = [ae / aa for ae, aa in zip(abs_e, abs_a) if aa != 0]
    out["mape"] = div(100.0 * math.fsum(ratios), len(ratios))
    out["mape_cells"] = len(ratios)

    smape_terms = []
    for f, a, ae in zip(F, A, abs_e):
        denom = abs(f) + abs(a)
        smape_terms.append(0.0 if denom == 0 else 2.0 * ae / denom)
    out["smape"] = div(100.0 * math.fsum(smape_terms), n)

    mae = div(sum_abs_e, n)
    out["mae"] = mae
    mse = div(math.fsum(x * x for x in e), n)
    out["rmse"] = None if mse is None else math.sqrt(mse)
    out["me"] = div(sum_e, n)

    # MASE: scale over every series among the cells and every consecutive
    # month pair from the first actuals month to the window's last month.
    series = sorted({(c[0], c[1]) for c in cells})
    diffs = []
    for key in series:
        by_month = series_actual.get(key, {})
        for t in range(first_actual + 1, window_last + 1):
            if t in gaps or t - 1 in gaps:
                continue
            diffs.append(abs(float(by_month.get(t, 0) - by_month.get(t - 1, 0))))
    scale = div(math.fsum(diffs), len(diffs)) if diffs else None
    if mae is None or scale is None or scale == 0:
        out["mase"] = None
    else:
        out["mase"] = mae / scale

    # Per-period total error E_t over the group's periods.
    per_period = defaultdict(list)
    for c, x in zip(cells, exact_e):
        per_period[c[2]].append(x)
    # Exact decimal totals: a period whose over- and under-forecasts cancel (0.1 + 0.2 - 0.3) is 0.
    totals = [float(sum(per_period[t], Decimal(0))) for t in sorted(per_period)]
    if all(x == 0 for x in totals):
        out["tracking_signal"] = 0.0
    else:
        mean_abs = math.fsum(abs(x) for x in totals) / len(totals)
        out["tracking_signal"] = math.fsum(totals) / mean_abs
    over = sum(1 for x in totals if x > 0)
    under = sum(1 for x in totals if x < 0)
    out["over_periods"] = over
    out["under_periods"] = under
    out["sign_test_p"] = sign_test_p(over, over + under)

    # The benchmarks: the same series' actual `shift` months earlier, over the cells whose month
    # `shift` back is not before the first actual month nor a gap month left out (--allow-gaps). Naive: max(L, 1) months; seasonal naive:
    # 12 * ceil(max(L, 1) / 12) months.
    def benchmark(shift):
        bench_abs_err, fc_abs_err, base_abs_a = [], [], []
        for c, f, a in zip(cells, F, A):
            source = c[2] - shift
            if source < first_actual or source in gaps:
                continue
            repeated = float(series_actual.get((c[0], c[1]), {}).get(source, 0))
            bench_abs_err.append(abs(repeated - a))
            fc_abs_err.append(abs(f - a))
            base_abs_a.append(abs(a))
        base = math.fsum(base_abs_a)
        bench_wmape = div(100.0 * math.fsum(bench_abs_err), base)
        own_wmape = div(100.0 * math.fsum(fc_abs_err), base)
        fva = None if bench_wmape is None or own_wmape is None else bench_wmape - own_wmape
        return bench_wmape, own_wmape, fva

    steps = max(lag, 1)
    naive_wmape, naive_cells_wmape, fva_pts = benchmark(steps)
    seasonal_wmape, _, fva_seasonal = benchmark(12 * ((steps + 11) // 12))
    out["naive_wmape"] = naive_wmape
    out["fva_pts"] = fva_pts
    out["naive_cells_wmape"] = naive_cells_wmape
    out["seasonal_naive_wmape"] = seasonal_wmape
    out["fva_seasonal_pts"] = fva_seasonal
    # The benchmark with the lower wmape; the defined one when only one is; naive on a tie.
    if naive_wmape is None and seasonal_wmape is None:
        out["benchmark"], out["benchmark_fva_pts"] = None, None
    elif seasonal_wmape is not None and (naive_wmape is None or seasonal_wmape < naive_wmape):
        out["benchmark"], out["benchmark_fva_pts"] = "seasonal-naive", fva_seasonal
    else:
        out["benchmark"], out["benchmark_fva_pts"] = "naive", fva_pts
    if prices is not None:
        out.update(value_figures(cells, lag, prices, series_actual, first_actual, gaps))
    return out


def value_figures(cells, lag, prices, series_actual, first_actual, gaps=frozenset()):
    """The money columns over the group's priced cells (METRICS.md "Value")."""
    priced = []                 # (cell, F, A, price, cost)
    for c in cells:
        found = prices.get((c[0], c[1]), prices.get((None, c[1])))
        if found is not None:
            price, cost = found
            # Quantities are Decimals (exact sums); money is compared at 10 significant digits, so floats do.
            priced.append((c, float(c[3]), float(c[4]), float(price), float(price if cost is None else cost)))
    out = {"priced_cells": len(priced)}
    if not priced:
        for name in VALUE_COLUMNS[1:]:
            out[name] = None
        return out
    actual_value = math.fsum(a * p for _, _, a, p, _ in priced)
    out["actual_value"] = actual_value
    out["forecast_value"] = math.fsum(f * p for _, f, _, p, _ in priced)
    out["value_bias_pct"] = div(100.0 * math.fsum((f - a) * p for _, f, a, p, _ in priced), actual_value)
    out["value_wmape"] = div(100.0 * math.fsum(abs(f - a) * p for _, f, a, p, _ in priced),
                             math.fsum(abs(a) * p for _, _, a, p, _ in priced))
    out["excess_cost"] = math.fsum(max(0.0, f - a) * cost for _, f, a, _, cost in priced)
    out["shortfall_value"] = math.fsum(max(0.0, a - f) * p for _, f, a, p, _ in priced)
    shift = max(lag, 1)
    naive_terms, forecast_terms = [], []
    for c, f, a, p, _ in priced:
        if c[2] - shift < first_actual or c[2] - shift in gaps:
            continue
        naive = float(series_actual.get((c[0], c[1]), {}).get(c[2] - shift, 0.0))
        naive_terms.append(abs(naive - a) * p)
        forecast_terms.append(abs(f - a) * p)
    out["value_fva"] = (math.fsum(naive_terms) - math.fsum(forecast_terms)) if naive_terms else None
    return out


def load_prices(path):
    """(customer or None, item) -> (price, cost or None); a second row for a key is an error."""
    prices = {}
    for line, row in read_rows(path, ",", {}, ["item", "unit_price"], ["customer", "unit_cost"]):
        customer = row.get("customer", "").strip() or None
        key = (customer, row["item"].strip())
        if key in prices:
            raise InputError(f"{path}:{line}: duplicate price for {key}")
        price = parse_number(row["unit_price"], False, f"{path}:{line}")
        cost_text = row.get("unit_cost", "").strip()
        cost = parse_number(cost_text, False, f"{path}:{line}") if cost_text else None
        if price < 0 or (cost is not None and cost < 0):
            raise InputError(f"{path}:{line}: negative price or cost")
        prices[key] = (price, cost)
    return prices


# --------------------------------------------------------------- the report

def median(values):
    ordered = sorted(values)
    n = len(ordered)
    if n % 2:
        return ordered[n // 2]
    return (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def stray_months(actuals):
    """The stray months at the end of the actuals, latest first: METRICS.md "Data that can't be right"."""
    rows = defaultdict(int)
    for a in actuals:
        rows[a[2]] += 1
    latest = max(rows)
    found = []
    while True:
        before = [t for t in rows if t < latest]
        if not before:
            return found
        previous = max(before)
        typical = median([rows[t] for t in before])
        if latest - previous > 1 and rows[latest] < 0.01 * typical:
            found.append(latest)
            latest = previous
        else:
            return found


def cut_off(actuals, latest, latest_day):
    """The latest month when its dates stop more than 5 days before the months before it, else None."""
    if latest not in latest_day:
        return None
    first = min(a[2] for a in actuals)
    days = [latest_day[t] for t in range(max(first, latest - 6), latest) if t in latest_day]
    if len(days) < 3 or latest_day[latest] >= min(days) - 5:
        return None
    return latest


def closing(actuals, as_of=None, latest_day=None):
    """(last closed period, incomplete month dict or None, stray months, cut-off month or None):
    METRICS.md "Closed periods" and "Data that can't be right"."""
    if as_of is not None:
        return as_of, None, [], None
    stray = stray_months(actuals)
    unstrayed = [a for a in actuals if a[2] not in stray]
    latest = max(a[2] for a in unstrayed)
    cut = cut_off(unstrayed, latest, latest_day or {})
    last, incomplete = incomplete_month(unstrayed, latest)
    if cut is not None:
        last = latest - 1
    return last, incomplete, stray, cut


def incomplete_month(actuals, latest):
    """(last closed period, incomplete month dict or None) of the incomplete-month rule alone."""
    first = min(a[2] for a in actuals)
    months = list(range(max(first, latest - 6), latest))
    if len(months) < 3:
        return latest, None
    rows = defaultdict(int)
    cells = defaultdict(list)
    for cust, item, t, value in actuals:
        rows[t] += 1
        cells[(cust, item, t)].append(value)
    volume = defaultdict(list)
    for (cust, item, t), values in cells.items():
        volume[t].append(abs(math.fsum(values)))
    vol = {t: math.fsum(v) for t, v in volume.items()}
    med_rows = median([rows.get(t, 0) for t in months])
    med_vol = median([vol.get(t, 0.0) for t in months])
    if rows[latest] < med_rows / 2 and vol[latest] < med_vol / 2:
        return latest - 1, {"month": month_name(latest), "rows": rows[latest], "volume": vol[latest],
                            "median_rows": med_rows, "median_volume": med_vol}
    return latest, None


def coverage(forecasts, actuals, lo, hi, report_lag, gaps=()):
    """(coverage rows, look-alike customer pairs, look-alike item pairs), METRICS.md "Coverage"."""
    forecasts = [f for f in forecasts if f[2] not in gaps]
    f_items = defaultdict(set)
    a_items = defaultdict(set)
    f_units = defaultdict(list)
    a_units = defaultdict(list)
    for cust, item, t, lag, value in forecasts:
        if lo <= t <= hi:
            f_items[cust].add(item)
            if lag == report_lag:
                f_units[(cust, item)].append(value)
    for cust, item, t, value in actuals:
        if lo <= t <= hi:
            a_items[cust].add(item)
            a_units[(cust, item)].append(value)
    full = NORMALISATIONS
    customers = sorted(set(f_items) | set(a_items), key=lambda c: c.encode())
    rows = []
    for c in customers:
        fi, ai = f_items.get(c, set()), a_items.get(c, set())
        look = ""
        if c in f_items:
            others = sorted(o for o in a_items if o != c and normalise(o, full) == normalise(c, full))
        else:
            others = sorted(o for o in f_items if o != c and normalise(o, full) == normalise(c, full))
        if others:
            look = others[0]
        fu = [v for i in fi for v in f_units.get((c, i), [])]
        au = [v for i in ai for v in a_units.get((c, i), [])]
        rows.append({
            "customer": c, "in_forecasts": c in f_items, "in_actuals": c in a_items,
            "forecast_items": len(fi), "actual_items": len(ai), "matched_items": len(fi & ai),
            "forecast_units": math.fsum(fu),
            "unbought_forecast_units": math.fsum(v for i in fi - ai for v in f_units.get((c, i), [])),
            "actual_units": math.fsum(au),
            "unforecast_actual_units": math.fsum(v for i in ai - fi for v in a_units.get((c, i), [])),
            "look_alike": look,
        })
    customer_pairs = [(c, o) for c in f_items for o in a_items
                      if o != c and normalise(o, full) == normalise(c, full)]
    item_pairs = []
    for c in f_items:
        for o in a_items:
            if normalise(o, full) != normalise(c, full):
                continue
            for i in f_items[c]:
                for j in a_items[o]:
                    if i != j and normalise(i, full) == normalise(j, full):
                        item_pairs.append((c, i, j))
    return rows, customer_pairs, item_pairs


COVERAGE_COLUMNS = ["customer", "in_forecasts", "in_actuals", "forecast_items", "actual_items",
                    "matched_items", "forecast_units", "unbought_forecast_units", "actual_units",
                    "unforecast_actual_units", "look_alike"]


def compute(forecasts, actuals, window_from=None, window_to=None, by="customer", prices=None, as_of=None, only_lag=None,
            latest_day=None, allow_gaps=False):
    """Return (rows, accounting). rows: list of (key tuple, figures dict)."""
    accounting = {
        "forecasts": {"read": len(forecasts), "used": 0, "open": 0,
                      "outside_window": 0, "rejected": 0},
        "actuals": {"read": len(actuals), "used": 0, "open": 0, "outside_window": 0,
                    "unmatched": 0, "rejected": 0},
    }

    # Summed actual per (customer, item, month), over every actual row.
    series_actual = defaultdict(lambda: defaultdict(list))
    for cust, item, t, value in actuals:
        series_actual[(cust, item)][t].append(value)
    series_actual = {k: {t: sum(v, Decimal(0)) for t, v in months.items()}
                     for k, months in series_actual.items()}

    if not actuals:
        # No actual row: no closed period, every forecast is open.
        accounting["forecasts"]["open"] = len(forecasts)
        return [], accounting

    last_closed, incomplete, stray, cut = closing(actuals, as_of, latest_day)
    first_actual = min(a[2] for a in actuals)
    with_rows = {a[2] for a in actuals}
    gaps = [t for t in range(first_actual, last_closed + 1) if t not in with_rows]
    accounting["closing"] = {"last_closed": month_name(last_closed), "incomplete_month": incomplete,
                             "stray_months": [month_name(t) for t in stray],
                             "cut_off_month": None if cut is None else month_name(cut),
                             "gap_months": [month_name(t) for t in gaps]}
    if gaps and not allow_gaps:
        raise InputError(f"no actual row in {', '.join(month_name(t) for t in gaps)}: run with --allow-gaps")
    earliest = min([a[2] for a in actuals] + [f[2] for f in forecasts])
    lo = window_from if window_from is not None else earliest
    hi = last_closed if window_to is None else min(window_to, last_closed)

    def in_window(t):
        return lo <= t <= hi

    # Forecast rows: open / outside window / used.
    scored = {}                          # (c, i, t, L) -> F
    periods_cl = defaultdict(set)        # (c, L) -> P(c, L)
    fc_items = defaultdict(set)          # (c, t, L) -> items with a forecast
    forecast_ct = set()                  # (c, t) with a forecast at any lag
    for cust, item, t, lag, value in forecasts:
        if t > last_closed or t in gaps:
            accounting["forecasts"]["open"] += 1
        elif not in_window(t):
            accounting["forecasts"]["outside_window"] += 1
        else:
            # Every such row makes t part of P(c, L) and is its own cell.
            accounting["forecasts"]["used"] += 1
            scored[(cust, item, t, lag)] = value
            periods_cl[(cust, lag)].add(t)
            fc_items[(cust, t, lag)].add(item)
            forecast_ct.add((cust, t))

    act_items = defaultdict(set)         # (c, t) -> items with an actual row
    for cust, item, t, value in actuals:
        if t > last_closed:
            accounting["actuals"]["open"] += 1
        elif not in_window(t):
            accounting["actuals"]["outside_window"] += 1
        elif (cust, t) in forecast_ct:
            # (c, t) is in P(c, L) for some L, so this row is in a cell.
            accounting["actuals"]["used"] += 1
            act_items[(cust, t)].add(item)
        else:
            accounting["actuals"]["unmatched"] += 1

    # Cells per customer x lag, then grouped.
    key_fields = GROUPINGS[by]
    groups = defaultdict(list)
    for (cust, lag), periods in periods_cl.items():
        for t in periods:
            items = fc_items[(cust, t, lag)] | act_items.get((cust, t), set())
            for item in items:
                f = scored.get((cust, item, t, lag), Decimal(0))
                a = series_actual.get((cust, item), {}).get(t, Decimal(0))
                fields = {"customer": cust, "item": item}
                key = tuple(fields[k] for k in key_fields)
                groups[(key, lag)].append((cust, item, t, f, a))

    rows = []
    for (key, lag), cells in groups.items():
        cells.sort(key=lambda c: (c[2], c[0].encode(), c[1].encode()))
        rows.append((key, figures(cells, lag, series_actual, first_actual, hi, prices, frozenset(gaps))))
    rows.sort(key=lambda r: (tuple(k.encode("utf-8") for k in r[0]),
                             r[1]["lag"]))
    lags = sorted({lag for (_, lag) in periods_cl})
    report_lag = only_lag if only_lag is not None else 1 if 1 in lags else (lags[0] if lags else None)
    accounting["coverage"] = coverage(forecasts, actuals, lo, hi, report_lag, set(gaps))
    accounting["units"] = units_mismatch(periods_cl, fc_items, act_items, scored, series_actual, report_lag)
    return rows, accounting


UNIT_FACTORS = (6, 10, 12, 24, 48, 100, 1000)


def units_mismatch(periods_cl, fc_items, act_items, scored, series_actual, report_lag):
    """METRICS.md "Data that can't be right", units: the customers with at least 6 periods at the
    report lag whose monthly ratio sum(A)/sum(F) lies within 3% of one factor k, or of 1/k, in at
    least 80% of them; and the stop, when one factor (in one direction) holds for more than half of
    the customers with a period at the report lag."""
    found = []
    customers = sorted({c for (c, lag) in periods_cl if lag == report_lag}, key=lambda c: c.encode())
    for cust in customers:
        periods = sorted(periods_cl[(cust, report_lag)])
        if len(periods) < 6:
            continue
        counts = defaultdict(int)
        for t in periods:
            items = fc_items[(cust, t, report_lag)] | act_items.get((cust, t), set())
            total_f = sum((scored.get((cust, i, t, report_lag), Decimal(0)) for i in items), Decimal(0))
            total_a = sum((series_actual.get((cust, i), {}).get(t, Decimal(0)) for i in items), Decimal(0))
            if total_f == 0:
                continue
            ratio = float(total_a) / float(total_f)
            if not (ratio > 0 and math.isfinite(ratio)):
                continue
            for k in UNIT_FACTORS:
                if abs(ratio / k - 1) <= 0.03:
                    counts[(k, True)] += 1
                elif abs(ratio * k - 1) <= 0.03:
                    counts[(k, False)] += 1
        for (k, larger), n in counts.items():
            if n >= 0.8 * len(periods):
                found.append({"customer": cust, "factor": k, "actuals_larger": larger, "months": n,
                              "periods": len(periods)})
    stop = None
    by_factor = defaultdict(list)
    for f in found:
        by_factor[(f["factor"], f["actuals_larger"])].append(f["customer"])
    for (k, larger), members in by_factor.items():
        if 2 * len(members) > len(customers):
            stop = {"factor": k, "actuals_larger": larger, "matching": len(members), "customers": len(customers)}
    return {"mismatched": found, "stop": stop}


def format_value(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        # Positional, without trailing zeros: "183481.2", "66146".
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    if value == 0:
        value = 0.0          # no "-0.0"
    return repr(float(value))


def write_csv(rows, by, out, only_lag=None, priced=False):
    columns = COLUMNS + (VALUE_COLUMNS if priced else [])
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(GROUPINGS[by]) + columns)
    for key, figs in rows:
        if only_lag is not None and figs["lag"] != only_lag:
            continue
        writer.writerow(list(key) + [format_value(figs[c]) for c in columns])


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Reference metrics.csv computed straight from METRICS.md.")
    parser.add_argument("--forecasts", required=True)
    parser.add_argument("--actuals", required=True)
    parser.add_argument("--from", dest="window_from")
    parser.add_argument("--to", dest="window_to")
    parser.add_argument("--lag", type=int)
    parser.add_argument("--by", default="customer", choices=sorted(GROUPINGS))
    parser.add_argument("--delimiter", default=",")
    parser.add_argument("--decimal-comma", action="store_true")
    parser.add_argument("--columns", help="column=header,... e.g. customer=Sold-To")
    parser.add_argument("--accounting", help="write the row accounting JSON here")
    parser.add_argument("--prices", help="prices CSV: item, unit_price, optional customer and unit_cost")
    parser.add_argument("--as-of", dest="as_of")
    parser.add_argument("--normalize-keys", dest="normalize_keys")
    parser.add_argument("--coverage", help="write coverage.csv here")
    parser.add_argument("--closing", help="write the last closed period and incomplete month JSON here")
    parser.add_argument("--allow-gaps", dest="allow_gaps", action="store_true")
    parser.add_argument("--allow-low-coverage", dest="allow_low_coverage", action="store_true")
    parser.add_argument("--units", help="write the customers whose forecast and actuals look like different units here")
    args = parser.parse_args(argv)

    try:
        if args.delimiter == "\\t":
            args.delimiter = "\t"
        window_from = (parse_month(args.window_from, "--from")
                       if args.window_from else None)
        window_to = (parse_month(args.window_to, "--to")
                     if args.window_to else None)
        as_of = parse_month(args.as_of, "--as-of") if args.as_of else None
        which = () if args.normalize_keys in (None, "none") else tuple(args.normalize_keys.split(","))
        spelling = {}            # (kind, normalised code) -> code shown

        def rename(customer, item, from_forecasts):
            out = []
            for kind, code in (("customer", customer), ("item", item)):
                key = (kind, normalise(code, which))
                known = spelling.get(key)
                if known is None or (from_forecasts and not known[1]):
                    spelling[key] = (code, from_forecasts)
                out.append(key)
            return tuple(out)
        args.rename = rename
        forecasts, actuals = load(args)
        show = lambda key: spelling[key][0]
        forecasts = [(show(f[0]), show(f[1])) + tuple(f[2:]) for f in forecasts]
        actuals = [(show(a[0]), show(a[1])) + tuple(a[2:]) for a in actuals]
        prices = load_prices(args.prices) if args.prices else None
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 65

    try:
        rows, accounting = compute(forecasts, actuals, window_from, window_to, args.by, prices, as_of, args.lag,
                                   args.latest_day, args.allow_gaps)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 65
    closing_facts = accounting.pop("closing", None)
    units = accounting.pop("units", {"mismatched": [], "stop": None})
    if args.units:
        with open(args.units, "w", encoding="utf-8") as handle:
            json.dump(units, handle, indent=2)
            handle.write("\n")
    cov = accounting.pop("coverage", ([], [], []))
    cov_rows, customer_pairs, item_pairs = cov
    if (customer_pairs or item_pairs) and args.normalize_keys != "none":
        print(f"error: {len(customer_pairs)} customer and {len(item_pairs)} item codes look alike",
              file=sys.stderr)
        return 65
    # Low coverage: under half of the actual volume, or of the forecast volume at the report lag, on
    # (customer, item) pairs both forecast and bought stops the run unless --allow-low-coverage.
    actual = sum(r["actual_units"] for r in cov_rows)
    forecast = sum(r["forecast_units"] for r in cov_rows)
    matched_actual = (actual - sum(r["unforecast_actual_units"] for r in cov_rows)) / actual if actual else None
    matched_forecast = (forecast - sum(r["unbought_forecast_units"] for r in cov_rows)) / forecast if forecast else None
    if any(share is not None and share < 0.5 for share in (matched_actual, matched_forecast)) and not args.allow_low_coverage:
        print(f"error: low coverage: matched {matched_actual} of actual and {matched_forecast} of forecast volume",
              file=sys.stderr)
        return 65
    # Units (tiers are per customer, so only a report by customer stops on a whole file's factor).
    if units["stop"] and args.by == "customer":
        stop = units["stop"]
        print(f"error: {stop['matching']} of {stop['customers']} customers show a factor of {stop['factor']}", file=sys.stderr)
        return 65
    if args.coverage:
        with open(args.coverage, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COVERAGE_COLUMNS)
            for r in cov_rows:
                writer.writerow([("true" if r[c] else "false") if isinstance(r[c], bool)
                                 else format_value(r[c]) if isinstance(r[c], float) else r[c]
                                 for c in COVERAGE_COLUMNS])
    if args.closing:
        with open(args.closing, "w", encoding="utf-8") as handle:
            json.dump(closing_facts, handle, indent=2)
            handle.write("\n")
    write_csv(rows, args.by, sys.stdout, args.lag, prices is not None)
    if args.accounting:
        with open(args.accounting, "w", encoding="utf-8") as handle:
            json.dump(accounting, handle, indent=2, sort_keys=False)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Independent reference of stability.csv, agreement.csv and the proposed terms in METRICS.md.

A test oracle, written from METRICS.md ("Which cells are scored", "Forecast
stability", "Agreement compliance", "Proposed terms") alone. Every quantity is
an exact rational (fractions.Fraction of the decimal text in the file), so a
purchase exactly on a band's edge, or a revision exactly at the limit, is
decided exactly; figures are turned into floats only when written.

Usage:
    python3 agreement_reference.py --forecasts F.csv --actuals A.csv \
        [--from YYYY-MM] [--to YYYY-MM] [--agreements T.csv] [--coverage K] \
        [--prices P.csv] [--stability OUT.csv] [--agreement OUT.csv] [--proposals OUT.csv]

With --prices (METRICS.md "Value: accuracy in money"), agreement.csv and the
proposals gain below_band_value and above_band_value: units_below_band and
units_above_band at price, cell by cell, over the cells with a price (the
customer's own for the item, else the general one).

Where METRICS.md leaves room, the project's documented choices are used:
  (a) the customers are those with a forecast row in the window; stability has
      a row for every pair of lags a > b at which the customer has forecasts in
      the window;
  (b) a customer without agreement rows of its own is held to the `*` rows;
      agreement.csv has a row per customer and band, sorted by customer and lag;
  (c) proposals: one row per customer and lag with at least one cell with F > 0;
  (d) value columns: a cell without a price is left out of them (never valued
      at 0); a band with no priced cell has both empty, as metrics.csv's money
      columns are for a group without a priced cell.
"""

import argparse
import csv
import math
import sys
from collections import defaultdict
from fractions import Fraction

import metrics_reference as ref

STABILITY = ["customer", "from_lag", "to_lag", "cells", "revised_cells", "revision_pct", "net_revision_pct",
             "improved_pct", "worsened_pct", "wmape_from", "wmape_to", "revision_fva_pts"]
AGREEMENT = ["customer", "lag", "under_pct", "over_pct", "cells", "cells_in_band", "in_band_pct", "units_below_band",
             "units_above_band", "below_band_pct", "above_band_pct", "periods", "periods_in_band", "revision_from_lag",
             "revision_to_lag", "revision_limit_pct", "revision_cells", "revision_violations", "revision_excess_units"]
VALUE = ["below_band_value", "above_band_value"]
PROPOSALS = ["customer", "lag", "coverage", "ratio_cells", "under_pct", "over_pct", "cells", "cells_in_band",
             "in_band_pct", "units_below_band", "units_above_band", "below_band_pct", "above_band_pct", "periods",
             "periods_in_band", "bias_pct", "bias_significant", "unbiased_under_pct", "unbiased_over_pct"]


def exact(text):
    return Fraction(text.strip())


def load(path_f, path_a):
    """F[(c, i, t, L)] and A[(c, i, t)] as exact rationals, and the months that have actual rows."""
    forecasts = {}
    for line, row in ref.read_rows(path_f, ",", {}, ["customer", "item", "period", "forecast"], ["lag", "snapshot"]):
        t = ref.parse_month(row["period"], f"{path_f}:{line}")
        lag = int(row["lag"]) if "lag" in row else (t - ref.parse_month(row["snapshot"], "") if "snapshot" in row else 0)
        forecasts[(row["customer"].strip(), row["item"].strip(), t, lag)] = exact(row["forecast"])
    actuals = defaultdict(Fraction)
    for line, row in ref.read_rows(path_a, ",", {}, ["customer", "item", "period", "actual"], []):
        t = ref.parse_month(row["period"], f"{path_a}:{line}")
        actuals[(row["customer"].strip(), row["item"].strip(), t)] += exact(row["actual"])
    return forecasts, actuals


def div(n, d):
    return None if d == 0 else n / d


class Book:
    def __init__(self, forecasts, actuals, window_from, window_to):
        last_closed = max(k[2] for k in actuals)
        earliest = min([k[2] for k in actuals] + [k[2] for k in forecasts])
        lo = earliest if window_from is None else window_from
        hi = last_closed if window_to is None else min(window_to, last_closed)
        self.F = {k: v for k, v in forecasts.items() if lo <= k[2] <= hi}
        self.A = {k: v for k, v in actuals.items() if lo <= k[2] <= hi}
        self.customers = sorted({k[0] for k in self.F}, key=lambda c: c.encode())
        self.lags = defaultdict(set)
        for c, i, t, lag in self.F:
            self.lags[c].add(lag)

    def actual(self, c, i, t):
        return self.A.get((c, i, t), Fraction(0))

    def cells(self, c, lag):
        """(i, t, F, A) of the customer's cells at the lag: METRICS.md "Which cells are scored"."""
        periods = {t for (cc, i, t, L) in self.F if cc == c and L == lag}
        keys = {(i, t) for (cc, i, t, L) in self.F if cc == c and L == lag}
        keys |= {(i, t) for (cc, i, t) in self.A if cc == c and t in periods}
        return [(i, t, self.F.get((c, i, t, lag), Fraction(0)), self.actual(c, i, t)) for i, t in sorted(keys)]

    def revision_cells(self, c, a, b):
        out = []
        for (cc, i, t, L), fa in self.F.items():
            if cc == c and L == a and (c, i, t, b) in self.F:
                out.append((fa, self.F[(c, i, t, b)], self.actual(c, i, t)))
        return out


def stability(book):
    rows = []
    for c in book.customers:
        lags = sorted(book.lags[c])
        for a in lags:
            for b in lags:
                if b >= a:
                    continue
                cells = book.revision_cells(c, a, b)
                revised = [x for x in cells if x[1] != x[0]]
                sum_fa = sum((fa for fa, fb, A in cells), Fraction(0))
                abs_a = sum((abs(A) for fa, fb, A in cells), Fraction(0))
                w_from = div(100 * sum((abs(fa - A) for fa, fb, A in cells), Fraction(0)), abs_a)
                w_to = div(100 * sum((abs(fb - A) for fa, fb, A in cells), Fraction(0)), abs_a)
                rows.append({
                    "customer": c, "from_lag": a, "to_lag": b, "cells": len(cells), "revised_cells": len(revised),
                    "revision_pct": div(100 * sum((abs(fb - fa) for fa, fb, A in cells), Fraction(0)), sum_fa),
                    "net_revision_pct": div(100 * sum((fb - fa for fa, fb, A in cells), Fraction(0)), sum_fa),
                    "improved_pct": div(Fraction(100 * sum(1 for fa, fb, A in revised if abs(fb - A) < abs(fa - A))), len(revised)),
                    "worsened_pct": div(Fraction(100 * sum(1 for fa, fb, A in revised if abs(fb - A) > abs(fa - A))), len(revised)),
                    "wmape_from": w_from, "wmape_to": w_to,
                    "revision_fva_pts": None if w_from is None or w_to is None else w_from - w_to,
                })
    return rows


def band(book, c, lag, d, u, prices=None):
    cells = book.cells(c, lag)
    lower = lambda f: (1 - d / 100) * f
    upper = lambda f: (1 + u / 100) * f
    inside = [x for x in cells if lower(x[2]) <= x[3] <= upper(x[2])]
    below = sum((max(Fraction(0), lower(f) - a) for i, t, f, a in cells), Fraction(0))
    above = sum((max(Fraction(0), a - upper(f)) for i, t, f, a in cells), Fraction(0))
    months = defaultdict(lambda: [Fraction(0), Fraction(0)])
    for i, t, f, a in cells:
        months[t][0] += f
        months[t][1] += a
    value = {}
    if prices is not None:
        priced = []
        for i, t, f, a in cells:
            found = prices.get((c, i), prices.get((None, i)))
            if found is not None:
                priced.append((f, a, Fraction(found[0])))
        if priced:
            value = {"below_band_value": sum((max(Fraction(0), lower(f) - a) * p for f, a, p in priced), Fraction(0)),
                     "above_band_value": sum((max(Fraction(0), a - upper(f)) * p for f, a, p in priced), Fraction(0))}
    return value | {
        "cells": len(cells), "cells_in_band": len(inside), "in_band_pct": div(Fraction(100 * len(inside)), len(cells)),
        "units_below_band": below, "units_above_band": above,
        "below_band_pct": div(100 * below, sum((x[2] for x in cells), Fraction(0))),
        "above_band_pct": div(100 * above, sum((x[3] for x in cells), Fraction(0))),
        "periods": len(months), "periods_in_band": sum(1 for f, a in months.values() if lower(f) <= a <= upper(f)),
    }


def read_terms(path):
    rows = []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def agreement(book, terms, prices=None):
    out = []
    for c in book.customers:
        own = [r for r in terms if r["customer"] == c]
        for r in sorted(own or [r for r in terms if r["customer"] == "*"], key=lambda r: int(r["lag"])):
            d, u = exact(r["under_pct"]), exact(r["over_pct"])
            row = {"customer": c, "lag": int(r["lag"]), "under_pct": d, "over_pct": u}
            row.update(band(book, c, int(r["lag"]), d, u, prices))
            limit = r.get("revision_limit_pct", "")
            if limit:
                a, b, lim = int(r["revision_from_lag"]), int(r["revision_to_lag"]), exact(limit)
                cells = book.revision_cells(c, a, b)
                bad = [abs(fb - fa) - lim / 100 * fa for fa, fb, A in cells if abs(fb - fa) > lim / 100 * fa]
                row.update({"revision_from_lag": a, "revision_to_lag": b, "revision_limit_pct": lim,
                            "revision_cells": len(cells), "revision_violations": len(bad),
                            "revision_excess_units": sum(bad, Fraction(0))})
            out.append(row)
    return out


def percentile(values, p):
    """Type 7: linear between the order statistics at p·(n − 1)."""
    h = p * (len(values) - 1)
    k = int(h)
    upper = values[min(k + 1, len(values) - 1)]
    return values[k] + (h - k) * (upper - values[k])


def proposals(book, coverage, prices=None):
    out = []
    for c in book.customers:
        for lag in sorted(book.lags[c]):
            ratios = sorted(a / f for i, t, f, a in book.cells(c, lag) if f > 0)
            if not ratios:
                continue
            q_lo = percentile(ratios, (100 - coverage) / 200)
            q_hi = percentile(ratios, (100 + coverage) / 200)
            d, u = max(Fraction(0), 100 * (1 - q_lo)), max(Fraction(0), 100 * (q_hi - 1))
            row = {"customer": c, "lag": lag, "coverage": coverage, "ratio_cells": len(ratios), "under_pct": d, "over_pct": u}
            row.update(band(book, c, lag, d, u, prices))
            row.update(fairness(book, c, lag, q_lo, q_hi))
            out.append(row)
    return out


def sign_test_p(over, n):
    """Exact two-sided binomial test at 1/2: min(1, 2 P(X >= max(k, n - k)))."""
    if n == 0:
        return 1.0
    m = max(over, n - over)
    return min(1.0, 2 * sum(math.comb(n, j) for j in range(m, n + 1)) / 2 ** n)


def fairness(book, c, lag, q_lo, q_hi):
    """The bias the band builds in, and the band around a forecast without it (docs/agreements.md).

    bias_pct over the cells with F > 0; unbiased edges from the same percentiles divided by
    k = sum A / sum F over those cells; significant when the customer's bias over all its cells at
    the lag is at least 10% (the default watch bias) with the monthly sign test's p below 0.05.
    """
    cells = book.cells(c, lag)
    sa = sum(a for i, t, f, a in cells if f > 0)
    sf = sum(f for i, t, f, a in cells if f > 0)
    row = {"bias_pct": None if sa == 0 else 100 * (sf - sa) / sa,
           "unbiased_under_pct": None, "unbiased_over_pct": None}
    if sa > 0:
        k = sa / sf
        row["unbiased_under_pct"] = max(Fraction(0), 100 * (1 - q_lo / k))
        row["unbiased_over_pct"] = max(Fraction(0), 100 * (q_hi / k - 1))
    total_a = sum(a for i, t, f, a in cells)
    total_e = sum(f - a for i, t, f, a in cells)
    by_month = {}
    for i, t, f, a in cells:
        by_month[t] = by_month.get(t, Fraction(0)) + (f - a)
    over = sum(1 for e in by_month.values() if e > 0)
    under = sum(1 for e in by_month.values() if e < 0)
    significant = total_a != 0 and abs(100 * total_e / total_a) >= 10 and sign_test_p(over, over + under) < 0.05
    row["bias_significant"] = "true" if significant else "false"
    return row


def write(rows, columns, path):
    def text(v):
        if v is None or v == "":
            return ""
        if isinstance(v, (int, str)) and not isinstance(v, bool):
            return str(v)
        return repr(float(v))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([text(r.get(k)) for k in columns])


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--forecasts", required=True)
    p.add_argument("--actuals", required=True)
    p.add_argument("--from", dest="window_from")
    p.add_argument("--to", dest="window_to")
    p.add_argument("--agreements")
    p.add_argument("--prices", help="prices CSV: item, unit_price, optional customer and unit_cost")
    p.add_argument("--coverage", default="80")
    p.add_argument("--stability")
    p.add_argument("--agreement")
    p.add_argument("--proposals")
    args = p.parse_args(argv)
    forecasts, actuals = load(args.forecasts, args.actuals)
    book = Book(forecasts, actuals,
                ref.parse_month(args.window_from, "--from") if args.window_from else None,
                ref.parse_month(args.window_to, "--to") if args.window_to else None)
    if args.stability:
        write(stability(book), STABILITY, args.stability)
    prices = ref.load_prices(args.prices) if args.prices else None
    extra = VALUE if prices is not None else []
    if args.agreement:
        write(agreement(book, read_terms(args.agreements), prices), AGREEMENT + extra, args.agreement)
    if args.proposals:
        write(proposals(book, exact(args.coverage), prices), PROPOSALS + extra, args.proposals)
    return 0


if __name__ == "__main__":
    sys.exit(main())

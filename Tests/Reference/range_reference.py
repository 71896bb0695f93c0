#!/usr/bin/env python3
"""Independent reference of check's backtested 80% range and the drift signal, per customer.

Usage:
    python3 range_reference.py --forecasts F.csv --actuals A.csv --lag L --to YYYY-MM [--from YYYY-MM] OUT.csv

Writes customer,range_held,range_backtested for every customer with forecasts at lag L, from
METRICS.md "The buyer's range" and the project's documented rule (docs/check-and-brief.md,
docs/tiers.md), written here from those texts alone:
  - a customer's months are the window's months (up to --to) in which it has a forecast at lag L;
    a month's totals are its forecasts at L and all its actuals that month (an unforecast item is a
    forecast of 0; an unbought forecast an actual of 0), so each month's SumA and SumF;
  - ratios r_t = SumA_t / SumF_t over months with SumF_t > 0; with fewer than 6 there is no range;
  - the drift signal: e_t = 100 (SumF_t - SumA_t) / SumA_t over months with SumA_t != 0; with at
    least 8 of them, the baseline is the up to 12 before the last two, m its median and
    s = 1.4826 * median |e - m|; the line is max(2.5 s, 25); it fires when the last two are both
    beyond it on the same side, and the run extends back over the months beyond it on that side;
    else the breadth rule: b_t = (#cells F > A - #cells F < A) / #cells, mb the baseline months'
    median, z_t = (b_t - mb) sqrt(#cells); the last month beyond max(2 s, 15) with z beyond 3, the one
    before beyond 3 points with z beyond 1.3, their sum beyond 2m +- max(3 s, 25), all one side; the
    run extends back over the months beyond 3 points with z beyond 1.3 on that side;
  - deterioration (the policy's test): last 3 months against the up to 9 before (at least 6), on
    100 * sum |SumF - SumA| / sum |A|: at least 10 points and 1.5 times the baseline's, also with
    each window's month of the largest |SumF - SumA| left out (the first of equals), and every
    recent month worse than the baseline;
  - centre: the median of the ratios, or SumA/SumF over the drift's run (first) or the 3 recent
    months when deteriorating; spread: the ceil(0.83 (n + 1))-th smallest |r - median|;
    range = [max(0, centre - spread), centre + spread];
  - backtest: for each of the last up to 12 months with at least 6 months before it, the range
    from the months before only; held when SumA lies within the range times SumF.
Exact sums are taken with Decimal; ratios in binary floating point.
"""
import argparse
import csv
import math
from collections import defaultdict
from decimal import Decimal


def median(values):
    s = sorted(values)
    n = len(s)
    if n == 0:
        return 0.0
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def drift_run(months):
    judged = [(100.0 * float(f - a) / float(a), signs) for (a, f, _, signs) in months if a != 0]
    if len(judged) < 8:
        return None
    errors = [e for e, _ in judged]
    nets = [(over - under) / cells if cells else 0.0 for _, (cells, over, under) in judged]
    base = errors[:-2][-12:]
    m = median(base)
    s = 1.4826 * median([abs(e - m) for e in base])
    mb = median(nets[:-2][-12:])

    def z(k):
        return (nets[k] - mb) * math.sqrt(judged[k][1][0])

    def side(e, line):
        return 1 if e - m > line else (-1 if e - m < -line else 0)

    line = max(2.5 * s, 25.0)
    last = side(errors[-1], line)
    if last != 0 and side(errors[-2], line) == last:
        def in_run(k):
            return side(errors[k], line) == last
    else:
        # The breadth rule: the last month beyond max(2 s, 15) with z beyond 3, the one before
        # beyond 3 points with z beyond 1.3, the two together beyond max(3 s, 25), one side.
        n = len(errors)
        last = side(errors[-1], max(2.0 * s, 15.0))
        if last == 0 or last * z(n - 1) <= 3.0 or side(errors[-2], 3.0) != last or last * z(n - 2) <= 1.3 \
                or last * (errors[-1] + errors[-2] - 2 * m) <= max(3.0 * s, 25.0):
            return None

        def in_run(k):
            return side(errors[k], 3.0) == last and last * z(k) > 1.3
    run = 2
    while run < len(errors) and in_run(len(errors) - run - 1):
        run += 1
    return run


def deteriorating(months):
    if len(months) < 9:
        return False
    recent, base = months[-3:], months[:-3][-9:]

    def total_error(rows):
        act = sum(abs_a for (_, _, abs_a, _) in rows)
        return 100.0 * float(sum(abs(f - a) for (a, f, _, _) in rows)) / float(act) if act > 0 else None

    r, b = total_error(recent), total_error(base)
    if r is None or b is None:
        return False
    every = all((100.0 * float(abs(f - a)) / float(abs_a) > b) if abs_a > 0 else (f != a) for (a, f, abs_a, _) in recent)

    def without_worst(rows):
        if len(rows) < 2:
            return rows
        worst = max(range(len(rows)), key=lambda k: abs(rows[k][1] - rows[k][0]))
        return rows[:worst] + rows[worst + 1:]

    def clearly_worse(error, baseline):
        return error is not None and baseline is not None and error >= baseline + 10 and error >= 1.5 * baseline

    return clearly_worse(r, b) and every and clearly_worse(total_error(without_worst(recent)), total_error(without_worst(base)))


def plan_range(months):
    ratios = [float(a) / float(f) for (a, f, _, _) in months if f > 0]
    if len(ratios) < 6:
        return None
    centre = median(ratios)
    run = drift_run(months)
    recent = months[-run:] if run else (months[-3:] if deteriorating(months) else None)
    if recent is not None:
        forecast = sum(f for (_, f, _, _) in recent)
        if forecast != 0:
            centre = float(sum(a for (a, _, _, _) in recent)) / float(forecast)
        else:
            return None
    m = median(ratios)
    deviations = sorted(abs(r - m) for r in ratios)
    rank = math.ceil(0.83 * (len(ratios) + 1))
    spread = deviations[min(rank, len(deviations)) - 1]
    return max(0.0, centre - spread), centre + spread


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--forecasts", required=True)
    parser.add_argument("--actuals", required=True)
    parser.add_argument("--lag", type=int, required=True)
    parser.add_argument("--to", required=True)
    parser.add_argument("--from", dest="window_from")
    parser.add_argument("out")
    args = parser.parse_args()
    forecast = defaultdict(Decimal)
    item_forecast = {}
    months_of = defaultdict(set)
    with open(args.forecasts, newline="") as handle:
        for row in csv.DictReader(handle):
            p = row["period"][:7]
            if int(row["lag"]) != args.lag or p > args.to or (args.window_from and p < args.window_from):
                continue
            forecast[(row["customer"], p)] += Decimal(row["forecast"])
            item_forecast[(row["customer"], row["item"], p)] = Decimal(row["forecast"])
            months_of[row["customer"]].add(p)
    actual = defaultdict(Decimal)
    absolute = defaultdict(Decimal)
    item_actual = defaultdict(Decimal)
    with open(args.actuals, newline="") as handle:
        for row in csv.DictReader(handle):
            item_actual[(row["customer"], row["item"], row["period"][:7])] += Decimal(row["actual"])
    for (c, _, p), a in item_actual.items():
        actual[(c, p)] += a
        absolute[(c, p)] += abs(a)
    # Each month's cells (an item with a forecast at L or an actual), and how many were over and under forecast.
    signs = defaultdict(lambda: [0, 0, 0])
    for key in set(item_forecast) | set(k for k in item_actual if k[2] in months_of.get(k[0], ())):
        f, a = item_forecast.get(key, Decimal(0)), item_actual.get(key, Decimal(0))
        counts = signs[(key[0], key[2])]
        counts[0] += 1
        counts[1] += f > a
        counts[2] += f < a
    with open(args.out, "w", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(["customer", "range_held", "range_backtested"])
        for c in sorted(months_of, key=lambda s: s.encode("utf-8")):
            months = [(actual[(c, p)], forecast[(c, p)], absolute[(c, p)], tuple(signs[(c, p)])) for p in sorted(months_of[c])]
            held = tested = 0
            for t in range(max(6, len(months) - 12), len(months)):
                r = plan_range(months[:t])
                if r is None:
                    continue
                a, f, _, _ = months[t]
                tested += 1
                if r[0] * float(f) <= float(a) <= r[1] * float(f):
                    held += 1
            w.writerow([c, held if tested else "", tested])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How often the default policy flags reliable customers, and how soon it catches drift.

For each seed, `trueup generate` writes a book with planted behaviours; `trueup report --to
YYYY-MM` then judges it at every window end from the month the policy's minimum of months is
first reached to the last month, as a planner running the report every month would. Counted,
from flags.csv and the book's truth.csv:

- reliable customers flagged (watch or unreliable) at one window end at least, and by which
  reasons;
- drifting customers at least watch k months into their drift (truth.csv's drift_from is the
  first drifted month: one month in is the window ending there), for k = 1, 2, 3.

    python3 bench/flag_rates.py .build/debug/trueup [--seeds 1,2,3,4,5] [--customers 80]
        [--items 20] [--months 24] [--lags 3] [--lag 1] [--min-periods 6] [--generate-with TRUEUP] [--json]

Exit 0 always; the numbers are printed (and with --json, written as one JSON object).
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile


def month_label(start_year, start_month, index):
    n = start_year * 12 + start_month - 1 + index
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def month_index(label, start_year, start_month):
    year, month = map(int, label.split("-"))
    return year * 12 + month - 1 - (start_year * 12 + start_month - 1)


def run_report(trueup, book, end, lag, out):
    subprocess.run(
        [trueup, "report", "--forecasts", os.path.join(book, "forecasts.csv"),
         "--actuals", os.path.join(book, "actuals.csv"), "--to", end, "--lag", str(lag),
         "--out", out, "--no-xlsx", "--no-history", "--format", "csv"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(out, "flags.csv"), newline="") as f:
        return {row["customer"]: row for row in csv.DictReader(f)}


def measure(args):
    flagged_reliable = {}   # (seed, customer) -> [(end, tier, reasons)]
    reliable = 0
    drift = collections.defaultdict(lambda: [0, 0])  # k -> [at least watch, judged]
    drift_missed = collections.defaultdict(list)
    reason_ends = collections.Counter()
    with tempfile.TemporaryDirectory() as scratch:
        for seed in args.seeds:
            book = os.path.join(scratch, f"book{seed}")
            subprocess.run([args.generate_with or args.trueup, "generate", "--customers", str(args.customers), "--items", str(args.items),
                            "--months", str(args.months), "--lags", str(args.lags), "--seed", str(seed), book],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(os.path.join(book, "truth.csv"), newline="") as f:
                truth = list(csv.DictReader(f))
            behaviour = {t["customer"]: t["behaviour"] for t in truth}
            drift_from = {t["customer"]: month_index(t["drift_from"], 2024, 1)
                          for t in truth if t["behaviour"] == "drifting"}
            reliable += sum(1 for b in behaviour.values() if b == "reliable")
            for end in range(args.min_periods - 1, args.months):
                flags = run_report(args.trueup, book, month_label(2024, 1, end), args.lag, os.path.join(scratch, "out"))
                for customer, row in flags.items():
                    flagged = row["tier"] in ("watch", "unreliable")
                    if behaviour.get(customer) == "reliable" and flagged:
                        flagged_reliable.setdefault((seed, customer), []).append((month_label(2024, 1, end), row["tier"], row["reasons"]))
                        for reason in row["reasons"].split(";"):
                            reason_ends[reason] += 1
                    if customer in drift_from:
                        k = end - drift_from[customer] + 1
                        if 1 <= k <= 3:
                            drift[k][1] += 1
                            drift[k][0] += flagged
                            if not flagged:
                                drift_missed[k].append((seed, customer, row["tier"], row["reasons"]))
    return {
        "books": len(args.seeds), "customers": args.customers, "items": args.items, "months": args.months,
        "lags": args.lags, "lag": args.lag, "window_ends": args.months - args.min_periods + 1,
        "reliable": reliable, "reliable_ever_flagged": len(flagged_reliable),
        "reliable_flags": {f"{seed}/{customer}": ends for (seed, customer), ends in sorted(flagged_reliable.items())},
        "reliable_flag_reasons_by_window_end": dict(reason_ends),
        "drifting_at_least_watch": {str(k): {"flagged": v[0], "judged": v[1]} for k, v in sorted(drift.items())},
        "drifting_missed": {str(k): v for k, v in sorted(drift_missed.items())},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("trueup")
    parser.add_argument("--seeds", default="1,2,3,4,5", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--customers", type=int, default=80)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--lags", type=int, default=3)
    parser.add_argument("--lag", type=int, default=1)
    parser.add_argument("--min-periods", type=int, default=6)
    parser.add_argument("--generate-with", metavar="TRUEUP",
                        help="the trueup that writes the books (one whose truth.csv has drift_from), when "
                             "the one measured is older")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args)
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
        return
    r = result
    print(f"{r['books']} books of {r['customers']} customers x {r['items']} items x {r['months']} months, "
          f"lags 1-{r['lags']}, judged at lag {r['lag']} at {r['window_ends']} window ends each")
    share = 100 * r["reliable_ever_flagged"] / max(r["reliable"], 1)
    print(f"reliable customers flagged at some window end: {r['reliable_ever_flagged']} of {r['reliable']} ({share:.1f}%)")
    for key, ends in r["reliable_flags"].items():
        print(f"  {key}: " + "; ".join(f"{end} {tier} {reasons}" for end, tier, reasons in ends))
    for k, v in r["drifting_at_least_watch"].items():
        print(f"drifting customers at least watch {k} month(s) in: {v['flagged']} of {v['judged']} "
              f"({100 * v['flagged'] / max(v['judged'], 1):.1f}%)")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# A book of many customers with one row each (issue 26's large-book case): builds trueup, makes the
# book in bench-data/ once, and prints each run's wall time and peak memory, with --timings' steps.
#
#   bench/many_customers.sh                    # 1,000,000 customers, one month
#   CUSTOMERS=100000 MONTHS=24 bench/many_customers.sh
#
# Runs: the full report (--out, every file), the report without report.xlsx, and the table alone.
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
MONTHS=${MONTHS:-1}
DATA=bench-data/customers-$CUSTOMERS-m$MONTHS
TRUEUP=.build/release/trueup

swift build -c release >/dev/null
if [[ ! -f $DATA/actuals.csv || ! -f $DATA/forecasts.csv ]]; then
    mkdir -p "$DATA"
    python3 - "$CUSTOMERS" "$MONTHS" "$DATA" <<'PY'
import sys
customers, months, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
year, month = (2025, 1) if months == 1 else (2023, 1)
periods = []
for _ in range(months):
    periods.append(f"{year:04d}-{month:02d}")
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
with open(f"{folder}/forecasts.csv", "w") as f, open(f"{folder}/actuals.csv", "w") as a:
    f.write("customer,item,period,lag,forecast\n")
    a.write("customer,item,period,actual\n")
    for c in range(1, customers + 1):
        for k, period in enumerate(periods):
            actual = 100 + (c * 7 + k * 13) % 50
            f.write(f"C{c:07d},I1,{period},1,{actual + c % 11 - 5}\n")
            a.write(f"C{c:07d},I1,{period},{actual}\n")
PY
fi
ls -l "$DATA"/*.csv
for run in "every file:--out $DATA/out" "without report.xlsx:--out $DATA/out --no-xlsx" "the table alone:"; do
    echo "== ${run%%:*}"
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e s wall, %M KB peak' "$TRUEUP" report --forecasts "$DATA/forecasts.csv" --actuals "$DATA/actuals.csv" \
        --no-history --timings ${run#*:} >/dev/null
done

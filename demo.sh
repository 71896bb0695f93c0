#!/usr/bin/env bash
# Installs what is missing, builds trueup, and runs the monthly accuracy report on the bundled demo data.
# Extra arguments go to `trueup report`, e.g. ./demo.sh --lag 3 or ./demo.sh --by item.
set -euo pipefail
cd "$(dirname "$0")"
./deps.sh
swift build -c release --product trueup 2>&1 | tail -n 1
bin="$(swift build -c release --show-bin-path)/trueup"
"$bin" report --forecasts datasets/demo/forecasts.csv --actuals datasets/demo/actuals.csv --lag 1 --out out/demo "$@"
echo
echo "Written in out/demo: metrics.csv, flags.csv, coverage.csv, stability.csv, report.xlsx (open it in a"
echo "spreadsheet), report.html (open it in a browser), run.json and README.txt (what each file holds)."
echo "The run is in out/trueup-history.sqlite. The trueup binary is $bin"

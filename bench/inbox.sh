#!/usr/bin/env bash
# The same forecasts as customers send them: one long CSV, one .xlsx workbook, and a folder of
# wide sheets (a file per customer and snapshot month, items as rows, months as columns), each
# read by `trueup report` with the same actuals. Prints each one's time and peak memory against
# the long CSV's, and checks that all three give the same metrics.csv. See bench/README.md.
#
#   bench/inbox.sh                 # 1,000,000 forecast rows from the benchmark's data
#   INBOX_ROWS=100000 bench/inbox.sh
#
# Environment: INBOX_ROWS (1000000), INBOX_RUNS (3). Needs bench/bench.sh's data (bench-data/1x)
# and the Python package openpyxl (installed with pip when missing).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROWS=${INBOX_ROWS:-1000000}
RUNS=${INBOX_RUNS:-3}
for setting in ROWS RUNS; do
    value=${!setting}
    if ! [[ $value =~ ^[1-9][0-9]*$ ]]; then
        echo "bench/inbox.sh: INBOX_$setting must be a whole number of 1 or more, not '$value'." >&2
        exit 2
    fi
done
SOURCE=bench-data/1x
if [[ ! -f $SOURCE/forecasts.csv || ! -f $SOURCE/actuals.csv ]]; then
    echo "bench/inbox.sh: no $SOURCE/forecasts.csv; run bench/bench.sh once to generate the benchmark's data." >&2
    exit 1
fi
[[ -x /usr/bin/time ]] || { echo "bench/inbox.sh: needs GNU time at /usr/bin/time (apt-get install time)." >&2; exit 1; }
if ! python3 -c "import openpyxl" 2> /dev/null; then
    echo "== installing openpyxl (Python package)"
    python3 -m pip install openpyxl || python3 -m pip install --user --break-system-packages openpyxl
fi

echo "== swift build -c release"
swift build -c release
TRUEUP="$(swift build -c release --show-bin-path)/trueup"

DATA=bench-data/inbox-$ROWS
MARKER=$DATA/.written
if [[ -f $MARKER && $(cat "$MARKER") == "$(stat -c %s "$SOURCE/forecasts.csv") $ROWS" ]]; then
    echo "== data: reusing $DATA"
else
    echo "== data: the first $ROWS forecast rows of $SOURCE as a long CSV, a workbook and a folder of wide sheets"
    rm -rf "$DATA"
    python3 bench/inbox_data.py "$SOURCE/forecasts.csv" "$SOURCE/actuals.csv" "$ROWS" "$DATA"
    echo "$(stat -c %s "$SOURCE/forecasts.csv") $ROWS" > "$MARKER"
fi

declare -A ARGS=(
    [long]="--forecasts $DATA/forecasts.csv"
    [xlsx]="--forecasts $DATA/forecasts.xlsx"
    [wide]="--forecasts $DATA/wide --name-pattern {customer}_forecast_{snapshot}.csv"
)
FORMS=(long xlsx wide)
RESULTS=bench-data/results
mkdir -p "$RESULTS"
TSV=$RESULTS/inbox-$(date +%Y%m%d-%H%M%S).tsv
printf 'form\tround\tseconds\tmax_rss_kb\n' > "$TSV"

run_once() { # run_once FORM ROUND
    local form=$1 round=$2 timing start end rss
    timing=$(mktemp)
    start=$(date +%s.%N)
    # shellcheck disable=SC2086 # the arguments are words without spaces
    /usr/bin/time -v -o "$timing" "$TRUEUP" report ${ARGS[$form]} --actuals "$DATA/actuals.csv" \
        --out "bench-data/out-inbox-$form" --no-history --format csv > /dev/null
    end=$(date +%s.%N)
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$timing")
    rm -f "$timing"
    printf '%s\t%s\t%s\t%s\n' "$form" "$round" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')" "$rss" >> "$TSV"
}

echo "== $RUNS rounds, each form once per round (the order turning each round)"
for ((round = 1; round <= RUNS; round++)); do
    for ((k = 0; k < 3; k++)); do run_once "${FORMS[(k + round) % 3]}" "$round"; done
done

STATUS=0
for form in xlsx wide; do
    if ! cmp -s "bench-data/out-inbox-long/metrics.csv" "bench-data/out-inbox-$form/metrics.csv"; then
        echo "bench/inbox.sh: metrics.csv from the $form form differs from the long CSV's." >&2
        STATUS=1
    fi
done

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM_KB=$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo)
{
    echo "== trueup on one export in three forms, $(date '+%Y-%m-%d %H:%M:%S')"
    echo "machine:  ${CPU:-unknown CPU}, $(nproc) cores, $(awk -v k="$MEM_KB" 'BEGIN { printf "%.1f GiB", k / 1048576 }') memory"
    echo "trueup:   $("$TRUEUP" --version) (git $(git rev-parse --short HEAD 2> /dev/null || echo unknown)), release build"
    echo "data:     $ROWS forecast rows ($(ls "$DATA/wide" | wc -l) wide sheets), $(($(wc -l < "$DATA/actuals.csv") - 1)) actual rows"
    echo "sizes:    long $(du -k "$DATA/forecasts.csv" | cut -f1) KB, xlsx $(du -k "$DATA/forecasts.xlsx" | cut -f1) KB, wide folder $(du -sk "$DATA/wide" | cut -f1) KB"
    python3 - "$TSV" << 'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def median(form):
    return statistics.median(float(r["seconds"]) for r in rows if r["form"] == form)
def peak(form):
    return max(int(r["max_rss_kb"]) for r in rows if r["form"] == form)
base_t, base_m = median("long"), peak("long")
print(f"{'form':6} {'median':>9} {'vs long':>8} {'peak memory':>12} {'vs long':>8}")
for form in ("long", "xlsx", "wide"):
    t, m = median(form), peak(form)
    print(f"{form:6} {t:7.3f} s {t / base_t:7.2f}x {m / 1024:9.0f} MB {m / base_m:7.2f}x")
PY
    echo "output:   metrics.csv $([[ $STATUS == 0 ]] && echo "identical in all three forms" || echo "DIFFERS (see above)")"
    echo "file:     $TSV"
} | tee "$RESULTS/inbox-latest.txt"
exit $STATUS

#!/usr/bin/env bash
# Benchmark: `trueup report` against DuckDB computing the same per-customer-and-lag
# figures from the same CSV files. See bench/README.md.
#
#   ./bench.sh                                   # full size: 2000 customers x 100 items x 24 months x 3 lags
#   BENCH_CUSTOMERS=50 BENCH_RUNS=2 ./bench.sh   # quick smoke run
#
# Environment: BENCH_CUSTOMERS (2000), BENCH_ITEMS (100), BENCH_MONTHS (24),
# BENCH_LAGS (3), BENCH_SEED (1), BENCH_RUNS (5).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

CUSTOMERS=${BENCH_CUSTOMERS:-2000}
ITEMS=${BENCH_ITEMS:-100}
MONTHS=${BENCH_MONTHS:-24}
LAGS=${BENCH_LAGS:-3}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-5}
for setting in CUSTOMERS ITEMS MONTHS LAGS RUNS; do
    if ! [[ ${!setting} =~ ^[1-9][0-9]*$ ]]; then
        echo "bench.sh: BENCH_$setting must be a whole number of 1 or more, not '${!setting}'." >&2
        exit 2
    fi
done
if ! [[ $SEED =~ ^[0-9]+$ ]]; then
    echo "bench.sh: BENCH_SEED must be a whole number, not '$SEED'." >&2
    exit 2
fi

# ---------------------------------------------------------------- tools
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
apt_packages=()
command -v hyperfine > /dev/null || apt_packages+=(hyperfine)
[[ -x /usr/bin/time ]] || apt_packages+=(time)
if ! { command -v pkg-config > /dev/null && pkg-config --exists openblas; }; then
    apt_packages+=(libopenblas-dev)
    command -v pkg-config > /dev/null || apt_packages+=(pkg-config)
fi
if ((${#apt_packages[@]})); then
    echo "== installing ${apt_packages[*]}"
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_packages[@]}"
fi
if ! python3 -c 'import duckdb' 2> /dev/null; then
    echo "== installing duckdb (Python package)"
    python3 -m pip install duckdb || python3 -m pip install --user --break-system-packages duckdb
fi
# The interpreter itself, not a wrapper script (a version-manager shim would add its own start-up to DuckDB's time).
PYTHON=$(python3 -c 'import sys; print(sys.executable)')

# ---------------------------------------------------------------- build
echo "== swift build -c release"
swift build -c release
TRUEUP="$(swift build -c release --show-bin-path)/trueup"

# ---------------------------------------------------------------- data
if [[ $CUSTOMERS/$ITEMS/$MONTHS/$LAGS/$SEED == 2000/100/24/3/1 ]]; then
    DATA=bench-data/1x
else
    DATA=bench-data/c$CUSTOMERS-i$ITEMS-m$MONTHS-l$LAGS-s$SEED
fi
FORECASTS=$DATA/forecasts.csv
ACTUALS=$DATA/actuals.csv
MARKER=$DATA/.generated
GEN_ARGS="--customers $CUSTOMERS --items $ITEMS --months $MONTHS --lags $LAGS --seed $SEED"
EXPECTED_FORECAST_ROWS=$((CUSTOMERS * ITEMS * MONTHS * LAGS))
EXPECTED_ACTUAL_ROWS=$((CUSTOMERS * ITEMS * MONTHS))

file_bytes() { stat -c %s "$1"; }
marker_value() { sed -n "s/^$1: //p" "$MARKER"; }

data_is_ready() {
    [[ -f $MARKER && -f $FORECASTS && -f $ACTUALS ]] || return 1
    [[ $(marker_value args) == "$GEN_ARGS" ]] || return 1
    [[ $(marker_value forecast_rows) == "$EXPECTED_FORECAST_ROWS" ]] || return 1
    [[ $(marker_value actual_rows) == "$EXPECTED_ACTUAL_ROWS" ]] || return 1
    [[ $(marker_value forecast_bytes) == "$(file_bytes "$FORECASTS")" ]] || return 1
    [[ $(marker_value actual_bytes) == "$(file_bytes "$ACTUALS")" ]] || return 1
}

if data_is_ready; then
    echo "== data: reusing $DATA (generated with $GEN_ARGS)"
else
    echo "== data: trueup generate $GEN_ARGS $DATA"
    mkdir -p "$DATA"
    rm -f "$MARKER"
    # shellcheck disable=SC2086 # GEN_ARGS is a list of options
    "$TRUEUP" generate $GEN_ARGS "$DATA"
    forecast_rows=$(($(wc -l < "$FORECASTS") - 1))
    actual_rows=$(($(wc -l < "$ACTUALS") - 1))
    if [[ $forecast_rows -ne $EXPECTED_FORECAST_ROWS || $actual_rows -ne $EXPECTED_ACTUAL_ROWS ]]; then
        echo "bench.sh: generated $forecast_rows forecast rows and $actual_rows actual rows;" \
            "expected $EXPECTED_FORECAST_ROWS and $EXPECTED_ACTUAL_ROWS." >&2
        exit 1
    fi
    {
        echo "args: $GEN_ARGS"
        echo "forecast_rows: $forecast_rows"
        echo "actual_rows: $actual_rows"
        echo "forecast_bytes: $(file_bytes "$FORECASTS")"
        echo "actual_bytes: $(file_bytes "$ACTUALS")"
    } > "$MARKER"
fi

# ---------------------------------------------------------------- commands
OUT_TRUEUP=bench-data/out-trueup
OUT_DUCKDB=bench-data/out-duckdb
RESULTS=bench-data/results
mkdir -p "$OUT_TRUEUP" "$OUT_DUCKDB" "$RESULTS"
STAMP=$(date +%Y%m%d-%H%M%S)
HYPERFINE_JSON=$RESULTS/hyperfine-$STAMP.json
ALTERNATING_TSV=$RESULTS/alternating-$STAMP.tsv
REPORT=$RESULTS/$STAMP.txt

q() { printf '%q' "$1"; }
TRUEUP_CMD="$(q "$TRUEUP") report --forecasts $(q "$FORECASTS") --actuals $(q "$ACTUALS") --out $(q "$OUT_TRUEUP") --format csv > /dev/null"
DUCKDB_CMD="$(q "$PYTHON") bench/duckdb_report.py $(q "$FORECASTS") $(q "$ACTUALS") $(q "$OUT_DUCKDB")"

# ---------------------------------------------------------------- timing: hyperfine
echo "== hyperfine: --warmup 1 --runs $RUNS, both commands in one invocation"
hyperfine --shell bash --warmup 1 --runs "$RUNS" --output inherit --export-json "$HYPERFINE_JSON" \
    --command-name trueup "$TRUEUP_CMD" \
    --command-name duckdb "$DUCKDB_CMD"

# ---------------------------------------------------------------- timing and memory: strictly alternating
# hyperfine runs all of one command's runs before the other's. This loop alternates the
# two (swapping which goes first each round), timing each run with `date` and taking its
# peak memory from GNU time.
run_once() { # run_once TOOL ROUND: appends "tool round seconds max_rss_kb" to the TSV
    local tool=$1 round=$2 timing start end rss
    timing=$(mktemp)
    start=$(date +%s.%N)
    if [[ $tool == trueup ]]; then
        /usr/bin/time -v -o "$timing" "$TRUEUP" report --forecasts "$FORECASTS" --actuals "$ACTUALS" \
            --out "$OUT_TRUEUP" --format csv > /dev/null
    else
        /usr/bin/time -v -o "$timing" "$PYTHON" bench/duckdb_report.py "$FORECASTS" "$ACTUALS" "$OUT_DUCKDB"
    fi
    end=$(date +%s.%N)
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$timing")
    rm -f "$timing"
    if [[ -z $rss ]]; then
        echo "bench.sh: no 'Maximum resident set size' in /usr/bin/time -v's output for $tool." >&2
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\n' "$tool" "$round" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')" "$rss" \
        >> "$ALTERNATING_TSV"
}

echo "== alternating: $RUNS rounds of both commands under /usr/bin/time -v"
printf 'tool\tround\tseconds\tmax_rss_kb\n' > "$ALTERNATING_TSV"
for ((round = 1; round <= RUNS; round++)); do
    if ((round % 2)); then
        run_once trueup "$round"
        run_once duckdb "$round"
    else
        run_once duckdb "$round"
        run_once trueup "$round"
    fi
done

# ---------------------------------------------------------------- sanity check of the output
COMPARE_STATUS=0
COMPARE=$("$PYTHON" bench/duckdb_report.py --compare "$OUT_TRUEUP/metrics.csv" "$OUT_DUCKDB/duckdb_metrics.csv") ||
    COMPARE_STATUS=$?

# ---------------------------------------------------------------- summary
# Prints: trueup_median duckdb_median trueup_rss_kb duckdb_rss_kb alt_trueup_median alt_duckdb_median
SUMMARY=$("$PYTHON" - "$HYPERFINE_JSON" "$ALTERNATING_TSV" << 'PY'
import csv, json, statistics, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
rows = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
def alt(tool, column, f):
    return f(float(r[column]) for r in rows if r["tool"] == tool)
print(results["trueup"]["median"], results["duckdb"]["median"],
      int(alt("trueup", "max_rss_kb", max)), int(alt("duckdb", "max_rss_kb", max)),
      alt("trueup", "seconds", statistics.median), alt("duckdb", "seconds", statistics.median))
PY
)
read -r H_TRUEUP H_DUCKDB RSS_TRUEUP RSS_DUCKDB A_TRUEUP A_DUCKDB <<< "$SUMMARY"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
seconds() { awk -v s="$1" 'BEGIN { printf "%.3f s", s }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM_KB=$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo)
FORECAST_MB=$(awk -v b="$(file_bytes "$FORECASTS")" 'BEGIN { printf "%.1f", b / 1e6 }')
ACTUAL_MB=$(awk -v b="$(file_bytes "$ACTUALS")" 'BEGIN { printf "%.1f", b / 1e6 }')
GIT_REV=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
if [[ -n $(git status --porcelain 2> /dev/null) ]]; then GIT_REV="$GIT_REV + uncommitted changes"; fi

{
    echo "== trueup vs DuckDB, $(date '+%Y-%m-%d %H:%M:%S')"
    echo "machine:  ${CPU:-unknown CPU}, $(nproc) cores, $(awk -v k="$MEM_KB" 'BEGIN { printf "%.1f GiB", k / 1048576 }') memory"
    echo "trueup:   $("$TRUEUP" --version) (git $GIT_REV), release build"
    echo "duckdb:   $("$PYTHON" bench/duckdb_report.py --version), Python $("$PYTHON" -c 'import platform; print(platform.python_version())')"
    echo "data:     $DATA ($GEN_ARGS)"
    echo "          forecasts.csv $(marker_value forecast_rows) rows, $FORECAST_MB MB; actuals.csv $(marker_value actual_rows) rows, $ACTUAL_MB MB"
    echo "runs:     hyperfine --warmup 1 --runs $RUNS; then $RUNS alternating rounds"
    echo "wall (hyperfine median):   trueup $(seconds "$H_TRUEUP"), duckdb $(seconds "$H_DUCKDB"), trueup/duckdb $(ratio "$H_TRUEUP" "$H_DUCKDB")"
    echo "wall (alternating median): trueup $(seconds "$A_TRUEUP"), duckdb $(seconds "$A_DUCKDB"), trueup/duckdb $(ratio "$A_TRUEUP" "$A_DUCKDB")"
    echo "peak memory (max RSS):     trueup $(mb "$RSS_TRUEUP"), duckdb $(mb "$RSS_DUCKDB"), trueup/duckdb $(ratio "$RSS_TRUEUP" "$RSS_DUCKDB")"
    echo "output:   $COMPARE"
    echo "files:    $HYPERFINE_JSON, $ALTERNATING_TSV"
    echo "ratio: trueup/duckdb wall = $(ratio "$H_TRUEUP" "$H_DUCKDB") (target <= 1.5)"
} | tee "$REPORT"
cp "$REPORT" "$RESULTS/latest.txt"

if ((COMPARE_STATUS != 0)); then
    echo "bench.sh: trueup's and DuckDB's figures differ (see above)." >&2
    exit 1
fi

#!/usr/bin/env bash
# Benchmark: `trueup report` against DuckDB, Polars and pandas computing the same
# per-customer-and-lag figures from the same CSV files. See bench/README.md.
#
#   bench/bench.sh                                   # full size: 2000 customers x 100 items x 24 months x 3 lags
#   BENCH_CUSTOMERS=50 BENCH_RUNS=2 bench/bench.sh   # quick smoke run
#
# Environment: BENCH_CUSTOMERS (2000), BENCH_ITEMS (100), BENCH_MONTHS (24),
# BENCH_LAGS (3), BENCH_SEED (1), BENCH_RUNS (5), BENCH_WARMUP (1), BENCH_PEERS ("duckdb polars pandas"; DuckDB is always
# measured, the ratio is against it), BENCH_DIALECTS (1: then the export dialects' table, bench/dialects.sh
# on the same data with the same BENCH_RUNS; 0 leaves it out).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

BENCH_SCRIPT=bench/bench.sh
# shellcheck source=bench/book_size.sh
source bench/book_size.sh
RUNS=${BENCH_RUNS:-5}
WARMUP=${BENCH_WARMUP:-1}
PEERS=(duckdb)
for peer in ${BENCH_PEERS-polars pandas}; do
    case $peer in
    duckdb) ;;
    polars | pandas) PEERS+=("$peer") ;;
    *)
        echo "bench/bench.sh: BENCH_PEERS names duckdb, polars and pandas; not '$peer'." >&2
        exit 2
        ;;
    esac
done
if ! [[ $WARMUP =~ ^[0-9]+$ ]]; then
    echo "bench/bench.sh: BENCH_WARMUP must be a whole number, not '$WARMUP'." >&2
    exit 2
fi
if ! [[ $RUNS =~ ^[1-9][0-9]*$ ]]; then
    echo "bench/bench.sh: BENCH_RUNS must be a whole number of 1 or more, not '$RUNS'." >&2
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
for peer in "${PEERS[@]}"; do
    module=$peer
    if ! python3 -c "import $module" 2> /dev/null; then
        echo "== installing $module (Python package)"
        python3 -m pip install "$module" || python3 -m pip install --user --break-system-packages "$module"
    fi
done
# The interpreter itself, not a wrapper script (a version-manager shim would add its own start-up to DuckDB's time).
PYTHON=$(python3 -c 'import sys; print(sys.executable)')

# ---------------------------------------------------------------- build
echo "== swift build -c release"
swift build -c release
TRUEUP="$(swift build -c release --show-bin-path)/trueup"

# ---------------------------------------------------------------- data
# shellcheck source=bench/plain_data.sh
source bench/plain_data.sh

# ---------------------------------------------------------------- commands
OUT_TRUEUP=bench-data/out-trueup
RESULTS=bench-data/results
mkdir -p "$OUT_TRUEUP" "$RESULTS"
STAMP=$(date +%Y%m%d-%H%M%S)
HYPERFINE_JSON=$RESULTS/hyperfine-$STAMP.json
ALTERNATING_TSV=$RESULTS/alternating-$STAMP.tsv
REPORT=$RESULTS/$STAMP.txt

q() { printf '%q' "$1"; }
TRUEUP_CMD="$(q "$TRUEUP") report --forecasts $(q "$FORECASTS") --actuals $(q "$ACTUALS") --out $(q "$OUT_TRUEUP") --format csv > /dev/null"
peer_cmd() { echo "$(q "$PYTHON") bench/$1_report.py $(q "$FORECASTS") $(q "$ACTUALS") $(q "bench-data/out-$1")"; }
HYPERFINE_COMMANDS=(--command-name trueup "$TRUEUP_CMD")
for peer in "${PEERS[@]}"; do HYPERFINE_COMMANDS+=(--command-name "$peer" "$(peer_cmd "$peer")"); done

# ---------------------------------------------------------------- timing: hyperfine
echo "== hyperfine: --warmup $WARMUP --runs $RUNS, every command in one invocation"
hyperfine --shell bash --warmup "$WARMUP" --runs "$RUNS" --output inherit --export-json "$HYPERFINE_JSON" "${HYPERFINE_COMMANDS[@]}"

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
        /usr/bin/time -v -o "$timing" "$PYTHON" "bench/${tool}_report.py" "$FORECASTS" "$ACTUALS" "bench-data/out-$tool"
    fi
    end=$(date +%s.%N)
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$timing")
    rm -f "$timing"
    if [[ -z $rss ]]; then
        echo "bench/bench.sh: no 'Maximum resident set size' in /usr/bin/time -v's output for $tool." >&2
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\n' "$tool" "$round" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')" "$rss" \
        >> "$ALTERNATING_TSV"
}

echo "== alternating: $RUNS rounds of every command under /usr/bin/time -v (trueup first, then last, in turn)"
printf 'tool\tround\tseconds\tmax_rss_kb\n' > "$ALTERNATING_TSV"
for ((round = 1; round <= RUNS; round++)); do
    ((round % 2)) && run_once trueup "$round"
    for peer in "${PEERS[@]}"; do run_once "$peer" "$round"; done
    ((round % 2)) || run_once trueup "$round"
done

# ---------------------------------------------------------------- sanity check of the output
COMPARE_STATUS=0
COMPARE=""
for peer in "${PEERS[@]}"; do
    file=bench-data/out-$peer/peer_metrics.csv
    [[ $peer == duckdb ]] && file=bench-data/out-duckdb/duckdb_metrics.csv
    result=$("$PYTHON" bench/duckdb_report.py --compare "$OUT_TRUEUP/metrics.csv" "$file") || COMPARE_STATUS=$?
    COMPARE+="${COMPARE:+$'\n'          }$peer: $result"
done

# ---------------------------------------------------------------- summary
# One line per tool: hyperfine median, alternating median, peak memory, and trueup's ratio to it;
# then "H_TRUEUP H_DUCKDB RSS_TRUEUP RSS_DUCKDB" for the headline.
TABLE=$("$PYTHON" - "$HYPERFINE_JSON" "$ALTERNATING_TSV" trueup "${PEERS[@]}" << 'PY'
import csv, json, statistics, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
rows = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
tools = sys.argv[3:]
def alt(tool, column, f):
    return f(float(r[column]) for r in rows if r["tool"] == tool)
t_h, t_a, t_m = results["trueup"]["median"], alt("trueup", "seconds", statistics.median), alt("trueup", "max_rss_kb", max)
print(f"{'tool':8} {'hyperfine median':>17} {'alternating median':>19} {'peak memory':>12}   trueup/tool (wall, memory)")
for tool in tools:
    h, a, m = results[tool]["median"], alt(tool, "seconds", statistics.median), alt(tool, "max_rss_kb", max)
    ratios = "" if tool == "trueup" else f"   {t_h / h:.2f} (hyperfine), {t_a / a:.2f} (alternating), {t_m / m:.2f}"
    print(f"{tool:8} {h:15.3f} s {a:17.3f} s {m / 1024:9.0f} MB{ratios}")
print(t_h, results["duckdb"]["median"], int(t_m), int(alt("duckdb", "max_rss_kb", max)))
PY
)
read -r H_TRUEUP H_DUCKDB RSS_TRUEUP RSS_DUCKDB <<< "$(tail -n 1 <<< "$TABLE")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM_KB=$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo)
FORECAST_MB=$(awk -v b="$(file_bytes "$FORECASTS")" 'BEGIN { printf "%.1f", b / 1e6 }')
ACTUAL_MB=$(awk -v b="$(file_bytes "$ACTUALS")" 'BEGIN { printf "%.1f", b / 1e6 }')
GIT_REV=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
if [[ -n $(git status --porcelain 2> /dev/null) ]]; then GIT_REV="$GIT_REV + uncommitted changes"; fi

{
    echo "== trueup vs ${PEERS[*]}, $(date '+%Y-%m-%d %H:%M:%S')"
    echo "machine:  ${CPU:-unknown CPU}, $(nproc) cores, $(awk -v k="$MEM_KB" 'BEGIN { printf "%.1f GiB", k / 1048576 }') memory"
    echo "trueup:   $("$TRUEUP" --version) (git $GIT_REV), release build"
    echo "peers:    $(for peer in "${PEERS[@]}"; do printf '%s; ' "$("$PYTHON" "bench/${peer}_report.py" --version)"; done)Python $("$PYTHON" -c 'import platform; print(platform.python_version())')"
    echo "data:     $DATA ($GEN_ARGS)"
    echo "          forecasts.csv $(marker_value forecast_rows) rows, $FORECAST_MB MB; actuals.csv $(marker_value actual_rows) rows, $ACTUAL_MB MB"
    echo "runs:     hyperfine --warmup $WARMUP --runs $RUNS; then $RUNS alternating rounds"
    head -n -1 <<< "$TABLE"
    echo "output:   $COMPARE"
    echo "files:    $HYPERFINE_JSON, $ALTERNATING_TSV"
    echo "ratio: trueup/duckdb wall = $(ratio "$H_TRUEUP" "$H_DUCKDB") (target <= 0.5), peak memory = $(ratio "$RSS_TRUEUP" "$RSS_DUCKDB") (target <= 1)"
} | tee "$REPORT"
cp "$REPORT" "$RESULTS/latest.txt"

if ((COMPARE_STATUS != 0)); then
    echo "bench/bench.sh: trueup's figures and a peer's differ (see above)." >&2
    exit 1
fi

# The same data as the exports' dialects write it, against the plain files and DuckDB (bench/dialects.sh).
if [[ ${BENCH_DIALECTS:-1} != 0 ]]; then
    echo
    BENCH_CUSTOMERS=$CUSTOMERS BENCH_ITEMS=$ITEMS BENCH_MONTHS=$MONTHS BENCH_LAGS=$LAGS BENCH_SEED=$SEED BENCH_RUNS=$RUNS \
        bash bench/dialects.sh
fi

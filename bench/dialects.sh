#!/usr/bin/env bash
# Benchmark: `trueup report` on the benchmark's files as four export dialects write them, against
# the plain files and against DuckDB given each dialect. See bench/README.md.
#
#   bench/dialects.sh                                     # full size: the data bench/bench.sh uses
#   BENCH_CUSTOMERS=40 BENCH_ITEMS=20 BENCH_RUNS=2 bench/dialects.sh   # quick smoke run
#
# The variants, derived once from the plain files (and reused while their marker matches):
#   dates        periods as dates: forecasts on the 1st of the month, actuals on the 15th
#   quoted-crlf  every text field (customer, item, period, and the header) in double quotes, CRLF line ends
#   semicolon    `;` between fields and a decimal comma in the quantities
#   snapshot     the forecasts' lag column replaced by a snapshot column (YYYY-MM, the period minus
#                the lag); the actuals plain
#
# Environment: BENCH_CUSTOMERS (2000), BENCH_ITEMS (100), BENCH_MONTHS (24), BENCH_LAGS (3),
# BENCH_SEED (1) choose the plain data as in bench/bench.sh; BENCH_RUNS (3): rounds of every command.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

BENCH_SCRIPT=bench/dialects.sh
# shellcheck source=bench/book_size.sh
source bench/book_size.sh
RUNS=${BENCH_RUNS:-3}
for setting in CUSTOMERS ITEMS MONTHS LAGS RUNS; do
    if ! [[ ${!setting} =~ ^[1-9][0-9]*$ ]]; then
        echo "bench/dialects.sh: BENCH_$setting must be a whole number of 1 or more, not '${!setting}'." >&2
        exit 2
    fi
done
if ! [[ $SEED =~ ^[0-9]+$ ]]; then
    echo "bench/dialects.sh: BENCH_SEED must be a whole number, not '$SEED'." >&2
    exit 2
fi
VARIANTS=(dates quoted-crlf semicolon snapshot)

# ---------------------------------------------------------------- tools
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
apt_packages=()
command -v hyperfine > /dev/null || apt_packages+=(hyperfine)
if ! { command -v pkg-config > /dev/null && pkg-config --exists openblas; }; then
    apt_packages+=(libopenblas-dev)
    command -v pkg-config > /dev/null || apt_packages+=(pkg-config)
fi
if ((${#apt_packages[@]})); then
    echo "== installing ${apt_packages[*]}"
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_packages[@]}"
fi
if ! python3 -c "import duckdb" 2> /dev/null; then
    echo "== installing duckdb (Python package)"
    python3 -m pip install duckdb || python3 -m pip install --user --break-system-packages duckdb
fi
# The interpreter itself, not a wrapper script (a version-manager shim would add its own start-up to DuckDB's time).
PYTHON=$(python3 -c 'import sys; print(sys.executable)')

# ---------------------------------------------------------------- build
echo "== swift build -c release"
swift build -c release
TRUEUP="$(swift build -c release --show-bin-path)/trueup"

# ---------------------------------------------------------------- plain data (as bench/bench.sh makes it)
# shellcheck source=bench/plain_data.sh
source bench/plain_data.sh
if [[ $(head -n 1 "$FORECASTS") != customer,item,period,lag,forecast || $(head -n 1 "$ACTUALS") != customer,item,period,actual ]]; then
    echo "bench/dialects.sh: expected the headers customer,item,period,lag,forecast and customer,item,period,actual" \
        "in $FORECASTS and $ACTUALS." >&2
    exit 1
fi

# ---------------------------------------------------------------- the variants
DIALECTS=$DATA-dialects
DERIVED=$DIALECTS/.derived
# Bump when a recipe below changes, so the cached variants are made again.
RECIPES=1

variant_forecasts() { if [[ $1 == plain ]]; then echo "$FORECASTS"; else echo "$DIALECTS/$1/forecasts.csv"; fi; }
variant_actuals() { if [[ $1 == plain || $1 == snapshot ]]; then echo "$ACTUALS"; else echo "$DIALECTS/$1/actuals.csv"; fi; }

# What the variants were made from and what they came to; they are reused while this matches.
derived_state() {
    echo "recipes: $RECIPES"
    echo "source: $(tr '\n' ' ' < "$MARKER")"
    for variant in "${VARIANTS[@]}"; do
        for file in "$(variant_forecasts "$variant")" "$(variant_actuals "$variant")"; do
            if [[ $file == "$DIALECTS"/* ]]; then echo "$file: $(file_bytes "$file" 2> /dev/null || echo missing)"; fi
        done
    done
}

# make_variant NAME: writes DIALECTS/NAME/forecasts.csv (and actuals.csv) from the plain files.
make_variant() {
    local dir=$DIALECTS/$1
    mkdir -p "$dir"
    case $1 in
    dates)
        awk 'BEGIN { FS = OFS = "," } NR == 1 { print; next } { $3 = $3 "-01"; print }' "$FORECASTS" > "$dir/forecasts.csv"
        awk 'BEGIN { FS = OFS = "," } NR == 1 { print; next } { $3 = $3 "-15"; print }' "$ACTUALS" > "$dir/actuals.csv"
        ;;
    quoted-crlf)
        # Quotes around every text field and the header's names; the lag and the quantities are numbers.
        awk -v q='"' 'BEGIN { FS = "," }
            NR == 1 { printf "%s%s%s,%s%s%s,%s%s%s,%s%s%s,%s%s%s\r\n", q, $1, q, q, $2, q, q, $3, q, q, $4, q, q, $5, q; next }
            { printf "%s%s%s,%s%s%s,%s%s%s,%s,%s\r\n", q, $1, q, q, $2, q, q, $3, q, $4, $5 }' "$FORECASTS" > "$dir/forecasts.csv"
        awk -v q='"' 'BEGIN { FS = "," }
            NR == 1 { printf "%s%s%s,%s%s%s,%s%s%s,%s%s%s\r\n", q, $1, q, q, $2, q, q, $3, q, q, $4, q; next }
            { printf "%s%s%s,%s%s%s,%s%s%s,%s\r\n", q, $1, q, q, $2, q, q, $3, q, $4 }' "$ACTUALS" > "$dir/actuals.csv"
        ;;
    semicolon)
        # The generated names and periods hold no `.` or `,`: only the quantities change their mark.
        tr ',.' ';,' < "$FORECASTS" > "$dir/forecasts.csv"
        tr ',.' ';,' < "$ACTUALS" > "$dir/actuals.csv"
        ;;
    snapshot)
        awk 'BEGIN { FS = OFS = "," }
            NR == 1 { print "customer", "item", "period", "snapshot", "forecast"; next }
            { m = substr($3, 1, 4) * 12 + substr($3, 6, 2) - 1 - $4
              printf "%s,%s,%s,%04d-%02d,%s\n", $1, $2, $3, int(m / 12), m % 12 + 1, $5 }' "$FORECASTS" > "$dir/forecasts.csv"
        ;;
    esac
}

if [[ -f $DERIVED && $(cat "$DERIVED") == "$(derived_state)" ]]; then
    echo "== variants: reusing $DIALECTS (${VARIANTS[*]})"
else
    rm -f "$DERIVED"
    for variant in "${VARIANTS[@]}"; do
        echo "== variants: making $DIALECTS/$variant"
        make_variant "$variant"
    done
    derived_state > "$DERIVED"
fi

# ---------------------------------------------------------------- commands
OUT=bench-data/out-dialects
RESULTS=bench-data/results
mkdir -p "$OUT" "$RESULTS"
STAMP=$(date +%Y%m%d-%H%M%S)
HYPERFINE_JSON=$RESULTS/dialects-hyperfine-$STAMP
REPORT=$RESULTS/dialects-$STAMP.txt

duckdb_options() {
    case $1 in
    plain) ;;
    dates) echo "--dates" ;;
    quoted-crlf) echo "--quoted --crlf" ;;
    semicolon) echo "--delimiter ; --decimal-comma" ;;
    snapshot) echo "--snapshot" ;;
    esac
}

q() { printf '%q' "$1"; }
# Each variant's outputs (and trueup's history) in a folder of its own.
trueup_cmd() {
    echo "$(q "$TRUEUP") report --forecasts $(q "$(variant_forecasts "$1")") --actuals $(q "$(variant_actuals "$1")")" \
        "--out $(q "$OUT/$1/trueup") --format csv > /dev/null"
}
duckdb_cmd() {
    local options
    read -r -a options <<< "$(duckdb_options "$1")"
    echo "$(q "$PYTHON") bench/duckdb_report.py ${options[*]+$(printf '%q ' "${options[@]}")}$(q "$(variant_forecasts "$1")")" \
        "$(q "$(variant_actuals "$1")") $(q "$OUT/$1/duckdb")"
}

# ---------------------------------------------------------------- same answers
# Every variant's metrics.csv must be the plain files' byte for byte, and DuckDB must agree with trueup.
check_outputs() {
    local variant failed=0
    for variant in "${VARIANTS[@]}"; do
        if ! cmp -s "$OUT/plain/trueup/metrics.csv" "$OUT/$variant/trueup/metrics.csv"; then
            echo "bench/dialects.sh: FAILED: trueup's metrics.csv for $variant differs from the plain files':" >&2
            diff "$OUT/plain/trueup/metrics.csv" "$OUT/$variant/trueup/metrics.csv" | head -n 10 >&2 || true
            failed=1
        fi
    done
    for variant in plain "${VARIANTS[@]}"; do
        if ! "$PYTHON" bench/duckdb_report.py --compare "$OUT/$variant/trueup/metrics.csv" "$OUT/$variant/duckdb/duckdb_metrics.csv" \
            > "$OUT/$variant/compare.txt"; then
            echo "bench/dialects.sh: FAILED: DuckDB's figures for $variant differ from trueup's:" >&2
            cat "$OUT/$variant/compare.txt" >&2
            failed=1
        fi
    done
    return $failed
}

echo "== check: each command once; the variants' metrics.csv against the plain files'"
for variant in plain "${VARIANTS[@]}"; do
    rm -rf "${OUT:?}/$variant"
    bash -c "$(trueup_cmd "$variant")"
    bash -c "$(duckdb_cmd "$variant")"
done
check_outputs || exit 1

# ---------------------------------------------------------------- timing
# One hyperfine invocation per round, each running every command once, in turn forwards and
# backwards: on a machine whose load drifts, no command is always timed in the quiet or the busy
# part. The check above ran every command once already, so the files are in the page cache.
COMMANDS=()
for variant in plain "${VARIANTS[@]}"; do
    COMMANDS+=("trueup $variant" "$(trueup_cmd "$variant")" "duckdb $variant" "$(duckdb_cmd "$variant")")
done
for ((round = 1; round <= RUNS; round++)); do
    order=()
    for ((k = 0; k < ${#COMMANDS[@]}; k += 2)); do
        if ((round % 2)); then
            order+=(--command-name "${COMMANDS[k]}" "${COMMANDS[k + 1]}")
        else
            order=(--command-name "${COMMANDS[k]}" "${COMMANDS[k + 1]}" "${order[@]}")
        fi
    done
    direction=forwards
    ((round % 2)) || direction=backwards
    echo "== hyperfine: round $round of $RUNS, every command once, $direction"
    hyperfine --shell bash --runs 1 --output inherit --export-json "$HYPERFINE_JSON-$round.json" "${order[@]}"
done
# The outputs of the timed runs, checked again.
check_outputs || exit 1

# ---------------------------------------------------------------- summary
TABLE=$("$PYTHON" - "$HYPERFINE_JSON" "$RUNS" plain "${VARIANTS[@]}" << 'PY'
import json, statistics, sys
times = {}
for round in range(1, int(sys.argv[2]) + 1):
    for r in json.load(open(f"{sys.argv[1]}-{round}.json"))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
results = {command: statistics.median(t) for command, t in times.items()}
plain = results["trueup plain"]
print(f"{'variant':12} {'trueup s':>9} {'trueup/plain':>13} {'DuckDB s':>9} {'trueup/DuckDB':>14}   targets (<= 1.3, <= 0.5)")
for variant in sys.argv[3:]:
    t, d = results[f"trueup {variant}"], results[f"duckdb {variant}"]
    missed = [] if variant == "plain" or t / plain <= 1.3 else ["trueup/plain"]
    if t / d > 0.5:
        missed.append("trueup/DuckDB")
    verdict = "met" if not missed else "MISSED: " + ", ".join(missed)
    print(f"{variant:12} {t:9.3f} {t / plain:13.2f} {d:9.3f} {t / d:14.2f}   {verdict}")
PY
)

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM_KB=$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo)
GIT_REV=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
if [[ -n $(git status --porcelain 2> /dev/null) ]]; then GIT_REV="$GIT_REV + uncommitted changes"; fi
megabytes() { awk -v b="$(file_bytes "$1")" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

{
    echo "== trueup on export dialects vs the plain files and DuckDB, $(date '+%Y-%m-%d %H:%M:%S')"
    echo "machine:  ${CPU:-unknown CPU}, $(nproc) cores, $(awk -v k="$MEM_KB" 'BEGIN { printf "%.1f GiB", k / 1048576 }') memory"
    echo "trueup:   $("$TRUEUP" --version) (git $GIT_REV), release build"
    echo "DuckDB:   $("$PYTHON" bench/duckdb_report.py --version), Python $("$PYTHON" -c 'import platform; print(platform.python_version())')"
    echo "data:     $DATA ($GEN_ARGS): $(marker_value forecast_rows) forecast rows, $(marker_value actual_rows) actual rows"
    for variant in plain "${VARIANTS[@]}"; do
        printf '          %-12s forecasts %s, actuals %s\n' "$variant" "$(megabytes "$(variant_forecasts "$variant")")" \
            "$(megabytes "$(variant_actuals "$variant")")"
    done
    echo "runs:     $RUNS rounds of every command (hyperfine --runs 1 each, forwards and backwards in turn), medians;"
    echo "          every variant's metrics.csv is the plain files' byte for byte, and DuckDB's figures agree with trueup's"
    echo "$TABLE"
    echo "files:    $HYPERFINE_JSON-{1..$RUNS}.json"
} | tee "$REPORT"
cp "$REPORT" "$RESULTS/dialects-latest.txt"

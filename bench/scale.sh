#!/usr/bin/env bash
# Measurement: one `trueup report` over the benchmark's book against the same book in partitions
# (over the whole book, and given only their own rows), their merge, and the Spark runner on
# local[2] with 4 and 8 partitions: time and peak memory of each, and that every merged
# metrics.csv, flags.csv, coverage.csv and stability.csv is one run's. See docs/scale.md.
#
#   bench/scale.sh                                    # the 19.2M-row book of bench/bench.sh
#   BENCH_CUSTOMERS=100 bench/scale.sh                # a quick run
#
# Environment: BENCH_CUSTOMERS (2000), BENCH_ITEMS (100), BENCH_MONTHS (24), BENCH_LAGS (3), BENCH_SEED (1) as in
# bench/bench.sh; SCALE_SPARK (1: also the Spark runner, where pyspark is installed; 0 leaves it out).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BENCH_SCRIPT=bench/scale.sh
# shellcheck source=bench/book_size.sh
source bench/book_size.sh
./deps.sh
swift build -c release > /dev/null
TRUEUP=$(swift build -c release --show-bin-path)/trueup
# shellcheck source=plain_data.sh
source bench/plain_data.sh
OUT=bench-data/scale
rm -rf "$OUT"
mkdir -p "$OUT"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%Y-%m-%d)"
measure() { # measure LABEL COMMAND...: one line of time and peak memory
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" > /dev/null 2> "$OUT/stderr.txt" || { cat "$OUT/stderr.txt" >&2; exit 1; }
    read -r seconds kilobytes < "$OUT/time.txt"
    printf '%-52s %8.2f s %8d MB\n' "$label" "$seconds" $((kilobytes / 1024))
}
same() { # same DIR: the merged files against one run's
    for file in metrics.csv flags.csv coverage.csv stability.csv; do
        cmp -s "$OUT/single/$file" "$1/$file" || { echo "bench/scale.sh: $1/$file differs from one run's" >&2; exit 1; }
    done
}
measure "one run over the book" "$TRUEUP" report --forecasts "$FORECASTS" --actuals "$ACTUALS" --out "$OUT/single" --no-history
for n in 4 8; do
    for k in $(seq 1 "$n"); do
        measure "partition $k/$n over the whole book" "$TRUEUP" report --forecasts "$FORECASTS" --actuals "$ACTUALS" \
            --partition "$k/$n" --partial "$OUT/whole-$k-of-$n.partial"
    done
    measure "merge of $n" "$TRUEUP" merge "$OUT"/whole-*-of-"$n".partial --out "$OUT/merged-$n" --no-history
    same "$OUT/merged-$n"
done
# Each partition of 4 given only its own rows, split by `trueup route`.
for side in forecasts actuals; do
    file=$FORECASTS
    [[ $side == actuals ]] && file=$ACTUALS
    head -1 "$FORECASTS" > "$OUT/forecasts-header.csv"
    head -1 "$ACTUALS" > "$OUT/actuals-header.csv"
    other=$OUT/actuals-header.csv
    [[ $side == actuals ]] && other=$OUT/forecasts-header.csv
    if [[ $side == forecasts ]]; then
        "$TRUEUP" route --partitions 4 --side forecasts --forecasts "$file" --actuals "$other" > "$OUT/$side.routes"
    else
        "$TRUEUP" route --partitions 4 --side actuals --forecasts "$other" --actuals "$file" > "$OUT/$side.routes"
    fi
    python3 - "$file" "$OUT/$side.routes" "$OUT/own-$side" << 'PY'
import sys
source, routes, prefix = sys.argv[1:]
owners = open(routes, "rb").read().split()
with open(source, "rb") as rows:
    header = rows.readline()
    outs = [open(f"{prefix}-{k}.csv", "wb") for k in range(1, 5)]
    for out in outs:
        out.write(header)
    for line, owner in zip(rows, owners):
        outs[int(owner) - 1].write(line)
PY
done
for k in 1 2 3 4; do
    measure "partition $k/4 given only its own rows" "$TRUEUP" report --forecasts "$OUT/own-forecasts-$k.csv" \
        --actuals "$OUT/own-actuals-$k.csv" --partition "$k/4" --partial "$OUT/own-$k.partial" --book-id scale
done
measure "merge of 4 given only their own rows" "$TRUEUP" merge "$OUT"/own-*.partial --out "$OUT/merged-own" --no-history
same "$OUT/merged-own"
if [[ ${SCALE_SPARK:-1} == 1 ]] && python3 -c "import pyspark" 2> /dev/null; then
    for n in 4 8; do
        measure "Spark local[2], $n partitions" python3 spark/trueup_spark.py --trueup "$TRUEUP" --master 'local[2]' \
            --partitions "$n" --forecasts "$FORECASTS" --actuals "$ACTUALS" --out "$OUT/spark-$n" --no-history
        same "$OUT/spark-$n"
    done
fi
echo "every merged metrics.csv, flags.csv, coverage.csv and stability.csv is one run's"

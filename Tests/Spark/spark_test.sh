#!/usr/bin/env bash
# The Spark runner on local[2] with 4 partitions against one `trueup report` on a generated book of
# about 2 million rows: metrics.csv and flags.csv must be the same bytes.
#
#   bash Tests/Spark/spark_test.sh BIN        (BIN: the trueup binary)
#
# Without pyspark it says so and passes: `pip install -r spark/requirements.txt` installs it (.ci/run does).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if ! python3 -c "import pyspark" 2> /dev/null; then
    echo "Spark test skipped: pyspark is not installed (pip install -r spark/requirements.txt installs it)."
    exit 0
fi
if ! command -v java > /dev/null; then
    echo "Spark test skipped: no Java runtime for Spark (Java 17 runs it)."
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/trueup-spark.XXXXXX")
trap 'rm -rf "$work"' EXIT
# 400 customers x 50 items x 24 months x (3 lags + the actual) = 1,920,000 rows.
"$BIN" generate --customers 400 --items 50 --months 24 --lags 3 --seed 7 "$work/book" > /dev/null
rows=$(( $(wc -l < "$work/book/forecasts.csv") + $(wc -l < "$work/book/actuals.csv") - 2 ))
start=$(date +%s)
"$BIN" report --forecasts "$work/book/forecasts.csv" --actuals "$work/book/actuals.csv" --out "$work/single" --no-history > /dev/null
middle=$(date +%s)
python3 spark/trueup_spark.py --trueup "$BIN" --master 'local[2]' --partitions 4 \
    --forecasts "$work/book/forecasts.csv" --actuals "$work/book/actuals.csv" --out "$work/spark" --no-history \
    > "$work/spark.txt" 2> "$work/spark.err" || { cat "$work/spark.err" >&2; echo "Spark test FAILED: the runner failed." >&2; exit 1; }
end=$(date +%s)
for file in metrics.csv flags.csv coverage.csv stability.csv; do
    if ! cmp -s "$work/single/$file" "$work/spark/$file"; then
        echo "Spark test FAILED: $file differs from one run's:" >&2
        diff "$work/single/$file" "$work/spark/$file" | head -5 >&2
        exit 1
    fi
done
echo "Spark test passed: $rows rows, local[2], 4 partitions: metrics.csv, flags.csv, coverage.csv and stability.csv are one run's bytes (one run $((middle - start)) s, Spark $((end - middle)) s)."

# The benchmark book's size, shared by bench/bench.sh, bench/dialects.sh and bench/scale.sh: sourced,
# not run. Reads BENCH_CUSTOMERS (2000), BENCH_ITEMS (100), BENCH_MONTHS (24), BENCH_LAGS (3) and
# BENCH_SEED (1); sets CUSTOMERS, ITEMS, MONTHS, LAGS and SEED, or stops (exit 2) on a value that is
# not a whole number. Expects BENCH_SCRIPT (the caller's name, for messages).

CUSTOMERS=${BENCH_CUSTOMERS:-2000}
ITEMS=${BENCH_ITEMS:-100}
MONTHS=${BENCH_MONTHS:-24}
LAGS=${BENCH_LAGS:-3}
SEED=${BENCH_SEED:-1}
for setting in CUSTOMERS ITEMS MONTHS LAGS; do
    if ! [[ ${!setting} =~ ^[1-9][0-9]*$ ]]; then
        echo "$BENCH_SCRIPT: BENCH_$setting must be a whole number of 1 or more, not '${!setting}'." >&2
        exit 2
    fi
done
if ! [[ $SEED =~ ^[0-9]+$ ]]; then
    echo "$BENCH_SCRIPT: BENCH_SEED must be a whole number, not '$SEED'." >&2
    exit 2
fi

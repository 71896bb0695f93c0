# The benchmark's plain data, shared by bench/bench.sh, bench/dialects.sh and bench/scale.sh: sourced, not run.
#
# Expects CUSTOMERS, ITEMS, MONTHS, LAGS, SEED (bench/book_size.sh), TRUEUP and BENCH_SCRIPT (the caller's name, for
# messages). Generates bench-data/1x (other sizes their own folder) with `trueup generate` unless
# its `.generated` marker matches, and sets DATA, FORECASTS, ACTUALS, MARKER and GEN_ARGS, with
# file_bytes and marker_value for the summaries.

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
        echo "$BENCH_SCRIPT: generated $forecast_rows forecast rows and $actual_rows actual rows;" \
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


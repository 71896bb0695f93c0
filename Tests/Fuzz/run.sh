#!/usr/bin/env bash
# Fuzzes trueup's CSV reader and its period and quantity parsers, then its .xlsx reader
# (zips and sheet XML), for SECONDS in all (default 60, half each).
#
#   Tests/Fuzz/run.sh [SECONDS]
#
# Builds the libFuzzer target with AddressSanitizer, seeds a fresh corpus from datasets/
# (the malformed corpus and the first 4 KiB of each demo file) and the test fixtures,
# runs for the time given on one core, and prints the number of executions and the
# time. Exits non-zero on a failure, after copying the input that caused it to
# Tests/Fuzz/artifacts/; `swift run --package-path Tests/Fuzz TrueupFuzz FILE`
# replays it without the sanitizers.
set -euo pipefail
seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)

cd "$here"
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/TrueupFuzz"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/xlsx" "$work/artifacts"
cp "$root"/datasets/malformed/*.csv "$work/corpus/"
for file in "$root"/Tests/Fixtures/tiny/*.csv; do
    cp "$file" "$work/corpus/tiny-$(basename "$file")"
done
for file in "$root"/datasets/demo/*.csv; do
    head -c 4096 "$file" > "$work/corpus/demo-$(basename "$file")"
done
# The workbook reader's seeds: the fixture workbooks and, where unzip is there, their sheets' XML.
for file in "$root"/Tests/Fixtures/xlsx/*.xlsx; do
    cp "$file" "$work/xlsx/"
    if command -v unzip > /dev/null; then
        unzip -p "$file" xl/worksheets/sheet1.xml > "$work/xlsx/sheet-$(basename "$file" .xlsx).xml" 2> /dev/null || true
    fi
done

# The time is shared: half for the CSV reader and its parsers, half for the workbook reader.
half=$(( (seconds + 1) / 2 ))
started=$(date +%s)
status=0
runs=""
for target in csv workbook; do
    corpus="$work/corpus"
    leaks=1
    if [ "$target" = workbook ]; then
        corpus="$work/xlsx"
        # ZIPFoundation's in-memory archive keeps its file object (about 100 bytes) when opening a
        # damaged zip fails part way; that leak is the library's, bounded, and once per run, so
        # leak detection is off for the workbook reader. Crashes, overflows and hangs still fail.
        leaks=0
    fi
    # The Swift runtime's own crash reporter would hold the process up; libFuzzer reports instead.
    ASAN_OPTIONS="detect_leaks=$leaks" TRUEUP_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$half" -max_len=8192 -timeout=10 \
        -rss_limit_mb=2048 -detect_leaks="$leaks" -print_final_stats=1 -dict="$here/csv.dict" -artifact_prefix="$work/artifacts/$target-" \
        "$corpus" > "$work/log-$target" 2>&1 || status=$?
    runs="$runs $target $(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log-$target")"
    if [ "$status" -ne 0 ]; then
        tail -n 40 "$work/log-$target"
        break
    fi
done
elapsed=$(( $(date +%s) - started ))

if [ "$status" -ne 0 ]; then
    mkdir -p "$here/artifacts"
    cp "$work"/artifacts/* "$here/artifacts/" 2>/dev/null || true
    echo "fuzz: FAILED after ${elapsed} s (exit ${status}); inputs kept in Tests/Fuzz/artifacts/" >&2
    exit "$status"
fi
echo "fuzz: executions:${runs} in ${elapsed} s, no failure"

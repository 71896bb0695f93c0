#!/usr/bin/env bash
# Installs what is missing, runs every test, then checks metrics.csv against the independent
# Python reference of METRICS.md on generated data.
set -euo pipefail
cd "$(dirname "$0")"
./deps.sh
swift build --build-tests
# Every suite, the slow ones too (the notebooks, interrupted writes and history), with a
# temporary directory of their own: a test that leaves a file there fails the run. The toolchain's
# own entries (lock files, its TemporaryDirectory.* folders) are not the tests'.
scratch="$(mktemp -d)"
TMPDIR="$scratch" TRUEUP_SLOW_TESTS=1 swift test --skip-build
left="$(find "$scratch" -mindepth 1 -maxdepth 1 ! -name '*.lock' ! -name 'TemporaryDirectory.*' -printf '%f\n')"
rm -rf "$scratch"
if [ -n "$left" ]; then
    echo "test.sh: the tests left these in the temporary directory:" >&2
    echo "$left" >&2
    exit 1
fi
bash Tests/Reference/crosscheck.sh "$(swift build --show-bin-path)/trueup"
# The Spark runner on local[2] against one run (skipped, saying so, where pyspark is not installed).
bash Tests/Spark/spark_test.sh "$(swift build --show-bin-path)/trueup"

#!/usr/bin/env bash
# Installs what is missing, runs every test, then checks metrics.csv against the independent
# Python reference of METRICS.md on generated data.
set -euo pipefail
cd "$(dirname "$0")"
./deps.sh
swift build --build-tests
swift test --skip-build
bash Tests/Reference/crosscheck.sh "$(swift build --show-bin-path)/trueup"

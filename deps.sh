#!/usr/bin/env bash
# Installs what trueup needs beyond the Swift toolchain: OpenBLAS, SQLite, libcrypto, zlib and libxlsxwriter (and pkg-config to find them).
# Does nothing when all are present. Uses sudo only when not already root.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev)
pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
pkg-config --exists libcrypto 2>/dev/null || missing+=(libssl-dev)
# zlib: ZIPFoundation inflates .xlsx workbooks with it, and trueup checks their CRC-32 with it (Sources/CZlibCRC).
pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
# libxlsxwriter: report.xlsx (Sources/CXLSXWriter).
pkg-config --exists xlsxwriter 2>/dev/null || missing+=(libxlsxwriter-dev)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing ${missing[*]} ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

#!/usr/bin/env bash
# Renders the demo report.html in headless Chromium and fails on a blank or broken page.
#
# Runs `trueup report --out` on datasets/demo, screenshots report.html at 1366 x 2400 and checks
# the picture (Tests/Render/check_png.py: size, share of drawn pixels, the scatter's tier colours,
# the headline). Chromium resolves every host to nothing and writes a net log; an http(s) request
# the page made fails the check (Tests/Render/check_netlog.py), so the page loads nothing from outside. It also prints the page
# to PDF and counts the pages. The top of the screenshot is kept in notebooks-md/img/demo-report.png.
# The report with prices and agreements (its flagged table is the widest) is laid out at 1024 and
# 1440 px: its flagged table, and the page, must not overflow the window sideways
# (Tests/Render/check_overflow.py). Where LibreOffice is installed (soffice), report.xlsx is
# converted to PDF headless, and a failed conversion fails the check.
#
# Chromium is installed with apt-get when missing. When it can't be, the check fails, unless
# RENDER_OPTIONAL=1, when it says it was skipped and succeeds.
#
# Usage: Tests/Render/render.sh [PATH/TO/trueup]   (default: builds it with swift build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
width=1366
height=2400

trueup="${1:-}"
if [ -z "$trueup" ]; then
  (cd "$root" && swift build --product trueup >/dev/null)
  trueup="$(cd "$root" && swift build --show-bin-path)/trueup"
fi

skip() {
  echo "render check skipped: chromium could not be installed"
  if [ "${RENDER_OPTIONAL:-0}" = "1" ]; then exit 0; fi
  exit 1
}

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  if command -v apt-get >/dev/null 2>&1 \
      && $sudo apt-get update >/dev/null 2>&1 \
      && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null 2>&1; then
    browser="$(command -v chromium || true)"
  fi
  [ -n "$browser" ] || skip
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
demo="$root/datasets/demo"
if [ ! -f "$demo/forecasts.csv" ] || [ ! -f "$demo/actuals.csv" ]; then
  demo="$work/demo"
  "$trueup" generate --customers 40 --items 25 --months 24 --lags 3 --seed 2024 "$demo" >/dev/null
fi
"$trueup" report --forecasts "$demo/forecasts.csv" --actuals "$demo/actuals.csv" --lag 1 --out "$work/out" >/dev/null
page="$work/out/report.html"
echo "report.html: $(wc -c <"$page") bytes"

# A fresh profile, no background traffic, every host name resolved to nothing.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile"
       --no-first-run --disable-background-networking --disable-component-update --disable-sync
       --disable-default-apps --disable-extensions --disable-domain-reliability
       --host-resolver-rules="MAP * ~NOTFOUND")
"$browser" "${flags[@]}" --window-size="$width,$height" --log-net-log="$work/net.json" \
  --screenshot="$work/report.png" "file://$page" >"$work/chromium.log" 2>&1 || true
if [ ! -s "$work/report.png" ]; then
  echo "FAIL: chromium wrote no screenshot; its output:"
  tail -n 20 "$work/chromium.log"
  exit 1
fi

# Any http(s) request the page made fails; the browser's own background traffic is listed, not failed.
python3 "$here/check_netlog.py" "$work/net.json"

python3 "$here/check_png.py" "$work/report.png" "$page" "$width" "$height"

"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "file://$page" >>"$work/chromium.log" 2>&1 || true
if [ -s "$work/report.pdf" ]; then
  pages="$(python3 -c 'import re, sys; print(len(re.findall(rb"/Type\s*/Page(?![s\w])", open(sys.argv[1], "rb").read())))' "$work/report.pdf")"
  echo "print: report.pdf, $(wc -c <"$work/report.pdf") bytes, $pages pages"
else
  echo "FAIL: chromium printed no PDF"
  exit 1
fi

# The widest flagged table: with prices and agreements, at a laptop's 1024 px and a desktop's 1440 px.
priced=()
if [ -f "$demo/prices.csv" ] && [ -f "$demo/agreements.csv" ]; then
  priced=(--prices "$demo/prices.csv" --agreements "$demo/agreements.csv")
fi
"$trueup" report --forecasts "$demo/forecasts.csv" --actuals "$demo/actuals.csv" "${priced[@]}" --lag 1 --no-history \
  --out "$work/priced" >/dev/null
python3 "$here/check_overflow.py" "$browser" "$work/priced/report.html" "$work" 1024 1440

# report.xlsx in LibreOffice (installed with apt-get when missing, its spreadsheet without a GUI):
# a workbook it can't open fails the check; where it can't be installed, the check says it was skipped.
office="$(command -v soffice || command -v libreoffice || true)"
if [ -z "$office" ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  { $sudo apt-get update >/dev/null 2>&1 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y libreoffice-calc-nogui >/dev/null 2>&1; } || true
  office="$(command -v soffice || command -v libreoffice || true)"
fi
if [ -n "$office" ]; then
  if ! "$office" --headless -env:UserInstallation="file://$work/office" --convert-to pdf --outdir "$work/xlsx" \
      "$work/priced/report.xlsx" >"$work/office.log" 2>&1 || [ ! -s "$work/xlsx/report.pdf" ]; then
    echo "FAIL: LibreOffice could not convert report.xlsx to PDF; its output:"
    tail -n 20 "$work/office.log"
    exit 1
  fi
  echo "report.xlsx: LibreOffice converted it to PDF, $(wc -c <"$work/xlsx/report.pdf") bytes"
else
  echo "report.xlsx in LibreOffice: skipped, soffice is not installed"
fi

mkdir -p "$root/notebooks-md/img"
python3 "$here/crop_png.py" "$work/report.png" "$root/notebooks-md/img/demo-report.png" 1400
echo "render check passed; screenshot in notebooks-md/img/demo-report.png"

#!/usr/bin/env bash
# Checks `trueup report` against the independent Python reference of METRICS.md.
#
# Generated data is thinned and perturbed so every case METRICS.md names occurs:
# unforecasted purchases, forecasts without actuals, zero and negative actuals,
# several actual lines for one key, unmatched actuals and open periods. Each
# option set below must give the same metrics.csv (sums of quantities as exact
# decimals, other figures to 10 significant digits) and the same row
# accounting. The data is then rewritten as a semicolon export with decimal
# commas, other header names, a byte order mark, CRLF and quoting, and read
# through --columns: the figures must not change. Then the traps of real
# exports: codes with leading zeros and in another case (the run must stop
# with exit 65 and name them; --normalize-keys must give the clean codes'
# figures), a last month with three actual rows (open by default, scored with
# --as-of), and a customer forecasting at lag 3 only. coverage.csv, the last
# closed period and the incomplete month are compared too. Then the data that
# can't be right: a stray row dated 2062-01 (open, its line named), invoices
# dated by day whose last month stops on the 10th (open), and a month with no
# actual row at all (the run stops with exit 65; --allow-gaps leaves it out):
# the stray, cut-off and gap months are compared with the reference's. Customers forecasting in other units
# (cases of 12) on a generated book are unscored with the reference's factors, and most customers' actuals in
# thousandths stop both.
#
# With prices (written here from the data's own items, by a seeded random draw): general
# prices for most items, a customer's own price over the general one for some pairs, a
# customer's own price for an item with no general one, costs for some items only, and
# some items unpriced (among them the never-forecast SKU99999); the value columns must
# match the reference's for every grouping and lag.
#
# Usage: Tests/Reference/crosscheck.sh PATH/TO/trueup
set -euo pipefail
trueup="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="${CROSSCHECK_WORK:-$(mktemp -d)}"
[ -n "${CROSSCHECK_WORK:-}" ] || trap 'rm -rf "$work"' EXIT

"$trueup" generate --customers 30 --items 12 --months 18 --lags 3 --open 2 --seed 11 "$work/gen" >/dev/null

python3 - "$work" <<'PY'
import csv, random, sys
work = sys.argv[1]
rnd = random.Random(7)
with open(f"{work}/gen/forecasts.csv", newline="") as f:
    forecasts = list(csv.reader(f))
with open(f"{work}/gen/actuals.csv", newline="") as f:
    actuals = list(csv.reader(f))
# Forecasts: drop 10% of rows (actuals without a forecast at that lag or at all).
fc = [forecasts[0]] + [r for r in forecasts[1:] if rnd.random() > 0.10]
# Actuals: drop 8% (forecasts without actuals), split 5% into two order lines,
# turn 3% into returns, and add purchases of items never forecast.
ac = [actuals[0]]
for r in actuals[1:]:
    u = rnd.random()
    if u < 0.08:
        continue
    if u < 0.13:
        q = float(r[3]); first = round(q * 0.4, 1)
        ac.append(r[:3] + [str(first)]); ac.append(r[:3] + [str(round(q - first, 1))])
    elif u < 0.16:
        ac.append(r[:3] + [str(-float(r[3]))])
    else:
        ac.append(r)
for c in range(1, 31, 4):
    for m in (3, 7, 12):
        ac.append([f"C{c:04d}", "SKU99999", f"2024-{m:02d}", str(rnd.randint(1, 40))])
# Shuffle the forecast rows: nothing may depend on the file's order.
body = fc[1:]
rnd.shuffle(body)
fc = [fc[0]] + body
with open(f"{work}/forecasts.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(fc)
with open(f"{work}/actuals.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(ac)

# The same data as a European ERP export.
def euro(x): return x.replace(".", ",")
with open(f"{work}/forecasts-eu.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["Sold-To", "Material", "Period", "Horizon", "Fcst Qty"])
    for r in fc[1:]:
        w.writerow([r[0], r[1], r[2].replace("-", ""), r[3], euro(r[4])])
with open(f"{work}/actuals-eu.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    w.writerow(["Sold-To", "Material", "Posting Date", "Billed Qty"])
    for r in ac[1:]:
        w.writerow([r[0], r[1], r[2] + "-15", euro(r[3])])

# Prices: items in byte order; every fifth item unpriced in general.
items = sorted({r[1] for r in fc[1:]} | {r[1] for r in ac[1:]})
customers = sorted({r[0] for r in fc[1:]} | {r[0] for r in ac[1:]})
prices = [["customer", "item", "unit_price", "unit_cost"]]
for k, item in enumerate(items):
    if k % 5 == 4 or item == "SKU99999":
        continue
    price = round(rnd.uniform(0.5, 900), 2)
    cost = f"{price * rnd.uniform(0.4, 0.9):.3f}" if k % 3 != 0 else ""
    prices.append(["", item, f"{price:.2f}", cost])
for c, customer in enumerate(customers):
    if c % 3 != 0:
        continue
    for item in rnd.sample(items, 4):
        if item == "SKU99999":
            continue
        cost = f"{rnd.uniform(0.2, 300):.2f}" if rnd.random() < 0.5 else ""
        prices.append([customer, item, f"{rnd.uniform(0.2, 1000):.4f}", cost])
body = prices[1:]
rnd.shuffle(body)
with open(f"{work}/prices.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows([prices[0]] + body)
# Every case must occur among the data's (customer, item) pairs, or the check proves less than it says.
general = {r[1]: r for r in body if r[0] == ""}
specific = {(r[0], r[1]): r for r in body if r[0] != ""}
pairs = {(r[0], r[1]) for r in fc[1:] + ac[1:]}
cases = {
    "a customer's price over a general one": sum(1 for k in specific if k in pairs and k[1] in general),
    "a customer's price without a general one": sum(1 for k in specific if k in pairs and k[1] not in general),
    "a general price without a cost": sum(1 for k in pairs if k not in specific and k[1] in general and general[k[1]][3] == ""),
    "a general price with a cost": sum(1 for k in pairs if k not in specific and k[1] in general and general[k[1]][3] != ""),
    "an unpriced pair": sum(1 for k in pairs if k not in specific and k[1] not in general),
}
for case, n in cases.items():
    if n == 0:
        sys.exit(f"crosscheck: the generated prices have no case of {case}")
PY

failures=0
checks=0
# The files `check` reads (the perturbed cases below point these elsewhere).
fc="$work/forecasts.csv"
ac="$work/actuals.csv"
check() {
    local name="$1"; shift
    checks=$((checks + 1))
    rm -rf "$work/out"
    "$trueup" report --forecasts "$fc" --actuals "$ac" --format csv --out "$work/out" --no-history "$@" > "$work/trueup.csv"
    python3 "$here/metrics_reference.py" --forecasts "$fc" --actuals "$ac" \
        --accounting "$work/accounting.json" --coverage "$work/coverage.csv" --closing "$work/closing.json" \
        --units "$work/units.json" "$@" > "$work/reference.csv"
    if python3 "$here/compare_metrics.py" "$work/reference.csv" "$work/trueup.csv" > "$work/compare.txt" \
        && python3 - "$work/accounting.json" "$work/out/run.json" "$work/coverage.csv" "$work/out/coverage.csv" "$work/closing.json" \
            "$work/units.json" >> "$work/compare.txt" <<'PY'
import csv, json, math, sys
expected = json.load(open(sys.argv[1]))
run = json.load(open(sys.argv[2]))
rows = run["rows"]
for file, buckets in expected.items():
    for bucket, count in buckets.items():
        if rows[file][bucket] != count:
            sys.exit(f"{file}.{bucket}: reference {count}, trueup {rows[file][bucket]}")
reference = list(csv.reader(open(sys.argv[3], newline="")))
mine = list(csv.reader(open(sys.argv[4], newline="")))
if reference[0] != mine[0] or len(reference) != len(mine):
    sys.exit(f"coverage.csv: header or row count differs ({len(reference)} against {len(mine)} lines)")
for r, m in zip(reference[1:], mine[1:]):
    for column, a, b in zip(reference[0], r, m):
        try:
            same = math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
        except ValueError:
            same = a == b
        if not same:
            sys.exit(f"coverage.csv {r[0]} {column}: reference {a!r}, trueup {b!r}")
closing = json.load(open(sys.argv[5]))
if run["last_closed_period"] != closing["last_closed"]:
    sys.exit(f"last closed period: reference {closing['last_closed']}, trueup {run['last_closed_period']}")
want, got = closing["incomplete_month"], run["incomplete_month"]
if (want is None) != (got is None):
    sys.exit(f"incomplete month: reference {want}, trueup {got}")
if want:
    for key in ("month", "rows", "volume", "median_rows", "median_volume"):
        if not (want[key] == got[key] or (isinstance(want[key], float) and math.isclose(want[key], got[key], rel_tol=1e-9))):
            sys.exit(f"incomplete_month.{key}: reference {want[key]}, trueup {got[key]}")
stray = [m["month"] for m in run.get("stray_months", [])]
if stray != closing["stray_months"]:
    sys.exit(f"stray months: reference {closing['stray_months']}, trueup {stray}")
cut = (run.get("cut_off_month") or {}).get("month")
if cut != closing["cut_off_month"]:
    sys.exit(f"cut-off month: reference {closing['cut_off_month']}, trueup {cut}")
if run.get("gap_months", []) != closing["gap_months"]:
    sys.exit(f"gap months: reference {closing['gap_months']}, trueup {run.get('gap_months', [])}")
# Customers who bought in the window but never forecast (the reference's coverage) are flags.csv's
# unscored never-forecast rows, and have no row in metrics.csv.
import os
flags_path = os.path.join(os.path.dirname(sys.argv[2]), "flags.csv")
if os.path.exists(flags_path):
    never = sorted(r[0] for r in reference[1:] if r[1] == "false" and r[2] == "true")
    flagged = sorted(r["customer"] for r in csv.DictReader(open(flags_path, newline=""))
                     if r["tier"] == "unscored" and r["reasons"] == "never-forecast")
    if never != flagged:
        sys.exit(f"never-forecast customers: reference {never}, trueup flags.csv {flagged}")
    metrics = {r["customer"] for r in csv.DictReader(open(os.path.join(os.path.dirname(sys.argv[2]), "metrics.csv"), newline=""))}
    if metrics & set(never):
        sys.exit(f"never-forecast customers in metrics.csv: {sorted(metrics & set(never))}")
    # Customers whose forecast and actuals look like different units: flags.csv's units-mismatch rows, the factor
    # and its direction named in the sentence.
    units = json.load(open(sys.argv[6]))["mismatched"]
    def named(f):
        which = f"Actuals are {f['factor']}× the forecast" if f["actuals_larger"] else f"The forecast is {f['factor']}× the actuals"
        return f"{which} in {f['months']} of {f['periods']} months:"
    want = sorted((f["customer"], named(f)) for f in units)
    got = sorted((r["customer"], r["explanation"].split(":")[0] + ":") for r in csv.DictReader(open(flags_path, newline=""))
                 if r["reasons"] == "units-mismatch")
    if want != got:
        sys.exit(f"units-mismatch customers: reference {want}, trueup flags.csv {got}")
    if units:
        print(f"{len(units)} customers in other units")
PY
    then
        echo "crosscheck ok: $name ($(($(wc -l < "$work/trueup.csv") - 1)) rows)"
    else
        echo "crosscheck FAILED: $name"; cat "$work/compare.txt"; failures=$((failures + 1))
    fi
}

check "every group and lag"
check "window 2024-04 to 2025-03" --from 2024-04 --to 2025-03
check "by item" --by item
check "by customer,item at lag 3" --by customer,item --lag 3
check "with prices" --prices "$work/prices.csv"
check "with prices, window 2024-04 to 2025-03" --prices "$work/prices.csv" --from 2024-04 --to 2025-03
check "with prices by item" --prices "$work/prices.csv" --by item
check "with prices by customer,item" --prices "$work/prices.csv" --by customer,item

# check's backtested range and the drift signal behind it, per customer at lag 1 (flags.csv's
# range_held and range_backtested), against Tests/Reference/range_reference.py: on the perturbed
# data, and on a clean 30-month book with drifting customers.
"$trueup" generate --customers 40 --items 10 --months 30 --lags 2 --seed 21 "$work/long" >/dev/null
# With 20 items a customer, the drift signal's breadth rule (docs/tiers.md) can fire too.
"$trueup" generate --customers 60 --items 20 --months 24 --lags 1 --seed 22 "$work/broad" >/dev/null
range_check() {
    local name="$1" forecasts="$2" actuals="$3"
    checks=$((checks + 1))
    rm -rf "$work/range-out"
    "$trueup" report --forecasts "$forecasts" --actuals "$actuals" --lag 1 --out "$work/range-out" --no-history > /dev/null
    local closed
    closed="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["last_closed_period"])' "$work/range-out/run.json")"
    python3 "$here/range_reference.py" --forecasts "$forecasts" --actuals "$actuals" --lag 1 --to "$closed" "$work/range-reference.csv"
    if python3 - "$work/range-reference.csv" "$work/range-out/flags.csv" > "$work/compare.txt" <<'PY'
import csv, sys
want = {r["customer"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
got = {r["customer"]: r for r in csv.DictReader(open(sys.argv[2], newline=""))}
tried = 0
for customer, r in want.items():
    g = got.get(customer)
    if g is None:
        sys.exit(f"{customer}: in the reference, not in flags.csv")
    for column in ("range_held", "range_backtested"):
        if r[column] != g[column]:
            sys.exit(f"{customer} {column}: reference {r[column]!r}, trueup {g[column]!r}")
    tried += int(r["range_backtested"])
if tried == 0:
    sys.exit("no month was backtested: the check proves nothing")
print(f"{len(want)} customers, {tried} months backtested")
PY
    then
        echo "crosscheck ok: backtested range, $name ($(cat "$work/compare.txt"))"
    else
        echo "crosscheck FAILED: backtested range, $name"; cat "$work/compare.txt"; failures=$((failures + 1))
    fi
}
range_check "perturbed data" "$work/forecasts.csv" "$work/actuals.csv"
range_check "30 months with drifting customers" "$work/long/forecasts.csv" "$work/long/actuals.csv"
range_check "20 items a customer, drifting customers" "$work/broad/forecasts.csv" "$work/broad/actuals.csv"

"$trueup" report --forecasts "$work/forecasts-eu.csv" --actuals "$work/actuals-eu.csv" --format csv \
    --columns "customer=Sold-To,item=Material,period=Period,lag=Horizon,forecast=Fcst Qty,actual=Billed Qty" > "$work/trueup-eu.csv"
"$trueup" report --forecasts "$work/forecasts.csv" --actuals "$work/actuals.csv" --format csv > "$work/trueup.csv"
if python3 "$here/compare_metrics.py" "$work/trueup.csv" "$work/trueup-eu.csv" > "$work/compare.txt"; then
    echo "crosscheck ok: semicolon export with decimal commas through --columns"
else
    echo "crosscheck FAILED: semicolon export"; cat "$work/compare.txt"; failures=$((failures + 1))
fi
# A semicolon export whose every quantity has three decimals after a point (563.000): no value
# settles the mark; --actuals-decimal-mark point must give the plain file's figures.
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
rows = list(csv.reader(open(f"{work}/actuals.csv", newline="")))
with open(f"{work}/actuals-sap.csv", "w", newline="") as f:
    writer = csv.writer(f, delimiter=";", lineterminator="\n")
    writer.writerow(rows[0])
    writer.writerows(r[:-1] + [f"{float(r[-1]):.3f}"] for r in rows[1:])
PY
checks=$((checks + 1))
"$trueup" report --forecasts "$work/forecasts.csv" --actuals "$work/actuals-sap.csv" --format csv --actuals-decimal-mark point \
    > "$work/trueup-sap.csv"
if python3 "$here/compare_metrics.py" "$work/trueup.csv" "$work/trueup-sap.csv" > "$work/compare.txt"; then
    echo "crosscheck ok: semicolon export with point decimals through --actuals-decimal-mark point"
else
    echo "crosscheck FAILED: semicolon export with point decimals"; cat "$work/compare.txt"; failures=$((failures + 1))
fi

# Perturbed exports: the traps of a real export (METRICS.md "Closed periods" and "Coverage").
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
fc = list(csv.reader(open(f"{work}/forecasts.csv", newline="")))
ac = list(csv.reader(open(f"{work}/actuals.csv", newline="")))
def write(name, rows):
    with open(f"{work}/{name}", "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
# Leading zeros on two customers and lower-case items for a third, in the actuals only.
look = [ac[0]]
for r in ac[1:]:
    r = list(r)
    if r[0] in ("C0002", "C0005"):
        r[0] = "000" + r[0]
    if r[0] == "C0007":
        r[1] = r[1].lower()
    look.append(r)
write("actuals-look.csv", look)
# Every customer code with a dash on the actuals' side only (C0001 -> C-0001).
write("actuals-dashed.csv", [ac[0]] + [["C-" + r[0][1:]] + list(r[1:]) for r in ac[1:]])
# The month after the last one with actuals, exported with three invoice lines.
last = max(r[2] for r in ac[1:])
year, month = int(last[:4]), int(last[5:7])
following = f"{year + month // 12:04d}-{month % 12 + 1:02d}"
write("actuals-truncated.csv", ac + [["C0001", "SKU00001", following, "3"], ["C0002", "SKU00002", following, "4"],
                                     ["C0003", "SKU00001", following, "5"]])
with open(f"{work}/following-month", "w") as f:
    f.write(following)
# One customer forecasting at lag 3 only.
write("forecasts-lag3.csv", [fc[0]] + [r for r in fc[1:] if r[0] != "C0004" or r[3] == "3"])
PY

ac="$work/actuals-look.csv"
checks=$((checks + 1))
if "$trueup" report --forecasts "$fc" --actuals "$ac" --no-history > /dev/null 2> "$work/stderr.txt"; then
    echo "crosscheck FAILED: look-alike codes did not stop the run"; failures=$((failures + 1))
elif [ $? -ne 65 ] || ! grep -q -- "--normalize-keys leading-zeros,case" "$work/stderr.txt" || ! grep -q '"000C0002"' "$work/stderr.txt"; then
    echo "crosscheck FAILED: look-alike codes: exit code or message"; cat "$work/stderr.txt"; failures=$((failures + 1))
else
    echo "crosscheck ok: look-alike codes stop the run with exit 65 and name them"
fi
check "look-alike codes joined with --normalize-keys" --normalize-keys leading-zeros,case
"$trueup" report --forecasts "$fc" --actuals "$ac" --format csv --no-history --normalize-keys leading-zeros,case > "$work/trueup-normalized.csv"
python3 "$here/metrics_reference.py" --forecasts "$fc" --actuals "$work/actuals.csv" > "$work/reference-clean.csv"
checks=$((checks + 1))
if python3 "$here/compare_metrics.py" "$work/reference-clean.csv" "$work/trueup-normalized.csv" > "$work/compare.txt"; then
    echo "crosscheck ok: --normalize-keys gives the clean codes' figures"
else
    echo "crosscheck FAILED: --normalize-keys against the clean codes"; cat "$work/compare.txt"; failures=$((failures + 1))
fi
check "look-alike codes kept with --normalize-keys none" --normalize-keys none

ac="$work/actuals-dashed.csv"
checks=$((checks + 1))
if "$trueup" report --forecasts "$fc" --actuals "$ac" --no-history > /dev/null 2> "$work/stderr.txt"; then
    echo "crosscheck FAILED: codes with a dash on one side did not stop the run"; failures=$((failures + 1))
elif [ $? -ne 65 ] || ! grep -q -- "--normalize-keys punctuation" "$work/stderr.txt" || ! grep -q '"C-0001"' "$work/stderr.txt"; then
    echo "crosscheck FAILED: dashed codes: exit code or message"; cat "$work/stderr.txt"; failures=$((failures + 1))
else
    echo "crosscheck ok: codes with a dash on one side stop the run with exit 65 and name --normalize-keys punctuation"
fi
checks=$((checks + 1))
status=0
"$trueup" report --forecasts "$fc" --actuals "$ac" --no-history --normalize-keys none > /dev/null 2> "$work/stderr.txt" || status=$?
reference=0
python3 "$here/metrics_reference.py" --forecasts "$fc" --actuals "$ac" --normalize-keys none > /dev/null 2>&1 || reference=$?
if [ $status -ne 65 ] || [ $reference -ne 65 ] || ! grep -q -- "--allow-low-coverage" "$work/stderr.txt"; then
    echo "crosscheck FAILED: low coverage as spelled: trueup exit $status"; cat "$work/stderr.txt"; failures=$((failures + 1))
else
    echo "crosscheck ok: dashed codes kept as spelled stop both on low coverage"
fi
check "dashed codes joined with --normalize-keys punctuation" --normalize-keys punctuation
check "dashed codes kept as spelled with --allow-low-coverage" --normalize-keys none --allow-low-coverage

ac="$work/actuals-truncated.csv"
check "a last month with three actual rows is open"
check "--as-of scores the truncated month" --as-of "$(cat "$work/following-month")"
checks=$((checks + 1))
if grep -q '"incomplete_month" *: *{' "$work/out/run.json" 2>/dev/null; then
    echo "crosscheck FAILED: --as-of still reports an incomplete month"; failures=$((failures + 1))
fi

ac="$work/actuals.csv"
fc="$work/forecasts-lag3.csv"
check "a customer forecasting at lag 3 only"
checks=$((checks + 1))
if grep -q '^C0004,1,insufficient-data,no-forecast-at-lag,' "$work/out/flags.csv"; then
    echo "crosscheck ok: the lag-3-only customer is listed as insufficient-data (no-forecast-at-lag)"
else
    echo "crosscheck FAILED: the lag-3-only customer is not listed"; grep C0004 "$work/out/flags.csv"; failures=$((failures + 1))
fi

# Data that can't be right (METRICS.md): a stray row, a month cut off by day, a gap month.
python3 - "$work" <<'PY'
import calendar, csv, sys
work = sys.argv[1]
ac = list(csv.reader(open(f"{work}/actuals.csv", newline="")))
def write(name, rows):
    with open(f"{work}/{name}", "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
write("actuals-stray.csv", ac + [["C0003", "SKU00002", "2062-01", "7"]])
months = sorted({r[2] for r in ac[1:]})
dated = [ac[0]]
for k, r in enumerate(ac[1:]):
    year, month = int(r[2][:4]), int(r[2][5:7])
    day = 1 + k % 10 if r[2] == months[-1] else 1 + (k * 7) % calendar.monthrange(year, month)[1]
    dated.append(r[:2] + [f"{r[2]}-{day:02d}"] + r[3:])
write("actuals-cut.csv", dated)
write("actuals-gap.csv", [ac[0]] + [r for r in ac[1:] if r[2] != months[len(months) // 2]])
PY
fc="$work/forecasts.csv"
ac="$work/actuals-stray.csv"
check "a stray row dated 2062-01 is open"
checks=$((checks + 1))
if grep -q "actuals-stray.csv:$(wc -l < "$ac")" "$work/out/run.json"; then
    echo "crosscheck ok: the stray row is named by its line"
else
    echo "crosscheck FAILED: the stray row's line is not named"; grep -A8 stray_months "$work/out/run.json"; failures=$((failures + 1))
fi
ac="$work/actuals-cut.csv"
check "a last month whose dates stop on the 10th is open"
check "--as-of scores the month cut off by day" --as-of "$(python3 -c "import csv; print(max(r[2][:7] for r in list(csv.reader(open('$ac')))[1:]))")"
ac="$work/actuals-gap.csv"
checks=$((checks + 1))
if "$trueup" report --forecasts "$fc" --actuals "$ac" --no-history > /dev/null 2> "$work/stderr.txt"; then
    echo "crosscheck FAILED: a gap month did not stop the run"; failures=$((failures + 1))
elif [ $? -ne 65 ] || ! grep -q -- "--allow-gaps" "$work/stderr.txt"; then
    echo "crosscheck FAILED: gap month: exit code or message"; cat "$work/stderr.txt"; failures=$((failures + 1))
else
    echo "crosscheck ok: a gap month stops the run with exit 65 and names --allow-gaps"
fi
check "--allow-gaps leaves the gap month out" --allow-gaps
ac="$work/actuals.csv"

# Units (METRICS.md "Data that can't be right"): a generated book whose customers forecast their purchases
# within 1%; three forecast in other units (cases of 12, and 10× the actuals), and they are unscored
# (units-mismatch) with the reference's factors. Then most customers' actuals in thousandths: both stop.
"$trueup" generate --customers 12 --items 10 --months 18 --lags 2 --seed 31 "$work/units" >/dev/null
python3 - "$work" <<'PY'
import csv, random, sys
work = sys.argv[1]
rnd = random.Random(5)
fc = list(csv.reader(open(f"{work}/units/forecasts.csv", newline="")))
ac = list(csv.reader(open(f"{work}/units/actuals.csv", newline="")))
actual = {}
for c, i, t, a in ac[1:]:
    actual[(c, i, t)] = actual.get((c, i, t), 0) + float(a)
def tight(r, scale=1.0):
    c, i, t, lag, _ = r
    return [c, i, t, lag, f"{actual.get((c, i, t), 0.0) * (1 + rnd.uniform(-0.01, 0.01)) * scale:.3f}"]
def write(name, rows):
    with open(f"{work}/{name}", "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
scale = {"C0003": 1 / 12, "C0007": 1 / 12, "C0010": 10}
write("forecasts-units.csv", [fc[0]] + [tight(r, scale.get(r[0], 1.0)) for r in fc[1:]])
thousandths = {f"C{k:04d}" for k in range(1, 10)}
write("actuals-thousandths.csv", [ac[0]] + [r[:3] + [str(int(float(r[3]) * 1000))] if r[0] in thousandths else r for r in ac[1:]])
PY
fc="$work/forecasts-units.csv"
ac="$work/units/actuals.csv"
check "three customers forecasting in other units are unscored"
checks=$((checks + 1))
if [ "$(grep -c ',units-mismatch,' "$work/out/flags.csv")" -eq 3 ]; then
    echo "crosscheck ok: the three are listed as unscored (units-mismatch)"
else
    echo "crosscheck FAILED: the customers in other units are not listed"; failures=$((failures + 1))
fi
ac="$work/actuals-thousandths.csv"
checks=$((checks + 1))
status=0
"$trueup" report --forecasts "$fc" --actuals "$ac" --no-history > /dev/null 2> "$work/stderr.txt" || status=$?
reference=0
python3 "$here/metrics_reference.py" --forecasts "$fc" --actuals "$ac" --units "$work/units.json" > /dev/null 2>&1 || reference=$?
# C0003 and C0007 forecast in cases of 12, so 7 of the 9 customers in thousandths show 1000 (12,000 for the two).
stop="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["stop"]; print("For %d of %d customers the actuals are %d×" % (s["matching"], s["customers"], s["factor"]))' "$work/units.json")"
if [ $status -ne 65 ] || [ $reference -ne 65 ] || ! grep -q -- "--decimal-mark" "$work/stderr.txt" \
    || ! grep -q "$stop" "$work/stderr.txt"; then
    echo "crosscheck FAILED: most customers in thousandths: trueup exit $status, reference exit $reference"; cat "$work/stderr.txt"
    failures=$((failures + 1))
else
    echo "crosscheck ok: most customers' actuals in thousandths stop both (exit 65): $stop"
fi
fc="$work/forecasts.csv"
ac="$work/actuals.csv"

# stability.csv, agreement.csv and the proposed terms against the reference of METRICS.md's
# "Forecast stability", "Agreement compliance" and "Proposed terms" (agreement_reference.py, on exact
# rationals): default (*) terms and customer rows, several lags and revision limits. Edges are hit
# exactly: under_pct 100 puts every unbought forecast on the lower edge, a limit of 0 every unchanged
# forecast at the limit, a 0/0 band every purchase equal to its forecast, and a proposal's edges are
# the ratios of the cells its percentiles fall on. Then the proposals of `trueup agreement` at two
# coverages, one customer at a time (--format csv) and as the agreements file of --all.
# With the prices above (a customer's own price over a general one, unpriced items), agreement.csv's
# and the proposals' below_band_value and above_band_value must match the reference's too.
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
rows = [["customer", "lag", "under_pct", "over_pct", "revision_from_lag", "revision_to_lag", "revision_limit_pct"],
        ["*", "1", "10", "15", "", "", ""],
        ["*", "3", "25", "25", "3", "1", "20"],
        ["C0002", "1", "5", "5", "2", "1", "10"],
        ["C0005", "2", "12.5", "7.5", "", "", ""],
        ["C0005", "3", "0", "0", "3", "2", "0"],
        ["C0009", "1", "100", "0", "", "", ""]]
with open(f"{work}/agreements.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
agreement_check() {
    local name="$1"; shift
    checks=$((checks + 1))
    rm -rf "$work/out"
    "$trueup" report --forecasts "$work/forecasts.csv" --actuals "$work/actuals.csv" --agreements "$work/agreements.csv" \
        --out "$work/out" --no-history "$@" > /dev/null
    python3 "$here/agreement_reference.py" --forecasts "$work/forecasts.csv" --actuals "$work/actuals.csv" \
        --agreements "$work/agreements.csv" --stability "$work/ref-stability.csv" --agreement "$work/ref-agreement.csv" "$@"
    if python3 "$here/compare_metrics.py" "$work/ref-stability.csv" "$work/out/stability.csv" > "$work/compare.txt" \
        && python3 "$here/compare_metrics.py" "$work/ref-agreement.csv" "$work/out/agreement.csv" >> "$work/compare.txt"; then
        echo "crosscheck ok: stability.csv and agreement.csv, $name ($(($(wc -l < "$work/out/agreement.csv") - 1)) bands)"
    else
        echo "crosscheck FAILED: stability.csv and agreement.csv, $name"; cat "$work/compare.txt"; failures=$((failures + 1))
    fi
}
agreement_check "every month"
agreement_check "window 2024-04 to 2025-03" --from 2024-04 --to 2025-03
agreement_check "with prices" --prices "$work/prices.csv"

proposal_check() {
    local coverage="$1"; shift
    checks=$((checks + 1))
    python3 "$here/agreement_reference.py" --forecasts "$work/forecasts.csv" --actuals "$work/actuals.csv" \
        --coverage "$coverage" --proposals "$work/ref-proposals.csv" "$@"
    local first=1
    : > "$work/proposals.csv"
    for customer in $(cut -d, -f1 "$work/ref-proposals.csv" | tail -n +2 | sort -u); do
        "$trueup" agreement --forecasts "$work/forecasts.csv" --actuals "$work/actuals.csv" --customer "$customer" \
            --coverage "$coverage" --format csv "$@" | tail -n +$((first == 1 ? 1 : 2)) >> "$work/proposals.csv"
        first=0
    done
    "$trueup" agreement --forecasts "$work/forecasts.csv" --actuals "$work/actuals.csv" --all --coverage "$coverage" > "$work/all.csv"
    python3 - "$work/ref-proposals.csv" "$work/ref-all.csv" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer", "lag", "under_pct", "over_pct", "revision_from_lag", "revision_to_lag", "revision_limit_pct"])
    for r in rows:
        # --all writes contract terms in tenths of a percent.
        tenths = lambda x: f"{math.floor(float(x) * 10 + 0.5) / 10:.1f}"
        w.writerow([r["customer"], r["lag"], tenths(r["under_pct"]), tenths(r["over_pct"]), "", "", ""])
PY
    if python3 "$here/compare_metrics.py" "$work/ref-proposals.csv" "$work/proposals.csv" > "$work/compare.txt" \
        && python3 "$here/compare_metrics.py" "$work/ref-all.csv" "$work/all.csv" >> "$work/compare.txt"; then
        echo "crosscheck ok: proposed terms at coverage $coverage${1:+ with prices} ($(($(wc -l < "$work/proposals.csv") - 1)) bands, and --all)"
    else
        echo "crosscheck FAILED: proposed terms at coverage $coverage${1:+ with prices}"; cat "$work/compare.txt"; failures=$((failures + 1))
    fi
}
proposal_check 80
proposal_check 50
proposal_check 80 --prices "$work/prices.csv"

# The same data as ERPs and customers send it (Tests/Intake/exotic.py): a German SAP export in
# Windows-1252, a folder of customer sheets with month columns read with --name-pattern, UTF-16
# text with US dates, and actuals through a pipe. Each must give the reference's figures on the
# clean long files.
python3 "$here/../Intake/exotic.py" "$work" "$work/exotic" >/dev/null
x="$work/exotic"
python3 "$here/metrics_reference.py" --forecasts "$x/clean/forecasts.csv" --actuals "$x/clean/actuals.csv" > "$work/reference-clean.csv"
exotic() {
    local name="$1"; shift
    checks=$((checks + 1))
    if "$@" --format csv > "$work/trueup-exotic.csv" \
        && python3 "$here/compare_metrics.py" "$work/reference-clean.csv" "$work/trueup-exotic.csv" > "$work/compare.txt"; then
        echo "crosscheck ok: $name"
    else
        echo "crosscheck FAILED: $name"; cat "$work/compare.txt"; failures=$((failures + 1))
    fi
}
exotic "SAP export in Windows-1252" "$trueup" report --forecasts "$x/sap/forecasts.csv" --actuals "$x/sap/actuals.csv" \
    --encoding windows-1252 --columns "customer=Kunde,item=Material,period=Monat,forecast=Prognosemenge,snapshot=Prognosedatum"
exotic "customer sheets with --name-pattern, UTF-16 actuals" "$trueup" report --forecasts "$x/sheets" \
    --name-pattern '{customer}_forecast_{snapshot}.csv' --actuals "$x/us/actuals.txt"
exotic "actuals through a pipe" sh -c '"$0" report --forecasts "$1" --actuals - --format csv < "$2"' \
    "$trueup" "$x/clean/forecasts.csv" "$x/clean/actuals.csv"

passed=$((checks + 1 - failures))
echo "crosscheck: $passed passed, $failures failed"
[ "$failures" -eq 0 ]

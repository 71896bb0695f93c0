#!/usr/bin/env python3
"""DuckDB peer for trueup's benchmark.

    duckdb_report.py FORECASTS ACTUALS OUTDIR
        Computes per (customer, lag) figures with one DuckDB query and writes
        OUTDIR/duckdb_metrics.csv (columns: customer, lag, n, actual, forecast,
        mae, mape, wmape, bias_pct, rmse).

    duckdb_report.py --compare TRUEUP_METRICS DUCKDB_METRICS
        Compares trueup's metrics.csv with duckdb_metrics.csv on the figures
        both compute; exits 1 when they differ.

    duckdb_report.py --version
        Prints the DuckDB version and its default thread count.

The query is deliberately simpler than trueup's cell rule: it scores only the
forecast rows (a missing actual is 0) and leaves out unforecasted purchases,
MASE, the naive forecast, the tracking signal and the sign test. On data from
`trueup generate` (every forecast key has an actual and every actual key has
forecasts at every lag) both give the same figures.
"""

import csv
import os
import sys


def sql_text(value):
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def report(forecasts, actuals, outdir):
    import duckdb

    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, "duckdb_metrics.csv")
    forecast_columns = "{'customer': 'VARCHAR', 'item': 'VARCHAR', 'period': 'VARCHAR', 'lag': 'INTEGER', 'forecast': 'DOUBLE'}"
    actual_columns = "{'customer': 'VARCHAR', 'item': 'VARCHAR', 'period': 'VARCHAR', 'actual': 'DOUBLE'}"
    query = f"""
        WITH
        a AS (
            SELECT customer, item, period, sum(actual) AS actual
            FROM read_csv({sql_text(actuals)}, header = true, columns = {actual_columns})
            GROUP BY customer, item, period
        ),
        last_closed AS (SELECT max(period) AS period FROM a),
        f AS (
            SELECT customer, item, period, lag, forecast
            FROM read_csv({sql_text(forecasts)}, header = true, columns = {forecast_columns})
            WHERE period <= (SELECT period FROM last_closed)
        ),
        cells AS (
            SELECT f.customer, f.lag, f.forecast AS F, coalesce(a.actual, 0) AS A, f.forecast - coalesce(a.actual, 0) AS e
            FROM f LEFT JOIN a ON f.customer = a.customer AND f.item = a.item AND f.period = a.period
        )
        SELECT
            customer,
            lag,
            count(*) AS n,
            sum(A) AS actual,
            sum(F) AS forecast,
            avg(abs(e)) AS mae,
            100 * avg(abs(e) / abs(A)) FILTER (WHERE A <> 0) AS mape,
            100 * sum(abs(e)) / nullif(sum(abs(A)), 0) AS wmape,
            100 * sum(e) / nullif(sum(A), 0) AS bias_pct,
            sqrt(avg(e * e)) AS rmse
        FROM cells
        GROUP BY customer, lag
        ORDER BY customer, lag
    """
    con = duckdb.connect()
    con.execute(f"COPY ({query}) TO {sql_text(out)} (HEADER, DELIMITER ',')")
    con.close()


# trueup's metrics.csv column -> duckdb_metrics.csv column
SHARED = [
    ("cells", "n"),
    ("actual", "actual"),
    ("forecast", "forecast"),
    ("mae", "mae"),
    ("mape", "mape"),
    ("wmape", "wmape"),
    ("bias_pct", "bias_pct"),
    ("rmse", "rmse"),
]


def read_groups(path):
    with open(path, newline="") as f:
        return {(row["customer"], int(row["lag"])): row for row in csv.DictReader(f)}


def number(text):
    return None if text is None or text.strip() == "" else float(text)


def agree(x, y, rel=1e-6, absolute=1e-9):
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= rel * max(abs(x), abs(y)) + absolute


def compare(trueup_path, duckdb_path, show=10):
    """Prints whether the shared figures agree; returns the number of differences."""
    trueup = read_groups(trueup_path)
    duck = read_groups(duckdb_path)
    problems = []
    only_trueup = sorted(trueup.keys() - duck.keys())
    only_duck = sorted(duck.keys() - trueup.keys())
    if only_trueup:
        problems.append(f"{len(only_trueup)} groups only in trueup's metrics, e.g. {only_trueup[0]}")
    if only_duck:
        problems.append(f"{len(only_duck)} groups only in DuckDB's metrics, e.g. {only_duck[0]}")
    shared = sorted(trueup.keys() & duck.keys())
    differing = 0
    for key in shared:
        bad = []
        for t_col, d_col in SHARED:
            t, d = number(trueup[key][t_col]), number(duck[key][d_col])
            if not agree(t, d):
                bad.append(f"{t_col}: trueup {t} vs duckdb {d}")
        if bad:
            differing += 1
            if differing <= show:
                problems.append(f"customer {key[0]} lag {key[1]}: " + "; ".join(bad))
    if differing > show:
        problems.append(f"... {differing - show} more groups differ")
    if not shared:
        problems.append("no groups in common")
    if problems:
        print(f"figures DIFFER ({differing} of {len(shared)} shared groups):")
        for p in problems:
            print("  " + p)
        return max(1, differing)
    cols = ", ".join(t for t, _ in SHARED)
    print(f"figures agree on {len(shared)} groups ({cols}; relative tolerance 1e-6)")
    return 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--version":
        import duckdb

        con = duckdb.connect()
        threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
        print(f"duckdb {duckdb.__version__} (threads {threads})")
        return 0
    if len(argv) == 4 and argv[1] == "--compare":
        return 1 if compare(argv[2], argv[3]) else 0
    if len(argv) == 4 and not argv[1].startswith("-"):
        report(argv[1], argv[2], argv[3])
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""DuckDB peer for trueup's benchmark.

    duckdb_report.py [DIALECT OPTIONS] FORECASTS ACTUALS OUTDIR
        Computes per (customer, lag) figures with one DuckDB query and writes
        OUTDIR/duckdb_metrics.csv (columns: customer, lag, n, actual, forecast,
        mae, mape, wmape, bias_pct, rmse).

        The dialect options tell DuckDB how both files are written (without
        them: commas, LF line ends, periods as YYYY-MM, a lag column):
          --delimiter C     fields are separated by C (e.g. ';')
          --decimal-comma   quantities use a decimal comma (0,5)
          --quoted          text fields are in double quotes
          --crlf            lines end in CRLF
          --dates           periods are dates YYYY-MM-DD, scored by their month
          --snapshot        the forecasts have a snapshot column (the month the
                            forecast was made, YYYY-MM) in place of the lag;
                            the lag is the months from the snapshot to the period

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


class Dialect:
    """How the two files are written; the defaults are trueup generate's."""

    def __init__(self):
        self.delimiter = ","
        self.decimal_comma = False
        self.quoted = False
        self.crlf = False
        self.dates = False
        self.snapshot = False

    def read_options(self):
        """The read_csv options beyond the header and the columns, each after a comma."""
        options = [] if self.delimiter == "," else [f"delim = {sql_text(self.delimiter)}"]
        if self.decimal_comma:
            options.append("decimal_separator = ','")
        if self.quoted:
            options.append("quote = '\"', escape = '\"'")
        if self.crlf:
            options.append("new_line = '\\r\\n'")
        if self.dates:
            options.append("dateformat = '%Y-%m-%d'")
        return "".join(", " + option for option in options)


def report(forecasts, actuals, outdir, dialect=None):
    import duckdb

    dialect = dialect or Dialect()
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, "duckdb_metrics.csv")
    period_type = "DATE" if dialect.dates else "VARCHAR"
    # A date is scored by its month: the same YYYY-MM text a plain file holds.
    month = "strftime(period, '%Y-%m')" if dialect.dates else "period"
    if dialect.snapshot:
        forecast_columns = f"{{'customer': 'VARCHAR', 'item': 'VARCHAR', 'period': '{period_type}', 'snapshot': 'VARCHAR', 'forecast': 'DOUBLE'}}"
        # Months from the snapshot (YYYY-MM) to the period's month.
        lag = ("(CAST(left(fm, 4) AS INTEGER) * 12 + CAST(substr(fm, 6, 2) AS INTEGER))"
               " - (CAST(left(snapshot, 4) AS INTEGER) * 12 + CAST(substr(snapshot, 6, 2) AS INTEGER))")
    else:
        forecast_columns = f"{{'customer': 'VARCHAR', 'item': 'VARCHAR', 'period': '{period_type}', 'lag': 'INTEGER', 'forecast': 'DOUBLE'}}"
        lag = "lag"
    actual_columns = f"{{'customer': 'VARCHAR', 'item': 'VARCHAR', 'period': '{period_type}', 'actual': 'DOUBLE'}}"
    options = dialect.read_options()
    read_forecasts = (f"SELECT customer, item, {month} AS fm, * EXCLUDE (customer, item) "
                      f"FROM read_csv({sql_text(forecasts)}, header = true{options}, columns = {forecast_columns})")
    query = f"""
        WITH
        a AS (
            SELECT customer, item, {month} AS period, sum(actual) AS actual
            FROM read_csv({sql_text(actuals)}, header = true{options}, columns = {actual_columns})
            GROUP BY customer, item, {month}
        ),
        last_closed AS (SELECT max(period) AS period FROM a),
        f AS (
            SELECT customer, item, fm AS period, {lag} AS lag, forecast
            FROM ({read_forecasts})
            WHERE fm <= (SELECT period FROM last_closed)
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
    dialect = Dialect()
    args = argv[1:]
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if option == "--delimiter" and args and len(args[0]) == 1:
            dialect.delimiter = args.pop(0)
        elif option in ("--decimal-comma", "--quoted", "--crlf", "--dates", "--snapshot"):
            setattr(dialect, option[2:].replace("-", "_"), True)
        else:
            args = []
            break
    if len(args) == 3 and not args[0].startswith("-"):
        report(args[0], args[1], args[2], dialect)
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

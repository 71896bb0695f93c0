#!/usr/bin/env python3
"""Polars peer for trueup's benchmark: the same query as bench/duckdb_report.py.

    polars_report.py FORECASTS ACTUALS OUTDIR      writes OUTDIR/peer_metrics.csv
    polars_report.py --version

Lazy scans of both files, actuals summed per (customer, item, period), forecasts up
to the last closed period left-joined to them (a missing actual is 0), then the
per (customer, lag) figures. Columns as duckdb_metrics.csv, so the same --compare
checks it against trueup's metrics.csv.
"""

import os
import sys


def report(forecasts, actuals, outdir):
    import polars as pl

    os.makedirs(outdir, exist_ok=True)
    text = {"customer": pl.Utf8, "item": pl.Utf8, "period": pl.Utf8}
    a = (
        pl.scan_csv(actuals, schema_overrides={**text, "actual": pl.Float64})
        .group_by(["customer", "item", "period"])
        .agg(pl.col("actual").sum())
    )
    last_closed = a.select(pl.col("period").max()).collect().item()
    f = pl.scan_csv(forecasts, schema_overrides={**text, "lag": pl.Int64, "forecast": pl.Float64}).filter(
        pl.col("period") <= last_closed
    )
    cells = (
        f.join(a, on=["customer", "item", "period"], how="left")
        .with_columns(pl.col("actual").fill_null(0.0).alias("A"), pl.col("forecast").alias("F"))
        .with_columns((pl.col("F") - pl.col("A")).alias("e"))
    )
    out = (
        cells.group_by(["customer", "lag"])
        .agg(
            pl.len().alias("n"),
            pl.col("A").sum().alias("actual"),
            pl.col("F").sum().alias("forecast"),
            pl.col("e").abs().mean().alias("mae"),
            (100 * (pl.col("e").abs() / pl.col("A").abs()).filter(pl.col("A") != 0).mean()).alias("mape"),
            (100 * pl.col("e").abs().sum() / pl.col("A").abs().sum()).alias("wmape"),
            (100 * pl.col("e").sum() / pl.col("A").sum()).alias("bias_pct"),
            (pl.col("e") * pl.col("e")).mean().sqrt().alias("rmse"),
        )
        .sort(["customer", "lag"])
        .collect()
    )
    out.write_csv(os.path.join(outdir, "peer_metrics.csv"))


if __name__ == "__main__":
    if sys.argv[1:] == ["--version"]:
        import polars as pl

        print(f"Polars {pl.__version__} ({pl.thread_pool_size()} threads)")
    elif len(sys.argv) == 4:
        report(*sys.argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)

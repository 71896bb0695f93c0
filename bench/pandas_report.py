#!/usr/bin/env python3
"""pandas peer for trueup's benchmark: the same query as bench/duckdb_report.py.

    pandas_report.py FORECASTS ACTUALS OUTDIR      writes OUTDIR/peer_metrics.csv
    pandas_report.py --version

Idiomatic pandas: read_csv with the key columns as categories (strings as Python
objects would need several times the memory), actuals summed per (customer, item,
period), forecasts up to the last closed period merged with them (a missing actual
is 0), then groupby (customer, lag). Columns as duckdb_metrics.csv.
"""

import os
import sys


def report(forecasts, actuals, outdir):
    import numpy as np
    import pandas as pd

    os.makedirs(outdir, exist_ok=True)
    keys = {"customer": "category", "item": "category", "period": "category"}
    a = pd.read_csv(actuals, dtype={**keys, "actual": "float64"})
    a = a.groupby(["customer", "item", "period"], observed=True, sort=False)["actual"].sum().reset_index()
    last_closed = max(a["period"].astype(str))
    f = pd.read_csv(forecasts, dtype={**keys, "lag": "int64", "forecast": "float64"})
    f = f[f["period"].astype(str) <= last_closed]
    # Merge on the keys as text categories of one shared vocabulary.
    for column in ["customer", "item", "period"]:
        union = pd.api.types.union_categoricals([f[column], a[column]]).categories
        f[column] = f[column].cat.set_categories(union)
        a[column] = a[column].cat.set_categories(union)
    cells = f.merge(a, on=["customer", "item", "period"], how="left")
    A = cells["actual"].fillna(0.0).to_numpy()
    F = cells["forecast"].to_numpy()
    e = F - A
    frame = pd.DataFrame({
        "customer": cells["customer"], "lag": cells["lag"], "A": A, "F": F, "e": e, "abs_e": np.abs(e),
        "abs_A": np.abs(A), "e2": e * e,
        "rel": np.where(A != 0, np.abs(e) / np.where(A != 0, np.abs(A), 1.0), np.nan),
    })
    g = frame.groupby(["customer", "lag"], observed=True, sort=True)
    out = pd.DataFrame({
        "n": g.size(),
        "actual": g["A"].sum(),
        "forecast": g["F"].sum(),
        "mae": g["abs_e"].mean(),
        "mape": 100 * g["rel"].mean(),
        "wmape": 100 * g["abs_e"].sum() / g["abs_A"].sum(),
        "bias_pct": 100 * g["e"].sum() / g["A"].sum(),
        "rmse": np.sqrt(g["e2"].mean()),
    }).reset_index()
    out["customer"] = out["customer"].astype(str)
    out.sort_values(["customer", "lag"]).to_csv(os.path.join(outdir, "peer_metrics.csv"), index=False)


if __name__ == "__main__":
    if sys.argv[1:] == ["--version"]:
        import pandas as pd

        print(f"pandas {pd.__version__}")
    elif len(sys.argv) == 4:
        report(*sys.argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)

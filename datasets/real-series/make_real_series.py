#!/usr/bin/env python3
"""Writes forecasts.csv and actuals.csv from real monthly series, forecast by standard methods.

    pip install statsmodels pmdarima statsforecast
    python3 datasets/real-series/make_real_series.py datasets/real-series

The series are the ones these packages ship: airline passengers (1949-1960) and Australian wine
sales (1980-1994) from pmdarima, monthly sunspots (the last 20 years to 1983) from pmdarima,
Mauna Loa CO2 (weekly, averaged by month, 1958-2001) and the El Nino sea surface temperatures
(1950-2010) from statsmodels. Each is forecast from each of the 24 + 2 last monthly origins,
1 to 3 months ahead (statsforecast's cross-validation: every model refitted at every origin), by
the historic average, the naive and the seasonal naive forecast, AutoETS and AutoARIMA (season
length 12). Each (series, method) pair is one "customer" whose one "item" is the series; the
horizon is the lag. The actuals are the whole series, so the benchmarks have history.
"""
import csv
import os
import sys

import pandas as pd
import pmdarima.datasets as pmd
import statsmodels.api as sm
from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA, AutoETS, HistoricAverage, Naive, SeasonalNaive


def monthly(values, start):
    return pd.Series(list(values), index=pd.period_range(start=start, periods=len(values), freq="M"))


def series():
    out = {
        "airline": monthly(pmd.load_airpassengers(as_series=True).values, "1949-01"),
        "wine": monthly(pmd.load_wineind(as_series=True).values, "1980-01"),
        "sunspots": monthly(pmd.load_sunspots(as_series=True).values[-240:], "1964-01"),
    }
    co2 = sm.datasets.co2.load_pandas().data["co2"].interpolate()
    co2 = co2.groupby(co2.index.to_period("M")).mean()
    out["co2"] = monthly(co2.values, str(co2.index[0]))
    elnino = sm.datasets.elnino.load_pandas().data
    values = elnino.drop(columns=["YEAR"]).to_numpy().ravel()
    out["elnino"] = monthly(values, f"{int(elnino['YEAR'].iloc[0])}-01")
    return out


def main(folder):
    data = series()
    frames = []
    for name, s in data.items():
        frames.append(pd.DataFrame({"unique_id": name, "ds": s.index.to_timestamp(), "y": s.values.astype(float)}))
    df = pd.concat(frames, ignore_index=True)
    models = [HistoricAverage(), Naive(), SeasonalNaive(season_length=12), AutoETS(season_length=12),
              AutoARIMA(season_length=12)]
    names = {"HistoricAverage": "historic-average", "Naive": "naive", "SeasonalNaive": "seasonal-naive",
             "AutoETS": "ets", "AutoARIMA": "arima"}
    sf = StatsForecast(models=models, freq="MS", n_jobs=1)
    cv = sf.cross_validation(df=df, h=3, step_size=1, n_windows=26)
    cv = cv.reset_index() if "unique_id" not in cv.columns else cv
    with open(os.path.join(folder, "forecasts.csv"), "w", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(["customer", "item", "period", "lag", "forecast"])
        for row in cv.itertuples(index=False):
            lag = (row.ds.year - row.cutoff.year) * 12 + row.ds.month - row.cutoff.month
            for model, label in names.items():
                w.writerow([f"{row.unique_id}/{label}", row.unique_id, row.ds.strftime("%Y-%m"), lag,
                            f"{max(0.0, float(getattr(row, model))):.4f}"])
    with open(os.path.join(folder, "actuals.csv"), "w", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(["customer", "item", "period", "actual"])
        for name, s in data.items():
            for period, value in s.items():
                for label in names.values():
                    w.writerow([f"{name}/{label}", name, str(period), f"{float(value):.4f}"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))

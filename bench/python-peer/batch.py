"""Batch scoring the way a data scientist writes it: pandas read_csv, one xgboost inplace_predict per
scope, to_csv. The same model, encoding rules and rows as ScopeML's figure 10.

usage: batch.py <folder holding schema.json and model.json> <input.csv> <output.csv> <scope column>
Prints one line: rows, seconds and rows per second, from reading the CSV to the written output.
"""

import json
import os
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb

from encoding import MISSING


def load(folder):
    """The spec (features, classes) and the booster train.py fitted, single-threaded like one
    ScopeML worker."""
    with open(os.path.join(folder, "schema.json")) as f:
        spec = json.load(f)
    booster = xgb.Booster()
    booster.load_model(os.path.join(folder, "model.json"))
    booster.set_param({"nthread": 1})
    return spec, booster


def encode(frame, features):
    """The encoded matrix of a frame: numbers as they are, one slot per category level, NaN for
    missing values and unseen levels (ScopeML's RowEncoder rules)."""
    columns = []
    for name, kind, levels in features:
        values = frame[name]
        if kind == "NUMERIC":
            columns.append(pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float32))
            continue
        text = values.astype("string").str.strip()
        known = text.isin(levels.keys()) & ~text.isin(MISSING)
        for level in levels:
            slot = np.where(known, (text == level).to_numpy(dtype=np.float32, na_value=0.0), np.nan)
            columns.append(slot.astype(np.float32))
    return np.column_stack(columns)


def main(folder, source, target, scope_column):
    spec, booster = load(folder)
    features = [(f["name"], f["kind"], {level: i for i, level in enumerate(f.get("levels") or [])})
                for f in spec["features"]]
    classes = spec["classes"]
    start = time.perf_counter()
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    parts = []
    for scope, rows in frame.groupby(scope_column, sort=False):
        probabilities = booster.inplace_predict(encode(rows, features), missing=np.nan)
        part = pd.DataFrame(index=rows.index)
        part["scope"] = f"{scope_column}={scope}"
        part["label"] = np.array(classes)[probabilities.argmax(axis=1)]
        for c, name in enumerate(classes):
            part["probability_" + name] = probabilities[:, c]
        parts.append(part)
    pd.concat(parts).sort_index().to_csv(target, index_label="input_row")
    seconds = time.perf_counter() - start
    print(f"python batch: {len(frame)} rows in {seconds:.3f} s, {len(frame) / seconds:.0f} rows/s,"
          f" pandas {pd.__version__}, xgboost {xgb.__version__}")


if __name__ == "__main__":
    main(*sys.argv[1:5])

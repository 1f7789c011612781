"""Trains the Python peer's model: the same rows, encoding and xgboost parameters as ScopeML's.

usage: train.py <folder holding schema.json>   (writes model.json beside it)
schema.json is written by the Java side of the benchmark: the feature schema of the ScopeML model,
its training CSV, the scope's rows filter and the xgboost parameters.
"""

import csv
import json
import os
import sys

import numpy as np
import xgboost as xgb

from encoding import Encoder


def main(folder):
    with open(os.path.join(folder, "schema.json")) as f:
        spec = json.load(f)
    encoder = Encoder(spec)
    classes = spec["classes"]
    rows, labels = [], []
    with open(spec["csv"], newline="") as f:
        for row in csv.DictReader(f):
            if any(row.get(column) != value for column, value in spec["scope"].items()):
                continue
            label = row.get(spec["label"])
            if label in (None, "", "NA"):
                continue
            rows.append(encoder.encode(row))
            labels.append(classes.index(label))
    params = spec["params"]
    booster = xgb.train(
        {
            # Tribuo, which trains the ScopeML model, uses softprob for any number of classes.
            "objective": "multi:softprob",
            "num_class": len(classes),
            "booster": "gbtree",
            "tree_method": "hist",
            "eta": params["eta"],
            "max_depth": params["maxDepth"],
            "min_child_weight": params["minChildWeight"],
            "subsample": params["subsample"],
            "colsample_bytree": params["colsampleByTree"],
            "lambda": params["lambda"],
            "alpha": params["alpha"],
            "gamma": params["gamma"],
            "nthread": 1,
            "seed": spec["seed"],
        },
        xgb.DMatrix(np.array(rows, dtype=np.float32), label=np.array(labels), missing=np.nan),
        num_boost_round=params["trees"],
    )
    booster.save_model(os.path.join(folder, "model.json"))
    print(f"python peer: trained {params['trees']} rounds on {len(rows)} rows, xgboost {xgb.__version__}")


if __name__ == "__main__":
    main(sys.argv[1])

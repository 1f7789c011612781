"""The Python peer of the HTTP benchmark: Flask + xgboost, served by gunicorn behind nginx.

It answers POST /v1/models/<model>/predict with the same request and response shape as the
ScopeML scorer, for the one scope it was trained on. A benchmark peer, not part of ScopeML.
"""

import json
import os

import numpy as np
import xgboost as xgb
from flask import Flask, jsonify, request

from encoding import Encoder

FOLDER = os.environ["SCOPEML_PEER_DIR"]
with open(os.path.join(FOLDER, "schema.json")) as f:
    SPEC = json.load(f)
ENCODER = Encoder(SPEC)
CLASSES = SPEC["classes"]
SCOPE = ",".join(f"{k}={v}" for k, v in sorted(SPEC["scope"].items()))
BOOSTER = xgb.Booster(params={"nthread": 1})
BOOSTER.load_model(os.path.join(FOLDER, "model.json"))

app = Flask(__name__)


@app.get("/readyz")
def ready():
    return jsonify(status="UP")


@app.post("/v1/models/<model>/predict")
def predict(model):
    body = request.get_json()
    rows = np.array([ENCODER.encode(row) for row in body["instances"]], dtype=np.float32)
    probabilities = BOOSTER.inplace_predict(rows, missing=np.nan)
    predictions = []
    for p in probabilities:
        best = int(np.argmax(p))
        predictions.append({
            "scope": SCOPE,
            "version": 1,
            "label": CLASSES[best],
            "probabilities": {c: float(p[i]) for i, c in enumerate(CLASSES)},
        })
    response = jsonify(model=model, predictions=predictions)
    response.headers["X-Model-Version"] = "1"
    return response

"""One-hot encoding of request rows, the same rules as ScopeML's RowEncoder.

Numeric features: numbers or decimal strings; null, absent, "" and "NA" are missing (NaN).
Categorical features: one slot per level, in the schema's order; a missing value or a level never
seen in training fills every slot of the feature with NaN (xgboost's missing value).
"""

import math

MISSING = {"", "NA"}


def _is_missing(value):
    return value is None or (isinstance(value, str) and value.strip() in MISSING)


def _category_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == math.floor(value) and abs(value) < 1e15:
        return str(int(value))
    return str(value)


class Encoder:
    """Encodes rows (dicts of column to value) into lists of floats."""

    def __init__(self, schema):
        self.features = []
        for feature in schema["features"]:
            levels = {level: i for i, level in enumerate(feature.get("levels") or [])}
            self.features.append((feature["name"], feature["kind"], levels))
        self.width = sum(1 if kind == "NUMERIC" else len(levels)
                         for _, kind, levels in self.features)

    def encode(self, row):
        out = []
        for name, kind, levels in self.features:
            value = row.get(name)
            if kind == "NUMERIC":
                out.append(math.nan if _is_missing(value) else float(value))
                continue
            level = None if _is_missing(value) else levels.get(_category_text(value))
            if level is None:
                out.extend([math.nan] * len(levels))
            else:
                slots = [0.0] * len(levels)
                slots[level] = 1.0
                out.extend(slots)
        return out

#!/usr/bin/python3
"""pandas + scipy baseline for `npm run bench:data` (run with Debian's /usr/bin/python3).

    baseline.py <data.csv>                      (a) the seed's validate.py checks
    baseline.py <data.csv> --reference <ref>    (b) the same checks plus per-column drift

Prints one JSON document: {"errors": [...], "drift": null | {"share", "drifted", "columns"}}.
validate_dataset is the seed's code verbatim; drift follows Evidently's default stattests
(evidently/legacy/calculations/stattests, registry._get_default_stattest) on top of scipy, for
every column both files share except customer_id, as bench/validate-policy.yml asks of our CLI.
"""

import json
import sys

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

# The file is read once: validate_dataset's pd.read_csv and the drift step share it.
_read_csv = pd.read_csv
_cache = {}


def _cached_read_csv(path, *args, **kwargs):
    if path not in _cache:
        _cache[path] = _read_csv(path, *args, **kwargs)
    return _cache[path]


pd.read_csv = _cached_read_csv


# ---- the seed's src/data/validate.py, verbatim ---------------------------------------------
def validate_dataset(path: str) -> list[str]:
    """Return validation errors. Empty list = pass."""
    errors = []
    df = pd.read_csv(path)
    required_columns = [
        "customer_id", "tenure_months", "monthly_charges",
        "total_charges", "num_products", "has_support_calls", "churn"
    ]
    missing_cols = set(required_columns) - set(df.columns)
    if missing_cols:
        errors.append(f"Missing required columns: {missing_cols}")
    critical_cols = ["tenure_months", "monthly_charges", "churn"]
    for col in critical_cols:
        if col in df.columns:
            null_count = df[col].isnull().sum()
            if null_count > 0:
                errors.append(f"Column '{col}' has {null_count} null values")
    if "tenure_months" in df.columns:
        if (df["tenure_months"] < 0).any():
            errors.append("tenure_months has negative values")
        if (df["tenure_months"] > 120).any():
            errors.append("tenure_months has values > 120")
    if "churn" in df.columns:
        invalid_churn = ~df["churn"].isin([0, 1])
        if invalid_churn.any():
            errors.append("churn column has invalid values")
        churn_rate = df["churn"].mean()
        if churn_rate < 0.05 or churn_rate > 0.60:
            errors.append(
                f"Unusual class balance: {churn_rate:.1%} churn rate "
                "(expected 5-60%)"
            )
    if len(df) < 1000:
        errors.append(f"Dataset too small: {len(df)} rows")
    return errors


# ---- Evidently's default drift per column --------------------------------------------------
def _binned_unfilled(ref, cur, numeric):
    if numeric and ref.nunique() > 20:
        bins = np.histogram_bin_edges(np.asarray(pd.concat([ref, cur]).values), bins="sturges")
        return np.histogram(ref, bins)[0] / len(ref), np.histogram(cur, bins)[0] / len(cur)
    keys = list(set(ref.unique()) | set(cur.unique()))
    rc, cc = ref.value_counts(), cur.value_counts()
    return (np.array([rc.get(k, 0) / len(ref) for k in keys]),
            np.array([cc.get(k, 0) / len(cur) for k in keys]))


def _column_drift(ref, cur, numeric):
    ref = ref.replace([-np.inf, np.inf], np.nan).dropna()
    cur = cur.replace([-np.inf, np.inf], np.nan).dropna()
    n_values = pd.concat([ref, cur]).nunique()
    if ref.shape[0] <= 1000:
        if numeric and n_values > 5:
            p = stats.ks_2samp(ref, cur)[1]
            return "ks", p, p <= 0.05
        keys = list(set(ref.unique()) | set(cur.unique()))
        if n_values > 2:
            rc, cc = ref.value_counts(), cur.value_counts()
            k = cur.shape[0] / ref.shape[0]
            p = stats.chisquare([cc.get(x, 0) for x in keys], [rc.get(x, 0) * k for x in keys])[1]
            return "chisquare", p, p < 0.05
        if ref.nunique() == 1 and cur.nunique() == 1 and ref.unique()[0] == cur.unique()[0]:
            return "z", 1.0, False
        first = sorted(keys)[0]
        p1, p2 = float((ref != first).sum()) / len(ref), float((cur != first).sum()) / len(cur)
        n1, n2 = len(ref), len(cur)
        P = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
        p = 2 * (1 - stats.norm.cdf(np.abs(z)))
        return "z", p, p < 0.05
    if numeric and n_values > 5:
        w = stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)
        return "wasserstein", w, w >= 0.1
    js = distance.jensenshannon(*_binned_unfilled(ref, cur, numeric))
    return "jensenshannon", js, js >= 0.1


def drift(current, reference):
    columns = []
    for name in current.columns:
        if name == "customer_id" or name not in reference.columns:
            continue
        numeric = pd.api.types.is_numeric_dtype(current[name]) and pd.api.types.is_numeric_dtype(reference[name])
        method, score, drifted = _column_drift(reference[name], current[name], numeric)
        columns.append({"column": name, "method": method, "score": float(score), "drifted": bool(drifted)})
    share = sum(c["drifted"] for c in columns) / len(columns) if columns else 0.0
    return {"share": share, "drifted": bool(columns) and share >= 0.5, "columns": columns}


def main(argv):
    path = argv[0]
    errors = validate_dataset(path)
    result = {"errors": errors, "drift": None}
    if len(argv) == 3 and argv[1] == "--reference":
        result["drift"] = drift(pd.read_csv(path), pd.read_csv(argv[2]))
    print(json.dumps(result))
    return 1 if errors or (result["drift"] and result["drift"]["drifted"]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

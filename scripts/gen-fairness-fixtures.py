#!/usr/bin/env python3
"""Regenerate test/fixtures/gates/fairness-*.csv and fairness-expected.json.

fairlearn cannot be installed here, so this script implements its documented definitions
independently with pandas (Debian: apt-get install python3-pandas; run with /usr/bin/python3):

- selection rate of a group: share of predictions equal to the positive label;
- true/false positive rate: sklearn's confusion matrix normalized by true class, where a class
  absent from the group gives 0 (sklearn's nan_to_num), not NaN;
- groups: the combinations of the sensitive columns' values present in the data;
- *_difference = max - min over groups (method="between_groups"); *_ratio = min / max (NaN when
  max is 0, written as null); equalized_odds_* take the worse of the TPR and FPR aggregates.

The TypeScript tests compare lib/gates/fairness.ts with these numbers to 1e-9; they run no Python.
"""

import json
import math
import os

import numpy as np
import pandas as pd

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "gates")


def make_one_attribute(rng):
    n = 300
    gender = rng.choice(["F", "M", "X"], size=n, p=[0.45, 0.45, 0.10])
    label = rng.binomial(1, 0.4, size=n)
    bias = np.where(gender == "M", 0.15, np.where(gender == "X", -0.1, 0.0))
    score = np.clip(0.25 + 0.45 * label + bias + rng.normal(0, 0.2, size=n), 0, 1)
    prediction = (score >= 0.5).astype(int)
    return pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "label": label,
            "prediction": prediction,
            "score": np.round(score, 4),
            "gender": gender,
        }
    )


def make_two_attributes(rng):
    n = 400
    gender = rng.choice(["F", "M"], size=n)
    age = rng.choice(["18-25", "26-40", "41-65", "65+"], size=n, p=[0.2, 0.35, 0.35, 0.1])
    label = rng.binomial(1, 0.35, size=n)
    bias = np.where(age == "18-25", -0.12, 0.0) + np.where(gender == "F", 0.05, 0.0)
    score = np.clip(0.3 + 0.4 * label + bias + rng.normal(0, 0.18, size=n), 0, 1)
    frame = pd.DataFrame(
        {
            "label": label,
            "prediction": (score >= 0.5).astype(int),
            "score": np.round(score, 4),
            "gender": gender,
            "age_band": age,
        }
    )
    # One combination absent, as in real holdouts: fairlearn only aggregates groups that occur.
    return frame[~((frame.gender == "F") & (frame.age_band == "65+"))].reset_index(drop=True)


def make_string_labels(rng):
    n = 120
    region = rng.choice(["north", "south", "east"], size=n)
    label = np.where(rng.random(n) < 0.5, "yes", "no")
    # No positive label at all in "east": its true positive rate is 0 by sklearn's convention.
    label = np.where(region == "east", "no", label)
    prediction = np.where(rng.random(n) < np.where(label == "yes", 0.7, 0.3), "yes", "no")
    return pd.DataFrame({"label": label, "prediction": prediction, "region": region})


def make_nobody_selected(rng):
    n = 40
    return pd.DataFrame(
        {
            "label": rng.binomial(1, 0.5, size=n),
            "prediction": np.zeros(n, dtype=int),
            "plan": rng.choice(["basic", "premium"], size=n),
        }
    )


def rates(frame, sensitive, positive):
    rows = {}
    by = sensitive if len(sensitive) > 1 else sensitive[0]
    for values, group in frame.groupby(by, sort=True):
        values = values if isinstance(values, tuple) else (values,)
        key = ", ".join(f"{name}={value}" for name, value in zip(sensitive, values))
        selected = group.prediction == positive
        actual = group.label == positive
        pos, neg = actual.sum(), (~actual).sum()
        rows[key] = {
            "count": int(len(group)),
            "selectionRate": float(selected.mean()),
            "truePositiveRate": float((selected & actual).sum() / pos) if pos else 0.0,
            "falsePositiveRate": float((selected & ~actual).sum() / neg) if neg else 0.0,
        }
    return rows


def aggregates(rows):
    def column(name):
        return pd.Series([r[name] for r in rows.values()], dtype=float)

    def diff(s):
        return float(s.max() - s.min())

    def ratio(s):
        return float(s.min() / s.max()) if s.max() != 0 else math.nan

    sel, tpr, fpr = column("selectionRate"), column("truePositiveRate"), column("falsePositiveRate")
    odds_ratios = [r for r in (ratio(tpr), ratio(fpr)) if not math.isnan(r)]
    metrics = {
        "demographic_parity_difference": diff(sel),
        "demographic_parity_ratio": ratio(sel),
        "disparate_impact_ratio": ratio(sel),
        "equalized_odds_difference": max(diff(tpr), diff(fpr)),
        "equalized_odds_ratio": min(odds_ratios) if odds_ratios else math.nan,
        "equal_opportunity_difference": diff(tpr),
        "equal_opportunity_ratio": ratio(tpr),
    }
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in metrics.items()}


def main():
    rng = np.random.RandomState(20261127)
    cases = [
        ("one-attribute", make_one_attribute(rng), ["gender"], 1),
        ("two-attributes", make_two_attributes(rng), ["gender", "age_band"], 1),
        ("string-labels", make_string_labels(rng), ["region"], "yes"),
        ("nobody-selected", make_nobody_selected(rng), ["plan"], 1),
    ]
    expected = {}
    for name, frame, sensitive, positive in cases:
        file = f"fairness-{name}.csv"
        frame.to_csv(os.path.join(OUT, file), index=False)
        # Read back as text, as the TypeScript side sees it.
        text = pd.read_csv(os.path.join(OUT, file), dtype=str)
        as_text = str(positive)
        rows = rates(text, sensitive, as_text)
        expected[name] = {
            "file": file,
            "sensitive": sensitive,
            "positive": positive,
            "groups": rows,
            "metrics": aggregates(rows),
        }
    with open(os.path.join(OUT, "fairness-expected.json"), "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

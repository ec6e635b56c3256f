#!/usr/bin/python3
"""Expected drift scores for test/data/drift.test.ts, computed with scipy/numpy as Evidently does.

Run with Debian's interpreter (apt-get install python3-scipy python3-numpy python3-pandas):

    /usr/bin/python3 scripts/gen-drift-fixtures.py

Writes test/fixtures/drift/expected.json. Samples are not stored: each is described by a small
generator spec that test/fixtures/drift/samples.ts reproduces bit for bit (a 32-bit LCG, integer
arithmetic, then exact float operations), so the fixture stays small. Literal samples are used for
hand-made edge cases. The Evidently formulas below follow evidently/legacy/calculations/stattests/
(chisquare, z, ks, wasserstein_distance_norm, jensenshannon, psi, kl_div, hellinger_distance and
utils.get_binned_data) and registry._get_default_stattest.
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import stats
from scipy.spatial import distance

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "drift", "expected.json")
TWO32 = 4294967296.0


# ---- samples (mirrored by test/fixtures/drift/samples.ts) ---------------------------------

class Lcg:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self):
        self.state = (self.state * 1664525 + 1013904223) & 0xFFFFFFFF
        return self.state


def generate(spec):
    """Numeric specs give a list of floats (nan = missing); categorical specs give str/None."""
    if "values" in spec:
        return [
            (float("nan") if v is None else float(v))
            if spec.get("kind", "numeric") == "numeric" else v
            for v in spec["values"]
        ]
    rng = Lcg(spec["seed"])
    out = []
    for i in range(spec["n"]):
        missing = (rng.next() >> 16) % 100 < spec.get("missing", 0)
        shape = spec["shape"]
        if shape == "cat":
            weights = spec["weights"]
            r = (rng.next() >> 16) % sum(weights)
            k = 0
            while r >= weights[k]:
                r -= weights[k]
                k += 1
            out.append(None if missing else spec["categories"][k])
            continue
        if shape == "irwin":  # sum of four uniforms: bell-shaped on [0, 4)
            u = rng.next() / TWO32
            u = u + rng.next() / TWO32
            u = u + rng.next() / TWO32
            u = u + rng.next() / TWO32
        elif shape == "grid":  # evenly spaced, for KS statistics of a chosen size
            u = (i + 0.5) / spec["n"]
        elif shape == "uniform":
            u = rng.next() / TWO32
        elif shape == "int":  # integers 0 .. levels-1
            u = float((rng.next() >> 16) % spec["levels"])
        else:
            raise ValueError(shape)
        x = spec.get("loc", 0.0) + spec.get("scale", 1.0) * u
        if "step" in spec:
            x = math.floor(x / spec["step"]) * spec["step"]
        out.append(float("nan") if missing else x)
    return out


# ---- Evidently's statistics on top of scipy ------------------------------------------------

def clean(values, kind):
    s = pd.Series(values, dtype=float if kind == "numeric" else object)
    return s.replace([-np.inf, np.inf], np.nan).dropna()


def default_method(ref, cur, kind):
    n_values = pd.concat([ref, cur]).nunique()
    if ref.shape[0] <= 1000:
        if kind == "numeric":
            if n_values <= 5:
                return "chisquare" if n_values > 2 else "z"
            return "ks"
        return "chisquare" if n_values > 2 else "z"
    if kind == "numeric":
        return "jensenshannon" if n_values <= 5 else "wasserstein"
    return "jensenshannon"


def keys_of(ref, cur):
    return list(set(ref.dropna().unique()) | set(cur.dropna().unique()))


def binned(ref, cur, kind, fill):
    if kind == "numeric" and ref.nunique() > 20:
        combined = np.asarray(pd.concat([ref, cur], axis=0).values)
        bins = np.histogram_bin_edges(combined, bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = keys_of(ref, cur)
        rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
        cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
        rp = np.array([rd[k] / len(ref) for k in keys])
        cp = np.array([cd[k] / len(cur) for k in keys])
    if fill:
        for arr in (rp, cp):
            m = min(arr[arr != 0])
            np.place(arr, arr == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return rp, cp


def chisquare(ref, cur):
    keys = keys_of(ref, cur)
    rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
    cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
    k_norm = cur.shape[0] / ref.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        return stats.chisquare([cd[k] for k in keys], [rd[k] * k_norm for k in keys])[1]


def z_test(ref, cur):
    if ref.nunique() == 1 and cur.nunique() == 1 and ref.unique()[0] == cur.unique()[0]:
        return 1.0
    key = sorted(keys_of(ref, cur))[0]
    r = ref.apply(lambda x: 0 if x == key else 1)
    c = cur.apply(lambda x: 0 if x == key else 1)
    n1, n2 = len(r), len(c)
    p1 = float(sum(r)) / n1
    p2 = float(sum(c)) / n2
    P = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    return 2 * (1 - stats.norm.cdf(np.abs(z)))


def hellinger(ref, cur, kind):
    keys = list(set(ref.unique()) | set(cur.unique()))
    h = 0.0
    if kind == "categorical":
        rs = (ref.value_counts() / len(ref)).to_dict()
        cs = (cur.value_counts() / len(cur)).to_dict()
        for k in keys:
            h += math.sqrt(float(rs.get(k, 0)) * float(cs.get(k, 0)))
    else:
        bins = np.histogram_bin_edges(keys, bins="sturges")
        h1 = np.histogram(ref.to_numpy(), bins=bins, density=True)[0]
        h2 = np.histogram(cur.to_numpy(), bins=bins, density=True)[0]
        width = (max(bins) - min(bins)) / (len(bins) - 1)
        for i in range(len(h1)):
            h += math.sqrt(float(h1[i]) * float(h2[i])) * width
    return math.sqrt(1 - float(np.clip(h, 0, 1)))


def score(method, ref, cur, kind):
    if method == "ks":
        return stats.ks_2samp(ref, cur)[1]
    if method == "z":
        return z_test(ref, cur)
    if method == "chisquare":
        return chisquare(ref, cur)
    if method == "wasserstein":
        return stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)
    if method == "jensenshannon":
        rp, cp = binned(ref, cur, kind, False)
        return distance.jensenshannon(rp, cp)
    if method == "psi":
        rp, cp = binned(ref, cur, kind, True)
        return float(np.sum((rp - cp) * np.log(rp / cp)))
    if method == "kl_div":
        rp, cp = binned(ref, cur, kind, True)
        return stats.entropy(rp, cp)
    if method == "hellinger":
        return hellinger(ref, cur, kind)
    raise ValueError(method)


P_VALUE = {"ks", "z", "chisquare"}


def drifted(method, value, threshold):
    if method == "ks":
        return bool(value <= threshold)
    if method in P_VALUE:
        return bool(value < threshold)
    return bool(value >= threshold)


def threshold_of(method):
    return 0.05 if method in P_VALUE else 0.1


def num(value):
    v = float(value)
    return None if math.isnan(v) else v


# ---- the table ---------------------------------------------------------------------------

def irwin(seed, n, loc=0.0, scale=1.0, **kw):
    return {"seed": seed, "n": n, "shape": "irwin", "loc": loc, "scale": scale, **kw}


def cat(seed, n, categories, weights, **kw):
    return {"seed": seed, "n": n, "shape": "cat", "categories": categories, "weights": weights, **kw}


def ints(seed, n, levels, loc=0.0, **kw):
    return {"seed": seed, "n": n, "shape": "int", "levels": levels, "loc": loc, **kw}


def grid(n, loc=0.0):
    return {"seed": 0, "n": n, "shape": "grid", "loc": loc}


def lit(values, kind="numeric"):
    return {"values": values, "kind": kind}


CASES = [
    # KS exact, n1 != n2 and n1 == n2, ties, and shifts around p = 0.05
    ("ks exact unequal sizes", "numeric", irwin(1, 200), irwin(2, 150, loc=0.1)),
    ("ks exact equal sizes", "numeric", irwin(3, 300), irwin(4, 300, loc=0.05)),
    ("ks exact ties", "numeric", irwin(5, 400, step=0.5), irwin(6, 350, loc=0.2, step=0.5)),
    ("ks exact tiny samples", "numeric", lit([1.5, 2.5, 0.5, 3.0, 7.0, 2.0, 9.0]), lit([4.0, 5.5, 6.0, 8.5, 10.0, 0.25])),
    ("ks exact large d", "numeric", irwin(7, 120), irwin(8, 90, loc=1.5)),
    ("ks exact 10000 vs 999", "numeric", irwin(9, 999), irwin(10, 10000, loc=0.03)),
    # KS asymptotic (kstwo.sf): n = round(mn/(m+n)) ≤ 140 and above, every algorithm regime
    ("ks asymp n100 tiny shift", "numeric", irwin(11, 100), irwin(12, 20000, loc=0.01)),
    ("ks asymp n100 pomeranz", "numeric", irwin(13, 100), irwin(14, 20000, loc=0.2)),
    ("ks asymp n100 smirnov", "numeric", irwin(15, 100), irwin(16, 20000, loc=0.6)),
    ("ks asymp n750 durbin", "numeric", irwin(17, 800), irwin(18, 12000, loc=0.005)),
    ("ks asymp n750 pelz-good", "numeric", irwin(19, 800), irwin(20, 12000, loc=0.06)),
    ("ks asymp n750 smirnov", "numeric", irwin(21, 800), irwin(22, 12000, loc=0.3)),
    ("ks asymp large", "numeric", irwin(23, 12000), irwin(24, 11000, loc=0.02)),
    ("ks asymp n100 grid pomeranz", "numeric", grid(100), grid(20000, loc=0.12)),
    ("ks asymp n100 grid x over half", "numeric", grid(100), grid(20000, loc=0.7)),
    ("ks asymp n149 grid durbin", "numeric", grid(150), grid(15000, loc=0.02)),
    ("ks asymp n149 grid tiny statistic", "numeric", grid(150), grid(15000)),
    ("ks asymp n125000 grid pelz-good", "numeric", grid(250000), grid(250000, loc=0.003)),
    ("ks asymp n125000 grid smirnov", "numeric", grid(250000), grid(250000, loc=0.01)),
    # numeric defaults: z (≤2 unique), chisquare (3-5), wasserstein and jensenshannon (> 1000 rows)
    ("constant equal", "numeric", lit([3.0] * 50), lit([3.0] * 40)),
    ("constant different", "numeric", lit([3.0] * 50), lit([4.0] * 40)),
    ("binary numeric", "numeric", ints(31, 500, 2), ints(32, 400, 2, missing=10)),
    ("binary numeric one side constant", "numeric", ints(33, 300, 2), lit([1.0] * 30)),
    ("four levels", "numeric", ints(34, 600, 4), ints(35, 500, 4, loc=0.0)),
    ("new level in current", "numeric", ints(36, 600, 3), ints(37, 500, 4)),
    ("levels large reference", "numeric", ints(38, 3000, 5), ints(39, 2500, 5, loc=1.0)),
    ("continuous large reference", "numeric", irwin(40, 3000, scale=10.0), irwin(41, 2000, loc=0.5, scale=10.0)),
    ("continuous large reference missing", "numeric", irwin(42, 5000, missing=7), irwin(43, 4000, loc=0.3, missing=20)),
    ("constant large reference", "numeric", lit([2.0] * 1200), irwin(44, 300)),
    ("fifteen levels", "numeric", ints(45, 900, 15), ints(46, 700, 15, loc=1.0)),
    ("fine steps", "numeric", irwin(47, 700, step=0.01), irwin(48, 600, loc=0.02, step=0.01)),
    ("infinities dropped", "numeric", lit([1.0, "inf", 2.0, 3.0, None, 4.0, 5.0, 6.0, "-inf", 7.5]), lit([2.0, 3.5, None, 4.0, 9.0, "inf", 8.0, 1.0])),
    ("negative and zero", "numeric", lit([-1.0, -0.0, 0.0, 1.0, -2.5, 3.0, 0.0, -1.0]), lit([0.0, 0.0, -0.0, 2.0, 2.0, -3.0, 1.0])),
    # categorical defaults and the other methods
    ("categorical three", "categorical", cat(51, 500, ["basic", "pro", "enterprise"], [6, 3, 1]), cat(52, 400, ["basic", "pro", "enterprise"], [5, 3, 2])),
    ("categorical two", "categorical", cat(53, 300, ["no", "yes"], [7, 3]), cat(54, 250, ["no", "yes"], [6, 4], missing=5)),
    ("categorical same constant", "categorical", lit(["a"] * 20, "categorical"), lit(["a"] * 10 + [None], "categorical")),
    ("categorical new in current", "categorical", cat(55, 600, ["x", "y", "z"], [1, 1, 1]), cat(56, 500, ["x", "y", "z", "w"], [3, 3, 3, 1])),
    ("categorical large reference", "categorical", cat(57, 5000, ["basic", "pro", "enterprise"], [6, 3, 1], missing=3), cat(58, 4000, ["basic", "pro", "enterprise"], [6, 3, 1])),
    ("categorical large drifted", "categorical", cat(59, 2000, ["a", "b", "c", "d"], [4, 3, 2, 1]), cat(60, 2000, ["a", "b", "c", "d"], [1, 2, 3, 4])),
    ("categorical unicode order", "categorical", lit(["é", "e", "Z", "ß", "e", "é"], "categorical"), lit(["e", "Z", "Z", "é"], "categorical")),
]


def near_threshold_cases():
    """Shifts that put a default score close to its threshold (verdicts on both sides)."""
    found = []
    searches = [
        ("ks", lambda s: (irwin(61, 300), irwin(62, 250, loc=s)), [i * 0.002 for i in range(1, 150)]),
        ("wasserstein", lambda s: (irwin(63, 1500), irwin(64, 1500, loc=s)), [i * 0.002 for i in range(1, 150)]),
        ("chisquare", lambda s: (cat(65, 400, ["a", "b", "c"], [5, 3, 2]), cat(66 + int(s), 400, ["a", "b", "c"], [5, 3, 2])), list(range(0, 60))),
        ("z", lambda s: (cat(67, 400, ["a", "b"], [1, 1]), cat(68 + int(s), 400, ["a", "b"], [1, 1])), list(range(0, 60))),
    ]
    for method, make, grid in searches:
        best = {}
        for s in grid:
            rs, cs = make(s)
            kind = "categorical" if rs["shape"] == "cat" else "numeric"
            v = score(method, clean(generate(rs), kind), clean(generate(cs), kind), kind)
            t = threshold_of(method)
            side = "below" if v < t else "above"
            if side not in best or abs(v - t) < best[side][0]:
                best[side] = (abs(v - t), rs, cs, kind)
        for side, (_, rs, cs, kind) in sorted(best.items()):
            found.append((f"{method} near threshold {side}", kind, rs, cs))
    return found


def main():
    methods_for = {
        "numeric": ["ks", "z", "chisquare", "wasserstein", "jensenshannon", "psi", "kl_div", "hellinger"],
        "categorical": ["z", "chisquare", "jensenshannon", "psi", "kl_div", "hellinger"],
    }
    out_cases = []
    for name, kind, rs, cs in CASES + near_threshold_cases():
        ref = clean(generate(rs), kind)
        cur = clean(generate(cs), kind)
        default = default_method(ref, cur, kind)
        scores = {}
        with np.errstate(all="ignore"):
            for m in methods_for[kind]:
                v = score(m, ref, cur, kind)
                scores[m] = {"score": num(v), "drifted": drifted(m, v, threshold_of(m))}
        out_cases.append({
            "name": name,
            "kind": kind,
            "reference": rs,
            "current": cs,
            "referenceRows": int(ref.shape[0]),
            "uniqueValues": int(pd.concat([ref, cur]).nunique()),
            "defaultMethod": default,
            "scores": scores,
        })
    doc = {
        "generatedBy": "scripts/gen-drift-fixtures.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__},
        "cases": out_cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(out_cases)} cases to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()

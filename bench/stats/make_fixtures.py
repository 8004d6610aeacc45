#!/usr/bin/python3
"""Generate random rating data and expected statistics from independent implementations.

The Java package dev.kappa.stats is checked against these values to 1e-9 by CrossCheckTest.
Independent implementations used here:
  * statsmodels: fleiss_kappa (Fleiss 1971) and cohens_kappa (unweighted, linear, quadratic);
  * scikit-learn: cohen_kappa_score (unweighted, linear, quadratic), accuracy, precision/recall/F1;
  * numpy code written here from the papers, vectorised differently from the Java loops:
    Krippendorff's alpha (Krippendorff 2011, coincidence matrix; the PyPI "krippendorff" package is not
    reachable from this workplace), Gwet's AC1 (Gwet 2008), Fleiss' kappa with varying raters per item,
    and Dawid-Skene EM (Dawid and Skene 1979).

Run with Debian's python3 (apt-get install python3-statsmodels python3-sklearn):
    /usr/bin/python3 bench/stats/make_fixtures.py
It rewrites server/src/test/resources/stats/*.csv. Output is deterministic for the fixed seed.
"""
import os
import sys

import numpy as np
import sklearn
import statsmodels
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score, precision_recall_fscore_support
from statsmodels.stats.inter_rater import cohens_kappa, fleiss_kappa

SEED = 20240611
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "server", "src", "test", "resources", "stats")


# ---------------------------------------------------------------- data generation
def simulate(rng, n_items, n_annotators, k, min_answers, max_answers, accuracy, replicate_rate=0.0,
             priors=None):
    """Answers (item, annotator, label) from a latent true class per item. Each annotator is right with
    its own accuracy, otherwise picks a near class (so ordinal metrics see structure)."""
    priors = np.full(k, 1.0 / k) if priors is None else np.asarray(priors)
    truth = rng.choice(k, size=n_items, p=priors)
    acc = rng.uniform(accuracy[0], accuracy[1], size=n_annotators)
    rows = []
    for i in range(n_items):
        m = rng.integers(min_answers, max_answers + 1)
        annotators = rng.choice(n_annotators, size=min(m, n_annotators), replace=False)
        for a in annotators:
            copies = 2 if rng.random() < replicate_rate else 1
            for _ in range(copies):
                if rng.random() < acc[a]:
                    label = truth[i]
                else:
                    label = int(np.clip(truth[i] + rng.choice([-2, -1, 1, 2]), 0, k - 1))
                rows.append((i, int(a), int(label)))
    order = rng.permutation(len(rows))  # answers arrive in no particular order
    return np.array([rows[j] for j in order], dtype=int), truth


# ---------------------------------------------------------------- independent implementations
def counts_matrix(data, n_items, k):
    c = np.zeros((n_items, k))
    np.add.at(c, (data[:, 0], data[:, 2]), 1)
    return c


def alpha(data, n_items, k, metric, values=None):
    """Krippendorff 2011: o = sum_u (n_u n_u' - diag n_u) / (m_u - 1); alpha = 1 - (n-1) Do / De."""
    v = np.arange(k, dtype=float) if values is None else np.asarray(values, float)
    c = counts_matrix(data, n_items, k)
    m = c.sum(1)
    c = c[m >= 2]
    m = m[m >= 2]
    o = np.einsum("ui,uj->ij", c / (m - 1)[:, None], c) - np.diag((c / (m - 1)[:, None]).sum(0))
    nc = o.sum(1)
    n = nc.sum()
    if metric == "nominal":
        d2 = 1.0 - np.eye(k)
    elif metric == "ordinal":
        cum = np.concatenate([[0.0], np.cumsum(nc)])
        lo = np.minimum.outer(np.arange(k), np.arange(k))
        hi = np.maximum.outer(np.arange(k), np.arange(k))
        d2 = (cum[hi + 1] - cum[lo] - (nc[:, None] + nc[None, :]) / 2) ** 2
        np.fill_diagonal(d2, 0.0)
    elif metric == "interval":
        d2 = np.subtract.outer(v, v) ** 2
    elif metric == "ratio":
        s = np.add.outer(v, v)
        d2 = np.divide(np.subtract.outer(v, v), s, out=np.zeros((k, k)), where=s != 0) ** 2
    else:
        raise ValueError(metric)
    return 1.0 - (n - 1) * (o * d2).sum() / (np.outer(nc, nc) * d2).sum(), o


def alpha_per_category(o):
    nc = o.sum(1)
    n = nc.sum()
    return 1.0 - (n - 1) * (nc - np.diag(o)) / (nc * (n - nc))


def fleiss_general(c):
    """Fleiss 1971 with each item normalised by its own number of ratings; items with < 2 dropped."""
    m = c.sum(1)
    c = c[m >= 2]
    m = m[m >= 2]
    p = c.sum(0) / m.sum()
    pbar = ((c * (c - 1)).sum(1) / (m * (m - 1))).mean()
    pe = (p ** 2).sum()
    per_cat = 1 - ((c * (m[:, None] - c)) / (m * (m - 1))[:, None]).sum(0) / (len(c) * p * (1 - p))
    return (pbar - pe) / (1 - pe), per_cat


def ac1(c):
    """Gwet 2008 / Handbook: pa over items with >= 2 ratings, pi_k over items with >= 1."""
    q = c.shape[1]
    m = c.sum(1)
    two = m >= 2
    pa = ((c[two] * (c[two] - 1)).sum(1) / (m[two] * (m[two] - 1))).mean()
    pi = (c[m >= 1] / m[m >= 1][:, None]).mean(0)
    pe = (pi * (1 - pi)).sum() / (q - 1)
    return (pa - pe) / (1 - pe)


def percent_agreement(o):
    return np.trace(o) / o.sum()


def item_mean_agreement(c):
    m = c.sum(1)
    c = c[m >= 2]
    m = m[m >= 2]
    return ((c * (c - 1)).sum(1) / (m * (m - 1))).mean()


def first_answers(data):
    """(item, annotator) -> label of that annotator's first answer in input order."""
    first = {}
    for i, a, l in data:
        first.setdefault((int(i), int(a)), int(l))
    return first


def pairwise_kappas(data, n_annotators, k, min_shared):
    first = first_answers(data)
    by_ann = {}
    for (i, a), l in first.items():
        by_ann.setdefault(a, {})[i] = l
    out = []
    for a in range(n_annotators):
        for b in range(a + 1, n_annotators):
            shared = sorted(set(by_ann.get(a, {})) & set(by_ann.get(b, {})))
            if len(shared) >= min_shared:
                y1 = [by_ann[a][i] for i in shared]
                y2 = [by_ann[b][i] for i in shared]
                out.append((a, b, len(shared), cohen_kappa_score(y1, y2, labels=list(range(k)))))
    return out


def dawid_skene(data, n_items, n_annotators, k, iterations):
    """Dawid and Skene 1979: start from observed proportions, then `iterations` rounds of M then E."""
    n = np.zeros((n_items, n_annotators, k))
    np.add.at(n, (data[:, 0], data[:, 1], data[:, 2]), 1)
    answered = n.sum((1, 2)) > 0
    t = n.sum(1) / np.maximum(n.sum((1, 2)), 1)[:, None]
    for _ in range(iterations):
        priors = t[answered].sum(0) / answered.sum()
        conf = np.einsum("ik,ijl->jkl", t, n)
        rows = conf.sum(2, keepdims=True)
        conf = np.where(rows > 0, conf / np.where(rows > 0, rows, 1), 1.0 / k)
        log_conf = np.log(np.maximum(conf, 1e-300))  # zero probabilities enter as 1e-300 (Java convention)
        log_t = np.log(np.maximum(priors, 1e-300))[None, :] + np.einsum("ijl,jkl->ik", n, log_conf)
        log_t -= log_t.max(1, keepdims=True)
        t = np.exp(log_t)
        t /= t.sum(1, keepdims=True)
        t[~answered] = 0
    return t, priors


# ---------------------------------------------------------------- output
def write_data(name, data, n_items, n_annotators, k, expected, values=None):
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("item,annotator,label\n")
        for i, a, l in data:
            f.write(f"{i},{a},{l}\n")
    expected.append((name, "n_items", n_items))
    expected.append((name, "n_annotators", n_annotators))
    expected.append((name, "n_classes", k))
    if values is not None:
        for c, v in enumerate(values):
            expected.append((name, f"class_value_{c}", v))


def agreement_block(name, data, n_items, k, expected, values):
    c = counts_matrix(data, n_items, k)
    for metric in ["nominal", "ordinal", "interval", "ratio"]:
        expected.append((name, f"alpha_{metric}", alpha(data, n_items, k, metric)[0]))
    expected.append((name, "alpha_interval_values", alpha(data, n_items, k, "interval", values)[0]))
    expected.append((name, "alpha_ratio_values", alpha(data, n_items, k, "ratio", values)[0]))
    _, o = alpha(data, n_items, k, "nominal")
    for cat, a in enumerate(alpha_per_category(o)):
        expected.append((name, f"alpha_category_{cat}", a))
    kappa, per_cat = fleiss_general(c)
    expected.append((name, "fleiss_kappa", kappa))
    for cat, kap in enumerate(per_cat):
        expected.append((name, f"fleiss_category_{cat}", kap))
    expected.append((name, "ac1", ac1(c)))
    expected.append((name, "percent_agreement", percent_agreement(o)))
    expected.append((name, "item_mean_agreement", item_mean_agreement(c)))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    expected = []

    # A: gaps (1-6 answers per item, some unpairable), 4 classes
    data, _ = simulate(rng, 60, 6, 4, 1, 6, (0.5, 0.9))
    values = [1.0, 2.5, 4.0, 7.0]
    write_data("missing", data, 60, 6, 4, expected, values)
    agreement_block("missing", data, 60, 4, expected, values)

    # B: every item rated by exactly 5 of 9 annotators: statsmodels' Fleiss applies as published
    data, _ = simulate(rng, 80, 9, 3, 5, 5, (0.4, 0.9))
    values = [1.0, 2.0, 3.0]
    write_data("complete", data, 80, 9, 3, expected, values)
    agreement_block("complete", data, 80, 3, expected, values)
    expected.append(("complete", "statsmodels_fleiss_kappa", fleiss_kappa(counts_matrix(data, 80, 3), method="fleiss")))

    # C: two raters on a 5-point ordinal scale: Cohen's kappa by sklearn and statsmodels
    data, _ = simulate(rng, 150, 2, 5, 2, 2, (0.5, 0.7))
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    write_data("two_raters", data, 150, 2, 5, expected, values)
    agreement_block("two_raters", data, 150, 5, expected, values)
    first = first_answers(data)
    y1 = [first[(i, 0)] for i in range(150)]
    y2 = [first[(i, 1)] for i in range(150)]
    table = np.zeros((5, 5))
    np.add.at(table, (y1, y2), 1)
    for w, wt in [("none", None), ("linear", "linear"), ("quadratic", "quadratic")]:
        expected.append(("two_raters", f"sklearn_cohen_{w}", cohen_kappa_score(y1, y2, labels=list(range(5)), weights=wt)))
        sm = cohens_kappa(table) if wt is None else cohens_kappa(table, wt=wt)
        expected.append(("two_raters", f"statsmodels_cohen_{w}", sm.kappa))

    # D: larger, 1-7 answers, replicate answers by the same annotator, 6 classes; pairwise Cohen
    data, _ = simulate(rng, 500, 10, 6, 1, 7, (0.45, 0.95), replicate_rate=0.05)
    values = [0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    write_data("mixed", data, 500, 10, 6, expected, values)
    agreement_block("mixed", data, 500, 6, expected, values)
    pairs = pairwise_kappas(data, 10, 6, 30)
    for a, b, shared, kap in pairs:
        expected.append(("mixed", f"pair_{a}_{b}_shared", shared))
        expected.append(("mixed", f"pair_{a}_{b}_kappa", kap))
    expected.append(("mixed", "pair_count", len(pairs)))
    expected.append(("mixed", "pair_mean", float(np.mean([p[3] for p in pairs]))))

    # E: Dawid-Skene posteriors after exactly 40 EM iterations
    data, _ = simulate(rng, 200, 8, 3, 2, 5, (0.35, 0.9), priors=[0.5, 0.3, 0.2])
    write_data("dawid_skene", data, 200, 8, 3, expected)
    t, priors = dawid_skene(data, 200, 8, 3, 40)
    expected.append(("dawid_skene", "iterations", 40))
    for c in range(3):
        expected.append(("dawid_skene", f"prior_{c}", priors[c]))
    for i in range(200):
        for c in range(3):
            expected.append(("dawid_skene", f"posterior_{i}_{c}", t[i, c]))

    # F: classification metrics against scikit-learn (class 4 is never predicted: precision undefined)
    ref = rng.integers(0, 5, size=300)
    pred = np.where((rng.random(300) < 0.6) & (ref < 4), ref, rng.integers(0, 4, size=300))
    with open(os.path.join(OUT, "classification.csv"), "w") as f:
        f.write("predicted,reference\n")
        for p, r in zip(pred, ref):
            f.write(f"{p},{r}\n")
    expected.append(("classification", "accuracy", accuracy_score(ref, pred)))
    prec, rec, f1, support = precision_recall_fscore_support(ref, pred, labels=list(range(5)), zero_division=0)
    for c in range(5):
        expected.append(("classification", f"precision_{c}", prec[c]))
        expected.append(("classification", f"recall_{c}", rec[c]))
        expected.append(("classification", f"f1_{c}", f1[c]))
        expected.append(("classification", f"support_{c}", support[c]))
    expected.append(("classification", "macro_f1", f1_score(ref, pred, average="macro", zero_division=0)))

    with open(os.path.join(OUT, "expected.csv"), "w") as f:
        f.write(f"# made by bench/stats/make_fixtures.py, seed {SEED}, numpy {np.__version__}, "
                f"statsmodels {statsmodels.__version__}, scikit-learn {sklearn.__version__}\n")
        f.write("dataset,statistic,value\n")
        for name, stat, value in expected:
            f.write(f"{name},{stat},{float(value)!r}\n")
    print(f"wrote {len(expected)} expected values to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()

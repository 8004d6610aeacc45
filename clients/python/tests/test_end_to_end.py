"""One flow as an ML engineer runs it: a real crowd set (crowd_dog, Zhou et al. 2012: 807 images, 4 breeds, 8,070
crowd answers, gold on every item) imported with two model runs, then its baselines and hard cases as DataFrames.

The model runs are simulated (a seeded noisy copy of gold), so their accuracy is known exactly; the crowd
tier's accuracy is recomputed here from the raw files as an independent check.
"""
from __future__ import annotations

import csv
import random
from collections import defaultdict

import pandas as pd
import pytest

import kappa


def simulated_run(gold: dict, accuracy: float, seed: int, labels: list) -> pd.DataFrame:
    """Predictions right on a seeded ``accuracy`` share of items, with probabilities that favour the label."""
    rng = random.Random(seed)
    rows = []
    for item, truth in sorted(gold.items()):
        label = truth if rng.random() < accuracy else rng.choice([x for x in labels if x != truth])
        top = 0.4 + 0.6 * rng.random()
        probs = {x: (top if x == label else (1 - top) / (len(labels) - 1)) for x in labels}
        rows.append({"item": item, "label": label, "probs": probs})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def dog(datasets):
    folder = datasets / "crowd_dog"
    gold = {r["question"]: r["truth"] for r in csv.DictReader(open(folder / "truth.csv"))}
    answers = pd.read_csv(folder / "answer.csv", dtype=str)
    return gold, answers


def test_crowd_set_with_predictions_to_baseline_and_hard_case_frames(admin, dog):
    gold, answers = dog
    labels = sorted(set(gold.values()) | set(answers.answer))
    project = admin.projects.create("crowd_dog e2e", labels=labels, overlap={"crowd": 10, "expert": 0})

    items = pd.DataFrame({"external_id": list(gold), "data": [{"image": f"dog/{q}.jpg"} for q in gold],
                          "gold": list(gold.values())})
    assert admin.items.upload(project.id, items).created == 807
    frame = answers.rename(columns={"question": "item", "worker": "annotator", "answer": "label"})
    frame["annotator"] = "dog-" + frame["annotator"]
    frame["tier"] = "crowd"
    assert admin.answers.upload(project.id, frame).answers == 8070
    truths = {}
    for version, accuracy in (("v1", 0.70), ("v2", 0.85)):
        run = simulated_run(gold, accuracy, seed=int(version[1]), labels=labels)
        truths[version] = (run.label == run.item.map(gold)).mean()
        assert admin.predictions.upload(project.id, "simulated", version, run, latency_ms=5).predictions == 807

    report = admin.baselines(project.id, reference="gold", resamples=200, seed=7)
    rows = report.to_pandas("rows")
    crowd = rows[(rows.section == "tier") & (rows.row == "crowd")].iloc[0]
    # One crowd annotator drawn at random per item, in expectation: each item's share of answers matching gold.
    matches = defaultdict(list)
    for q, a in zip(answers.question, answers.answer):
        matches[q].append(a == gold[q])
    expected = sum(sum(m) / len(m) for m in matches.values()) / len(matches)
    assert crowd.accuracy == pytest.approx(expected, abs=1e-9)
    assert crowd.accuracy_low < crowd.accuracy < crowd.accuracy_high
    assert (crowd.n_items, crowd.n_answers) == (807, 8070)
    runs = report.runs().set_index("version")
    for version, accuracy in truths.items():
        assert runs.loc[version, "accuracy"] == pytest.approx(accuracy, abs=1e-9)
    k = report.consensus_of_k()
    assert k.accuracy.iloc[0] == pytest.approx(expected, abs=1e-9)
    assert k.accuracy.max() > crowd.accuracy + 0.1, "majorities of more crowd answers should be far better"
    gap = report.to_pandas("gap")
    assert set(gap.metric) >= {"accuracy", "macro_f1", "f1"} and len(gap.version.unique()) == 2

    admin.hardness.recompute(project.id)
    hard = admin.hard_cases.list(project.id, limit=50).to_pandas()
    assert len(hard) == 50 and hard.score.is_monotonic_decreasing
    assert hard.score.between(0, 1).all()
    feed = admin.hard_cases.feed(project.id, since="0", limit=1000)
    assert len(feed) == 807 and feed.run_id == runs.loc["v2", "run_id"]
    assert len(admin.hard_cases.feed(project.id, since=feed.next_cursor)) == 0

"""Every method of kappa.Client against the real server, errors included."""
from __future__ import annotations

import json
import os
import uuid

import pandas as pd
import pytest

import kappa


def _name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def project(admin):
    return admin.projects.create(_name("reviews"), labels=["pos", "neg"], overlap={"crowd": 2, "expert": 0})


@pytest.fixture(scope="module")
def annotators(admin, server, project):
    """Two crowd annotators with API tokens, members of the project."""
    out = []
    for i in range(2):
        user = admin.users.create("annotator", email=f"{_name('ann')}@example.com", password="annotator-password",
                                  tier="crowd")
        admin.members.add(project.id, user.id)
        out.append(kappa.Client(server.url, admin.users.issue_token(user.id, "script")))
    return out


def test_login_gives_a_working_token_and_me(admin):
    me = admin.me()
    assert me.role == "admin" and me.email == "admin@example.com"
    assert admin.token and len(admin.token) > 20


def test_wrong_password_raises_unauthorized_with_the_problem_fields(server):
    with pytest.raises(kappa.Unauthorized) as e:
        kappa.Client.login(server.url, "admin@example.com", "not-the-password")
    assert e.value.status == 401 and e.value.title and e.value.detail
    assert e.value.type.startswith("urn:kappa:problem")


def test_tokens_create_list_revoke(admin, server):
    made = admin.tokens.create(_name("nb"))
    other = kappa.Client(server.url, made["token"])
    assert other.me().role == "admin"
    assert made["id"] in [t["id"] for t in admin.tokens.list()]
    admin.tokens.revoke(made["id"])
    with pytest.raises(kappa.Unauthorized):
        other.me()


def test_users_create_list_update(admin):
    eng = admin.users.create("engineer", email=f"{_name('eng')}@example.com", password="engineer-password")
    assert eng.role == "engineer" and eng.tier is None
    assert eng.id in [u.id for u in admin.users.list(role="engineer")]
    assert admin.users.update(eng.id, display_name="Eng One").display_name == "Eng One"
    with pytest.raises(kappa.ValidationError) as e:
        admin.users.create("annotator", email=f"{_name('x')}@example.com", password="annotator-password")
    assert e.value.field == "tier"


def test_projects_create_get_list_update_and_bad_schema(admin, project):
    assert project.labels == ["pos", "neg"] and project.overlap["crowd"] == 2
    assert admin.projects.get(project.id).name == project.name
    listed = admin.projects.list()
    assert project.id in [p.id for p in listed]
    assert "name" in listed.to_pandas().columns
    changed = admin.projects.update(project.id, hourly_rate={"crowd": 12})
    assert changed.raw["hourly_rate"]["crowd"] == 12
    with pytest.raises(kappa.ValidationError) as e:
        admin.projects.create(_name("bad"), schema={"kind": "single", "labels": [{"key": "only"}]})
    assert e.value.status == 422 and e.value.field and e.value.field.startswith("schema")
    with pytest.raises(kappa.NotFound):
        admin.projects.get(987654)


def test_members_add_list_remove(admin, project):
    user = admin.users.create("annotator", email=f"{_name('m')}@example.com", password="annotator-password",
                              tier="expert")
    assert admin.members.add(project.id, user.id).user_id == user.id
    members = admin.members.list(project.id)
    assert user.id in [m.user_id for m in members] and "tier" in members.to_pandas().columns
    admin.members.remove(project.id, user.id)
    assert user.id not in [m.user_id for m in admin.members.list(project.id)]
    with pytest.raises(kappa.ValidationError) as e:
        admin.members.add(project.id, 987654)
    assert e.value.field == "user_id"


def test_item_uploads_from_file_csv_iterable_and_dataframe(admin, project, tmp_path):
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text("".join(json.dumps({"external_id": f"f{i}", "data": {"text": f"file {i}"},
                                         "gold": "pos" if i % 2 else "neg"}) + "\n" for i in range(6)))
    assert admin.items.upload(project.id, jsonl, progress=True).created == 6
    csv = tmp_path / "items.csv"
    csv.write_text("external_id,text,gold\nc1,\"csv, one\",pos\nc2,csv two,neg\n")
    assert admin.items.upload(project.id, str(csv)).created == 2
    listed = [{"external_id": f"i{i}", "data": {"text": f"iter {i}"}} for i in range(4)]
    assert admin.items.upload(project.id, iter(listed)).created == 4
    frame = pd.DataFrame({"external_id": ["d1", "d2"], "data": [{"text": "df 1"}, {"text": "df 2"}],
                          "gold": ["pos", None]})
    result = admin.items.upload(project.id, frame)
    assert (result.created, result.items) == (2, 2)
    again = admin.items.upload(project.id, frame)
    assert again.unchanged == 2 and again.created == 0
    items = admin.items.list(project.id)
    assert len(items) == 14 and items[0].external_id == "f0"
    assert items.to_pandas().loc[lambda d: d.external_id == "d2", "gold"].isna().all()


def test_a_bad_upload_writes_nothing_and_lists_every_bad_line(admin, project):
    rows = [{"external_id": "ok1", "data": {"text": "fine"}}, {"external_id": "bad1", "data": {}, "gold": "maybe"},
            {"external_id": "ok1", "data": {"text": "repeat"}}, {"data": {"text": "no id"}}]
    with pytest.raises(kappa.ValidationError) as e:
        admin.items.upload(project.id, rows)
    lines = {err["line"] for err in e.value.errors}
    assert {2, 4} <= lines and 1 not in lines, e.value.errors
    assert {err["field"] for err in e.value.errors if err["line"] in (2, 4)} == {"gold", "external_id"}
    assert "ok1" not in [i.external_id for i in admin.items.list(project.id)]


def test_predictions_and_answers_uploads(admin, project):
    preds = pd.DataFrame({"item": ["f0", "f1", "f2"], "label": ["neg", "pos", "pos"],
                          "probs": [{"pos": 0.2, "neg": 0.8}, {"pos": 0.9, "neg": 0.1}, {"pos": 0.6, "neg": 0.4}]})
    run = admin.predictions.upload(project.id, "bert", "v1", preds, latency_ms=12, cost_per_1k=0.02)
    assert (run.model, run.version, run.predictions) == ("bert", "v1", 3) and run.run_id > 0
    with pytest.raises(kappa.ValidationError) as e:
        admin.predictions.upload(project.id, "bert", "v2", [{"item": "nope", "label": "pos", "score": 0.5}])
    assert e.value.errors[0]["line"] == 1
    run = uuid.uuid4().hex[:6]  # worker ids unique to this test: the server is shared by every test module
    answers = [{"item": f"f{i}", "annotator": f"w{w}-{run}", "tier": "crowd", "label": "pos" if (i + w) % 3 else "neg",
                "duration_ms": 4000 + 100 * w} for i in range(6) for w in range(3)]
    result = admin.answers.upload(project.id, answers)
    assert result.answers == 18 and result.workers_created == 3


def test_exports_stream_download_and_dataframe(admin, project, tmp_path):
    items = list(admin.exports.stream(project.id))
    assert items[0]["external_id"] == "f0" and len(items[0]["answers"]) == 3
    answered = list(admin.exports.stream(project.id, has_consensus=True))
    assert {i["external_id"] for i in answered} == {f"f{i}" for i in range(6)}
    path = tmp_path / "export.csv"
    assert admin.exports.download(project.id, path, progress=True) == path.stat().st_size > 0
    frame = admin.exports.to_pandas(project.id, consensus="majority", tier="crowd")
    assert {"external_id", "label", "consensus_label", "majority_share"} <= set(frame.columns)
    with pytest.raises(kappa.BadRequest) as e:
        list(admin.exports.stream(project.id, tier="robots"))
    assert e.value.field == "tier"


def test_next_task_answer_replay_undo_skip_release(admin, project, annotators):
    alice, bob = annotators
    task = alice.tasks.next(project.id)
    assert task is not None and task.tier == "crowd" and task.external_id
    first = alice.tasks.answer(task.lease_id, "pos", duration_ms=1200)
    again = alice.tasks.answer(task.lease_id, "pos", duration_ms=1200)
    assert again.replayed and again.answer_id == first.answer_id and not first.replayed
    undone = alice.tasks.undo(task.lease_id)
    assert undone["undone_answer_id"] == first.answer_id
    alice.tasks.answer(task.lease_id, "neg")
    with pytest.raises(kappa.ValidationError):
        alice.tasks.answer(alice.tasks.next(project.id).lease_id, "maybe")
    with pytest.raises(kappa.NotFound):
        bob.tasks.answer(task.lease_id, "pos")
    skipped = bob.tasks.next(project.id)
    bob.tasks.skip(skipped.lease_id, "unreadable")
    released = bob.tasks.next(project.id)
    bob.tasks.release(released.lease_id)
    with pytest.raises(kappa.Forbidden):
        bob.agreement(project.id)
    # Drain by skipping: an annotator holds at most max_open_leases (2) leases, past which next-task hands the
    # oldest one back, so asking again without answering would never run out.
    seen = 0
    while (left := alice.tasks.next(project.id)) is not None and seen < 50:
        alice.tasks.skip(left.lease_id, "drain")
        seen += 1
    assert alice.tasks.last_no_task_reason == "exhausted"


def test_agreement_consensus_and_quality(admin, project):
    agreement = admin.agreement(project.id, resamples=50, seed=3)
    assert agreement.n_answers >= 18 and agreement.fleiss_kappa.value is not None
    assert agreement.fleiss_kappa.low <= agreement.fleiss_kappa.value <= agreement.fleiss_kappa.high
    table = agreement.to_pandas()
    assert {"coefficient", "label", "value", "low", "high"} <= set(table.columns) and len(table) > 5
    for method in ("majority", "weighted", "dawid-skene"):
        consensus = admin.consensus(project.id, method=method)
        assert consensus.method == method and len(consensus) == 14
        assert "posterior_pos" in consensus.to_pandas().columns
    assert admin.consensus(project.id, method="dawid-skene").converged is True
    with pytest.raises(kappa.BadRequest) as e:
        admin.consensus(project.id, method="vote")
    assert e.value.field == "method"
    quality = admin.annotator_quality(project.id)
    frame = quality.to_pandas()
    assert {"gold_accuracy", "consensus_kappa", "flagged"} <= set(frame.columns) and len(frame) >= 3
    policy = admin.quality_policy(project.id, min_gold_accuracy=0.5, min_gold_items=2)
    assert policy["min_gold_accuracy"] == 0.5 and admin.quality_policy(project.id)["min_gold_items"] == 2


def test_baselines_leaderboard_and_policy(admin, project):
    report = admin.baselines(project.id, reference="gold", resamples=20, min_items=2)
    assert report.reference == "gold" and report.classes == ["pos", "neg"]
    rows = report.to_pandas("rows")
    assert set(rows.section) >= {"tier", "run_on_tier", "consensus_of_k", "run"}
    crowd = report.tiers().set_index("row").loc["crowd"]
    assert crowd.accuracy_low <= crowd.accuracy <= crowd.accuracy_high
    assert set(report.to_pandas("classes")["class"]) == {"pos", "neg"}
    assert {"metric", "value", "low", "high"} <= set(report.to_pandas("gap").columns)
    ks = [int(k) for k in report.consensus_of_k().k]
    assert ks == list(range(1, len(ks) + 1)) and len(ks) >= 3
    with pytest.raises(ValueError):
        report.to_pandas("nope")
    with pytest.raises(kappa.BadRequest) as e:
        admin.baselines(project.id, reference="oracle")
    assert e.value.field == "reference"
    policy = admin.evaluation_policy(project.id, optimize="accuracy", thresholds={"latency_ms": {"max": 50}})
    assert policy["optimize"] == "accuracy" and admin.evaluation_policy(project.id)["default"] is False
    board = admin.leaderboard(project.id, resamples=0, min_items=2)
    assert board.objective == "accuracy" and board.outcome in ("best", "tie", "all_fail", "unscored")
    frame = board.to_pandas()
    assert {"rank", "kind", "name", "objective", "passes"} <= set(frame.columns)
    assert "bert v1" in set(frame.name)


def test_hard_cases_list_feed_follow_export_classes_and_settings(admin, project, tmp_path):
    settings = admin.hardness.set(project.id, strategy="hardness")
    assert settings.strategy == "hardness" and admin.hardness.get(project.id).strategy == "hardness"
    done = admin.hardness.recompute(project.id)
    assert done["done"] is True
    page = admin.hard_cases.list(project.id, limit=2)
    assert len(page) == 2 and page[0].score >= page[1].score and page.order == "score"
    frame = admin.hard_cases.list(project.id).to_pandas()
    assert {"external_id", "score", "signals_uncertainty", "model_wrong"} <= set(frame.columns)
    first = admin.hard_cases.feed(project.id, since="0")
    assert first.next_cursor and len(first) == 3
    assert len(admin.hard_cases.feed(project.id, since=first.next_cursor)) == 0
    pages = list(admin.hard_cases.follow(project.id, since="0", limit=2))
    assert sum(len(p) for p in pages) == 3
    rows = admin.hard_cases.export(project.id, labeled=True, path=tmp_path / "hard.jsonl")
    assert rows.next_cursor and rows.run_id and len(rows) == len((tmp_path / "hard.jsonl").read_text().splitlines())
    assert "label_source" in rows.to_pandas().columns
    classes = admin.hard_cases.classes(project.id)
    assert {c.class_ for c in classes} <= {"pos", "neg"} and "weakness" in classes.to_pandas().columns
    with pytest.raises(kappa.BadRequest) as e:
        admin.hard_cases.feed(project.id, since="not-a-cursor")
    assert e.value.field == "since"
    with pytest.raises(kappa.ValidationError):
        admin.hardness.set(project.id, strategy="loudest")


def test_a_progress_bar_is_drawn_only_when_asked_or_watched():
    from kappa._progress import bar
    assert type(bar(10, "B", "x", show=False)).__name__ == "_Null"
    shown = bar(10, "B", "x", show=True)
    assert type(shown).__module__.startswith("tqdm")
    shown.close()

"""The ``kappa`` command line against the test server: login stores a 0600 config, then import, export,
baselines and hard-cases use it."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, HERE
from kappa import cli


@pytest.fixture()
def config(tmp_path, monkeypatch, server):
    path = tmp_path / "kappa" / "config.json"
    monkeypatch.setenv("KAPPA_CONFIG", str(path))
    for name in ("KAPPA_URL", "KAPPA_TOKEN", "KAPPA_PROJECT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KAPPA_PASSWORD", ADMIN_PASSWORD)
    return path


def test_login_import_export_baselines_hard_cases(config, server, tmp_path, capsys):
    assert cli.main(["login", "--url", server.url, "--email", ADMIN_EMAIL, "--password-env"]) == 0
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o600
    saved = json.loads(config.read_text())
    assert saved["url"] == server.url and len(saved["token"]) > 20
    capsys.readouterr()

    from kappa import Client
    client = Client(saved["url"], saved["token"])
    project = client.projects.create("cli", labels=["a", "b"], overlap={"crowd": 2, "expert": 0})
    items = tmp_path / "items.jsonl"
    items.write_text("".join(json.dumps({"external_id": f"q{i}", "data": {"t": i}, "gold": "ab"[i % 2]}) + "\n"
                             for i in range(40)))
    assert cli.main(["import", str(items), "--project", str(project.id)]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == 40
    answers = tmp_path / "answers.csv"
    answers.write_text("item,annotator,tier,label\n" + "".join(
        f"q{i},w{w},crowd,{'ab'[(i + (w == 1 and i % 5 == 0)) % 2]}\n" for i in range(40) for w in range(2)))
    assert cli.main(["import", str(answers), "--kind", "answers", "--project", str(project.id)]) == 0
    preds = tmp_path / "preds.jsonl"
    preds.write_text("".join(json.dumps({"item": f"q{i}", "label": "ab"[(i // 3) % 2], "score": 0.7}) + "\n"
                             for i in range(40)))
    assert cli.main(["import", str(preds), "--kind", "predictions", "--model", "m", "--version", "1",
                     "--project", str(project.id)]) == 0
    capsys.readouterr()

    out = tmp_path / "export.csv"
    assert cli.main(["export", "--project", str(project.id), "-o", str(out)]) == 0
    assert out.read_text().startswith("external_id,gold")
    assert cli.main(["export", "--project", str(project.id)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 40

    assert cli.main(["baselines", "--project", str(project.id), "--reference", "gold", "--resamples", "0"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("reference: gold") and "crowd" in printed and "m 1" in printed

    client.hardness.recompute(project.id)
    assert cli.main(["hard-cases", "--project", str(project.id), "--since", "0"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 40
    cursor = captured.err.split("next cursor: ")[1].split()[0]
    assert cli.main(["hard-cases", "--project", str(project.id), "--since", cursor]) == 0
    assert capsys.readouterr().out == ""


def test_errors_print_the_problem_and_every_bad_line(config, server, tmp_path, capsys):
    assert cli.main(["login", "--url", server.url, "--email", ADMIN_EMAIL, "--password-env"]) == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"external_id": "x", "data": {}}\n{"data": {}}\nnot json\n')
    from kappa import Client
    saved = json.loads(config.read_text())
    project = Client(saved["url"], saved["token"]).projects.create("cli-bad", labels=["a", "b"])
    assert cli.main(["import", str(bad), "--project", str(project.id)]) == 1
    err = capsys.readouterr().err
    assert "422" in err and "line 2:" in err and "line 3:" in err
    assert cli.main(["baselines", "--project", "987654"]) == 1
    assert "404" in capsys.readouterr().err


def test_no_login_is_a_clear_message(config):
    with pytest.raises(SystemExit) as e:
        cli.main(["hard-cases", "--project", "1", "--since", "0"])
    assert "kappa login" in str(e.value)


def test_console_entry_point_runs():
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    r = subprocess.run([sys.executable, "-m", "kappa.cli", "--help"], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and "login" in r.stdout and "hard-cases" in r.stdout

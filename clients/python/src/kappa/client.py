"""``kappa.Client``: one object per server and token, with a namespace per part of the API."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

import requests

from . import _rows
from ._http import Transport, raise_for_problem
from ._progress import bar
from ._table import Rows, pandas
from .baseline import Baseline
from .models import (Agreement, Answer, AnswerImport, AnnotatorQuality, ClassReport, ClassWeakness, Consensus,
                     ConsensusLine, HardCase, HardCasePage, HardnessSettings, Item, ItemImport, Leaderboard,
                     LeaderboardEntry, Member, PredictionImport, Project, QualityReport, Task, TrainingRows, User)

Json = Dict[str, Any]
Source = _rows.Source


def _pages(transport: Transport, path: str, key: str, params: Optional[Json] = None) -> Iterator[Json]:
    """Follows keyset pages (``next_after`` -> ``after``) until the last one."""
    params = dict(params or {})
    while True:
        page = transport.json("GET", path, params=params)
        yield from page.get(key) or []
        if page.get("next_after") is None:
            return
        params["after"] = page["next_after"]


class _Part:
    def __init__(self, transport: Transport):
        self._t = transport


class Users(_Part):
    """People (admin only): engineers, annotators with a tier, external workers."""

    def create(self, role: str, email: Optional[str] = None, password: Optional[str] = None,
               tier: Optional[str] = None, display_name: Optional[str] = None,
               external_id: Optional[str] = None) -> User:
        body = {k: v for k, v in dict(role=role, email=email, password=password, tier=tier,
                                      display_name=display_name, external_id=external_id).items() if v is not None}
        return User.from_json(self._t.json("POST", "/api/users", json_body=body))

    def list(self, role: Optional[str] = None) -> Rows:
        return Rows(User.from_json(u) for u in _pages(self._t, "/api/users", "users", {"role": role}))

    def update(self, user_id: int, **changes: Any) -> User:
        """Change ``role``, ``tier``, ``status`` (active, paused, blocked) or ``display_name``."""
        return User.from_json(self._t.json("PATCH", f"/api/users/{user_id}", json_body=changes))

    def issue_token(self, user_id: int, name: str) -> str:
        """A new API token for another user (for scripted annotators); the secret is shown only here."""
        return self._t.json("POST", f"/api/users/{user_id}/tokens", json_body={"name": name})["token"]


class Tokens(_Part):
    """The caller's own API tokens."""

    def create(self, name: str) -> Json:
        """A new token: ``{"id", "name", "prefix", "token"}``; ``token`` is the secret, shown only here."""
        return self._t.json("POST", "/api/tokens", json_body={"name": name})

    def list(self) -> Rows:
        return Rows(self._t.json("GET", "/api/tokens")["tokens"])

    def revoke(self, token_id: int) -> None:
        self._t.request("DELETE", f"/api/tokens/{token_id}")


class Projects(_Part):
    """Projects: a label schema, overlap per tier, gold and baseline-sample rates, lease TTL."""

    def create(self, name: str, labels: Optional[List[str]] = None, kind: str = "single",
               schema: Optional[Json] = None, **settings: Any) -> Project:
        """Creates a project. Give ``labels`` (keys) and ``kind`` (single, multi, rating), or a full ``schema``;
        other settings as keyword arguments (``overlap={"crowd": 3, "expert": 1}``, ``gold_rate=0.1``...)."""
        if schema is None:
            if not labels:
                raise ValueError("give labels or schema")
            schema = {"kind": kind, "labels": [{"key": str(k)} for k in labels]}
        body = {"name": name, "schema": schema, **settings}
        return Project.from_json(self._t.json("POST", "/api/projects", json_body=body))

    def get(self, project: int) -> Project:
        return Project.from_json(self._t.json("GET", f"/api/projects/{project}"))

    def list(self) -> Rows:
        """Every project the caller may see (all pages)."""
        return Rows(Project.from_json(p) for p in _pages(self._t, "/api/projects", "projects"))

    def update(self, project: int, **changes: Any) -> Project:
        """Changes settings; absent ones stay (``hourly_rate={"crowd": 12}``, ``schema=...``, ``overlap=...``)."""
        return Project.from_json(self._t.json("PATCH", f"/api/projects/{project}", json_body=changes))


class Members(_Part):
    """Who may label in a project (annotators see only their projects)."""

    def add(self, project: int, user_id: int) -> Member:
        return Member.from_json(self._t.json("POST", f"/api/projects/{project}/members", json_body={"user_id": user_id}))

    def list(self, project: int) -> Rows:
        return Rows(Member.from_json(m) for m in _pages(self._t, f"/api/projects/{project}/members", "members"))

    def remove(self, project: int, user_id: int) -> None:
        self._t.request("DELETE", f"/api/projects/{project}/members/{user_id}")


class Items(_Part):
    """Items: streamed, all-or-nothing uploads; re-uploading an ``external_id`` updates it in place."""

    def upload(self, project: int, source: Source, progress: Optional[bool] = None) -> ItemImport:
        """Uploads items from a ``.jsonl``/``.csv`` file, an iterable of dicts
        (``{"external_id", "data", "gold"?, "meta"?}``) or a DataFrame with those columns.

        Raises :class:`kappa.ValidationError` listing every bad line (``errors``) and writes nothing if any is bad.
        """
        chunks, kind = _rows.body(source, "items", progress)
        return ItemImport.from_json(self._t.upload(f"/api/projects/{project}/items", chunks, kind))

    def list(self, project: int) -> Rows:
        """Every item in import order (gold included)."""
        return Rows(Item.from_json(i) for i in _pages(self._t, f"/api/projects/{project}/items", "items"))


class Predictions(_Part):
    """Model runs: one run per (model, version); uploading it again replaces its predictions for those items."""

    def upload(self, project: int, model: str, version: str, rows: Source, latency_ms: Optional[float] = None,
               size_mb: Optional[float] = None, cost_per_1k: Optional[float] = None,
               progress: Optional[bool] = None) -> PredictionImport:
        """Uploads predictions ``{"item": external_id, "label": ..., "probs": {label: p}}`` (or ``"score"``
        instead of ``probs``) from a file, an iterable or a DataFrame. ``latency_ms``, ``size_mb`` and
        ``cost_per_1k`` are the run's metrics for the leaderboard."""
        chunks, kind = _rows.body(rows, "predictions", progress)
        params = {"model": model, "version": version, "latency_ms": latency_ms, "size_mb": size_mb,
                  "cost_per_1k": cost_per_1k}
        return PredictionImport.from_json(self._t.upload(f"/api/projects/{project}/predictions", chunks, kind, params))


class Answers(_Part):
    """Past answers from another tool; unknown workers become external workers. Every line is kept."""

    def upload(self, project: int, rows: Source, progress: Optional[bool] = None) -> AnswerImport:
        """Uploads ``{"item", "annotator", "tier", "label", "duration_ms"?, "created_at"?}`` rows."""
        chunks, kind = _rows.body(rows, "answers", progress)
        return AnswerImport.from_json(self._t.upload(f"/api/projects/{project}/answers/import", chunks, kind))


class Exports(_Part):
    """Streamed exports: items with gold and every answer (and, on request, consensus and per-item agreement)."""

    def _params(self, format: str, **filters: Any) -> Json:
        return {"format": format, **filters}

    def stream(self, project: int, **filters: Any) -> Iterator[Json]:
        """Yields one dict per item as it arrives: ``external_id``, ``data``, ``meta``, ``gold``, ``answers``.
        Filters: ``tier``, ``from_``/``to`` (answer time), ``has_consensus``, ``consensus`` (a method)."""
        if "from_" in filters:
            filters["from"] = filters.pop("from_")
        return self._t.lines(f"/api/projects/{project}/export", self._params("jsonl", **filters))

    def download(self, project: int, path: Union[str, "os.PathLike[str]"], format: Optional[str] = None,
                 progress: Optional[bool] = None, **filters: Any) -> int:
        """Writes the export to ``path`` (format from its suffix: ``.csv`` or JSON Lines); returns bytes written."""
        if "from_" in filters:
            filters["from"] = filters.pop("from_")
        fmt = format or ("csv" if str(path).lower().endswith(".csv") else "jsonl")
        written = 0
        with self._t.request("GET", f"/api/projects/{project}/export", params=self._params(fmt, **filters),
                             stream=True) as r, open(path, "wb") as out:
            shown = bar(None, "B", "export", progress)
            for chunk in r.iter_content(1 << 16):
                out.write(chunk)
                written += len(chunk)
                shown.update(len(chunk))
            shown.close()
        return written

    def to_pandas(self, project: int, **filters: Any) -> Any:
        """The CSV export as a DataFrame: one row per answer (items without answers once, with empty answer
        columns); with ``consensus=...`` also ``consensus_label``, ``consensus_confidence``, ``majority_share``,
        ``entropy_bits``."""
        if "from_" in filters:
            filters["from"] = filters.pop("from_")
        r = self._t.request("GET", f"/api/projects/{project}/export", params=self._params("csv", **filters))
        return pandas().read_csv(io.StringIO(r.text), dtype={"external_id": str, "gold": str, "label": str})


class Tasks(_Part):
    """Labeling by script (scripted annotators, tests): lease the next item, then answer, skip or release it."""

    last_no_task_reason: Optional[str] = None

    def next(self, project: int) -> Optional[Task]:
        """The next task under a lease, or None when nothing is left for the caller (then
        ``last_no_task_reason`` is ``exhausted``, ``paused`` or ``quota``)."""
        r = self._t.request("POST", f"/api/projects/{project}/tasks/next")
        if r.status_code == 204:
            self.last_no_task_reason = r.headers.get("Kappa-No-Task-Reason")
            return None
        return Task.from_json(r.json())

    def answer(self, lease_id: str, label: Any, duration_ms: Optional[int] = None) -> Answer:
        """Submits the answer; a retry with the same lease returns the same answer (``replayed`` True)."""
        body: Json = {"label": label}
        if duration_ms is not None:
            body["duration_ms"] = duration_ms
        return Answer.from_json(self._t.json("POST", f"/api/leases/{lease_id}/answer", json_body=body))

    def undo(self, lease_id: str) -> Json:
        """Deletes the answer given on a live lease; the lease holds its slot again."""
        return self._t.json("DELETE", f"/api/leases/{lease_id}/answer")

    def skip(self, lease_id: str, reason: str) -> None:
        self._t.request("POST", f"/api/leases/{lease_id}/skip", json_body={"reason": reason})

    def release(self, lease_id: str) -> None:
        self._t.request("POST", f"/api/leases/{lease_id}/release")


class HardCases(_Part):
    """Items the model finds hardest, the incremental feed of what changed, and training-data exports."""

    def list(self, project: int, limit: int = 100, run_id: Optional[int] = None, class_: Optional[str] = None,
             min_score: Optional[float] = None, reason: Optional[str] = None, model_wrong: Optional[bool] = None,
             labeled: Optional[bool] = None) -> HardCasePage:
        """The ``limit`` hardest items (score descending) of the run, after the filters."""
        return self._page(project, dict(limit=limit, run_id=run_id, min_score=min_score, reason=reason,
                                        model_wrong=model_wrong, labeled=labeled, **{"class": class_}))

    def feed(self, project: int, since: Union[str, int] = "0", limit: int = 1000, **filters: Any) -> HardCasePage:
        """Rows written after the cursor ``since`` (``"0"`` to start), in feed order; pass the page's
        ``next_cursor`` next time to get exactly what changed in between, nothing twice and nothing missed."""
        return self._page(project, dict(since=str(since), limit=limit, **filters))

    def follow(self, project: int, since: Union[str, int] = "0", limit: int = 1000) -> Iterator[HardCasePage]:
        """Pages of :meth:`feed` until the feed has nothing newer; the last page's ``next_cursor`` is the resume
        point."""
        cursor = str(since)
        while True:
            page = self.feed(project, since=cursor, limit=limit)
            yield page
            if not page or page.next_cursor in (None, cursor):
                return
            cursor = page.next_cursor

    def _page(self, project: int, params: Json) -> HardCasePage:
        d = self._t.json("GET", f"/api/projects/{project}/hard-cases", params=params)
        page = HardCasePage(HardCase.from_json(i) for i in d.get("items") or [])
        page.run_id, page.order, page.next_cursor = d.get("run_id"), d.get("order"), d.get("next_cursor")
        return page

    def export(self, project: int, since: Optional[Union[str, int]] = None, labeled: Optional[bool] = None,
               path: Optional[Union[str, "os.PathLike[str]"]] = None, **filters: Any) -> TrainingRows:
        """Training rows (best human label: gold, else consensus), hardest first or, with ``since``, in feed
        order. ``next_cursor`` is the ``since`` of the next incremental export. With ``path`` the lines are also
        written there as JSON Lines."""
        import json
        params = dict(since=None if since is None else str(since), labeled=labeled, **filters)
        out = TrainingRows()
        with self._t.request("GET", f"/api/projects/{project}/hard-cases/export", params=params, stream=True) as r:
            out.next_cursor = r.headers.get("Kappa-Next-Cursor")
            out.run_id = r.headers.get("Kappa-Run-Id")
            sink = open(path, "wb") if path is not None else None
            try:
                for line in r.iter_lines():
                    if line:
                        out.append(json.loads(line))
                        if sink:
                            sink.write(line + b"\n")
            finally:
                if sink:
                    sink.close()
        return out

    def classes(self, project: int, run_id: Optional[int] = None) -> ClassReport:
        """The run's classes ranked by F1 against the reference, weakest first: where to send more labels."""
        d = self._t.json("GET", f"/api/projects/{project}/hard-cases/classes", params={"run_id": run_id})
        report = ClassReport(ClassWeakness.from_json(c) for c in d.get("classes") or [])
        report.run_id, report.reference = d.get("run_id"), d.get("reference")
        report.computed_at, report.pending = d.get("computed_at"), bool(d.get("pending"))
        return report


class Hardness(_Part):
    """The queue strategy and hardness settings."""

    def get(self, project: int) -> HardnessSettings:
        return HardnessSettings.from_json(self._t.json("GET", f"/api/projects/{project}/hardness"))

    def set(self, project: int, **settings: Any) -> HardnessSettings:
        """``strategy`` (fifo, random, uncertainty, hardness), ``run_id``, ``weights={...}``...; others kept."""
        return HardnessSettings.from_json(self._t.json("PUT", f"/api/projects/{project}/hardness", json_body=settings))

    def recompute(self, project: int) -> Json:
        """Scores the project now (the server also does it by itself within about a second of a change)."""
        return self._t.json("POST", f"/api/projects/{project}/hardness/recompute")


class Client:
    """A Kappa server and an API token.

    >>> client = kappa.Client("http://localhost:8080", token)
    >>> client.baselines(3, reference="gold").to_pandas()
    """

    def __init__(self, url: str, token: Optional[str] = None, timeout: float = 300.0,
                 session: Optional[requests.Session] = None):
        self.url = url.rstrip("/")
        self.token = token
        self._t = Transport(self.url, token, timeout, session)
        self.users = Users(self._t)
        self.tokens = Tokens(self._t)
        self.projects = Projects(self._t)
        self.members = Members(self._t)
        self.items = Items(self._t)
        self.predictions = Predictions(self._t)
        self.answers = Answers(self._t)
        self.exports = Exports(self._t)
        self.tasks = Tasks(self._t)
        self.hard_cases = HardCases(self._t)
        self.hardness = Hardness(self._t)

    @classmethod
    def login(cls, url: str, email: str, password: str, token_name: str = "kappa-client",
              timeout: float = 60.0) -> "Client":
        """Logs in as a browser does (session cookie and CSRF token), creates a named API token with them and
        returns a client that uses it (``client.token``). Engineers and admins only: annotators get no tokens."""
        session = requests.Session()
        base = url.rstrip("/")
        r = session.post(base + "/api/auth/login", json={"email": email, "password": password}, timeout=timeout)
        raise_for_problem(r)
        csrf = r.json()["csrf_token"]
        r = session.post(base + "/api/tokens", json={"name": token_name}, headers={"X-CSRF-Token": csrf},
                         timeout=timeout)
        raise_for_problem(r)
        token = r.json()["token"]
        session.post(base + "/api/auth/logout", headers={"X-CSRF-Token": csrf}, timeout=timeout)
        return cls(base, token)

    def me(self) -> User:
        """The caller: id, role, tier, status."""
        return User.from_json(self._t.json("GET", "/api/me"))

    def ready(self) -> bool:
        """True when the server and its database answer."""
        try:
            return self._t.json("GET", "/ready").get("status") == "ready"
        except Exception:
            return False

    def agreement(self, project: int, tier: Optional[str] = None, label: Optional[str] = None,
                  from_: Optional[str] = None, to: Optional[str] = None, annotators: Optional[List[int]] = None,
                  m: Optional[int] = None, resamples: Optional[int] = None, seed: Optional[int] = None,
                  level: Optional[float] = None) -> Agreement:
        """Inter-annotator agreement (percent agreement, Cohen's, Fleiss', Krippendorff's, Gwet's AC1) with
        bootstrap intervals over items; ``resamples=0`` for point estimates only."""
        params = dict(tier=tier, label=label, to=to, annotators=annotators, m=m, resamples=resamples, seed=seed,
                      level=level, **{"from": from_})
        return Agreement.from_json(self._t.json("GET", f"/api/projects/{project}/agreement", params=params))

    def consensus(self, project: int, method: str = "majority", **params: Any) -> Consensus:
        """Every item's consensus label by ``majority``, ``weighted`` or ``dawid-skene`` (gold is never used).
        Other parameters: ``tier``, ``from_``, ``to``, ``annotators``, ``crowd_weight``, ``expert_weight``,
        ``tolerance``, ``max_iterations``."""
        if "from_" in params:
            params["from"] = params.pop("from_")
        with self._t.request("GET", f"/api/projects/{project}/consensus", params={"method": method, **params},
                             stream=True) as r:
            import json
            out = Consensus(ConsensusLine.from_json(json.loads(line)) for line in r.iter_lines() if line)
            out.method = r.headers.get("Kappa-Consensus-Method", method)
            iterations = r.headers.get("Kappa-Iterations")
            out.iterations = int(iterations) if iterations else None
            converged = r.headers.get("Kappa-Converged")
            out.converged = None if converged is None else converged == "true"
        return out

    def annotator_quality(self, project: int, method: str = "majority", **params: Any) -> QualityReport:
        """Each annotator's accuracy and Cohen's kappa against gold and against the consensus (``method``)."""
        if "from_" in params:
            params["from"] = params.pop("from_")
        d = self._t.json("GET", f"/api/projects/{project}/annotators/quality", params={"method": method, **params})
        out = QualityReport(AnnotatorQuality.from_json(a) for a in d.get("annotators") or [])
        out.policy, out.consensus_method = d.get("policy") or {}, d.get("consensus_method", method)
        return out

    def quality_policy(self, project: int, **policy: Any) -> Json:
        """The quality policy; with keyword arguments (``min_gold_accuracy``, ``min_gold_items``, ``auto_pause``,
        ``tier_weights``) it is replaced first and applied at once."""
        path = f"/api/projects/{project}/quality-policy"
        if policy:
            return self._t.json("PUT", path, json_body=policy)
        return self._t.json("GET", path)

    def baselines(self, project: int, reference: Optional[str] = None, resamples: Optional[int] = None,
                  seed: Optional[int] = None, min_items: Optional[int] = None) -> Baseline:
        """Human baselines per tier beside every model run, against ``reference`` (gold, expert, consensus;
        default the evaluation policy's). ``resamples`` bootstrap draws over items (default 1000; 0 for none)."""
        params = dict(reference=reference, resamples=resamples, seed=seed, min_items=min_items)
        return Baseline.from_json(self._t.json("GET", f"/api/projects/{project}/baselines", params=params))

    def evaluation_policy(self, project: int, **policy: Any) -> Json:
        """How the leaderboard ranks; with keyword arguments (``optimize`` or ``weights``, ``thresholds``,
        ``reference``) it is replaced first."""
        path = f"/api/projects/{project}/evaluation-policy"
        if policy:
            return self._t.json("PUT", path, json_body=policy)
        return self._t.json("GET", path)

    def leaderboard(self, project: int, reference: Optional[str] = None, resamples: Optional[int] = None,
                    seed: Optional[int] = None, min_items: Optional[int] = None) -> Leaderboard:
        """Model runs and human tiers ranked by the evaluation policy, and the best passing run."""
        params = dict(reference=reference, resamples=resamples, seed=seed, min_items=min_items)
        d = self._t.json("GET", f"/api/projects/{project}/leaderboard", params=params)
        out = Leaderboard(LeaderboardEntry.from_json(e) for e in d.get("entries") or [])
        out.objective, out.outcome, out.best_run = d.get("objective"), d.get("outcome"), d.get("best_run")
        out.message, out.reference = d.get("message"), (d.get("reference") or {}).get("kind")
        return out

    def __repr__(self) -> str:
        return f"kappa.Client({self.url!r})"

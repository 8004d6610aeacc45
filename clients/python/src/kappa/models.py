"""Typed results. Every table-shaped result has ``.to_pandas()``; every object keeps the server's JSON in ``raw``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from ._table import Estimate, Rows, build, flat, pandas

Json = Dict[str, Any]
RAW = field(default_factory=dict, repr=False, compare=False)


def _flatten() -> Any:
    return field(default_factory=dict, metadata={"flatten": True})


@dataclass
class Project:
    """A labeling project: its label schema, overlap per tier (answers wanted per item) and rates."""

    id: int
    name: str
    schema: Json
    overlap: Json = field(default_factory=dict)
    gold_rate: Optional[float] = None
    baseline_sample_rate: Optional[float] = None
    lease_ttl_seconds: Optional[int] = None
    description: Optional[str] = None
    created_at: Optional[str] = None
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "Project":
        return build(cls, d, overlap=d.get("overlap") or {})

    @property
    def labels(self) -> List[str]:
        """The schema's label keys, in order."""
        return [label["key"] for label in self.schema.get("labels", [])]


@dataclass
class Member:
    """A user who may work on a project."""

    user_id: int
    display_name: Optional[str]
    email: Optional[str]
    role: Optional[str]
    tier: Optional[str]
    status: Optional[str]
    external_id: Optional[str]
    added_at: Optional[str]
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "Member":
        return build(cls, d)


@dataclass
class User:
    """A user: role admin, engineer or annotator; annotators have a tier (crowd or expert)."""

    id: int
    email: Optional[str]
    display_name: Optional[str]
    role: str
    tier: Optional[str]
    status: str
    external_id: Optional[str] = None
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "User":
        return build(cls, d)


@dataclass
class Item:
    """An item: its data, gold label (if any), import order ``seq`` and queue ``priority``."""

    id: int
    external_id: str
    data: Json
    gold: Any
    meta: Optional[Json]
    seq: int
    priority: Optional[float]
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "Item":
        return build(cls, d)


@dataclass
class ItemImport:
    """What an item upload did: records read, and how many items were created, updated or left unchanged."""

    items: int
    created: int
    updated: int
    unchanged: int
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "ItemImport":
        return build(cls, d)


@dataclass
class PredictionImport:
    """A stored model run: ``run_id`` and how many predictions the upload wrote."""

    run_id: int
    model: str
    version: str
    predictions: int
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "PredictionImport":
        return build(cls, d)


@dataclass
class AnswerImport:
    """Past answers stored, and the external workers created for annotators Kappa did not know."""

    answers: int
    workers_created: int
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "AnswerImport":
        return build(cls, d)


@dataclass
class Task:
    """One item leased to the calling annotator until ``expires_at``; answer, skip or release it by ``lease_id``."""

    lease_id: str
    expires_at: str
    project_id: int
    tier: str
    item_id: int
    external_id: str
    data: Json
    prediction: Optional[Json] = None
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "Task":
        item = d.get("item") or {}
        return build(cls, d, item_id=item.get("id"), external_id=item.get("external_id"), data=item.get("data"))


@dataclass
class Answer:
    """A stored answer. ``replayed`` is True when a retry returned the answer already recorded for the lease."""

    answer_id: int
    lease_id: str
    item_id: int
    tier: str
    label: Any
    duration_ms: Optional[int]
    server_ms: Optional[int]
    created_at: str
    replayed: bool = False
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "Answer":
        return build(cls, d, replayed=bool(d.get("replayed")))


@dataclass
class Coefficient:
    """One agreement coefficient (``name``, for ``label`` or the whole project) with its bootstrap interval."""

    name: str
    label: Optional[str]
    estimate: Estimate

    def record(self) -> Json:
        e = self.estimate
        return {"coefficient": self.name, "label": self.label, "value": e.value, "low": e.low, "high": e.high,
                "reason": e.reason}


class CoefficientRows(Rows):
    def records(self) -> List[Json]:
        return [c.record() for c in self]


_COEFFICIENTS = ["percent_agreement", "cohen_kappa", "fleiss_kappa", "gwet_ac1"]


@dataclass
class Agreement:
    """Inter-annotator agreement over the filtered answers.

    Each coefficient is an :class:`Estimate` in [-1, 1] (percent agreement in [0, 1]): 1 is perfect agreement,
    0 what chance alone gives. ``cohen_kappa`` is the mean over annotator pairs sharing at least ``m`` items (Light's
    kappa); Krippendorff's alpha is by distance (``nominal``, and for ratings ``ordinal`` and ``interval``).
    Intervals are percentile bootstrap over items.
    """

    project_id: int
    kind: str
    n_items: int
    n_answers: int
    n_annotators: int
    percent_agreement: Estimate
    cohen_kappa: Estimate
    fleiss_kappa: Estimate
    krippendorff_alpha: Dict[str, Estimate]
    gwet_ac1: Estimate
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "Agreement":
        alpha = {k: Estimate.of(v) for k, v in (d.get("krippendorff_alpha") or {}).items() if isinstance(v, dict)}
        return build(cls, d, krippendorff_alpha=alpha, **{c: Estimate.of(d.get(c)) for c in _COEFFICIENTS})

    @property
    def coefficients(self) -> CoefficientRows:
        """Every coefficient, overall and per label (one label against the rest), as rows."""
        out = CoefficientRows(Coefficient(c, None, getattr(self, c)) for c in _COEFFICIENTS)
        out.extend(Coefficient(f"krippendorff_alpha_{k}", None, v) for k, v in self.krippendorff_alpha.items())
        for label, block in (self.raw.get("per_label") or {}).items():
            for name, value in block.items():
                if isinstance(value, dict) and "value" in value:
                    out.append(Coefficient(name, label, Estimate.of(value)))
        return out

    def to_pandas(self) -> Any:
        """One row per coefficient (and per label): coefficient, label, value, low, high, reason."""
        return self.coefficients.to_pandas()


@dataclass
class ConsensusLine:
    """An item's consensus label.

    ``confidence`` is the chosen label's vote share (majority, weighted) or posterior probability (Dawid-Skene);
    ``majority_share`` is the largest label count over ``answers``; ``entropy_bits`` the vote entropy (0 when all
    agree). ``label`` is None and ``resolved`` False on an unbroken tie.
    """

    item: str
    label: Any
    resolved: bool
    confidence: Optional[float]
    answers: int
    majority_share: Any
    entropy_bits: Any
    posterior: Json = _flatten()
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "ConsensusLine":
        return build(cls, d, posterior=d.get("posterior") or {})


class Consensus(Rows):
    """Every item's consensus; ``method`` and, for Dawid-Skene, ``iterations`` and ``converged``."""

    method: str = "majority"
    iterations: Optional[int] = None
    converged: Optional[bool] = None


@dataclass
class AnnotatorQuality:
    """One annotator's quality.

    ``gold_accuracy``: share of their answers on gold items that match gold (``gold_compared`` answers);
    ``consensus_accuracy`` the same against the consensus (their own answers included). ``*_kappa`` is Cohen's
    kappa of their answers against that reference (1 perfect, 0 chance). ``median_seconds`` per answer.
    ``flagged``: gold accuracy below the quality policy's threshold after enough gold answers.
    """

    user_id: int
    display_name: Optional[str]
    tier: Optional[str]
    status: Optional[str]
    answers: int
    median_seconds: Optional[float]
    gold_compared: Optional[int]
    gold_accuracy: Optional[float]
    gold_kappa: Optional[float]
    consensus_compared: Optional[int]
    consensus_accuracy: Optional[float]
    consensus_kappa: Optional[float]
    flagged: bool
    flag_reason: Optional[str]
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "AnnotatorQuality":
        def part(ref: str) -> Json:
            block = d.get(ref) or {}
            return {f"{ref}_compared": block.get("compared"),
                    f"{ref}_accuracy": Estimate.of(block.get("accuracy")).value,
                    f"{ref}_kappa": Estimate.of(block.get("cohen_kappa")).value}
        return build(cls, d, **part("gold"), **part("consensus"), flagged=bool(d.get("flagged")))


class QualityReport(Rows):
    """Every annotator's quality (:class:`AnnotatorQuality`); ``policy`` is the project's quality policy."""

    policy: Json = {}
    consensus_method: str = "majority"


@dataclass
class LeaderboardEntry:
    """A model run or a human tier, ranked by the evaluation policy's ``objective`` (rank None: no value).

    ``passes`` is False when a threshold fails (``failed`` names the metrics); ``metrics`` holds every metric
    (accuracy, macro_f1, cohen_kappa, latency_ms, size_mb, cost_per_1k) as :class:`Estimate`.
    """

    rank: Optional[int]
    kind: str
    name: str
    run_id: Optional[int]
    objective: Estimate
    passes: bool
    failed: List[str]
    tied_with: List[str]
    metrics: Dict[str, Estimate] = _flatten()
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "LeaderboardEntry":
        return build(cls, d, objective=Estimate.of(d.get("objective")), passes=bool(d.get("passes")),
                     failed=[f.get("metric") for f in d.get("failed") or []], tied_with=d.get("tied_with") or [],
                     metrics={k: Estimate.of(v) for k, v in (d.get("metrics") or {}).items()})


class Leaderboard(Rows):
    """Entries best first. ``outcome``: best, tie, all_fail, unscored or no_runs; ``best_run`` the winner."""

    objective: Optional[str] = None
    outcome: Optional[str] = None
    best_run: Optional[Json] = None
    message: Optional[str] = None
    reference: Optional[str] = None


@dataclass
class HardCase:
    """An item the model finds hard.

    ``score`` is the hardness in [0, 1], the weighted mean of the five signals (each in [0, 1], None when it
    cannot be computed): ``uncertainty`` of the model's probabilities, ``model_disagreement`` with the consensus,
    ``human_disagreement`` among annotators, ``class_weakness`` of the model on this item's classes and
    ``gold_conflict``. ``reasons`` are codes such as ``model_wrong``; ``cursor`` is the row's feed position.
    """

    item_id: int
    external_id: str
    data: Json
    gold: Any
    predicted: Any
    probs: Optional[Json]
    consensus_label: Any
    consensus_confidence: Optional[float]
    answers: Optional[int]
    score: Optional[float]
    model_wrong: bool
    reasons: List[str]
    cursor: Optional[str]
    signals: Json = _flatten()
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "HardCase":
        item, pred, cons = d.get("item") or {}, d.get("prediction") or {}, d.get("consensus") or {}
        return build(cls, d, item_id=item.get("id"), external_id=item.get("external_id"), data=item.get("data"),
                     gold=item.get("gold"), predicted=pred.get("label"), probs=pred.get("probs"),
                     consensus_label=cons.get("label"), consensus_confidence=cons.get("confidence"),
                     answers=cons.get("answers"), model_wrong=bool(d.get("model_wrong")),
                     reasons=d.get("reasons") or [], signals=d.get("signals") or {})


class HardCasePage(Rows):
    """Hard cases (:class:`HardCase`): hardest first, or in feed order with ``next_cursor`` for the next pull."""

    run_id: Optional[int] = None
    order: Optional[str] = None
    next_cursor: Optional[str] = None


class TrainingRows(Rows):
    """Hard-case export lines (dicts with ``item``, ``data``, ``label``, ``label_source``, ``hardness``...)."""

    run_id: Optional[str] = None
    next_cursor: Optional[str] = None

    def records(self) -> List[Json]:
        out = []
        for line in self:
            row = {k: v for k, v in line.items() if k not in ("prediction", "consensus", "signals")}
            row["predicted"] = (line.get("prediction") or {}).get("label")
            row["consensus"] = (line.get("consensus") or {}).get("label")
            row.update({f"signals_{k}": v for k, v in (line.get("signals") or {}).items()})
            out.append(row)
        return out


@dataclass
class ClassWeakness:
    """A class of the model run ranked by F1 against the reference, weakest first (``weakness`` = 1 - F1)."""

    rank: int
    class_: str
    f1: Optional[float]
    precision: Optional[float]
    recall: Optional[float]
    support: int
    predicted: int
    unlabeled_predicted: int
    weakness: Optional[float]
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "ClassWeakness":
        return build(cls, d, class_=d.get("class"))


class ClassReport(Rows):
    """Per-class weakness of one run (:class:`ClassWeakness`), as of ``computed_at``."""

    run_id: Optional[int] = None
    reference: Optional[str] = None
    computed_at: Optional[str] = None
    pending: bool = False


@dataclass
class HardnessSettings:
    """The queue ``strategy`` (fifo, random, uncertainty, hardness), the run it follows and the signal weights."""

    strategy: str
    run_id: Optional[int]
    followed_run_id: Optional[int]
    weights: Json
    pending: bool
    computed_at: Optional[str]
    raw: Json = RAW

    @classmethod
    def from_json(cls, d: Json) -> "HardnessSettings":
        return build(cls, d, weights=d.get("weights") or {}, pending=bool(d.get("pending")))


__all__ = ["Estimate", "Rows", "flat", "pandas", "Project", "Member", "User", "Item", "ItemImport",
           "PredictionImport", "AnswerImport", "Task", "Answer", "Agreement", "Coefficient", "ConsensusLine",
           "Consensus", "AnnotatorQuality", "QualityReport", "LeaderboardEntry", "Leaderboard", "HardCase",
           "HardCasePage", "TrainingRows", "ClassWeakness", "ClassReport", "HardnessSettings"]

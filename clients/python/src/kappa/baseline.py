"""The human baseline report: how one crowd annotator, one expert and every model run do against one reference."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional

from ._table import Estimate, pandas

Json = Dict[str, Any]
METRICS = ("accuracy", "macro_f1", "cohen_kappa")
CLASS_METRICS = ("precision", "recall", "f1")


def _metrics(d: Json) -> Json:
    row: Json = {"thin": bool(d.get("thin")), "reason": d.get("reason")}
    for m in METRICS:
        e = Estimate.of(d.get(m))
        row.update({m: e.value, f"{m}_low": e.low, f"{m}_high": e.high})
    return row


def _run(d: Json) -> Json:
    return {"run_id": d.get("run_id"), "model": d.get("model"), "version": d.get("version"),
            "missing_predictions": d.get("missing_predictions"), "latency_ms": d.get("latency_ms"),
            "size_mb": d.get("size_mb"), "cost_per_1k": d.get("cost_per_1k")}


@dataclass
class Baseline:
    """``GET /api/projects/{id}/baselines``, against the stated ``reference`` (gold, expert or consensus).

    - Tier rows (``crowd``, ``expert``): one annotator of the tier drawn at random per item, counted exactly in
      expectation, so every item weighs the same. ``accuracy`` is the share of items where that annotator matches
      the reference, ``macro_f1`` the mean F1 over classes, ``cohen_kappa`` agreement beyond chance (1 perfect, 0
      chance); each with a percentile bootstrap interval over items (``_low``/``_high``).
    - ``run_on_tier`` rows: each model run scored on exactly that tier's items against the same references.
    - ``consensus_of_k`` rows: the majority of k crowd answers per item, k = 1, 2, ...; ``seconds``/``cost`` per item.
    - ``run`` rows: each model run on every answered item with a reference.
    - A ``thin`` row has fewer than ``min_items`` reference items: no numbers, a ``reason`` instead.
    """

    project_id: int
    kind: str
    classes: List[str]
    reference: str
    reference_description: str
    resamples: int
    seed: int
    n_answers: int
    crowd_answers_to_match_one_expert: Optional[int]
    match_reason: Optional[str]
    raw: Json = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, d: Json) -> "Baseline":
        ref = d.get("reference") or {}
        boot = d.get("bootstrap") or {}
        match = (d.get("consensus_of_k") or {}).get("crowd_answers_to_match_one_expert") or {}
        return cls(project_id=d["project_id"], kind=d.get("kind", ""), classes=d.get("classes") or [],
                   reference=ref.get("kind", ""), reference_description=ref.get("description", ""),
                   resamples=boot.get("resamples", 0), seed=boot.get("seed", 0), n_answers=d.get("n_answers", 0),
                   crowd_answers_to_match_one_expert=match.get("k"), match_reason=match.get("reason"), raw=d)

    def _rows(self) -> Iterator[Json]:
        """(section, row name, JSON block) for every row of the report, in the server's CSV order."""
        for t in self.raw.get("tiers") or []:
            tier = t.get("tier")
            yield {"section": "tier", "row": tier, "tier": tier, "n_items": t.get("n_items"),
                   "n_answers": t.get("n_answers"), "n_annotators": t.get("n_annotators"),
                   "median_seconds": Estimate.of((t.get("seconds_per_label") or {}).get("median")).value,
                   "mean_seconds": Estimate.of((t.get("seconds_per_label") or {}).get("mean")).value,
                   "cost": Estimate.of(t.get("cost_per_label")).value, "_block": t}
            for m in t.get("models") or []:
                yield {"section": "run_on_tier", "row": f"{tier}:{m.get('model')} {m.get('version')}", "tier": tier,
                       "n_items": m.get("n_items"), **_run(m), "_block": m}
        for c in (self.raw.get("consensus_of_k") or {}).get("rows") or []:
            yield {"section": "consensus_of_k", "row": f"crowd k={c.get('k')}", "tier": "crowd", "k": c.get("k"),
                   "n_items": c.get("n_items"), "n_annotators": c.get("n_annotators"),
                   "mean_seconds": Estimate.of(c.get("seconds_per_item")).value,
                   "cost": Estimate.of(c.get("cost_per_item")).value, "_block": c}
        for r in self.raw.get("runs") or []:
            yield {"section": "run", "row": f"{r.get('model')} {r.get('version')}", "n_items": r.get("n_items"),
                   **_run(r), "_block": r}

    def records(self, table: str = "rows") -> List[Json]:
        """The table as dicts; see :meth:`to_pandas`."""
        out: List[Json] = []
        if table == "gap":
            for g in (self.raw.get("gap") or {}).get("runs") or []:
                head = {**_run(g), "versus": (self.raw.get("gap") or {}).get("versus"), "reference": self.reference}
                for m in METRICS:
                    e = Estimate.of(g.get(m))
                    out.append({**head, "metric": m, "class": None, "value": e.value, "low": e.low, "high": e.high})
                for cls, block in (g.get("per_class") or {}).items():
                    for m in CLASS_METRICS:
                        e = Estimate.of(block.get(m))
                        out.append({**head, "metric": m, "class": cls, "value": e.value, "low": e.low, "high": e.high})
            return out
        for row in self._rows():
            block = row.pop("_block")
            row["reference"] = self.reference
            if table == "rows":
                out.append({**row, **_metrics(block)})
            elif table == "classes":
                for cls, per in (block.get("per_class") or {}).items():
                    r = {**row, "thin": bool(block.get("thin")), "reason": block.get("reason"), "class": cls}
                    for m in CLASS_METRICS:
                        e = Estimate.of(per.get(m))
                        r.update({m: e.value, f"{m}_low": e.low, f"{m}_high": e.high})
                    r["support"] = per.get("support")
                    out.append(r)
            else:
                raise ValueError(f"table must be rows, classes or gap, not {table!r}")
        return out

    def to_pandas(self, table: str = "rows") -> Any:
        """One of the report's tables as a DataFrame.

        - ``rows``: one row per tier, run on a tier, consensus of k and run, with ``accuracy``, ``macro_f1`` and
          ``cohen_kappa`` and their ``_low``/``_high`` bounds (None where undefined: see ``thin`` and ``reason``).
        - ``classes``: the same rows by class: ``precision``, ``recall``, ``f1`` (with bounds) and ``support``.
        - ``gap``: per run, run minus the best human tier (``versus``) per metric and class, with paired intervals;
          negative means the model trails people.
        """
        return pandas().DataFrame.from_records(self.records(table))

    def tiers(self) -> Any:
        """The tier rows only (crowd and expert), as a DataFrame."""
        df = self.to_pandas("rows")
        return df[df["section"] == "tier"].reset_index(drop=True)

    def runs(self) -> Any:
        """Every model run on all answered items with a reference, as a DataFrame."""
        df = self.to_pandas("rows")
        return df[df["section"] == "run"].reset_index(drop=True)

    def consensus_of_k(self) -> Any:
        """Accuracy of the majority of k crowd answers, k = 1, 2, ..., as a DataFrame (the consensus-of-k curve)."""
        df = self.to_pandas("rows")
        return df[df["section"] == "consensus_of_k"].reset_index(drop=True)

"""Typed results that are tables: a list of dataclasses with ``.to_pandas()``."""
from __future__ import annotations

import dataclasses
from typing import Any, Dict, Iterable, List, Optional, Type, TypeVar

T = TypeVar("T")


def pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_pandas() needs pandas: pip install 'kappa-client[pandas]'") from e
    return pd


@dataclasses.dataclass(frozen=True)
class Estimate:
    """A number with its 95% (or the requested level's) bootstrap interval, or None with the reason.

    ``value`` is None when the quantity is undefined for the data (one annotator, no reference items...), and
    ``reason`` says why; ``low``/``high`` are None when no interval was computed (``ci_reason`` says why).
    """

    value: Optional[float]
    low: Optional[float] = None
    high: Optional[float] = None
    reason: Optional[str] = None
    ci_reason: Optional[str] = None

    @classmethod
    def of(cls, d: Any) -> "Estimate":
        if not isinstance(d, dict):
            return cls(value=d)
        ci = d.get("ci") or [None, None]
        return cls(value=d.get("value"), low=ci[0], high=ci[1], reason=d.get("reason"), ci_reason=d.get("ci_reason"))


def flat(obj: Any) -> Dict[str, Any]:
    """One table row from a dataclass: estimates become value/_low/_high columns, dicts of scalars prefixed columns."""
    row: Dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if f.name == "raw":
            continue
        value = getattr(obj, f.name)
        name = f.name.rstrip("_")
        if isinstance(value, Estimate):
            row[name] = value.value
            row[name + "_low"] = value.low
            row[name + "_high"] = value.high
        elif isinstance(value, dict) and f.metadata.get("flatten"):
            for key, v in value.items():
                row[f"{name}_{key}"] = v.value if isinstance(v, Estimate) else v
        else:
            row[name] = value
    return row


class Rows(List[T]):
    """A list of typed rows; ``to_pandas()`` gives one DataFrame row per element."""

    def records(self) -> List[Dict[str, Any]]:
        return [flat(r) if dataclasses.is_dataclass(r) else dict(r) for r in self]

    def to_pandas(self) -> Any:
        return pandas().DataFrame.from_records(self.records())


def build(cls: Type[T], d: Dict[str, Any], **overrides: Any) -> T:
    """A dataclass from a JSON object: fields taken by name, ``raw`` keeps the whole object."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {n: d.get(n) for n in names if n != "raw"}
    values.update(overrides)
    if "raw" in names:
        values["raw"] = d
    return cls(**values)  # type: ignore[call-arg]


def rows(cls: Type[T], items: Iterable[Dict[str, Any]], into: Optional[Rows] = None) -> Rows:
    out = into if into is not None else Rows()
    out.extend(cls.from_json(i) for i in items)  # type: ignore[attr-defined]
    return out

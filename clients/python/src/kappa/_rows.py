"""Upload bodies from files, iterables of dicts or DataFrames, streamed in chunks (never the whole file in memory)."""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Tuple, Union

from ._progress import bar

JSONL = "application/x-ndjson"
CSV = "text/csv"
CHUNK = 1 << 16

Source = Union[str, "os.PathLike[str]", Iterable[Any], Any]


def _plain(value: Any) -> Any:
    """json.dumps fallback for numpy/pandas scalars and timestamps."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _clean(record: Any) -> Any:
    """A DataFrame's missing values (NaN, None, pd.NA) become absent fields, not the invalid JSON NaN."""
    out = {}
    for key, value in record.items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        if type(value).__name__ in ("NAType", "NaTType"):
            continue
        out[key] = value
    return out


def _is_frame(source: Any) -> bool:
    return hasattr(source, "to_dict") and hasattr(source, "columns") and hasattr(source, "iterrows")


def _file_chunks(path: Path, progress: Any) -> Iterator[bytes]:
    with open(path, "rb") as f:
        while True:
            chunk = f.read(CHUNK)
            if not chunk:
                break
            progress.update(len(chunk))
            yield chunk
    progress.close()


def _line_chunks(records: Iterable[Any], progress: Any) -> Iterator[bytes]:
    buffer = []
    size = 0
    for record in records:
        line = record if isinstance(record, str) else json.dumps(record, default=_plain, separators=(",", ":"))
        data = (line.rstrip("\n") + "\n").encode("utf-8")
        buffer.append(data)
        size += len(data)
        progress.update(1)
        if size >= CHUNK:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)
    progress.close()


def body(source: Source, desc: str, progress: Optional[bool] = None,
         content_type: Optional[str] = None) -> Tuple[Iterator[bytes], str]:
    """The chunks to send and their content type.

    - a path (``str`` or ``pathlib.Path``): the file as is; ``.csv`` is sent as CSV, anything else as JSON Lines;
    - a pandas DataFrame: one JSON line per row, missing values left out;
    - any other iterable: one JSON line per element (dicts, or already-encoded JSON strings).
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        kind = content_type or (CSV if path.suffix.lower() == ".csv" else JSONL)
        return _file_chunks(path, bar(path.stat().st_size, "B", desc, progress)), kind
    if isinstance(source, (bytes, bytearray)):
        return iter([bytes(source)]), content_type or JSONL
    if _is_frame(source):
        records = (_clean(r) for r in source.to_dict(orient="records"))
        return _line_chunks(records, bar(len(source), " rows", desc, progress)), JSONL
    total = len(source) if hasattr(source, "__len__") else None
    return _line_chunks(source, bar(total, " rows", desc, progress)), JSONL

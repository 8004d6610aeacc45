"""Progress bars through tqdm when it is installed and someone is watching (a terminal or a notebook)."""
from __future__ import annotations

import sys
from typing import Any, Optional


def _watched() -> bool:
    if "ipykernel" in sys.modules:  # a notebook: tqdm.auto draws a widget or text there
        return True
    return hasattr(sys.stderr, "isatty") and sys.stderr.isatty()


class _Null:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> "_Null":
        return self

    def __exit__(self, *exc: Any) -> None:
        pass


def bar(total: Optional[int], unit: str, desc: str, show: Optional[bool] = None) -> Any:
    """A tqdm bar, or an object with the same ``update``/``close`` that draws nothing.

    ``show`` None means: draw when tqdm is installed and stderr is a terminal or the code runs in a notebook.
    """
    if show is None:
        show = _watched()
    if not show:
        return _Null()
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _Null()
    return tqdm(total=total, unit=unit, unit_scale=True, desc=desc, leave=False)

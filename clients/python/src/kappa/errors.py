"""Errors: every failed request raises a :class:`KappaError` carrying the server's problem+json fields."""
from __future__ import annotations

from typing import Any, Dict, List, Optional


class KappaError(Exception):
    """A request the server refused (4xx) or failed (5xx).

    Attributes mirror the RFC 9457 problem document Kappa answers with:

    - ``status``: the HTTP status code.
    - ``title``: a short summary of the kind of problem ("Validation failed").
    - ``detail``: what went wrong with this request, in words.
    - ``type``: a URN naming the kind of problem (``urn:kappa:problem:validation``).
    - ``field``: for bad input, the offending field (``schema.labels``, ``line``...).
    - ``errors``: for bad input, every problem found: ``{"field", "reason", "line"?}``; an upload lists its first
      100 bad lines here, with their line numbers.
    """

    def __init__(self, status: int, title: str, detail: str, type: Optional[str] = None,
                 field: Optional[str] = None, errors: Optional[List[Dict[str, Any]]] = None,
                 instance: Optional[str] = None, problem: Optional[Dict[str, Any]] = None):
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.field = field
        self.errors = errors or []
        self.instance = instance
        self.problem = problem or {}
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f" [{self.field}]" if self.field else ""
        more = f" ({len(self.errors)} errors)" if self.errors else ""
        return f"{self.status} {self.title}: {self.detail}{where}{more}"

    @classmethod
    def from_problem(cls, status: int, problem: Dict[str, Any]) -> "KappaError":
        kind = _BY_STATUS.get(status, KappaError)
        return kind(status=int(problem.get("status", status)), title=str(problem.get("title", "")),
                    detail=str(problem.get("detail", "")), type=problem.get("type"), field=problem.get("field"),
                    errors=problem.get("errors"), instance=problem.get("instance"), problem=problem)


class BadRequest(KappaError):
    """400: a malformed request (an unparsable parameter or body)."""


class Unauthorized(KappaError):
    """401: no valid token or session (a revoked token, a wrong password)."""


class Forbidden(KappaError):
    """403: the caller's role may not do this (an annotator asking for statistics), or a missing CSRF token."""


class NotFound(KappaError):
    """404: no such project, lease or user, or one the caller may not see."""


class Conflict(KappaError):
    """409: the request clashes with the current state (an expired lease someone else took, a label in use)."""


class ValidationError(KappaError):
    """422: bad input; ``field`` and ``errors`` say where. An upload with bad lines writes nothing."""


class TooManyRequests(KappaError):
    """429: too many failed logins; wait and retry."""


class ServerBusy(KappaError):
    """503: every transfer slot is busy, or the database is not reachable; retry shortly."""


_BY_STATUS = {400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
              422: ValidationError, 429: TooManyRequests, 503: ServerBusy}

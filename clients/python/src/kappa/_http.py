"""The one place that talks HTTP: bearer token, JSON, streamed bodies, problem+json to exceptions."""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable, Iterator, Mapping, Optional

import requests

from .errors import KappaError

USER_AGENT = "kappa-client/0.1"


def _params(params: Optional[Mapping[str, Any]]) -> Dict[str, str]:
    """Drops None, writes booleans as the API spells them and lists comma-separated."""
    out: Dict[str, str] = {}
    for key, value in (params or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (list, tuple, set)):
            out[key] = ",".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out


def raise_for_problem(response: requests.Response) -> None:
    """Raises the response's problem+json as a :class:`KappaError` (subclass by status); returns on 2xx."""
    if response.status_code < 400:
        return
    try:
        problem = response.json()
        if not isinstance(problem, dict):
            raise ValueError("not an object")
    except ValueError:
        problem = {"status": response.status_code, "title": response.reason or "HTTP error",
                   "detail": response.text[:500]}
    raise KappaError.from_problem(response.status_code, problem)


class Transport:
    """A requests session bound to one server and one token."""

    def __init__(self, url: str, token: Optional[str] = None, timeout: float = 300.0,
                 session: Optional[requests.Session] = None):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, path: str, *, params: Optional[Mapping[str, Any]] = None,
                json_body: Any = None, data: Any = None, headers: Optional[Dict[str, str]] = None,
                stream: bool = False) -> requests.Response:
        response = self.session.request(method, self.url + path, params=_params(params), json=json_body, data=data,
                                        headers=headers, stream=stream, timeout=self.timeout)
        if response.status_code >= 400:
            try:
                raise_for_problem(response)
            finally:
                response.close()
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.request(method, path, **kwargs)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def lines(self, path: str, params: Optional[Mapping[str, Any]] = None) -> Iterator[Dict[str, Any]]:
        """GETs a JSON Lines response and yields one object per line as it arrives."""
        with self.request("GET", path, params=params, stream=True) as response:
            for line in response.iter_lines():
                if line:
                    yield json.loads(line)

    def upload(self, path: str, body: Iterable[bytes], content_type: str,
               params: Optional[Mapping[str, Any]] = None) -> Any:
        """POSTs a streamed (chunked) body and returns the JSON answer."""
        return self.json("POST", path, params=params, data=body, headers={"Content-Type": content_type})

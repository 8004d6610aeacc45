"""Kappa's Python client: human baselines, consensus labels and hard cases as typed results and DataFrames.

>>> import kappa
>>> client = kappa.Client("http://localhost:8080", token)
>>> client.baselines(3, reference="gold").to_pandas()
"""
from ._table import Estimate, Rows
from .baseline import Baseline
from .client import Client
from .errors import (BadRequest, Conflict, Forbidden, KappaError, NotFound, ServerBusy, TooManyRequests,
                     Unauthorized, ValidationError)
from .models import *  # noqa: F401,F403

__version__ = "0.1.0"
__all__ = ["Client", "Baseline", "Estimate", "Rows", "KappaError", "BadRequest", "Unauthorized", "Forbidden",
           "NotFound", "Conflict", "ValidationError", "TooManyRequests", "ServerBusy"]

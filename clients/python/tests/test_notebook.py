"""docs/quickstart.ipynb runs top to bottom against the test server, so it cannot rot."""
from __future__ import annotations

import os

import nbformat
from nbclient import NotebookClient

from conftest import REPO


def test_quickstart_notebook_runs(server, admin, datasets, monkeypatch):
    path = REPO / "docs" / "quickstart.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    monkeypatch.setenv("KAPPA_URL", server.url)
    monkeypatch.setenv("KAPPA_TOKEN", admin.token)
    monkeypatch.setenv("KAPPA_DATASETS", str(datasets))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # The kernel imports this tree's client, as the tests do.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO / "clients" / "python" / "src"),
                                                      os.environ.get("PYTHONPATH", "")]))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(REPO / "docs")}}).execute()
    outputs = "".join(str(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "crowd: " in outputs and "simulated v2" in outputs
    assert "rows changed since" in outputs

"""Starts a real Kappa (server/target/kappa.jar) on a free port against a fresh database for the whole session.

The database is a new one on the test PostgreSQL (KAPPA_TEST_PG_URL's server, 127.0.0.1:5432 by default), dropped
at the end; without psql or that server, the jar's embedded PostgreSQL in a temporary data directory.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# The code under test is this tree's, whatever version of kappa-client pip installed.
sys.path.insert(0, str(HERE.parent / "src"))

try:
    import pandas  # noqa: F401
    import requests  # noqa: F401
except ImportError as e:  # pragma: no cover
    raise SystemExit(f"the client tests need {e.name}: pip install './clients/python[pandas]' pytest nbclient "
                     "nbformat matplotlib ipykernel (.ci/run does)")

import kappa  # noqa: E402

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "admin-password-for-tests"
REPO = HERE.parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shared_datasets() -> Path:
    """shared/datasets, found by walking up from the working directory (then from here); never copied in."""
    for start in (Path.cwd(), HERE):
        for d in [start, *start.parents]:
            candidate = d / "shared" / "datasets"
            if candidate.is_dir():
                return candidate
    pytest.fail("shared/datasets not found walking up from " + str(Path.cwd())
                + ": the public test data must sit beside the repository as ../shared/datasets")


def _psql(sql: str) -> bool:
    if not shutil.which("psql"):
        return False
    host = os.environ.get("KAPPA_TEST_PG_HOST", "127.0.0.1")
    user = os.environ.get("KAPPA_TEST_PG_USER", "postgres")
    r = subprocess.run(["psql", "-h", host, "-U", user, "-d", "postgres", "-qc", sql], capture_output=True, text=True)
    return r.returncode == 0


class Server:
    def __init__(self) -> None:
        jar = Path(os.environ.get("KAPPA_JAR", REPO / "server" / "target" / "kappa.jar"))
        if not jar.is_file():
            pytest.fail(f"{jar} not found: build it first (mvn -B -q package -DskipTests)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = Path(tempfile.mkdtemp(prefix="kappa-pytest-"))
        self.database = "kappa_pytest_" + uuid.uuid4().hex[:12]
        env = dict(os.environ, KAPPA_HTTP_PORT=str(self.port), KAPPA_HTTP_HOST="127.0.0.1",
                   KAPPA_ADMIN_EMAIL=ADMIN_EMAIL, KAPPA_ADMIN_PASSWORD=ADMIN_PASSWORD, KAPPA_DB_POOL_SIZE="6",
                   KAPPA_DATA_DIR=str(self.tmp / "data"))
        env.pop("KAPPA_ADMIN_API_KEY", None)
        if _psql(f"create database {self.database}"):
            env["KAPPA_DATABASE_URL"] = f"jdbc:postgresql://127.0.0.1:5432/{self.database}"
            env["KAPPA_DATABASE_USER"] = os.environ.get("KAPPA_TEST_PG_USER", "postgres")
        else:
            self.database = None
            env.pop("KAPPA_DATABASE_URL", None)
        self.log = self.tmp / "server.log"
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
        self.process = subprocess.Popen([java, "-Xmx512m", "-jar", str(jar)], env=env,
                                        stdout=open(self.log, "wb"), stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        client = kappa.Client(self.url)
        while time.time() < deadline:
            if self.process.poll() is not None:
                pytest.fail("the server died at start:\n" + self.log.read_text())
            if client.ready():
                return
            time.sleep(0.2)
        self.close()
        pytest.fail("the server was not ready in 120 s:\n" + self.log.read_text())

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self.database:
            _psql(f"drop database if exists {self.database}")
        shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture(scope="session")
def admin(server) -> kappa.Client:
    """A client with an API token made the way the README shows: login, CSRF token, POST /api/tokens."""
    return kappa.Client.login(server.url, ADMIN_EMAIL, ADMIN_PASSWORD, token_name="pytest")


@pytest.fixture(scope="session")
def datasets() -> Path:
    return shared_datasets()

"""Security suite: attacks replayed against a LIVE Maillage server.

One demo server for the whole session (a throwaway SQLite database, a free port), plus two
small ones started only by the tests that need a different configuration:
`proxy_server` (MAILLAGE_TRUSTED_PROXIES=127.0.0.1, for the lock-out and timing tests) and
`https_server` (MAILLAGE_BASE_URL=https://…, for HSTS and the forged X-Forwarded-For).
The binary is MAILLAGE_BIN (default .build/debug/maillage); MAILLAGE_SECURITY_URL points
the main fixture at a server already running `maillage demo` instead (its token in
MAILLAGE_SECURITY_TOKEN).
"""
from __future__ import annotations

import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import requests

from seclib import Client, Demo

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "security"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`maillage demo` on a free port with its own database; started at once, awaited on use."""

    def __init__(self, name: str, env: dict[str, str] | None = None) -> None:
        self.name = name
        binary = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
        assert os.access(binary, os.X_OK), f"no server binary at {binary} (swift build first)"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix=f"maillage-sec-{name}-")
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = ARTIFACTS / f"server-{name}.log"
        self.log = open(self.log_path, "w")
        full = dict(os.environ, DATABASE_PATH=os.path.join(self.tmp, "sec.sqlite"))
        for var in ("DATABASE_URL", "MAILLAGE_TRUSTED_PROXIES", "MAILLAGE_BASE_URL", "MAILLAGE_SECURE_COOKIES"):
            full.pop(var, None)
        full.update(env or {})
        self.proc = subprocess.Popen([binary, "demo", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                     cwd=ROOT, env=full, stdout=self.log, stderr=subprocess.STDOUT)
        self.ready = False
        self.token = ""

    def wait(self, timeout: float = 180) -> "Server":
        if self.ready:
            return self
        deadline = time.time() + timeout
        while True:
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert self.proc.poll() is None, f"the {self.name} server stopped; see {self.log_path}"
            assert time.time() < deadline, f"the {self.name} server did not answer /health within {timeout} s"
            time.sleep(0.2)
        # The demo prints its API token once the logins are listed.
        for _ in range(50):
            found = re.findall(r"mlg_[A-Za-z0-9_-]+", self.log_path.read_text(errors="replace"))
            if found:
                self.token = found[-1]
                break
            time.sleep(0.1)
        self.ready = True
        return self

    def alive(self) -> bool:
        try:
            return self.proc.poll() is None and requests.get(self.url + "/health", timeout=10).status_code == 200
        except requests.RequestException:
            return False

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


class External:
    """A server someone else started (MAILLAGE_SECURITY_URL)."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token, self.name, self.log_path = url.rstrip("/"), token, "external", None

    def wait(self, timeout: float = 0) -> "External":
        return self

    def alive(self) -> bool:
        try:
            return requests.get(self.url + "/health", timeout=10).status_code == 200
        except requests.RequestException:
            return False

    def stop(self) -> None:
        pass


_started: dict[str, Server] = {}


def _server(name: str, env: dict[str, str] | None = None) -> Server:
    if name not in _started:
        _started[name] = Server(name, env)
    return _started[name]


def pytest_configure(config):
    config.addinivalue_line("markers", "late: run after the other tests (an attack that could take the "
                                       "server down, should a fix regress, takes nothing else with it)")


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: item.get_closest_marker("late") is not None)
    # The extra servers load their demo network while the first tests run.
    if os.environ.get("MAILLAGE_SECURITY_URL") or config.option.collectonly:
        return
    used = {name for item in items for name in getattr(item, "fixturenames", ())}
    if "server" in used:
        _server("main")
    for name, env in SERVERS.items():
        if name in used:
            _server(name.split("_")[0], env)


def pytest_sessionfinish(session, exitstatus):
    for server in _started.values():
        server.stop()


@pytest.fixture(scope="session")
def server():
    if os.environ.get("MAILLAGE_SECURITY_URL"):
        return External(os.environ["MAILLAGE_SECURITY_URL"], os.environ.get("MAILLAGE_SECURITY_TOKEN", ""))
    return _server("main").wait()


SERVERS = {
    "proxy_server": {"MAILLAGE_TRUSTED_PROXIES": "127.0.0.1"},
    "https_server": {"MAILLAGE_BASE_URL": "https://maillage.example.test"},
}


@pytest.fixture(scope="session")
def proxy_server():
    """Behind a trusted reverse proxy on 127.0.0.1: X-Forwarded-For names the client."""
    return _server("proxy", SERVERS["proxy_server"]).wait()


@pytest.fixture(scope="session")
def https_server():
    """Configured for https (HSTS expected); reached over plain http by the tests."""
    return _server("https", SERVERS["https_server"]).wait()


@pytest.fixture(scope="session")
def demo(server) -> Demo:
    """What the demo network holds (accounts, campaigns, structures), discovered once."""
    return Demo(server.url, server.token)


_signed: dict[str, Client] = {}


@pytest.fixture(scope="session")
def signed(server):
    """signed(role) -> the session's shared signed-in Client of that role (a bcrypt check per
    sign-in is real time: tests that only read share one session per role)."""
    def get(role: str) -> Client:
        if role not in _signed:
            _signed[role] = Client(server.url).login_as(role)
        return _signed[role]
    return get


@pytest.fixture
def login(server, signed):
    """login(role) -> a signed-in Client (shared; `fresh=True` for a session of its own)."""
    def make(role: str, fresh: bool = False) -> Client:
        return Client(server.url).login_as(role) if fresh else signed(role)
    return make


@pytest.fixture
def anon(server) -> Client:
    return Client(server.url)


@pytest.fixture(autouse=True)
def _server_survives(request):
    """After every test, the main server still answers: no attack may take it down."""
    yield
    main = _started.get("main")
    if main is not None and main.ready:
        assert main.alive(), f"the server died during {request.node.name}; see {main.log_path}"

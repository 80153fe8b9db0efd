"""E-mail delivery against a real SMTP server (aiosmtpd, STARTTLS on a throwaway CA, and
implicit TLS). The server binary comes from MAILLAGE_BIN (default .build/debug/maillage)."""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "Tests" / "security"))

from smtp_server import SMTPTestServer, free_port  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts" / "mail"


@pytest.fixture(scope="session")
def binary():
    path = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
    assert os.access(path, os.X_OK), f"no server binary at {path} (swift build first)"
    return path


@pytest.fixture(scope="session")
def starttls_server():
    server = SMTPTestServer("starttls").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtps_server():
    server = SMTPTestServer("smtps").start()
    yield server
    server.stop()


def maillage(binary, *args, env=None, timeout=60):
    """Runs a `maillage` command on a throwaway database; returns the CompletedProcess."""
    tmp = tempfile.mkdtemp(prefix="maillage-mail-")
    try:
        full = dict(os.environ, DATABASE_PATH=os.path.join(tmp, "m.sqlite"), **(env or {}))
        full.pop("DATABASE_URL", None)
        return subprocess.run([binary, *args], cwd=ROOT, env=full, capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class DemoServer:
    def __init__(self, url, log_path):
        self.url = url
        self.log_path = log_path

    def log(self):
        return pathlib.Path(self.log_path).read_text(errors="replace")


@pytest.fixture(scope="module")
def demo_server(binary, starttls_server):
    """`maillage demo` on a fresh SQLite database, sending through the STARTTLS test server."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="maillage-mail-demo-")
    port = free_port()
    log_path = ARTIFACTS / "demo-server.log"
    log = open(log_path, "w")
    env = dict(os.environ, DATABASE_PATH=os.path.join(tmp, "demo.sqlite"), **starttls_server.env())
    env.pop("DATABASE_URL", None)
    env.pop("MAILLAGE_BASE_URL", None)
    proc = subprocess.Popen([binary, "demo", "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                if urllib.request.urlopen(url + "/health", timeout=2).status == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, f"the server stopped; see {log_path}"
            assert time.time() < deadline, "the server did not answer /health within 120 s"
            time.sleep(0.3)
        yield DemoServer(url, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)

"""Observability against the live binary (issue #10, item 4).

`maillage demo` runs with LOG_FORMAT=json on a free port and its own SQLite file: every line
it writes on stderr must be one JSON object; each request leaves one access line carrying the
id returned in `X-Request-Id`; `/metrics` must be well-formed Prometheus text with the request
counters per route pattern and the database, job and outbox gauges; `/ready` says « prêt ».
Then `maillage serve` on a fresh database refuses to start (exit 1, French message), and starts
once `maillage migrate` has run.

Run: `.venv-test/bin/python -m pytest Tests/ops/test_observability.py` after `swift build`
(binary: MAILLAGE_BIN, default .build/debug/maillage). Needs only `pytest` and `requests`.
"""
from __future__ import annotations

import json
import math
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

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
ARTIFACTS = ROOT / "test-artifacts" / "ops"
CLEAN_ENV = ("DATABASE_URL", "MAILLAGE_TRUSTED_PROXIES", "MAILLAGE_BASE_URL", "MAILLAGE_METRICS_TOKEN",
             "LOG_FORMAT", "LOG_LEVEL", "MAILLAGE_SMTP_URL")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(tmp: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ, DATABASE_PATH=os.path.join(tmp, "ops.sqlite"), MAILLAGE_JOBS="off")
    for var in CLEAN_ENV:
        env.pop(var, None)
    env.update(extra)
    return env


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        assert proc.poll() is None, f"the server stopped (exit {proc.returncode})"
        assert time.time() < deadline, f"{url} did not answer 200 within {timeout} s"
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def demo():
    assert os.access(BINARY, os.X_OK), f"no server binary at {BINARY} (swift build first)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="maillage-ops-")
    port = free_port()
    stderr_path, stdout_path = ARTIFACTS / "demo-json.stderr.log", ARTIFACTS / "demo-json.stdout.log"
    with open(stderr_path, "w") as err, open(stdout_path, "w") as out:
        proc = subprocess.Popen([BINARY, "demo", "--hostname", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                                env=environment(tmp, LOG_FORMAT="json"), stdout=out, stderr=err)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url + "/health", proc)
            yield {"url": url, "stderr": stderr_path, "proc": proc}
        finally:
            stop(proc)
            shutil.rmtree(tmp, ignore_errors=True)


def log_lines(path: pathlib.Path) -> list[dict]:
    """Every non-empty stderr line, each of which must be one JSON object."""
    entries = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as e:
            raise AssertionError(f"stderr line {n} is not JSON ({e}): {line[:200]!r}") from None
        assert isinstance(entry, dict), f"stderr line {n} is not a JSON object: {line[:200]!r}"
        entries.append(entry)
    return entries


def access_line(path: pathlib.Path, request_id: str, timeout: float = 5) -> dict:
    deadline = time.time() + timeout
    while True:
        found = [e for e in log_lines(path) if e.get("request-id") == request_id and "status" in e]
        if found or time.time() > deadline:
            assert len(found) == 1, f"expected one access line for {request_id}, found {found}"
            return found[0]
        time.sleep(0.1)


# --- Prometheus text format (0.0.4), parsed strictly enough to catch a malformed scrape ---

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$')
LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)')


def parse_prometheus(text: str) -> tuple[dict[str, str], list[tuple[str, dict[str, str], float]]]:
    types, samples = {}, []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            assert kind in ("counter", "gauge", "histogram", "summary", "untyped"), f"line {n}: {line}"
            assert name not in types, f"line {n}: family {name} typed twice"
            types[name] = kind
            continue
        if line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        assert m, f"line {n} is not a Prometheus sample: {line!r}"
        name, labels_text, value = m.group(1), m.group(3) or "", m.group(4)
        labels, pos = {}, 0
        while pos < len(labels_text):
            lm = LABEL.match(labels_text, pos)
            assert lm, f"line {n}: bad labels {labels_text!r}"
            labels[lm.group(1)] = lm.group(2)
            pos = lm.end()
        number = {"+Inf": math.inf, "-Inf": -math.inf, "NaN": math.nan}.get(value)
        samples.append((name, labels, float(value) if number is None else number))
        family = re.sub(r"_(bucket|sum|count)$", "", name)
        assert name in types or family in types, f"line {n}: sample {name} has no # TYPE line"
    return types, samples


def value(samples, name, **labels) -> float | None:
    for n, ls, v in samples:
        if n == name and all(ls.get(k) == w for k, w in labels.items()):
            return v
    return None


# --- tests ---

def test_each_request_has_an_id_in_its_header_its_access_line_and_the_error_page(demo):
    page = requests.get(demo["url"] + "/connexion", timeout=30)
    assert page.status_code == 200
    rid = page.headers["X-Request-Id"]
    line = access_line(demo["stderr"], rid)
    assert line["level"] == "info" and line["method"] == "GET" and line["route"] == "/connexion"
    assert line["status"] == 200 and isinstance(line["duration_ms"], (int, float)) and line["duration_ms"] >= 0
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"]), line["time"]

    # No trusted proxy is configured: a client's own id is replaced, never written to the logs.
    missing = requests.get(demo["url"] + "/nulle-part/rien", headers={"X-Request-Id": "forge-par-le-client"}, timeout=30)
    assert missing.status_code == 404
    rid = missing.headers["X-Request-Id"]
    assert rid != "forge-par-le-client"
    assert f"Référence de l'erreur : <code>{rid}</code>" in missing.text
    line = access_line(demo["stderr"], rid)
    assert line["status"] == 404 and line["route"] == "vapor_route_undefined"
    assert "forge-par-le-client" not in demo["stderr"].read_text(encoding="utf-8")


def test_every_stderr_line_is_a_json_object_with_the_fixed_keys(demo):
    requests.get(demo["url"] + "/annuaire", timeout=30)
    entries = log_lines(demo["stderr"])
    assert len(entries) >= 3
    for e in entries:
        assert {"time", "level", "label", "message"} <= e.keys(), e
        assert e["level"] in ("trace", "debug", "info", "notice", "warning", "error", "critical"), e
    assert any("request-id" in e for e in entries)


def test_metrics_are_well_formed_prometheus_text_with_routes_and_gauges(demo):
    requests.get(demo["url"] + "/annuaire", timeout=30)
    res = requests.get(demo["url"] + "/metrics", timeout=30)
    assert res.status_code == 200
    assert res.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    types, samples = parse_prometheus(res.text)
    assert types["http_requests_total"] == "counter"
    assert types["http_request_duration_seconds"] == "histogram"
    assert value(samples, "http_requests_total", method="GET", path="/annuaire", status="200") >= 1
    assert value(samples, "http_request_duration_seconds_count", method="GET", path="/annuaire", status="200") >= 1
    assert value(samples, "http_request_duration_seconds_bucket", path="/annuaire", le="+Inf") >= 1
    # Unknown paths are folded into one series: nobody can mint series by requesting URLs.
    requests.get(demo["url"] + "/nulle-part/encore", timeout=30)
    _, samples = parse_prometheus(requests.get(demo["url"] + "/metrics", timeout=30).text)
    assert not any("nulle-part" in ls.get("path", "") for _, ls, _ in samples)
    assert value(samples, "http_requests_total", path="vapor_route_undefined", status="404") >= 1
    assert value(samples, "maillage_db_up") == 1
    assert 0 <= value(samples, "maillage_db_ping_seconds") < 5
    assert value(samples, "maillage_migrations_pending") == 0
    assert value(samples, "maillage_http_requests_in_flight") >= 1
    assert value(samples, "maillage_db_pool_event_loops", driver="sqlite") >= 1
    assert value(samples, "maillage_metrics_source_up", source="jobs") == 1
    assert value(samples, "maillage_metrics_source_up", source="outbox") == 1
    assert value(samples, "maillage_outbox_pending") is not None
    assert value(samples, "maillage_jobs_failed_total") is not None


def test_ready_and_health(demo):
    ready = requests.get(demo["url"] + "/ready", timeout=30)
    assert ready.status_code == 200 and ready.text.strip() == "prêt"
    as_json = requests.get(demo["url"] + "/ready", headers={"Accept": "application/json"}, timeout=30).json()
    assert as_json == {"ready": True, "reason": "prêt", "pendingMigrations": []}
    assert requests.get(demo["url"] + "/health", timeout=30).text == "ok"


def test_serve_refuses_a_database_with_pending_migrations_then_starts_once_migrated():
    tmp = tempfile.mkdtemp(prefix="maillage-ops-serve-")
    try:
        env = environment(tmp)
        port = free_port()
        refused = subprocess.run([BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                                 env=env, capture_output=True, text=True, timeout=120)
        assert refused.returncode == 1, refused
        assert re.search(r"\d+ migration\(s\) en attente \(001_CreateNetwork, .*\) : lancez `maillage migrate` "
                         r"avant de démarrer le serveur\.", refused.stderr), refused.stderr
        with socket.socket() as s:  # nothing listened
            assert s.connect_ex(("127.0.0.1", port)) != 0

        migrate = subprocess.run([BINARY, "migrate", "--yes"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert migrate.returncode == 0, migrate
        with open(ARTIFACTS / "serve-migrated.log", "w") as log:
            proc = subprocess.Popen([BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                                    env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                wait_for(f"http://127.0.0.1:{port}/ready", proc, timeout=60)
            finally:
                stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

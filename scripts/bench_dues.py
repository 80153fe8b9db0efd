#!/usr/bin/env python3
"""Dues benchmark (issue #11, « Measured, not timed in tests »), driven by scripts/bench-dues.sh.

For one database (SQLite file, or the PostgreSQL URL in DATABASE_URL):
 1. set-up, not timed: migrations, 5 000 active members imported with `maillage import-members`
    (one type each, 10 % with two), a national admin, the 2026 grid made through the grid form
    (SPEC §3 rates, 400 h × 11,88 €), a declared base per member and type (dues_bases rows);
 2. timed: `maillage dues call --year 2026 --date 15/01/2026 --apply` — the command prints the
    duration of the generation alone (`Durée`), we also report the command's wall time;
 3. timed: the national calls list `/cotisations/2026/appels` (5 000 calls, page of 50, sorted by
    number) signed in as the admin: WARMUP requests, then N sequential requests over one
    keep-alive connection; p50 / p90 / p99 / max in ms.
Prints one JSON line of figures.
"""
from __future__ import annotations

import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import requests

BIN = os.environ["MAILLAGE_BIN"]
MEMBERS = int(os.environ.get("MEMBERS", "5000"))
REQUESTS = int(os.environ.get("REQUESTS", "300"))
WARMUP = int(os.environ.get("WARMUP", "30"))
PASSWORD = "banc-d-essai-2026"
EMAIL = "bench@maillage.test"
TYPES = ["AI"] * 60 + ["ACI"] * 14 + ["EI"] * 9 + ["ETTI"] * 6 + ["PROXIM"] * 3 + ["EBE"] * 2 + ["OF"] * 2 + ["ETT_ESS"] * 2 + ["OTHER"] * 2
DEPARTMENTS = ["44", "49", "53", "72", "85", "14", "50", "61", "76", "27", "59", "62", "69", "38", "33", "31", "13", "35", "29", "75"]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def siret(n: int) -> str:
    head = f"9{n:07d}"
    siren = next(head + str(k) for k in range(10) if luhn_ok(head + str(k)))
    return next(siren + "0001" + str(k) for k in range(10) if luhn_ok(siren + "0001" + str(k)))


def env(extra: dict | None = None) -> dict:
    e = dict(os.environ, LOG_LEVEL="warning", MAILLAGE_JOBS="off")
    e.update(extra or {})
    return e


def run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run([BIN] + args, env=env(), capture_output=True, text=True, check=True, **kw)


def members_csv(path: str, rng: random.Random) -> None:
    lines = ["siret;nom;types;adresse;code_postal;commune;departement;site_web;statut;date_adhesion;siret_ges"]
    for i in range(MEMBERS):
        types = [rng.choice(TYPES)]
        if types[0] == "AI" and rng.random() < 0.1:
            types.append("ACI")
        dep = rng.choice(DEPARTMENTS)
        lines.append(f"{siret(i + 1)};Structure d'essai {i + 1:05d};{','.join(types)};{i + 1} rue du Banc;{dep}000;"
                     f"Commune {dep};{dep};;actif;2020-01-01;")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\r\n".join(lines) + "\r\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, log: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "a")
        self.proc = subprocess.Popen([BIN, "serve", "--env", "production", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                     env=env(), stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while True:
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert self.proc.poll() is None, f"the server stopped (see {log})"
            assert time.time() < deadline, "the server did not start"
            time.sleep(0.2)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)
        self.log.close()


def login(url: str) -> tuple[requests.Session, str]:
    s = requests.Session()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', s.get(url + "/connexion").text).group(1)
    r = s.post(url + "/connexion", data={"_csrf": csrf, "email": EMAIL, "password": PASSWORD}, allow_redirects=False)
    assert r.status_code in (302, 303), f"sign-in: {r.status_code}"
    return s, re.search(r'name="_csrf" value="([^"]+)"', s.get(url + "/").text).group(1)


def make_grid(url: str) -> None:
    s, _ = login(url)
    page = s.get(url + "/cotisations/baremes/nouveau?annee=2026").text
    form = re.search(r'<form id="grid-form".*?</form>', page, re.S).group(0)
    data = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    for name, block in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', block) or re.search(r'<option value="([^"]*)"', block)
        data[name] = chosen.group(1) if chosen else ""
    data.update({"year": "2026", "reference_year": "2024", "fixed": "800,00", "smic": "11,88", "declaration_deadline": "",
                 "rates[AI]": "0,6", "rates[ETTI]": "0,6", "rates[ETT_ESS]": "0,6", "rates[PROXIM]": "0,6",
                 "rates[ACI]": "0,2", "rates[EBE]": "0,2", "rates[EI]": "0,35"})
    r = s.post(url + "/cotisations/baremes", data=data, allow_redirects=False)
    assert r.status_code in (302, 303), f"grid form: {r.status_code} {re.sub(r'<[^>]+>', ' ', r.text)[:800]}"


def insert_bases(rng: random.Random, pg: str | None, sqlite_path: str | None) -> int:
    """One declared base per member and type, written straight into dues_bases."""
    if pg:
        rows = subprocess.run(["psql", pg, "-At", "-F", "|", "-c", "SELECT id, types FROM structures"],
                              capture_output=True, text=True, check=True).stdout.split()
        values = []
        for line in rows:
            sid, types = line.split("|")
            for t in [x for x in types.split(",") if x]:
                values.append(f"(gen_random_uuid(), 2026, '{sid}', '{t}', {rng.randrange(5_000_000, 150_000_000)}, 'declared', now())")
        sql = "INSERT INTO dues_bases (id, year, structure_id, type, amount_cents, source, updated_at) VALUES " + ",".join(values) + ";"
        subprocess.run(["psql", pg, "-q", "-v", "ON_ERROR_STOP=1"], input=sql, text=True, check=True)
        return len(values)
    import sqlite3
    db = sqlite3.connect(sqlite_path)
    kind = db.execute("SELECT typeof(id) FROM structures LIMIT 1").fetchone()[0]
    out = []
    for sid, types in db.execute("SELECT id, types FROM structures").fetchall():
        for t in [x for x in types.split(",") if x]:
            new = uuid.uuid4()
            out.append((new.bytes if kind == "blob" else str(new).upper(), 2026, sid, t,
                        rng.randrange(5_000_000, 150_000_000), "declared", time.time()))
    db.executemany("INSERT INTO dues_bases (id, year, structure_id, type, amount_cents, source, updated_at) VALUES (?,?,?,?,?,?,?)", out)
    db.commit()
    db.close()
    return len(out)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure_list(url: str) -> dict:
    s, _ = login(url)
    path = url + "/cotisations/2026/appels"
    first = s.get(path)
    assert first.status_code == 200, first.status_code
    count = re.search(r'id="calls-count"[^>]*>([^<]*)<', first.text)
    for _ in range(WARMUP):
        s.get(path)
    times = []
    for _ in range(REQUESTS):
        t = time.perf_counter()
        r = s.get(path)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200
    return {"list_count_label": count.group(1).strip() if count else "", "list_bytes": len(first.content),
            "list_p50_ms": round(statistics.median(times), 1), "list_p90_ms": round(percentile(times, 0.9), 1),
            "list_p99_ms": round(percentile(times, 0.99), 1), "list_max_ms": round(max(times), 1), "list_requests": REQUESTS}


def main() -> None:  # noqa: C901
    label = sys.argv[1]
    work = tempfile.mkdtemp(prefix=f"maillage-bench-dues-{label}-")
    pg = os.environ.get("DATABASE_URL")
    sqlite_path = None if pg else os.path.join(work, "bench.sqlite")
    if sqlite_path:
        os.environ["DATABASE_PATH"] = sqlite_path
    rng = random.Random(2026)
    log = os.path.join(os.environ.get("OUT", work), f"bench-dues-{label}-server.log")
    t0 = time.time()
    run(["migrate", "--yes"])
    csv_path = os.path.join(work, "adherents.csv")
    members_csv(csv_path, rng)
    run(["import-members", csv_path, "--apply"], timeout=1800)
    run(["create-admin", "--email", EMAIL, "--name", "Banc d'essai", "--password", PASSWORD])
    server = Server(log)
    try:
        make_grid(server.url)
    finally:
        server.stop()
    bases = insert_bases(rng, pg, sqlite_path)
    setup = time.time() - t0

    t = time.perf_counter()
    out = run(["dues", "call", "--year", "2026", "--date", "15/01/2026", "--apply"], timeout=1800).stdout
    wall = time.perf_counter() - t
    m = re.search(r"Durée : (\d+) s (\d+) ms", out)
    issued = re.search(r"(\d[\d\u202f ]*) appels?", out)
    t = time.perf_counter()
    run(["dues", "call", "--year", "2026", "--date", "15/01/2026"], timeout=600)
    noop = time.perf_counter() - t

    server = Server(log)
    try:
        figures = measure_list(server.url)
    finally:
        server.stop()
    print(json.dumps({"database": label, "members": MEMBERS, "bases": bases, "setup_s": round(setup, 1),
                      "generate_s": int(m.group(1)) + int(m.group(2)) / 1000 if m else None,
                      "generate_command_wall_s": round(wall, 2), "preview_after_command_wall_s": round(noop, 2),
                      "generate_output": " | ".join(out.strip().splitlines()), **figures}, ensure_ascii=False))
    import shutil
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

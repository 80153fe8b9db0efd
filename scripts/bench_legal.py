#!/usr/bin/env python3
"""Legal search benchmark (issue #12, « Measured, not timed in tests »), driven by scripts/bench-legal.sh.

For one database (SQLite file, or the PostgreSQL URL in DATABASE_URL):
 1. set-up, not timed: migrations, MEMBERS members imported with `maillage import-members`, then
    `maillage legal bench-data --questions QUESTIONS --notes NOTES` (closed questions with their
    answer, published notes, all indexed; a jurist and a member manager account);
 2. timed: `/juridique/recherche?q=…` signed in as the jurist (notes, resources and questions) and
    as the member (notes and resources), with a fixed mix of French queries — plurals, accents or
    none, one to three words, a few finding nothing: WARMUP requests, then REQUESTS sequential
    requests over one keep-alive connection, queries taken in turn; p50 / p95 / p99 / max in ms,
    and the slowest queries.
Prints one JSON line of figures.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_dues import Server, env, members_csv, percentile, run  # noqa: E402  (same server and CSV helpers)
import bench_dues  # noqa: E402

QUESTIONS = int(os.environ.get("QUESTIONS", "20000"))
NOTES = int(os.environ.get("NOTES", "2000"))
bench_dues.MEMBERS = int(os.environ.get("MEMBERS", "500"))
REQUESTS = int(os.environ.get("REQUESTS", "400"))
WARMUP = int(os.environ.get("WARMUP", "40"))
PASSWORD = "banc-d-essai-2026"
JURIST = "juriste@banc.maillage.test"
MEMBER = "adherent@banc.maillage.test"
QUERIES = [
    "licenciement", "licenciements", "période d'essai", "periode essai cddi", "CDDI",
    "mise à disposition", "mises a disposition 480 heures", "agrément", "TVA", "tva association",
    "réglementation", "reglementation iae", "conventionnement ACI", "aide au poste", "congés payés maladie",
    "conges payes", "heures complémentaires", "statuts association", "transfert siège", "marchés publics clause sociale",
    "marche public", "services à la personne", "crédit d'impôt", "avance immédiate", "inaptitude",
    "rupture anticipée", "PASS IAE prolongation", "SCIC", "filiale SAS", "de minimis",
    "attestation fiscale", "reçus fiscaux", "véhicule assurance", "bail commercial", "RGPD conservation",
    "xylophone", "zzz introuvable", "dialogue de gestion", "visite médicale", "salariés en insertion",
]


def login(url: str, email: str) -> requests.Session:
    s = requests.Session()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', s.get(url + "/connexion").text).group(1)
    r = s.post(url + "/connexion", data={"_csrf": csrf, "email": email, "password": PASSWORD}, allow_redirects=False)
    assert r.status_code in (302, 303), f"sign-in {email}: {r.status_code}"
    return s


def measure(url: str, email: str) -> dict:
    s = login(url, email)
    paths = [url + "/juridique/recherche?" + urllib.parse.urlencode({"q": q}) for q in QUERIES]
    first = s.get(paths[0])
    assert first.status_code == 200, f"search page: {first.status_code}"
    for i in range(WARMUP):
        assert s.get(paths[i % len(paths)]).status_code == 200
    times, per_query = [], {q: [] for q in QUERIES}
    for i in range(REQUESTS):
        q = QUERIES[i % len(QUERIES)]
        t = time.perf_counter()
        r = s.get(paths[i % len(paths)])
        ms = (time.perf_counter() - t) * 1000
        assert r.status_code == 200, f"{q}: {r.status_code}"
        times.append(ms)
        per_query[q].append(ms)
    slowest = sorted(((statistics.median(v), q) for q, v in per_query.items() if v), reverse=True)[:3]
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
            "p99_ms": round(percentile(times, 0.99), 1), "max_ms": round(max(times), 1), "requests": REQUESTS,
            "page_bytes": len(first.content), "slowest_queries_median_ms": {q: round(m, 1) for m, q in slowest}}


def main() -> None:
    label = sys.argv[1]
    work = tempfile.mkdtemp(prefix=f"maillage-bench-legal-{label}-")
    pg = os.environ.get("DATABASE_URL")
    if not pg:
        os.environ["DATABASE_PATH"] = os.path.join(work, "bench.sqlite")
    os.environ["MAILLAGE_FILES"] = os.path.join(work, "files")
    rng = random.Random(2026)
    log = os.path.join(os.environ.get("OUT", work), f"bench-legal-{label}-server.log")
    t0 = time.time()
    run(["migrate", "--yes"])
    csv_path = os.path.join(work, "adherents.csv")
    members_csv(csv_path, rng)
    run(["import-members", csv_path, "--apply"], timeout=1800)
    t = time.time()
    out = run(["legal", "bench-data", "--questions", str(QUESTIONS), "--notes", str(NOTES), "--password", PASSWORD],
              timeout=3600).stdout
    generate = time.time() - t
    setup = time.time() - t0
    server = Server(log)
    try:
        jurist = measure(server.url, JURIST)
        member = measure(server.url, MEMBER)
    finally:
        server.stop()
    print(json.dumps({"database": label, "questions": QUESTIONS, "notes": NOTES, "setup_s": round(setup, 1),
                      "bench_data_s": round(generate, 1), "bench_data_output": out.strip(),
                      "jurist": jurist, "member": member}, ensure_ascii=False))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Two Maillage instances on one PostgreSQL behind nginx (round robin), checked from outside.

Run by scripts/two-instances.sh, which starts the throwaway PostgreSQL, migrates it and gives
DATABASE_URL, PSQL (a psql command line) and PG_LOG (its statement log). This script starts
instance A (`maillage demo`, which loads the demo network) on 8111, instance B (`maillage
serve`) on 8112 and nginx on 8110, prints one line per check (PASS / FAIL) and exits non-zero
when one fails. Processes it started are stopped on exit.
"""
from __future__ import annotations

import os
import pathlib
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "security"))
from seclib import (OPEN_YEAR, Client, Demo, answer_path, answer_status, consistent_answer,  # noqa: E402
                    fresh_structure, read_page, submit_answer)

BIN = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
ART = pathlib.Path(os.environ.get("ARTIFACTS", ROOT / "test-artifacts" / "cluster"))
DB = os.environ["DATABASE_URL"]
PSQL = shlex.split(os.environ["PSQL"])
PG_LOG = os.environ.get("PG_LOG", "")
PORT_LB, PORT_A, PORT_B = 8110, 8111, 8112
LB, A, B = (f"http://127.0.0.1:{p}" for p in (PORT_LB, PORT_A, PORT_B))
ADDR = {f"127.0.0.1:{PORT_A}": "A", f"127.0.0.1:{PORT_B}": "B"}

failures: list[str] = []
procs: dict[str, subprocess.Popen] = {}


def check(ok: bool, what: str, detail: str = "") -> bool:
    print(f"{'PASS' if ok else 'FAIL'}  {what}" + (f" — {detail}" if detail else ""), flush=True)
    if not ok:
        failures.append(what)
    return ok


def sql(query: str) -> list[list[str]]:
    out = subprocess.run(PSQL + ["-At", "-F", "|", "-c", query], check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def start_instance(name: str, command: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=DB, MAILLAGE_BASE_URL=LB, LOG_LEVEL="info")
    for var in ("DATABASE_PATH", "MAILLAGE_JOBS"):
        env.pop(var, None)
    log = open(ART / f"instance-{name}.log", "a")
    p = subprocess.Popen([BIN, command, "--hostname", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                         stdout=log, stderr=subprocess.STDOUT)
    procs[name] = p
    return p


def wait_health(base: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if requests.get(base + "/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"instance at {base} stopped (exit {proc.returncode}); see {ART}")
        time.sleep(0.2)
    raise SystemExit(f"instance at {base} did not answer /health within {timeout} s")


def start_nginx(tmp: str) -> subprocess.Popen:
    conf = (ROOT / "Tests" / "cluster" / "nginx.conf.template").read_text()
    conf = (conf.replace("@TMP@", tmp).replace("@PORT@", str(PORT_LB))
            .replace("@A@", f"127.0.0.1:{PORT_A}").replace("@B@", f"127.0.0.1:{PORT_B}"))
    if os.geteuid() == 0:
        conf = "user root;\n" + conf  # workers may then write the temporary directory
    path = pathlib.Path(tmp) / "nginx.conf"
    path.write_text(conf)
    nginx = os.environ.get("NGINX", "/usr/sbin/nginx")
    p = subprocess.Popen([nginx, "-c", str(path), "-p", tmp, "-g", "daemon off;"],
                         stdout=open(ART / "nginx.log", "w"), stderr=subprocess.STDOUT)
    procs["nginx"] = p
    for _ in range(100):
        try:
            requests.get(LB + "/health", timeout=2)
            return p
        except requests.RequestException:
            if p.poll() is not None:
                raise SystemExit(f"nginx stopped; see {ART}/nginx.log and {tmp}/error.log")
            time.sleep(0.1)
    raise SystemExit("nginx did not answer")


def upstream(r: requests.Response) -> str:
    """Which instance answered: the last address nginx tried (`X-Upstream`)."""
    last = r.headers.get("X-Upstream", "").split(",")[-1].strip()
    return ADDR.get(last, last or "?")


def at(base: str, client: Client) -> Client:
    """The same browser (cookie and token) pointed at another address."""
    other = Client(base)
    other.s.cookies = client.s.cookies
    other.csrf, other.role = client.csrf, client.role
    return other


# ------------------------------------------------------------------------------------ checks


def check_round_robin() -> None:
    seen = [upstream(requests.get(LB + "/health", timeout=10)) for _ in range(10)]
    alternate = all(x != y for x, y in zip(seen, seen[1:])) and set(seen) == {"A", "B"}
    check(alternate, "(a) nginx sends requests to A and B in turn", " ".join(seen))


def check_session_everywhere() -> Client:
    member = Client(LB).login_as("member")  # form on one instance, sign-in on the other
    through = [member.get("/compte") for _ in range(4)]
    check(all(r.status_code == 200 for r in through) and {upstream(r) for r in through} == {"A", "B"},
          "(b) a session opened through nginx works on both instances",
          ", ".join(f"{upstream(r)}:{r.status_code}" for r in through))
    direct = {name: at(base, member).get("/compte").status_code for name, base in (("A", A), ("B", B))}
    check(direct == {"A": 200, "B": 200}, "(b) the same cookie, sent to each instance directly", str(direct))
    return member


def check_role_removed() -> None:
    jurist = Client(LB).login_as("jurist")
    on_b = at(B, jurist)
    before = on_b.get("/adherents").status_code
    admin_a = Client(A).login_as("admin")
    users = admin_a.get("/admin/utilisateurs?per_page=200").text
    m = re.search(r'href="(/admin/utilisateurs/[0-9a-fA-F-]{36})"[^>]*>[^<]*</a>(?:(?!href=).)*?juriste@demo', users, re.S) \
        or re.search(r'juriste@demo[^"]*"?(?:(?!href=).)*?href="(/admin/utilisateurs/[0-9a-fA-F-]{36})"', users, re.S)
    user_path = m.group(1) if m else None
    if not user_path:  # fall back: the first user page that shows the jurist's address
        for path in dict.fromkeys(re.findall(r'href="(/admin/utilisateurs/[0-9a-fA-F-]{36})"', users)):
            if "juriste@demo" in admin_a.get(path).text:
                user_path = path
                break
    page = admin_a.get(user_path).text if user_path else ""
    revoke = re.findall(r'action="(' + re.escape(user_path or "-") + r'/roles/[0-9a-fA-F-]{36}/supprimer)"', page)
    if not check(before == 200 and len(revoke) == 1, "(c) setup: the jurist reads the directory on B; one role to remove",
                 f"B {before}, {len(revoke)} role(s)"):
        return
    removed = admin_a.post(revoke[0], {})
    after = on_b.get("/adherents").status_code
    check(removed.status_code in (302, 303) and after == 403,
          "(c) a role removed through A is refused by B at once", f"removal {removed.status_code}, then B {after}")


def check_structure_edited(admin_lb: Client, demo: Demo) -> None:
    s = next(x for x in demo.structures() if x["delegation"] == "PDL" and not x.get("left_on"))
    admin_a, admin_b = at(A, admin_lb), at(B, admin_lb)
    admin_b.get(f"/adherents/{s['id']}")  # B has read it before the change
    form = next(f for f in read_page(admin_a.get(f"/adherents/{s['id']}/modifier").text).forms
                if f.action.endswith("/modifier"))
    new_name = f"{s['name']} (renommée {int(time.time()) % 100000})"
    values = [(k, new_name if k == "name" else v) for k, v in form.values(with_buttons=False) if k != "_csrf"]
    saved = admin_a.post(f"/adherents/{s['id']}/modifier", values)
    shown = admin_b.get(f"/adherents/{s['id']}")
    listed = admin_b.get("/adherents?q=" + requests.utils.quote(new_name))
    check(saved.status_code in (302, 303) and new_name in shown.text and new_name in listed.text,
          "(c) a structure renamed through A shows its new name through B at once (page and directory)",
          f"save {saved.status_code}, page {shown.status_code}, directory {listed.status_code}")


def check_answer_submitted(admin_lb: Client, demo: Demo) -> None:
    admin_a, admin_b = at(A, admin_lb), at(B, admin_lb)
    s = fresh_structure(admin_a, demo, OPEN_YEAR, "PDL", "AI")
    before = answer_status(admin_b, OPEN_YEAR, s["id"], "AI")
    r = submit_answer(admin_a, OPEN_YEAR, s["id"], "AI", consistent_answer("AI"))
    after = answer_status(admin_b, OPEN_YEAR, s["id"], "AI")
    check(r.status_code in (302, 303) and after.startswith("Transmise") and before != after,
          "(c) an answer submitted through A shows as transmitted through B at once",
          f"B before « {before} », submit {r.status_code}, B after « {after} »")


def check_sign_out(member: Client) -> None:
    on_b = at(B, member)
    warm = on_b.get("/compte").status_code
    out = at(A, member)
    old_cookie = member.s.cookies.get("maillage_session")
    bye = out.post("/deconnexion", {})
    stale = requests.get(B + "/compte", cookies={"maillage_session": old_cookie}, allow_redirects=False, timeout=30)
    check(warm == 200 and bye.status_code in (302, 303) and stale.status_code in (302, 303)
          and "/connexion" in stale.headers.get("Location", ""),
          "(c) after a sign-out through A, B refuses the old cookie at once",
          f"B before {warm}, sign-out {bye.status_code}, B after {stale.status_code} → {stale.headers.get('Location')}")


def check_jobs() -> None:
    env = dict(os.environ, DATABASE_URL=DB)
    out = subprocess.run([BIN, "jobs", "probe", "40"], cwd=ROOT, env=env, capture_output=True, text=True)
    if not check(out.returncode == 0, "(d) `maillage jobs probe 40` enqueues 40 probe jobs", (out.stdout + out.stderr).strip()[-200:]):
        return
    deadline = time.time() + 120
    while time.time() < deadline:
        left = int(sql("SELECT COUNT(*) FROM jobs WHERE kind = 'probe' AND status IN ('pending', 'running')")[0][0])
        if left == 0:
            break
        time.sleep(0.5)
    rows = sql("SELECT job_id, instance FROM probe_runs")
    jobs = {r[0] for r in sql("SELECT id FROM jobs WHERE kind = 'probe'")}
    per_job: dict[str, int] = {}
    for job, _ in rows:
        per_job[job] = per_job.get(job, 0) + 1
    instances = {inst for _, inst in rows}
    by_instance = {i: sum(1 for _, x in rows if x == i) for i in instances}
    check(len(jobs) == 40 and set(per_job) == jobs and all(n == 1 for n in per_job.values()),
          "(d) each of the 40 probe jobs ran exactly once", f"{len(rows)} runs of {len(per_job)} jobs")
    check(len(instances) == 2, "(d) the probe jobs were run by both instances", str(by_instance))
    # Daily schedules: every instance checks them (at start, then every minute).
    paris = datetime.now(ZoneInfo("Europe/Paris"))
    today = paris.strftime("%Y-%m-%d")
    deadline = time.time() + 75
    runs: list[list[str]] = []
    while time.time() < deadline:
        runs = sql(f"SELECT name, day, COUNT(*) FROM schedule_runs WHERE day = '{today}' GROUP BY name, day")
        if runs:
            break
        time.sleep(1)
    dupes = sql("SELECT unique_key, COUNT(*) FROM jobs WHERE unique_key LIKE 'schedule:%' GROUP BY unique_key HAVING COUNT(*) > 1")
    # `housekeeping` is due from midnight (Paris): whatever the hour, one schedule is due today.
    check(any(r[0] == "housekeeping" for r in runs) and all(r[2] == "1" for r in runs) and not dupes,
          "(d) daily schedules ran once for the day although both instances schedule them",
          ", ".join(f"{r[0]} {r[1]}×{r[2]}" for r in runs) + (f"; duplicate jobs {dupes}" if dupes else ""))
    deadline = time.time() + 30
    while True:
        done = sql("SELECT COUNT(*) FROM jobs WHERE kind = 'housekeeping' AND status = 'done'")
        if (done and done[0][0] != "0") or time.time() > deadline:
            break
        time.sleep(0.5)
    check(done and done[0][0] == "1", "(d) the housekeeping job of the day ran once", str(done))


def check_stop_one(member_lb: Client) -> None:
    """SIGTERM to B during a stream of GETs through nginx: none is lost; then B starts again."""
    statuses: list[tuple[int, str]] = []
    stop = threading.Event()
    paths = ["/", "/compte", "/adherents", "/health"]

    def stream() -> None:
        c = at(LB, member_lb)
        i = 0
        while not stop.is_set():
            try:
                r = c.get(paths[i % len(paths)], timeout=30)
                statuses.append((r.status_code, r.headers.get("X-Upstream", "")))
            except requests.RequestException as e:
                statuses.append((0, str(e)[:80]))
            i += 1

    threads = [threading.Thread(target=stream) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(2)
    procs["B"].send_signal(signal.SIGTERM)
    code = procs["B"].wait(timeout=30)
    time.sleep(2)
    stop.set()
    for t in threads:
        t.join()
    bad = [s for s in statuses if s[0] != 200]
    retried = sum(1 for _, up in statuses if "," in up)
    check(not bad and len(statuses) > 20,
          "(e) SIGTERM to B during a stream of GETs through nginx: every request answered 200",
          f"{len(statuses)} requests, {len(bad)} not 200 {bad[:3]}, {retried} retried on A, B exited {code}")
    check(code == 0, "(e) B stopped cleanly on SIGTERM (exit 0, no crash while draining)", f"exit code {code}")
    start_instance("B", "serve", PORT_B)
    wait_health(B, procs["B"], 120)
    again: set[str] = set()
    deadline = time.time() + 10  # nginx tries a failed upstream again after fail_timeout (2 s)
    while again != {"A", "B"} and time.time() < deadline:
        again |= {upstream(requests.get(LB + "/health", timeout=10))}
        time.sleep(0.2)
    check(again == {"A", "B"}, "(e) B restarted: nginx sends it requests again", str(sorted(again)))


def measure_queries(member_lb: Client) -> None:
    """Statements per signed-in page on a warm instance, from PostgreSQL's statement log."""
    if not PG_LOG or not os.path.exists(PG_LOG):
        return
    on_a = at(A, member_lb)
    on_a.get("/compte")
    n = 20
    start = os.path.getsize(PG_LOG)
    for _ in range(n):
        on_a.get("/compte")
    time.sleep(0.5)
    with open(PG_LOG, errors="replace") as f:
        f.seek(start)
        lines = [line for line in f if re.search(r"LOG:\s+(execute|statement)", line)]
    ours = [line for line in lines if not re.search(r"\b(jobs|schedule_runs|probe_runs)\b", line)]
    tables = {t: sum(1 for line in ours if re.search(rf"\b{t}\b", line)) / n
              for t in ("cache_versions", "sessions", "users", "role_grants", "api_tokens")}
    print(f"MEASURE  statements per warm signed-in page (/compte, {n} pages on A): {len(ours) / n:.2f} "
          f"(by table: {tables}); job workers meanwhile: {len(lines) - len(ours)}", flush=True)


def main() -> int:
    ART.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="maillage-nginx-")
    try:
        t0 = time.time()
        start_instance("A", "demo", PORT_A)
        wait_health(A, procs["A"], 600)
        start_instance("B", "serve", PORT_B)
        wait_health(B, procs["B"], 120)
        start_nginx(tmp)
        token = ""
        for _ in range(50):
            found = re.findall(r"mlg_[A-Za-z0-9_-]+", (ART / "instance-A.log").read_text(errors="replace"))
            if found:
                token = found[-1]
                break
            time.sleep(0.1)
        print(f"instances A (demo) :{PORT_A}, B (serve) :{PORT_B}, nginx :{PORT_LB} ready in {time.time() - t0:.0f} s", flush=True)
        demo = Demo(A, token)
        check_round_robin()
        member = check_session_everywhere()
        admin = Client(LB).login_as("admin")
        check_role_removed()
        check_structure_edited(admin, demo)
        check_answer_submitted(admin, demo)
        measure_queries(member)
        check_jobs()
        check_stop_one(member)
        check_sign_out(member)
        log = (pathlib.Path(tmp) / "access.log").read_text(errors="replace")
        ups = {name: log.count(f"upstream={addr}") for addr, name in ADDR.items()}
        check(all(v > 0 for v in ups.values()), "(a) nginx's access log shows both upstreams", str(ups))
        (ART / "nginx-access.log").write_text(log)
    finally:
        for name in ("nginx", "B", "A"):
            p = procs.get(name)
            if p and p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()
    print(f"{'ALL CHECKS PASSED' if not failures else 'FAILED: ' + '; '.join(failures)}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

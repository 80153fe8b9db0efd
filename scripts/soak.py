#!/usr/bin/env python3
"""Soak load of issue #10: signed-in users of several roles on the main pages, memory sampled.

Started by scripts/soak.sh (which starts the server); usable alone against a running server:

    python3 scripts/soak.py --base http://127.0.0.1:8121 --pid SERVER_PID --duration 600

Standard library only. One asyncio loop keeps CONCURRENCY keep-alive connections busy
(closed loop: each connection sends its next request as soon as the previous answer is read),
each request with the session cookie of one of the signed-in users and one page of that user's
role, rotating through every (user, page) pair in a fixed shuffled order. Latency is the time
from writing the request to reading the last byte of the body.

Every SAMPLE seconds (and once before the load) it reads the server's VmRSS and RssAnon from
/proc/PID/status, its CPU time from /proc/PID/stat, the load average and, with --pg-data,
the total VmRSS/RssAnon of the PostgreSQL backends (children of the postmaster).

The memory reference ("start") is the first sample taken once WARMUP seconds of load have
passed: the first requests fill caches that are meant to stay (the directory snapshot, the
campaigns' figure cubes, sessions and users, Leaf's compiled templates, SQLite's page cache,
malloc's arenas for 16 connections), which is a step, not a growth. Latencies are counted
after the warm-up too; errors are counted throughout.

Errors: connection errors, any status outside 2xx/3xx, a redirect to the sign-in page (the
session was lost), and a 200 page without the sign-out button when it had one at discovery.
Exit status: 0 when there were no errors and end/start memory <= 1 + MAX_GROWTH; 1 otherwise;
2 when the setup failed.
"""
import argparse
import asyncio
import csv
import datetime
import http.client
import os
import platform
import random
import re
import statistics
import sys
import time
import urllib.parse

PASSWORD = "maillage-demo"
ACCOUNTS = {  # Tests/e2e/conftest.py
    "admin": "admin@demo.maillage.test",
    "delegate": "delegue.pdl@demo.maillage.test",
    "member": "adherent@demo.maillage.test",
}
CSRF_RE = re.compile(r'name="_csrf" value="([^"]*)"')
SIGNED_IN_MARK = b'id="logout"'


# --- setup: synchronous sign-in and discovery (http.client, cookie kept by hand) -----------

class Browser:
    def __init__(self, host, port):
        self.host, self.port, self.cookie = host, port, None

    def request(self, method, path, body=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Accept": "text/html", "User-Agent": "maillage-soak"}
        if self.cookie:
            headers["Cookie"] = f"maillage_session={self.cookie}"
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        res = conn.getresponse()
        data = res.read()
        for name, value in res.getheaders():
            if name.lower() == "set-cookie" and value.startswith("maillage_session="):
                self.cookie = value.split(";", 1)[0].split("=", 1)[1]
        conn.close()
        return res.status, res.getheader("Location"), data.decode("utf-8", "replace")

    def sign_in(self, email):
        status, _, html = self.request("GET", "/connexion")
        m = CSRF_RE.search(html)
        if status != 200 or not m:
            raise SystemExit(f"setup: no sign-in form at /connexion ({status})")
        status, location, _ = self.request("POST", "/connexion",
                                           {"_csrf": m.group(1), "email": email, "password": PASSWORD})
        if status not in (302, 303) or (location or "").rstrip("/").endswith("/connexion"):
            raise SystemExit(f"setup: sign-in of {email} failed ({status} → {location})")
        self.request("GET", "/")  # as a browser would: the session's CSRF token is made here
        return self.cookie

    def links(self, path, pattern):
        status, _, html = self.request("GET", path)
        return sorted(set(re.findall(pattern, html))) if status == 200 else []


def discover(host, port):
    """Returns {role: [(page name, [paths])]} from what the demo shows each role."""
    admin, delegate, member = (Browser(host, port) for _ in range(3))
    admin.sign_in(ACCOUNTS["admin"]); delegate.sign_in(ACCOUNTS["delegate"]); member.sign_in(ACCOUNTS["member"])
    uuid = r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"
    years = sorted({int(y) for y in admin.links("/observatoire", r'href="/observatoire/(\d{4})"')})
    open_years = [y for y in years if admin.links(f"/observatoire/{y}", rf'href="(/observatoire/{y}/cloturer)"')]
    if not years or not open_years:
        raise SystemExit(f"setup: no open campaign found (years {years})")
    open_year = open_years[-1]
    report_years = [y for y in years if y != open_year]
    report_year = report_years[-1] if report_years else open_year
    all_structures = admin.links("/adherents", rf'href="/adherents/({uuid})"')
    deleg_structures = delegate.links("/adherents", rf'href="/adherents/({uuid})"')
    deleg_code = (delegate.links("/observatoire", rf'href="/observatoire/{report_year}/rapport/([A-Z]+)"')
                  or ["PDL"])[0]
    home = member.links("/", r'href="(/[^"#]*)"')
    own = [p for p in home if re.fullmatch(rf"/adherents/{uuid}", p)]
    answers = [p for p in home if p.startswith(f"/observatoire/{open_year}/reponses/")]
    benchmarks = [p for p in home if "/positionnement/" in p]
    if not (all_structures and deleg_structures and own and answers):
        raise SystemExit("setup: could not find structures or the member's answer form in the demo")
    y, r = open_year, report_year
    pages = {
        "admin": [
            ("home", ["/"]),
            ("directory", ["/adherents"]),
            ("directory filtered", ["/adherents?delegation=PDL&sort=name", "/adherents?type=ACI",
                                    "/adherents?status=actif&sort=-name", "/adherents?department=44",
                                    "/adherents?delegation=IDF&type=EI&sort=commune"]),
            ("structure", [f"/adherents/{s}" for s in all_structures[:8]]),
            ("delegations", ["/delegations"]),
            ("campaign follow-up", [f"/observatoire/{y}", f"/observatoire/{y}?delegation=PDL&etat=brouillon",
                                    f"/observatoire/{y}?sort=state"]),
            ("validation queue", [f"/observatoire/{y}/validation"]),
            ("national report", [f"/observatoire/{r}/rapport"]),
            ("delegation report", [f"/observatoire/{r}/rapport/PDL", f"/observatoire/{r}/rapport/IDF"]),
            ("journal", ["/admin/journal", "/admin/journal?quoi=structure", "/admin/journal?sort=auteur"]),
            ("outbox", ["/admin/courriels", "/admin/courriels?statut=en_attente"]),
        ],
        "delegate": [
            ("home", ["/"]),
            ("directory", ["/adherents"]),
            ("directory filtered", ["/adherents?type=ACI", "/adherents?sort=-name&status=actif"]),
            ("structure", [f"/adherents/{s}" for s in deleg_structures[:8]]),
            ("campaign follow-up", [f"/observatoire/{y}", f"/observatoire/{y}?etat=brouillon"]),
            ("validation queue", [f"/observatoire/{y}/validation"]),
            ("delegation report", [f"/observatoire/{r}/rapport/{deleg_code}"]),
        ],
        "member": [
            ("home", ["/"]),
            ("structure", own[:4]),
            ("answer form", answers[:4]),
            ("benchmark", benchmarks[:4] or own[:1]),
            ("national report", [f"/observatoire/{r}/rapport"]),
        ],
    }
    info = {"open campaign": open_year, "report campaign": report_year, "delegate's delegation": deleg_code}
    return pages, info


def check_pages(host, port, cookies, pages):
    """Each path once with each role's first session: 200 expected. Returns marks and excluded."""
    needs_mark, excluded = {}, []
    for role, entries in pages.items():
        b = Browser(host, port)
        b.cookie = cookies[role][0]
        kept = []
        for name, paths in entries:
            ok_paths = []
            for p in paths:
                status, location, html = b.request("GET", p)
                if status == 200:
                    ok_paths.append(p)
                    needs_mark[p] = SIGNED_IN_MARK.decode() in html
                else:
                    excluded.append(f"{role} {p}: {status} {location or ''}".strip())
            if ok_paths:
                kept.append((name, ok_paths))
        pages[role] = kept
    return needs_mark, excluded


# --- load -----------------------------------------------------------------------------------

class Stats:
    def __init__(self):
        self.lat = {}          # page key -> [seconds] (after warm-up)
        self.count = {}        # page key -> requests (after warm-up)
        self.errors = {}       # page key -> errors (whole run)
        self.error_samples = []
        self.total = 0         # every request, warm-up included
        self.total_errors = 0
        self.warmup_requests = 0
        self.bytes = 0
        self.cookie_changes = 0
        self.window_requests = 0
        self.window_errors = 0
        self.next = 0          # the next (session, path) pair: one rotation shared by all connections


async def read_response(reader):
    line = await reader.readline()
    if not line:
        raise ConnectionError("connection closed by the server")
    parts = line.split(None, 2)
    status = int(parts[1])
    headers = {}
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b"\n"):
            break
        if not h:
            raise ConnectionError("connection closed in the headers")
        k, _, v = h.decode("latin-1").partition(":")
        headers.setdefault(k.strip().lower(), []).append(v.strip())
    first = lambda k: (headers.get(k) or [""])[0]
    if first("content-length"):
        body = await reader.readexactly(int(first("content-length")))
    elif first("transfer-encoding").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readline()).split(b";")[0].strip(), 16)
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        body = await reader.read()
        headers["connection"] = ["close"]
    return status, headers, body


async def worker(n, args, plan, marks, stats, t0, stop_at, warm_until):
    host, port = args.host, args.port
    reader = writer = None
    while True:
        now = time.monotonic()
        if now >= stop_at:
            break
        key, path, cookie = plan[stats.next]
        stats.next = (stats.next + 1) % len(plan)
        error = None
        start = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: maillage-soak\r\n"
                          f"Accept: text/html\r\nCookie: maillage_session={cookie}\r\n\r\n").encode())
            status, headers, body = await asyncio.wait_for(read_response(reader), timeout=args.timeout)
            elapsed = time.perf_counter() - start
            stats.bytes += len(body)
            if any(c.startswith("maillage_session=") and not c.startswith(f"maillage_session={cookie};")
                   for c in headers.get("set-cookie", [])):
                stats.cookie_changes += 1
            location = (headers.get("location") or [""])[0]
            if not (200 <= status < 400):
                error = f"HTTP {status}"
            elif 300 <= status < 400 and "/connexion" in location:
                error = f"HTTP {status} to {location} (session lost)"
            elif status == 200 and marks.get(path) and SIGNED_IN_MARK not in body:
                error = "200 without the sign-out button (not signed in?)"
            if (headers.get("connection") or [""])[0].lower() == "close":
                writer.close()
                reader = writer = None
        except (OSError, ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError, IndexError) as e:
            elapsed = time.perf_counter() - start
            error = f"{type(e).__name__}: {e}"
            if writer is not None:
                writer.close()
            reader = writer = None
        stats.total += 1
        stats.window_requests += 1
        if error:
            stats.total_errors += 1
            stats.window_errors += 1
            stats.errors[key] = stats.errors.get(key, 0) + 1
            if len(stats.error_samples) < 20:
                stats.error_samples.append(f"{time.monotonic() - t0:7.1f}s {path}: {error}")
        if time.monotonic() < warm_until:
            stats.warmup_requests += 1
        else:
            stats.count[key] = stats.count.get(key, 0) + 1
            stats.lat.setdefault(key, []).append(elapsed)
    if writer is not None:
        writer.close()


# --- sampling -------------------------------------------------------------------------------

def proc_status(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "RssAnon:", "VmHWM:", "Threads:")):
                    k, v = line.split(":", 1)
                    out[k] = int(v.split()[0])  # kB (Threads: a count)
    except FileNotFoundError:
        pass
    return out


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (FileNotFoundError, IndexError):
        return float("nan")


def pg_backends(pg_data):
    """Children of the postmaster: (count, total VmRSS kB, total RssAnon kB)."""
    try:
        with open(os.path.join(pg_data, "postmaster.pid")) as f:
            master = int(f.readline())
    except (FileNotFoundError, ValueError):
        return 0, 0, 0
    n = rss = anon = 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            if ppid != master:
                continue
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        # client backends only ("postgres: user db 127.0.0.1(port) ..."), not the checkpointer etc.
        if b"127.0.0.1(" not in cmd and b"[local]" not in cmd:
            continue
        s = proc_status(d)
        n += 1; rss += s.get("VmRSS", 0); anon += s.get("RssAnon", 0)
    return n, rss, anon


async def sampler(args, stats, t0, stop_at, warm_until, rows, writer_csv, csv_file):
    last_cpu = cpu_seconds(args.pid)
    last_t = time.monotonic()
    next_t = t0
    while True:
        now = time.monotonic()
        s = proc_status(args.pid)
        if not s:
            print("the server process is gone", file=sys.stderr)
        cpu = cpu_seconds(args.pid)
        dt = max(now - last_t, 1e-9)
        n, pg_rss, pg_anon = pg_backends(args.pg_data) if args.pg_data else (0, 0, 0)
        row = {
            "t_s": round(now - t0, 1),
            "phase": "idle" if not rows else ("warm-up" if now < warm_until - 0.5 else "measured"),
            "rss_mb": round(s.get("VmRSS", 0) / 1024, 1),
            "rss_anon_mb": round(s.get("RssAnon", 0) / 1024, 1),
            "threads": s.get("Threads", 0),
            "server_cpu_pct": round(100 * (cpu - last_cpu) / dt, 1) if rows else 0.0,
            "req_per_s": round(stats.window_requests / dt, 1) if rows else 0.0,
            "errors": stats.window_errors,
            "loadavg_1m": os.getloadavg()[0],
            "pg_backends": n,
            "pg_rss_mb": round(pg_rss / 1024, 1),
            "pg_rss_anon_mb": round(pg_anon / 1024, 1),
        }
        stats.window_requests = stats.window_errors = 0
        last_cpu, last_t = cpu, now
        rows.append(row)
        writer_csv.writerow(row)
        csv_file.flush()
        if args.verbose:
            print(f"  t={row['t_s']:6.1f}s {row['phase']:8} RSS {row['rss_mb']:6.1f} MB  "
                  f"{row['req_per_s']:6.1f} req/s  cpu {row['server_cpu_pct']:5.1f} %  load {row['loadavg_1m']:.2f}"
                  + (f"  PG {n} backends {row['pg_rss_mb']} MB" if args.pg_data else ""), flush=True)
        if now >= stop_at - 0.5:
            break
        next_t += args.sample
        # Samples fall on multiples of SAMPLE from the start: the first one at or after the
        # warm-up is the memory reference.
        await asyncio.sleep(max(0.0, min(next_t, stop_at) - time.monotonic()))


# --- report ---------------------------------------------------------------------------------

def pct(values, q):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(round(q * len(v) + 0.5)) - 1))]


def ms(x):
    return "—" if x != x else (f"{x * 1000:.0f} ms" if x >= 0.0995 else f"{x * 1000:.1f} ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="http://127.0.0.1:8121")
    ap.add_argument("--pid", type=int, required=True, help="server process id (memory is read from /proc)")
    ap.add_argument("--duration", type=float, default=600)
    ap.add_argument("--warmup", type=float, default=30)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--sessions", type=int, default=2, help="signed-in sessions per role")
    ap.add_argument("--sample", type=float, default=10)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--max-growth", type=float, default=0.10)
    ap.add_argument("--pg-data", help="PostgreSQL data directory (samples the backends' memory)")
    ap.add_argument("--label", default="sqlite")
    ap.add_argument("--out", default="test-artifacts/soak")
    ap.add_argument("--setup-note", default="", help="a line about the binary and database, for the report")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    u = urllib.parse.urlsplit(args.base)
    args.host, args.port = u.hostname, u.port or 80
    os.makedirs(args.out, exist_ok=True)

    pages, info = discover(args.host, args.port)
    cookies = {role: [Browser(args.host, args.port).sign_in(email) for _ in range(args.sessions)]
               for role, email in ACCOUNTS.items()}
    marks, excluded = check_pages(args.host, args.port, cookies, pages)
    plan = []
    for role, entries in pages.items():
        for name, paths in entries:
            for p in paths:
                for c in cookies[role]:
                    plan.append((f"{role} · {name}", p, c))
    random.Random(10).shuffle(plan)
    n_paths = sum(len(p) for e in pages.values() for _, p in e)
    print(f"soak: {len(cookies) * args.sessions} sessions ({', '.join(cookies)} × {args.sessions}), "
          f"{n_paths} paths in {sum(len(e) for e in pages.values())} pages, {len(plan)} (session, path) pairs; "
          f"{info}", flush=True)
    for x in excluded:
        print(f"  EXCLUDED (not 200 at discovery): {x}", flush=True)
    print(f"soak: {args.concurrency} connections, warm-up {args.warmup:.0f} s then {args.duration:.0f} s measured, "
          f"memory every {args.sample:.0f} s", flush=True)

    stats = Stats()
    rows = []
    csv_path = os.path.join(args.out, f"{args.label}-memory.csv")
    fields = ["t_s", "phase", "rss_mb", "rss_anon_mb", "threads", "server_cpu_pct", "req_per_s", "errors",
              "loadavg_1m", "pg_backends", "pg_rss_mb", "pg_rss_anon_mb"]
    started = datetime.datetime.now(datetime.timezone.utc)
    client_cpu0 = time.process_time()
    server_cpu0 = cpu_seconds(args.pid)

    async def run():
        with open(csv_path, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            t0 = time.monotonic()
            warm_until = t0 + args.warmup
            stop_at = warm_until + args.duration
            tasks = [asyncio.create_task(sampler(args, stats, t0, stop_at, warm_until, rows, w, f))]
            await asyncio.sleep(0.05)  # the idle sample first
            tasks += [asyncio.create_task(worker(n, args, plan, marks, stats, t0, stop_at, warm_until))
                      for n in range(args.concurrency)]
            await asyncio.gather(*tasks[1:])
            await tasks[0]
            # the end sample, right after the load
            s = proc_status(args.pid)
            n, pg_rss, pg_anon = pg_backends(args.pg_data) if args.pg_data else (0, 0, 0)
            end = {"t_s": round(time.monotonic() - t0, 1), "phase": "end", "rss_mb": round(s.get("VmRSS", 0) / 1024, 1),
                   "rss_anon_mb": round(s.get("RssAnon", 0) / 1024, 1), "threads": s.get("Threads", 0),
                   "server_cpu_pct": 0.0, "req_per_s": 0.0, "errors": 0, "loadavg_1m": os.getloadavg()[0],
                   "pg_backends": n, "pg_rss_mb": round(pg_rss / 1024, 1), "pg_rss_anon_mb": round(pg_anon / 1024, 1)}
            rows.append(end); w.writerow(end)

    asyncio.run(run())
    server_cpu = cpu_seconds(args.pid) - server_cpu0
    client_cpu = time.process_time() - client_cpu0

    measured = [r for r in rows if r["phase"] in ("measured", "end")]
    if not measured:
        print("no sample after the warm-up", file=sys.stderr)
        return 2
    idle = rows[0]
    start, end = measured[0], measured[-1]
    peak = max(measured, key=lambda r: r["rss_mb"])
    ratio = end["rss_mb"] / start["rss_mb"] if start["rss_mb"] else float("nan")
    peak_ratio = peak["rss_mb"] / start["rss_mb"] if start["rss_mb"] else float("nan")
    # least-squares slope of RSS over the measured samples, in MB per 10 minutes
    xs = [r["t_s"] for r in measured]; ys = [r["rss_mb"] for r in measured]
    slope = 0.0
    if len(xs) > 2 and statistics.pvariance(xs) > 0:
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs) * 600
    loads = [r["loadavg_1m"] for r in rows]
    all_lat = [x for v in stats.lat.values() for x in v]
    n_measured = sum(stats.count.values())

    lines = []
    lines.append(f"### Soak `{args.label}`: {started:%Y-%m-%d %H:%M} UTC")
    lines.append("")
    if args.setup_note:
        lines.append(args.setup_note)
        lines.append("")
    lines.append(f"{len(cookies) * args.sessions} signed-in sessions ({', '.join(f'{r} × {args.sessions}' for r in cookies)}), "
                 f"{args.concurrency} keep-alive connections, warm-up {args.warmup:.0f} s, measured {args.duration:.0f} s; "
                 f"open campaign {info['open campaign']}, reports of {info['report campaign']}. "
                 f"Machine: {os.cpu_count()} cores, load average {min(loads):.1f}–{max(loads):.1f} during the run "
                 f"(server + client + anything else running), {platform.platform(terse=True)}.")
    lines.append("")
    lines.append("| page (role · page) | paths | requests | errors | p50 | p99 |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for role, entries in pages.items():
        for name, paths in entries:
            key = f"{role} · {name}"
            v = stats.lat.get(key, [])
            lines.append(f"| {key} | {len(paths)} | {stats.count.get(key, 0):,} | {stats.errors.get(key, 0)} | "
                         f"{ms(pct(v, 0.50))} | {ms(pct(v, 0.99))} |")
    lines.append(f"| **all pages** | {n_paths} | **{n_measured:,}** | **{stats.total_errors}** | "
                 f"**{ms(pct(all_lat, 0.50))}** | **{ms(pct(all_lat, 0.99))}** |")
    lines.append("")
    lines.append(f"Throughput after the warm-up: **{n_measured / args.duration:.1f} req/s** "
                 f"({n_measured:,} requests in {args.duration:.0f} s; {stats.warmup_requests:,} more during the warm-up; "
                 f"{stats.bytes / 1e6:,.0f} MB of pages read). Server CPU {server_cpu:.0f} s "
                 f"({1000 * server_cpu / max(stats.total, 1):.1f} ms a request, all included); "
                 f"load client CPU {client_cpu:.1f} s. Responses that changed the session cookie: {stats.cookie_changes}.")
    lines.append("")
    lines.append("| server memory (VmRSS) | MB |")
    lines.append("|---|---:|")
    lines.append(f"| idle, before the load | {idle['rss_mb']:.1f} |")
    lines.append(f"| start (t = {start['t_s']:.0f} s, after the warm-up) | {start['rss_mb']:.1f} |")
    lines.append(f"| peak (t = {peak['t_s']:.0f} s) | {peak['rss_mb']:.1f} |")
    lines.append(f"| end (t = {end['t_s']:.0f} s) | {end['rss_mb']:.1f} |")
    lines.append(f"| **end / start** | **{ratio:.3f}** (peak / start {peak_ratio:.3f}; trend {slope:+.1f} MB per 10 min) |")
    if args.pg_data:
        lines.append(f"| PostgreSQL backends, start → peak → end (VmRSS, {start['pg_backends']} backends) | "
                     f"{start['pg_rss_mb']:.1f} → {max(r['pg_rss_mb'] for r in measured):.1f} → {end['pg_rss_mb']:.1f} |")
        lines.append(f"| PostgreSQL backends' private memory (RssAnon), start → end | "
                     f"{start['pg_rss_anon_mb']:.1f} → {end['pg_rss_anon_mb']:.1f} |")
    lines.append("")
    series = ", ".join(f"{r['rss_mb']:.0f}" for r in rows)
    lines.append(f"Memory series (MB, every {args.sample:.0f} s from t = 0, warm-up included): {series}. "
                 f"CSV: `{csv_path}`.")
    ok_errors = stats.total_errors == 0
    ok_memory = ratio <= 1 + args.max_growth
    lines.append("")
    lines.append(f"Verdict: errors {'0 — met' if ok_errors else f'{stats.total_errors} — NOT MET'}; "
                 f"memory end/start {ratio:.3f} — {'flat within' if ok_memory else 'NOT flat within'} "
                 f"{args.max_growth * 100:.0f} %.")
    if excluded:
        lines.append("")
        lines.append("Excluded at discovery (not 200): " + "; ".join(excluded))
    if stats.error_samples:
        lines.append("")
        lines.append("First errors:")
        lines += [f"    {e}" for e in stats.error_samples]
    report = "\n".join(lines) + "\n"
    md_path = os.path.join(args.out, f"{args.label}.md")
    with open(md_path, "w") as f:
        f.write(report)
    print()
    print(report)
    print(f"written: {md_path}, {csv_path}")
    return 0 if ok_errors and ok_memory else 1


if __name__ == "__main__":
    sys.exit(main())

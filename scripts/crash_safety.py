#!/usr/bin/env python3
"""kill -9 crash safety: an operation killed at any moment leaves nothing half saved.

For each operation (member import, answers import, campaign close), RUNS times: copy a
prepared demo database, start the operation, SIGKILL it after a random delay between 0 and
the operation's typical duration (measured first on an uninterrupted run), then check the
database with the sqlite3 module: integrity and foreign keys ok, and either everything of
the operation is there (its data and exactly its audit entries) or nothing is.

Called by scripts/crash-safety.sh, which checks the requirements. Standard library only.
"""
import argparse
import http.client
import os
import random
import re
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import time
import urllib.parse
from decimal import Decimal, InvalidOperation

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADMIN = ("admin@demo.maillage.test", "maillage-demo")  # Sources/Maillage/Demo/DemoNetwork.swift
CAMPAIGN = 2025  # DemoCampaigns.openYear: the open campaign of the demo
NEW_STRUCTURES = 400
UPDATED_STRUCTURES = 100


class Inconsistent(Exception):
    pass


# ---------------------------------------------------------------- processes and HTTP

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(db):
    env = dict(os.environ)
    env.update(DATABASE_PATH=db, MAILLAGE_ROOT=ROOT, LOG_LEVEL=env.get("LOG_LEVEL", "warning"))
    return env


def spawn(binary, args, db, log):
    with open(log, "ab") as out:
        return subprocess.Popen([binary] + args, cwd=ROOT, env=env_for(db), stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def wait_health(port, proc, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {proc.returncode}) before answering /health")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("no answer on /health")


def stop(proc, sig=signal.SIGTERM, timeout=60):
    """Ends a process this script started, by its pid."""
    if proc.poll() is None:
        proc.send_signal(sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Browser:
    """Just enough of a browser: one cookie (the session), forms with their CSRF field."""

    def __init__(self, port, cookie=None):
        self.port, self.cookie = port, cookie

    def request(self, method, path, form=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("maillage_session="):
                self.cookie = value.split(";", 1)[0]
        return response.status, text

    @staticmethod
    def csrf(page):
        match = re.search(r'name="_csrf" value="([^"]+)"', page)
        if not match:
            raise RuntimeError("no _csrf field in the page")
        return match.group(1)


# ---------------------------------------------------------------- the database

def connect(db):
    return sqlite3.connect(db, timeout=30)


def scalar(conn, sql, *args):
    return conn.execute(sql, args).fetchone()[0]


def audit_ids(conn, entity, action, summary_prefix):
    return {row[0] for row in conn.execute(
        "SELECT entity_id FROM audit_entries WHERE entity = ? AND action = ? AND summary LIKE ?",
        (entity, action, summary_prefix + "%"))}


def check_integrity(conn):
    result = scalar(conn, "PRAGMA integrity_check")
    if result != "ok":
        raise Inconsistent(f"integrity_check: {result}")
    bad = conn.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        raise Inconsistent(f"foreign_key_check: {bad[:3]}")


def luhn_ok(digits):
    total = 0
    for offset, ch in enumerate(reversed(digits)):
        value = int(ch)
        if offset % 2 == 1:
            value *= 2
            value = value - 9 if value > 9 else value
        total += value
    return total % 10 == 0


def make_siret(n):
    head = f"9{n:08d}0001"  # SIREN 9xxxxxxxx: not used by the demo network
    for key in range(10):
        if luhn_ok(head + str(key)):
            return head + str(key)
    raise AssertionError


def decimal(text):
    try:
        return Decimal(str(text).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return None


def csv_line(cells):
    return ";".join('"' + c.replace('"', '""') + '"' if any(x in c for x in ';"\r\n') else c for c in cells)


# ---------------------------------------------------------------- operations

class MemberImport:
    """`maillage import-members FILE --apply`: 400 structures created, 100 updated, one transaction."""
    name = "member-import"

    def prepare(self, work, db):
        conn = connect(db)
        rows = conn.execute(
            "SELECT s.id, s.siret, s.name, s.types, s.commune, s.department_code, s.address, m.status "
            "FROM structures s JOIN memberships m ON m.structure_id = s.id AND m.left_on IS NULL "
            "WHERE s.left_on IS NULL ORDER BY s.siret LIMIT ?", (UPDATED_STRUCTURES,)).fetchall()
        existing = {r[0] for r in conn.execute("SELECT siret FROM structures")}
        self.baseline = self.audit(conn)
        conn.close()
        header = ["siret", "nom", "types", "adresse", "code_postal", "commune", "departement", "statut"]
        lines = [csv_line(header)]
        self.new = {}
        n = 0
        while len(self.new) < NEW_STRUCTURES:
            n += 1
            siret = make_siret(n)
            if siret in existing:
                continue
            self.new[siret] = (f"Structure témoin {n:04d}", "Nantes", "44")
            lines.append(csv_line([siret, self.new[siret][0], "AI", f"{n} rue du Test", "44000", "Nantes", "44", "actif"]))
        self.updated = {}
        for sid, siret, name, types, commune, dept, address, status in rows:
            marker = f"{address or 'sans adresse'} (import témoin)"
            self.updated[sid] = (address, marker)
            statut = {"active": "actif", "associate": "associé"}.get(status, status)
            lines.append(csv_line([siret, name, ",".join(t for t in types.split(",") if t), marker, "", commune, dept, statut]))
        self.file = os.path.join(work, "members.csv")
        with open(self.file, "w", encoding="utf-8") as f:
            f.write("\r\n".join(lines) + "\r\n")
        return self.file

    def audit(self, conn):
        return (audit_ids(conn, "structure", "create", "Import : création"),
                audit_ids(conn, "adhesion", "create", "Import : adhésion"),
                audit_ids(conn, "structure", "update", "Import : mise à jour"))

    def start(self, binary, db, log):
        return spawn(binary, ["import-members", self.file, "--apply"], db, log)

    phase = staticmethod(lambda log, wal_path: "committed" if wal_committed(wal_path) else cli_phase(log))

    def check(self, db):
        conn = connect(db)
        try:
            check_integrity(conn)
            marks = ",".join("?" * len(self.new))
            created = {r[0]: r[1:] for r in conn.execute(
                f"SELECT siret, name, commune, department_code, id FROM structures WHERE siret IN ({marks})", list(self.new))}
            address = {r[0]: r[1] for r in conn.execute(
                f"SELECT id, address FROM structures WHERE id IN ({','.join('?' * len(self.updated))})", list(self.updated))}
            updated = {sid for sid, (_, marker) in self.updated.items() if address.get(sid) == marker}
            untouched = {sid for sid, (old, _) in self.updated.items() if address.get(sid) == old}
            new_ids = {v[3] for v in created.values()}
            memberships = {r[0] for r in conn.execute(
                f"SELECT id FROM memberships WHERE structure_id IN ({','.join('?' * len(new_ids))})", list(new_ids))} if new_ids else set()
            audit_create, audit_join, audit_update = (now - base for now, base in zip(self.audit(conn), self.baseline))
        finally:
            conn.close()
        if not created and len(untouched) == len(self.updated):
            if audit_create or audit_join or audit_update:
                raise Inconsistent(f"nothing imported but {len(audit_create | audit_join | audit_update)} import audit entries")
            return "not applied"
        if len(created) == len(self.new) and len(updated) == len(self.updated):
            wrong = [s for s, v in created.items() if v[:3] != self.new[s]]
            if wrong:
                raise Inconsistent(f"{len(wrong)} created structures differ from the file")
            if len(memberships) != len(new_ids):
                raise Inconsistent(f"{len(new_ids)} structures created, {len(memberships)} memberships")
            if audit_create != new_ids or audit_join != memberships or audit_update != set(self.updated):
                raise Inconsistent(f"audit: {len(audit_create)} creations / {len(new_ids)}, {len(audit_join)} memberships / "
                                   f"{len(memberships)}, {len(audit_update)} updates / {len(self.updated)}")
            return "applied"
        raise Inconsistent(f"half applied: {len(created)}/{len(self.new)} structures created, "
                           f"{len(updated)}/{len(self.updated)} updated")


class AnswersImport:
    """`maillage observatory import --campaign 2025 FILE --apply`: last year's answers as this year's."""
    name = "answers-import"

    def prepare(self, work, db, binary):
        conn = connect(db)
        campaign_id = {y: cid for cid, y in conn.execute("SELECT id, year FROM campaigns")}
        cur, prev = campaign_id[CAMPAIGN], campaign_id[CAMPAIGN - 1]
        source = conn.execute(
            "SELECT s.siret, a.type, a.\"values\" FROM survey_answers a JOIN structures s ON s.id = a.structure_id "
            "WHERE a.campaign_id = ? AND a.status = 'validated' ORDER BY s.siret, a.type", (prev,)).fetchall()
        self.campaign_id = cur
        conn.close()
        import json
        rows = [(siret, typ, json.loads(values)) for siret, typ, values in source]
        codes = sorted({code for _, _, values in rows for code in values})
        self.file = os.path.join(work, "answers.csv")
        # Lines the register or the answer checks refuse are dropped, from the preview's own report.
        for _ in range(4):
            lines = [csv_line(["campaign", "siret", "type"] + codes)]
            for siret, typ, values in rows:
                lines.append(csv_line([str(CAMPAIGN), siret, typ] + [str(values.get(c, "")).replace(".", ",") for c in codes]))
            with open(self.file, "w", encoding="utf-8") as f:
                f.write("\r\n".join(lines) + "\r\n")
            out = subprocess.run([binary, "observatory", "import", "--campaign", str(CAMPAIGN), self.file],
                                 cwd=ROOT, env=env_for(db), capture_output=True, text=True, timeout=600)
            bad = {int(n) for n in re.findall(r"Ligne (\d+) :", out.stdout + out.stderr)}
            if out.returncode == 0 and not bad:
                break
            if not bad:
                raise RuntimeError("answers preview failed: " + (out.stdout + out.stderr)[-800:])
            rows = [r for i, r in enumerate(rows) if i + 2 not in bad]
        else:
            raise RuntimeError("answers preview still has errors")
        summary = re.search(r"(\d+) ligne\(s\) : (\d+) à créer, (\d+) à mettre à jour, (\d+) inchangée", out.stdout)
        self.created, self.updated = int(summary.group(2)), int(summary.group(3))
        self.rows = {(siret, typ): {c: decimal(v) for c, v in values.items()} for siret, typ, values in rows}
        conn = connect(db)
        self.before = self.answers(conn)
        self.baseline = self.audit(conn)
        self.version = scalar(conn, "SELECT answers_version FROM campaigns WHERE id = ?", cur)
        conn.close()
        return self.file

    def answers(self, conn):
        import json
        return {(siret, typ): (aid, {c: decimal(v) for c, v in json.loads(values).items()})
                for aid, siret, typ, values in conn.execute(
                    "SELECT a.id, s.siret, a.type, a.\"values\" FROM survey_answers a JOIN structures s ON s.id = a.structure_id "
                    "WHERE a.campaign_id = ?", (self.campaign_id,))}

    def audit(self, conn):
        return (audit_ids(conn, "reponse_observatoire", "create", "Import de la réponse"),
                audit_ids(conn, "reponse_observatoire", "update", "Import de la réponse"))

    def start(self, binary, db, log):
        return spawn(binary, ["observatory", "import", "--campaign", str(CAMPAIGN), self.file, "--apply"], db, log)

    phase = staticmethod(lambda log, wal_path: "committed" if wal_committed(wal_path) else cli_phase(log))

    def check(self, db):
        conn = connect(db)
        try:
            check_integrity(conn)
            now = self.answers(conn)
            version = scalar(conn, "SELECT answers_version FROM campaigns WHERE id = ?", self.campaign_id)
            create, update = (now_ids - base for now_ids, base in zip(self.audit(conn), self.baseline))
        finally:
            conn.close()
        as_file = [key for key, values in self.rows.items()
                   if key in now and all(now[key][1].get(c) == v for c, v in values.items())]
        if now == self.before:
            if create or update or version != self.version:
                raise Inconsistent(f"nothing imported but {len(create | update)} audit entries, version {self.version} → {version}")
            return "not applied"
        others = {k for k in set(now) | set(self.before) if k not in self.rows and now.get(k) != self.before.get(k)}
        if others:
            raise Inconsistent(f"{len(others)} answers outside the file changed")
        if len(as_file) == len(self.rows):
            changed = {now[k][0] for k in self.rows if k not in self.before or self.before[k][1] != now[k][1]}
            if len(create) != self.created or len(update) != self.updated or create | update != changed:
                raise Inconsistent(f"audit: {len(create)} creations / {self.created}, {len(update)} updates / {self.updated}, "
                                   f"{len(changed)} answers changed")
            if version != self.version + 1:
                raise Inconsistent(f"answers_version {self.version} → {version}, expected +1")
            return "applied"
        raise Inconsistent(f"half applied: {len(as_file)}/{len(self.rows)} answers as in the file")


class CampaignClose:
    """Web: POST /observatoire/2025/cloturer as the national admin, with the session's CSRF token."""
    name = "campaign-close"

    def prepare(self, work, db, binary):
        port = free_port()
        proc = spawn(binary, ["serve", "--hostname", "127.0.0.1", "--port", str(port)], db, os.path.join(work, "prepare-serve.log"))
        try:
            wait_health(port, proc)
            browser = Browser(port)
            _, page = browser.request("GET", "/connexion")
            status, _ = browser.request("POST", "/connexion", {"_csrf": Browser.csrf(page), "email": ADMIN[0], "password": ADMIN[1]})
            if status not in (302, 303):
                raise RuntimeError(f"admin sign-in answered {status}")
            status, page = browser.request("GET", f"/observatoire/{CAMPAIGN}/cloturer")
            if status != 200:
                raise RuntimeError(f"close confirmation page answered {status}")
            # The session (and its CSRF token) lives in the database: every copy has it.
            self.cookie, self.csrf = browser.cookie, Browser.csrf(page)
        finally:
            stop(proc)
        conn = connect(db)
        self.campaign_id = scalar(conn, "SELECT id FROM campaigns WHERE year = ?", CAMPAIGN)
        conn.close()

    def start(self, binary, db, log):
        """Boots the server (not timed), then sends the POST: the kill delay counts from there."""
        port = free_port()
        proc = spawn(binary, ["serve", "--hostname", "127.0.0.1", "--port", str(port)], db, log)
        wait_health(port, proc)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("POST", f"/observatoire/{CAMPAIGN}/cloturer", body=urllib.parse.urlencode({"_csrf": self.csrf}),
                     headers={"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"})
        proc.http = conn
        return proc

    @staticmethod
    def phase(log, wal_path):
        return "committed" if wal_committed(wal_path) else "request"

    def finish(self, proc):
        """Waits for the answer of an uninterrupted request, then stops the server."""
        response = proc.http.getresponse()
        response.read()
        if response.status not in (302, 303):
            raise RuntimeError(f"close answered {response.status}")
        stop(proc)

    def check(self, db):
        conn = connect(db)
        try:
            check_integrity(conn)
            status, closed_at = conn.execute("SELECT status, closed_at FROM campaigns WHERE id = ?", (self.campaign_id,)).fetchone()
            audit = conn.execute("SELECT COUNT(*) FROM audit_entries WHERE entity = 'campagne' AND action = 'update' "
                                 "AND entity_id = ? AND summary = ?", (self.campaign_id, f"Clôture de la campagne {CAMPAIGN}")).fetchone()[0]
        finally:
            conn.close()
        if status == "open" and closed_at is None and audit == 0:
            return "not applied"
        if status == "closed" and closed_at is not None and audit == 1:
            return "applied"
        raise Inconsistent(f"campaign {status}, closed_at {closed_at}, {audit} closing audit entries")


# ---------------------------------------------------------------- runs

def wal_committed(path):
    """True when the write-ahead log holds a committed transaction, judged as SQLite's own
    recovery does: frames whose salts match the header and whose running checksums hold,
    one of them a commit frame (database size set). A WAL of only its 32-byte header (a
    write has begun) or with torn frames holds nothing committed."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    if len(data) < 32:
        return False
    magic, _, page_size, _, salt1, salt2 = struct.unpack(">6I", data[:24])
    if magic not in (0x377F0682, 0x377F0683) or page_size < 512:
        return False
    order = ">" if magic & 1 else "<"

    def checksum(chunk, s0, s1):
        words = struct.unpack(f"{order}{len(chunk) // 4}I", chunk)
        for i in range(0, len(words), 2):
            s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
            s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
        return s0, s1

    s0, s1 = checksum(data[:24], 0, 0)
    if (s0, s1) != struct.unpack(">2I", data[24:32]):
        return False
    offset, committed = 32, False
    while offset + 24 + page_size <= len(data):
        _, db_size, f_salt1, f_salt2, c0, c1 = struct.unpack(">6I", data[offset:offset + 24])
        if (f_salt1, f_salt2) != (salt1, salt2):
            break
        s0, s1 = checksum(data[offset:offset + 8], s0, s1)
        s0, s1 = checksum(data[offset + 24:offset + 24 + page_size], s0, s1)
        if (s0, s1) != (c0, c1):
            break
        committed = committed or db_size != 0
        offset += 24 + page_size
    return committed


def cli_phase(log):
    """How far a command got, from what it printed (its lines are flushed as they come):
    the preview report comes before the transaction, "Import appliqué" after its commit."""
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return "boot"
    if "Import appliqué" in text:
        return "committed"
    if re.search(r"\d+ ligne\(s\) :", text):
        return "transaction"
    return "boot+preview"


def remove_database(db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def fresh_copy(prepared, db):
    remove_database(db)
    with open(prepared, "rb") as src, open(db, "wb") as dst:
        dst.write(src.read())


def prepare_database(binary, work):
    """`maillage demo` loads the demo network then serves: wait for /health, stop it cleanly."""
    db = os.path.join(work, "demo.sqlite")
    remove_database(db)
    port = free_port()
    proc = spawn(binary, ["demo", "--hostname", "127.0.0.1", "--port", str(port)], db, os.path.join(work, "demo.log"))
    try:
        wait_health(port, proc, timeout=600)
    finally:
        stop(proc)
    conn = connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


def run_operation(op, binary, work, prepared, runs, rng):
    db = os.path.join(work, op.name + ".sqlite")
    # Typical duration: the median of three uninterrupted runs, from start to the end.
    durations = []
    for _ in range(3):
        fresh_copy(prepared, db)
        log = os.path.join(work, op.name + "-measure.log")
        if os.path.exists(log):
            os.remove(log)
        proc = op.start(binary, db, log)
        began = time.monotonic()
        if hasattr(op, "finish"):
            op.finish(proc)
        elif proc.wait(900) != 0:
            raise RuntimeError(f"{op.name}: the uninterrupted run failed, see {log}")
        durations.append(time.monotonic() - began)
        if op.check(db) != "applied":
            raise RuntimeError(f"{op.name}: the uninterrupted run did not apply")
    duration = sorted(durations)[1]
    print(f"{op.name}: uninterrupted runs applied in {', '.join(f'{d:.3f}' for d in durations)} s; "
          f"killing {runs} runs at random in [0, {duration:.3f}] s", flush=True)
    results = {"applied": 0, "not applied": 0, "inconsistent": 0}
    phases = {}
    for run in range(1, runs + 1):
        fresh_copy(prepared, db)
        log = os.path.join(work, f"{op.name}-{run}.log")
        if os.path.exists(log):
            os.remove(log)
        delay = rng.uniform(0, duration)
        proc = op.start(binary, db, log)
        time.sleep(delay)
        exited = proc.poll() is not None
        # Bytes in the write-ahead log when the kill lands: > 0 while or after the operation writes.
        wal = os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0
        phase = "exited" if exited else op.phase(log, db + "-wal")
        if not exited:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if hasattr(proc, "http"):
            proc.http.close()
        try:
            outcome = op.check(db)
            verdict = "consistent"
            if phase == "committed" and outcome != "applied":
                raise Inconsistent("committed before the kill, yet not in the database")
        except Inconsistent as problem:
            outcome, verdict = str(problem), "INCONSISTENT"
        phases[phase] = phases.get(phase, 0) + 1
        results["inconsistent" if verdict != "consistent" else outcome] += 1
        how = "exited before the kill" if exited else "SIGKILL"
        print(f"{op.name} run {run:2d}/{runs}: {how} at {delay:.3f} s, during {phase} (WAL {wal // 1024} KiB) "
              f"→ {outcome}: {verdict}", flush=True)
    results["phases"] = phases
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", nargs="*", default=None, help="member-import answers-import campaign-close")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    os.makedirs(args.work, exist_ok=True)
    print(f"crash-safety: binary {args.binary}, work {args.work}, seed {seed}", flush=True)
    started = time.monotonic()
    prepared = prepare_database(args.binary, args.work)
    ops = [MemberImport(), AnswersImport(), CampaignClose()]
    if args.only:
        ops = [op for op in ops if op.name in args.only]
    for op in ops:
        # Each operation's inputs are made against a copy of the prepared database.
        scratch = os.path.join(args.work, op.name + "-prepare.sqlite")
        fresh_copy(prepared, scratch)
        if isinstance(op, MemberImport):
            op.prepare(args.work, scratch)
        else:
            op.prepare(args.work, scratch, args.binary)
        if isinstance(op, CampaignClose):
            # The signed-in session must be in the database every run starts from.
            conn = connect(scratch)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            op.prepared = scratch
    total = {"applied": 0, "not applied": 0, "inconsistent": 0}
    for op in ops:
        base = getattr(op, "prepared", prepared)
        results = run_operation(op, args.binary, args.work, base, args.runs, rng)
        phases = results.pop("phases")
        print(f"{op.name}: {sum(results.values())} runs, {results['applied']} applied, {results['not applied']} not applied, "
              f"{results['inconsistent']} inconsistent; killed during: "
              + ", ".join(f"{k} {v}" for k, v in sorted(phases.items())), flush=True)
        for k in total:
            total[k] += results[k]
    runs = sum(total.values())
    print(f"crash-safety: {runs} runs, {runs - total['inconsistent']} consistent, {total['inconsistent']} inconsistent "
          f"({total['applied']} applied, {total['not applied']} not applied; {time.monotonic() - started:.0f} s)")
    return 1 if total["inconsistent"] else 0


if __name__ == "__main__":
    sys.exit(main())

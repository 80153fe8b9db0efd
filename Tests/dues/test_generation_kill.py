"""A generation run killed in the middle leaves no call of that run and no gap (issue #11).

On SQLite (always) and on PostgreSQL (when TEST_PG_URL names a throwaway database: its public
schema is dropped first), a database gets 5 000 member structures (active memberships), a
declared base for each and the 2026 grid, written straight with sqlite3 / psql COPY. Then
`maillage dues call --year 2026 --apply` is killed with SIGKILL after a few delays: after each
kill there is no call at all, or every call (never part of a run), and the series has moved by
0 or N. A final full run numbers 2026-0001…2026-5000 without gap, and its duration is printed
(the command says « Durée : … »).

Needs the debug binary: `swift build` first.
"""

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
import uuid

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "debug", "maillage")
N = 5000
DELAYS = [0.3, 0.6, 0.9, 1.2, 1.6, 2.0, 2.5]
RATES = {"AI": 600, "ETTI": 600, "ETT_ESS": 600, "PROXIM": 600, "ACI": 200, "EBE": 200, "EI": 350}
TYPES = ["AI", "ACI", "EI", "ETTI"]
DEPARTMENTS = ["44", "85", "14", "75", "69", "13", "33", "59"]


def run(env, *args, timeout=300):
    return subprocess.run([BINARY, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def base_env(extra):
    env = dict(os.environ)
    env.update({"MAILLAGE_JOBS": "off", "LOG_LEVEL": "warning"})
    env.update(extra)
    return env


def rows():
    """The structures, memberships, bases and the grid, as plain tuples."""
    structures, memberships, bases = [], [], []
    for i in range(N):
        sid = str(uuid.uuid4()).upper()
        t = TYPES[i % len(TYPES)]
        name = f"Membre {i:05d}"
        structures.append((sid, f"{90000000000000 + i:014d}", name, f",{t},", "Ville", DEPARTMENTS[i % len(DEPARTMENTS)],
                           "actif", "2020-01-01", name.lower()))
        memberships.append((str(uuid.uuid4()).upper(), sid, "actif", "2020-01-01"))
        bases.append((str(uuid.uuid4()).upper(), 2026, sid, t, 10_000_000 + i * 1_337, "declared"))
    grid_id = str(uuid.uuid4()).upper()
    grid = (grid_id, 2026, 1, 80_000, "turnover", 2024, 1_188, 4000, 5000, 1000, "national", "fixed_only", "15,45", 30)
    rates = [(str(uuid.uuid4()).upper(), grid_id, t, r, 400) for t, r in RATES.items()]
    return structures, memberships, bases, grid, rates


STRUCTURE_COLS = "id, siret, name, types, commune, department_code, status, joined_on, search_text"
MEMBERSHIP_COLS = "id, structure_id, status, joined_on"
BASE_COLS = "id, year, structure_id, type, amount_cents, source"
GRID_COLS = ("id, year, version, fixed_cents, base_kind, reference_year, smic_cents, split_delegation_bp, split_national_bp, "
             "split_fund_bp, rounding_party, no_base_rule, reminder_days, payment_days")
RATE_COLS = "id, grid_id, type, rate_milli_pct, cap_hours"


class SQLiteDB:
    name = "sqlite"

    def __init__(self, path):
        self.path = path
        self.env = base_env({"DATABASE_PATH": path, "DATABASE_URL": ""})

    def query(self, sql):
        c = sqlite3.connect(self.path)  # a hot journal left by a kill is rolled back here
        try:
            return c.execute(sql).fetchall()
        finally:
            c.close()

    def seed(self):
        structures, memberships, bases, grid, rates = rows()
        c = sqlite3.connect(self.path)
        with c:
            c.executemany(f"INSERT INTO structures ({STRUCTURE_COLS}) VALUES (?,?,?,?,?,?,?,?,?)", structures)
            c.executemany(f"INSERT INTO memberships ({MEMBERSHIP_COLS}) VALUES (?,?,?,?)", memberships)
            c.executemany(f"INSERT INTO dues_bases ({BASE_COLS}) VALUES (?,?,?,?,?,?)", bases)
            c.execute(f"INSERT INTO dues_grids ({GRID_COLS}) VALUES ({','.join('?' * 14)})", grid)
            c.executemany(f"INSERT INTO dues_grid_rates ({RATE_COLS}) VALUES (?,?,?,?,?)", rates)
        c.close()


class PostgresDB:
    name = "postgresql"

    def __init__(self, url):
        self.url = url
        self.env = base_env({"DATABASE_URL": url})

    def psql(self, sql, stdin=None):
        out = subprocess.run(["psql", self.url, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], input=stdin,
                             capture_output=True, text=True, check=True)
        return out.stdout

    def query(self, sql):
        out = self.psql(sql).strip()
        return [tuple(line.split("|")) for line in out.splitlines()] if out else []

    def reset(self):
        self.psql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")

    def copy(self, table, cols, data):
        text = "\n".join("\t".join(str(v) for v in row) for row in data) + "\n"
        self.psql(f"COPY {table} ({cols}) FROM STDIN", stdin=text)

    def seed(self):
        structures, memberships, bases, grid, rates = rows()
        self.copy("structures", STRUCTURE_COLS, structures)
        self.copy("memberships", MEMBERSHIP_COLS, memberships)
        self.copy("dues_bases", BASE_COLS, bases)
        self.copy("dues_grids", GRID_COLS, [grid])
        self.copy("dues_grid_rates", RATE_COLS, rates)


def databases(tmp_path):
    dbs = [SQLiteDB(str(tmp_path / "maillage.sqlite"))]
    url = os.environ.get("TEST_PG_URL")
    if url:
        pg = PostgresDB(url)
        pg.reset()
        dbs.append(pg)
    return dbs


def count_calls(db):
    return int(db.query("SELECT COUNT(*) FROM dues_calls")[0][0])


def series_last(db):
    r = db.query("SELECT last FROM dues_sequences WHERE series = 'calls-2026'")
    return int(r[0][0]) if r else 0


def measured(stdout):
    m = re.search(r"Durée : (\d+) s (\d+) ms", stdout)
    return int(m.group(1)) + int(m.group(2)) / 1000 if m else None


@pytest.mark.parametrize("which", ["sqlite", "postgresql"])
def test_killed_generation_leaves_all_or_nothing(tmp_path, which):
    assert os.path.exists(BINARY), "build first: swift build"
    dbs = {d.name: d for d in databases(tmp_path)}
    if which not in dbs:
        pytest.skip("TEST_PG_URL is not set")
    db = dbs[which]
    # The schema, through the command itself (it migrates, then refuses without a grid).
    first = run(db.env, "dues", "call", "--year", "2026")
    assert first.returncode == 1 and "Il n'existe pas de barème pour 2026" in first.stderr + first.stdout
    db.seed()
    preview = run(db.env, "dues", "call", "--year", "2026", "--date", "15/01/2026")
    assert preview.returncode == 0, preview.stderr
    assert f"Appels à émettre : {N:,}".replace(",", "\u202f") in preview.stdout
    assert count_calls(db) == 0

    killed_midway = 0
    for delay in DELAYS:
        proc = subprocess.Popen([BINARY, "dues", "call", "--year", "2026", "--date", "15/01/2026", "--apply"], env=db.env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        calls = count_calls(db)
        assert calls in (0, N), f"{which}: {calls} calls after a kill at {delay} s (never part of a run)"
        assert series_last(db) == calls, f"{which}: the series moved to {series_last(db)} with {calls} calls"
        if calls == N:
            break  # the run finished before the kill: nothing more to kill
        killed_midway += 1

    final = run(db.env, "dues", "call", "--year", "2026", "--date", "15/01/2026", "--apply")
    assert final.returncode == 0, final.stderr
    numbers = [r[0] for r in db.query("SELECT number FROM dues_calls ORDER BY seq")]
    seqs = [int(r[0]) for r in db.query("SELECT seq FROM dues_calls ORDER BY seq")]
    assert len(numbers) == N and len(set(numbers)) == N
    assert seqs == list(range(1, N + 1))
    assert numbers[0] == "2026-0001" and numbers[-1] == f"2026-{N:04d}"
    assert series_last(db) == N
    seconds = measured(final.stdout)
    print(f"\n{which}: {killed_midway} runs killed before their end; generation of {N} calls: {seconds} s ({final.stdout.strip()!r})")


@pytest.mark.parametrize("which", ["sqlite", "postgresql"])
def test_generation_time_for_5000_members(tmp_path, which):
    """Measured, not timed: prints the duration of a fresh run of 5 000 calls."""
    assert os.path.exists(BINARY), "build first: swift build"
    dbs = {d.name: d for d in databases(tmp_path)}
    if which not in dbs:
        pytest.skip("TEST_PG_URL is not set")
    db = dbs[which]
    run(db.env, "dues", "call", "--year", "2026")
    db.seed()
    done = run(db.env, "dues", "call", "--year", "2026", "--date", "15/01/2026", "--apply")
    assert done.returncode == 0, done.stderr
    assert f"{N:,}".replace(",", "\u202f") + " appels émis : 2026-0001 à 2026-5000" in done.stdout
    print(f"\n{which}: {measured(done.stdout)} s for {N} calls")

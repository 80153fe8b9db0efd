"""Backup → restore and SQLite → PostgreSQL, checked byte for byte on the live binary.

The demo is loaded once into a throwaway data directory (`maillage demo` on a free port until
/health answers, then stopped); a few files are put in its files directory (`var/files`, relative
to the working directory like the database). Then:
- `backup` → `restore` into another empty directory: the register export, every campaign's
  figures (JSON, national and per delegation) and answers file (CSV), and every file are
  byte-identical;
- `copy-database --to` a fresh PostgreSQL database: the same outputs with DATABASE_URL=the copy
  are byte-identical;
- refusals (exit 1, a French message, nothing written): backup onto an existing file, restore
  into a non-empty directory, restore of an archive whose bytes do not match its manifest,
  copy into a non-empty database.

The binary is MAILLAGE_BIN (default .build/debug/maillage). PostgreSQL: TEST_PG_URL (a server
URL whose user may CREATE DATABASE, e.g. postgres://postgres@127.0.0.1:54329/postgres), else a
throwaway server started here on port 54351 (needs root and Debian's postgresql package).
"""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
PG_BIN = pathlib.Path("/usr/lib/postgresql/15/bin")
PG_PORT = 54351


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("DATABASE_URL", "DATABASE_PATH", "MAILLAGE_SMTP_URL"):
        env.pop(var, None)
    env["MAILLAGE_JOBS"] = "off"
    env.update(extra)
    return env


def run(args: list[str], cwd: pathlib.Path, **env: str) -> subprocess.CompletedProcess:
    """One command in a data directory (its working directory), output kept as bytes."""
    return subprocess.run([BIN, *args], cwd=cwd, env=_env(**env), capture_output=True, timeout=600)


def ok(args: list[str], cwd: pathlib.Path, **env: str) -> bytes:
    done = run(args, cwd, **env)
    assert done.returncode == 0, f"{args} failed ({done.returncode}): {done.stderr.decode(errors='replace')}"
    return done.stdout


def refused(args: list[str], cwd: pathlib.Path, expect: str, **env: str) -> str:
    done = run(args, cwd, **env)
    text = (done.stdout + done.stderr).decode(errors="replace")
    assert done.returncode == 1, f"{args} should be refused with exit 1, got {done.returncode}: {text}"
    assert expect in text, f"{args}: expected « {expect} » in: {text}"
    return text


def tree(directory: pathlib.Path) -> dict[str, bytes]:
    """Every file under `directory` (relative path → bytes)."""
    if not directory.exists():
        return {}
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- the demo, backed up once

@pytest.fixture(scope="module")
def original(tmp_path_factory) -> pathlib.Path:
    assert os.access(BIN, os.X_OK), f"no binary at {BIN} (swift build first)"
    home = tmp_path_factory.mktemp("original")
    port = _free_port()
    log = open(home / "demo.log", "wb")
    proc = subprocess.Popen([BIN, "demo", "--hostname", "127.0.0.1", "--port", str(port)], cwd=home,
                            env=_env(), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 180
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None, (home / "demo.log").read_text(errors="replace")
            assert time.time() < deadline, "the demo did not answer /health"
            time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    assert (home / "var" / "maillage.sqlite").exists()
    files = home / "var" / "files"
    files.mkdir(parents=True, exist_ok=True)
    (files / "0f3c9a1e-upload").write_bytes(os.urandom(200_000))
    (files / "export-registre_2025").write_bytes("Adhérents ; Délégation\r\n".encode() * 50)
    (files / "exports").mkdir()
    (files / "exports" / "nested_file").write_bytes(b"\x00\x01\x02 nested")
    return home


def outputs(cwd: pathlib.Path, campaigns: list[int], scopes: list[str], **env: str) -> dict[str, bytes]:
    """The register export and every campaign's figures and answers file, as bytes."""
    out = {"export-members.csv": ok(["export-members"], cwd, **env)}
    for year in campaigns:
        for scope in ["national", *scopes]:
            doc = ok(["observatory", "export", "--campaign", str(year), "--scope", scope, "--format", "json"], cwd, **env)
            # The one moving part: when the document was generated.
            out[f"figures-{year}-{scope}.json"] = re.sub(rb'"generated_at":"[^"]*"', b'"generated_at":"-"', doc)
        out[f"answers-{year}.csv"] = ok(["observatory", "export", "--campaign", str(year), "--format", "csv"], cwd, **env)
    return out


@pytest.fixture(scope="module")
def reference(original):
    db = sqlite3.connect(original / "var" / "maillage.sqlite")
    campaigns = [r[0] for r in db.execute("SELECT year FROM campaigns ORDER BY year")]
    scopes = sorted({r[0] for r in db.execute("SELECT code FROM delegations WHERE valid_to IS NULL")})
    db.close()
    assert len(campaigns) >= 4 and len(scopes) >= 10
    expected = outputs(original, campaigns, scopes)
    assert len(expected["export-members.csv"]) > 10_000
    assert all(b'"figures":[{' in v for k, v in expected.items() if k.endswith(".json"))
    return campaigns, scopes, expected


@pytest.fixture(scope="module")
def archive(original, tmp_path_factory) -> pathlib.Path:
    path = tmp_path_factory.mktemp("archives") / "maillage.zip"
    text = ok(["backup", str(path)], original).decode()
    # The test's three files and what the demo stored itself (its direct-debit file).
    stored = sum(1 for f in (original / "var" / "files").rglob("*") if f.is_file())
    assert stored >= 4
    assert "Sauvegarde écrite" in text and f"{stored} fichiers" in text, text
    return path


# ---------------------------------------------------------------- backup → restore

def test_archive_holds_database_files_and_a_checked_manifest(archive, original):
    with zipfile.ZipFile(archive) as z:
        manifest = json.loads(z.read("manifest.json"))
        names = sorted(z.namelist())
        assert manifest["format"] == "maillage-backup" and manifest["version"] == 1
        assert manifest["database"] == "sqlite" and manifest["file_count"] == sum(1 for f in (original / "var" / "files").rglob("*") if f.is_file())
        applied = [r[0] for r in sqlite3.connect(original / "var" / "maillage.sqlite").execute("SELECT name FROM _fluent_migrations")]
        assert sorted(manifest["migrations"]) == sorted(applied)
        assert names == sorted(["manifest.json"] + [e["path"] for e in manifest["entries"]])
        for entry in manifest["entries"]:
            data = z.read(entry["path"])
            assert len(data) == entry["size"] and hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        assert z.read("database.sqlite")[:16] == b"SQLite format 3\x00"
        assert z.read("files/exports/nested_file") == (original / "var/files/exports/nested_file").read_bytes()


def test_restore_is_byte_identical(archive, original, reference, tmp_path):
    campaigns, scopes, expected = reference
    text = ok(["restore", str(archive)], tmp_path).decode()
    assert "restaurée" in text, text
    assert tree(tmp_path / "var" / "files") == tree(original / "var" / "files")
    assert not list(tmp_path.glob("var/.*restore*")), "staging left behind"
    restored = outputs(tmp_path, campaigns, scopes)
    for name, data in expected.items():
        assert restored[name] == data, f"{name} differs after restore"


def test_backup_refuses_an_existing_file(original, tmp_path):
    target = tmp_path / "exists.zip"
    target.write_bytes(b"previous backup")
    refused(["backup", str(target)], original, "existe déjà")
    assert target.read_bytes() == b"previous backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exists.zip"], "nothing else written"


def test_restore_refuses_a_directory_with_a_database(archive, tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "maillage.sqlite").write_bytes(b"someone's data")
    refused(["restore", str(archive)], tmp_path, "Restauration refusée")
    assert tree(tmp_path) == {"var/maillage.sqlite": b"someone's data"}


def test_restore_refuses_a_non_empty_files_directory(archive, tmp_path):
    (tmp_path / "var" / "files").mkdir(parents=True)
    (tmp_path / "var" / "files" / "keep").write_bytes(b"x")
    refused(["restore", str(archive)], tmp_path, "n'est pas vide")
    assert tree(tmp_path) == {"var/files/keep": b"x"}


def _tampered(archive: pathlib.Path, into: pathlib.Path, entry: str) -> pathlib.Path:
    """The same archive with one entry's bytes changed and its manifest left as it was."""
    bad = into / f"tampered-{entry.replace('/', '_')}.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == entry:
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            dst.writestr(info.filename, data)
    return bad


@pytest.mark.parametrize("entry", ["database.sqlite", "files/0f3c9a1e-upload"])
def test_restore_refuses_a_corrupted_archive(archive, tmp_path, entry):
    bad = _tampered(archive, tmp_path, entry)
    home = tmp_path / "home"
    home.mkdir()
    refused(["restore", str(bad)], home, "empreinte")
    assert list(home.rglob("*")) in ([], [home / "var"]), f"something was written: {list(home.rglob('*'))}"
    assert tree(home) == {}


def test_restore_refuses_a_truncated_archive(archive, tmp_path):
    bad = tmp_path / "truncated.zip"
    bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    home = tmp_path / "home"
    home.mkdir()
    refused(["restore", str(bad)], home, "auvegarde")
    assert tree(home) == {}


# ---------------------------------------------------------------- SQLite → PostgreSQL

@pytest.fixture(scope="module")
def pg_server():
    url = os.environ.get("TEST_PG_URL")
    if url:
        yield url
        return
    if not (PG_BIN / "initdb").exists() or os.geteuid() != 0:
        pytest.fail("no TEST_PG_URL, and no PostgreSQL to start as root: the copy to PostgreSQL cannot be checked")
    tmp = tempfile.mkdtemp(prefix="maillage-copy-pg-")
    shutil.chown(tmp, "postgres", "postgres")
    os.chmod(tmp, 0o700)
    as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run(as_pg + [str(PG_BIN / "initdb"), "-D", f"{tmp}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                            "--locale=C.UTF-8"], check=True, capture_output=True)
    subprocess.run(as_pg + [str(PG_BIN / "pg_ctl"), "-D", f"{tmp}/data", "-l", f"{tmp}/server.log", "-o",
                            f"-p {PG_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories={tmp} -c fsync=off",
                            "-w", "start"], check=True, capture_output=True)
    try:
        yield f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres"
    finally:
        subprocess.run(as_pg + [str(PG_BIN / "pg_ctl"), "-D", f"{tmp}/data", "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def _database(server: str, name: str) -> str:
    subprocess.run(["psql", server, "-v", "ON_ERROR_STOP=1", "-qc", f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(server)._replace(path="/" + name))


def _psql(url: str, sql: str) -> str:
    return subprocess.run(["psql", url, "-Atqc", sql], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def copy_url(pg_server, original):
    url = _database(pg_server, f"maillage_copy_{uuid.uuid4().hex[:8]}")
    text = ok(["copy-database", "--to", url], original).decode()
    assert "Copie terminée" in text and "comptes vérifiés" in text, text
    return url


def test_copy_to_postgres_is_byte_identical(copy_url, original, reference):
    campaigns, scopes, expected = reference
    copied = outputs(original, campaigns, scopes, DATABASE_URL=copy_url)
    for name, data in expected.items():
        assert copied[name] == data, f"{name} differs on the PostgreSQL copy"


def test_copy_keeps_every_row_and_the_migration_history(copy_url, original):
    db = sqlite3.connect(original / "var" / "maillage.sqlite")
    # The FTS5 search index (a virtual table and its shadow tables) is SQLite's own: PostgreSQL
    # holds the same index as the `tsv` column of search_documents, rebuilt by the copy.
    virtual = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
              if not any(r[0] == v or r[0].startswith(v + "_") for v in virtual)]
    assert "search_fts" in virtual and "search_documents" in tables
    for table in tables:
        (n,) = db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()
        assert int(_psql(copy_url, f'SELECT COUNT(*) FROM "{table}"')) == n, table
    documents = int(_psql(copy_url, "SELECT COUNT(*) FROM search_documents"))
    assert documents > 0
    assert _psql(copy_url, "SELECT COUNT(*) FROM search_documents WHERE tsv = ''::tsvector") == "0", "search vectors not rebuilt"
    assert int(_psql(copy_url, "SELECT COUNT(*) FROM search_documents WHERE tsv @@ to_tsquery('french', 'licenci')")) > 0
    names = sorted(r[0] for r in db.execute("SELECT name FROM _fluent_migrations"))
    assert _psql(copy_url, "SELECT name FROM _fluent_migrations ORDER BY name").splitlines() == names
    # Typed as the app's own schema: uuid, timestamptz and boolean columns, not text.
    assert _psql(copy_url, "SELECT data_type FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'is_active'") == "boolean"
    assert _psql(copy_url, "SELECT COUNT(*) FROM structures WHERE ges_parent_id IS NOT NULL") == \
        str(db.execute("SELECT COUNT(*) FROM structures WHERE ges_parent_id IS NOT NULL").fetchone()[0])


def test_copy_refuses_a_non_empty_database(copy_url, original):
    before = _psql(copy_url, "SELECT COUNT(*) FROM structures")
    refused(["copy-database", "--to", copy_url], original, "n'est pas vide")
    assert _psql(copy_url, "SELECT COUNT(*) FROM structures") == before


def test_copy_refuses_a_database_with_tables(pg_server, original):
    url = _database(pg_server, f"maillage_copy_{uuid.uuid4().hex[:8]}")
    _psql(url, "CREATE TABLE leftover (id int)")
    refused(["copy-database", "--to", url], original, "contient déjà des tables")
    assert _psql(url, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'") == "1"

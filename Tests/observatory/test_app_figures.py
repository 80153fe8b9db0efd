"""Done-when of issue #3: a campaign imported into the app from an answers file gives, through
`maillage observatory export --format json`, figures that match the independent DuckDB
computation to the last digit, with null exactly where n < k.

The register and the answers come from a small synthetic history (`observatory-bench`); they
go through the app's real commands: import-members, observatory open, observatory import
--apply --validate, observatory export.
"""
import csv
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import observatory_duckdb as od  # noqa: E402
import observatory_figures as of  # noqa: E402

K = 5


def binary(env_name, default):
    path = os.environ.get(env_name, os.path.join(ROOT, ".build", "debug", default))
    if not os.access(path, os.X_OK):
        pytest.fail(f"{default} not built at {path} (swift build)")
    return path


def run(args, env):
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    assert done.returncode == 0, " ".join(args) + "\n" + done.stdout + done.stderr
    return done.stdout


def test_imported_campaign_exports_the_independent_figures(tmp_path):
    # setup: one campaign of a synthetic network, the register made of its members
    history = tmp_path / "history"
    run([binary("OBSERVATORY_BENCH_BIN", "observatory-bench"), "--out", str(history), "--structures", "250",
         "--campaigns", "1", "--seed", "11"], dict(os.environ))
    year = int(next(n for n in os.listdir(history) if n.startswith("answers-"))[len("answers-"):-len(".csv")])
    members = tmp_path / "members.csv"
    with open(history / "structures.csv", encoding="utf-8-sig") as f, open(members, "w", encoding="utf-8") as out:
        out.write("siret;nom;types;commune;departement;statut;date_adhesion\n")
        for i, row in enumerate(csv.DictReader(f, delimiter=";")):
            out.write(f"{row['siret']};Structure {i + 1};{row['types']};Commune;{row['department']};actif;01/01/2010\n")
    env = dict(os.environ, DATABASE_PATH=str(tmp_path / "app.sqlite"))
    env.pop("DATABASE_URL", None)
    app = binary("MAILLAGE_BIN", "maillage")
    run([app, "import-members", str(members), "--apply"], env)
    run([app, "observatory", "open", "--year", str(year), "--opens-on", f"01/04/{year + 1}", "--closes-on", f"31/05/{year + 1}"], env)
    # MUT: the answers file through the importer, the figures through the exporter
    out = run([app, "observatory", "import", "--campaign", str(year), str(history / f"answers-{year}.csv"), "--apply", "--validate"], env)
    exports = tmp_path / "exports"
    exports.mkdir()
    for scope in ("national", "PDL", "ARA"):
        run([app, "observatory", "export", "--campaign", str(year), "--scope", scope, "--format", "json",
             "--output", str(exports / f"figures-{year}-{scope}.json")], env)
    # validate
    assert "0 en erreur" in out
    reports, _ = od.expected_figures(str(history), k=K)
    problems = []
    for scope in ("national", "PDL", "ARA"):
        path = str(exports / f"figures-{year}-{scope}.json")
        problems += of.compare_document(path, year, scope, reports[(year, scope)], K)
        _, got = of.read_export(path)
        assert len(got) > 500
        assert all((value is None) == (n < K) for key, (n, value) in got.items() if key[0] != "response")
    assert problems == [], "\n".join(problems[:30])

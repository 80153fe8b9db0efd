"""The Observatory's figures, checked against an independent computation (DuckDB + exact
integers, scripts/observatory_duckdb.py).

A small synthetic history is generated and computed by the app's engine
(`observatory-bench`, path in OBSERVATORY_BENCH_BIN, default .build/debug/observatory-bench);
every figure of every export must match, and values must be null exactly where n < k.
A tiny hand-built campaign checks the independent side against answers worked out by hand.
"""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

try:
    import duckdb  # noqa: F401
except ImportError as e:  # a clear failure, never a skip
    raise ImportError("the Observatory's independent check needs duckdb (pip install duckdb)") from e

import observatory_duckdb as od  # noqa: E402
import observatory_figures as of  # noqa: E402

K = 5


def bench_binary() -> str:
    path = os.environ.get("OBSERVATORY_BENCH_BIN", os.path.join(ROOT, ".build", "debug", "observatory-bench"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"observatory-bench not built at {path} (swift build --product observatory-bench)")
    return path


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    # setup
    directory = str(tmp_path_factory.mktemp("observatory"))
    run = subprocess.run([bench_binary(), "--out", directory, "--structures", "300", "--campaigns", "2", "--seed", "7"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return directory


def test_every_figure_matches_the_independent_computation(synthetic):
    # MUT
    reports, _ = od.expected_figures(synthetic, k=K)
    problems = od.compare(synthetic, reports, k=K)
    # validate
    assert len(reports) == 2 * (1 + len(of.DELEGATIONS_2025))
    assert sum(len(r) for r in reports.values()) > 10_000
    assert problems == [], "\n".join(problems[:30])


def test_values_are_null_exactly_where_n_is_below_k(synthetic):
    # MUT
    violations = of.null_rule_violations(synthetic, K)
    # validate
    assert violations == [], "\n".join(violations[:30])
    exports = [of.read_export(p)[1] for p in of.export_files(synthetic).values()]
    values = [v for figures in exports for v in figures.values()]
    assert any(value is None for _, value in values) and any(value is not None for _, value in values)


def test_the_synthetic_history_exercises_secondary_suppression(synthetic):
    # setup
    con = duckdb.connect()
    campaigns = od.compute(con, od.load(con, synthetic))
    # MUT
    secondary = 0
    for c in campaigns.values():
        for code, cell in of.campaign_secrets(c, K):
            secondary += c.cells[cell].indicators[code][0] >= K
    audit = [leak for c in campaigns.values() for leak in of.secrecy_audit(c, K)]
    # validate
    assert secondary > 0
    assert audit == []


# ---------------------------------------------------------------- a campaign worked out by hand

HEADER = ("campaign;siret;type;permanents_headcount;insertion_etp;exits_total;exits_sustainable;exits_transition;"
          "exits_positive;exits_other;turnover_eur;funding_state_eur;clientele_private_pct;clientele_nonprofit_pct;"
          "clientele_public_pct;clientele_individuals_pct")
# Six AI of Pays de la Loire answer, a seventh member does not.
LINES = [
    "2024;11111111100001;AI;3;0,00;10;3;2;1;4;1000,00;100,00;10,0;20,0;30,0;40,0",
    "2024;11111111100002;AI;5;0,00;10;3;2;1;4;1000,00;100,00;12,5;20,0;30,0;37,5",
    "2024;11111111100003;AI;8;0,00;10;3;2;1;4;1000,00;100,00;15,0;20,0;30,0;35,0",
    "2024;11111111100004;AI;10;0,01;10;3;2;1;4;1000,00;100,00;17,5;20,0;30,0;32,5",
    "2024;11111111100005;AI;12;0,01;10;3;2;1;4;1000,00;100,00;20,0;20,0;30,0;30,0",
    "2024;11111111100006;AI;20;0,01;10;3;2;1;4;1000,00;100,00;;;;",
]
MEMBERS = ["campaign;siret;department;delegation;types"] + [
    f"2024;1111111110000{i};44;PDL;AI" for i in range(1, 8)
]


@pytest.fixture
def by_hand(tmp_path):
    (tmp_path / "answers-2024.csv").write_bytes(("\ufeff" + "\r\n".join([HEADER] + LINES) + "\r\n").encode("utf-8"))
    (tmp_path / "structures.csv").write_text("\n".join(MEMBERS) + "\n", encoding="utf-8")
    return str(tmp_path)


def figures_of(directory, k=K):
    con = duckdb.connect()
    campaign = od.compute(con, od.load(con, directory))[2024]
    return of.report(campaign, "national", k, 1830000), of.report(campaign, "PDL", k, 1830000)


def test_a_campaign_worked_out_by_hand(by_hand):
    # MUT
    national, pdl = figures_of(by_hand)
    # validate
    def value(figures, indicator, statistic, type_="ALL", delegation="ALL"):
        return figures[(indicator, statistic, type_, delegation)]

    # Six headcounts 3 5 8 10 12 20: the median of an even count is the mean of the middle two;
    # q1 and q3 interpolate at positions 1.25 and 3.75 (QUARTILE.INC).
    assert value(national, "permanents_headcount", "sum") == (6, "58.00")
    assert value(national, "permanents_headcount", "mean") == (6, "9.67")
    assert value(national, "permanents_headcount", "median") == (6, "9.00")
    assert value(national, "permanents_headcount", "q1") == (6, "5.75")
    assert value(national, "permanents_headcount", "q3") == (6, "11.50")
    assert value(pdl, "permanents_headcount", "median", "AI", "PDL") == (6, "9.00")
    # 0.005 rounds half away from zero, once, at the end.
    assert value(national, "insertion_etp", "mean") == (6, "0.01")
    assert value(national, "insertion_etp", "median") == (6, "0.01")
    assert value(national, "insertion_etp", "q1") == (6, "0.00")
    # Ratios on the group's sums.
    assert value(national, "dynamic_exit_rate", "rate") == (6, "60.0")
    assert value(national, "exits_other", "share") == (6, "40.0")
    assert value(national, "public_funding_eur", "sum") == (6, "600.00")
    assert value(national, "economic_resources_share", "share") == (6, "90.9")
    assert value(national, "public_funding_per_insertion_etp_eur", "ratio") == (6, "20000.00")
    # Response rate: 6 answers of 7 members active at the opening.
    assert value(national, "response", "rate") == (6, "85.7")
    assert value(pdl, "response", "rate", "AI", "PDL") == (6, "85.7")
    # `_pct`: one type only (5 answers, the sixth left them blank), never ALL.
    assert value(national, "clientele_private_pct", "mean", "AI") == (5, "15.00")
    assert value(national, "clientele_private_pct", "q1", "AI") == (5, "12.50")
    assert value(national, "clientele_private_pct", "q3", "AI") == (5, "17.50")
    assert ("clientele_private_pct", "mean", "ALL", "ALL") not in national
    # Reports: the network, its type and its delegation; the delegation and its type.
    cells = {(t, d) for (_, _, t, d) in national}
    assert cells == {("ALL", "ALL"), ("AI", "ALL"), ("ALL", "PDL")}
    assert {(t, d) for (_, _, t, d) in pdl} == {("ALL", "PDL"), ("AI", "PDL")}


def test_below_k_every_value_is_null_and_nothing_is_left_out(by_hand):
    # MUT
    national, _ = figures_of(by_hand, k=7)
    published, _ = figures_of(by_hand, k=5)
    # validate
    assert national.keys() == published.keys()
    # Response rates aside: counts published anyway, given whatever n (SPEC §8).
    assert all(value is None and n < 7 for key, (n, value) in national.items() if key[0] != "response")
    assert all(value is not None for key, (n, value) in national.items() if key[0] == "response")


def test_rounding_half_away_from_zero():
    assert of.round_half_away(5, 1000, 2) == "0.01"
    assert of.round_half_away(-5, 1000, 2) == "-0.01"
    assert of.round_half_away(-4, 1000, 2) == "0.00"
    assert of.round_half_away(2, 3, 1) == "0.7"
    assert of.round_half_away(200, 3, 1) == "66.7"
    assert of.round_half_away(66, 1, 1) == "66.0"

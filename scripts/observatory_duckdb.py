#!/usr/bin/env python3
"""Independent computation of the Observatory's figures with DuckDB, compared with the app's.

    scripts/observatory_duckdb.py DIR [--k 5] [--unemployed-etp-cost 18300.00] [--show 20]

DIR is what `observatory-bench --out DIR` wrote: answers-YEAR.csv (the SPEC §8 answers
file), structures.csv (`campaign;siret;department;delegation;types`: one line per member
active at the campaign's opening, its delegation under that year's map, empty outside every
delegation, and the types it answers for, comma-separated) and the app's figures as
figures-YEAR-SCOPE.json. This script reads the CSV files only, computes every figure
with SQL (GROUP BY / GROUPING SETS, sums, sorted lists for quantiles) on integer
hundredths, so nothing is a binary float; the one rounding, half away from zero, and the
secrecy rules are in observatory_figures.py. It then compares figure by figure (keyed by
indicator, statistic, type, delegation): same keys, same n, same value as text, null where
null. Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from decimal import Decimal

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import observatory_figures as of  # noqa: E402

# Comma decimals as exported; the point is accepted too, as on import (SPEC §8).
ANSWER_VALUE = r"-?[0-9]+([,.][0-9]{1,2})?"


def _list(values) -> str:
    return ", ".join("'" + v + "'" for v in values)


def _col(code: str) -> str:
    return '"' + code + '"'


READ_ANSWERS = """CREATE TABLE raw AS SELECT * FROM read_csv(?, delim=';', quote='"', header=true,
                  all_varchar=true, union_by_name=true, encoding='utf-8')"""


def answer_files(directory: str) -> list[str]:
    files = sorted(glob.glob(os.path.join(directory, "answers-*.csv")))
    if not files:
        raise SystemExit(f"no answers-*.csv in {directory}")
    return files


def time_read_csv(directory: str, repeats: int = 3) -> float:
    """DuckDB's own CSV reader on the answers files, alone (a fresh database each time): what
    the app's parse of the same files is compared with. The best of `repeats` runs."""
    files = answer_files(directory)
    best = float("inf")
    for _ in range(repeats):
        con = duckdb.connect()
        start = time.perf_counter()
        con.execute(READ_ANSWERS, [files])
        best = min(best, time.perf_counter() - start)
        con.close()
    return best


def load(con: duckdb.DuckDBPyConnection, directory: str) -> list[str]:
    """Answers as one row per (campaign, siret, type) with one BIGINT column of hundredths per
    indicator (NULL = not answered), the members of each campaign, and each answer's delegation.
    Returns the indicator columns present in the files."""
    con.execute(READ_ANSWERS, [answer_files(directory)])
    columns = [r[0] for r in con.execute("DESCRIBE raw").fetchall()]
    codes = [c for c in columns if c not in ("campaign", "siret", "type")]
    unknown = [c for c in codes if c not in of.CODES]
    if unknown or columns[:3] != ["campaign", "siret", "type"]:
        raise SystemExit(f"unexpected answers columns: {columns[:3]} … {unknown}")
    bad = con.execute("SELECT campaign, siret, type FROM raw WHERE " + " OR ".join(
        f"NOT coalesce(regexp_full_match(trim({_col(c)}), '{ANSWER_VALUE}') OR trim({_col(c)}) = '', true)" for c in codes)
        + " LIMIT 3").fetchall()
    if bad:
        raise SystemExit(f"answers that are not decimals with at most 2 places: {bad}")
    # Exact: the text goes to DECIMAL(18,2), then to integer hundredths.
    values = ", ".join(f"CAST(CAST(replace(nullif(trim({_col(c)}), ''), ',', '.') AS DECIMAL(18,2)) * 100 AS BIGINT) AS {_col(c)}"
                       for c in codes)
    con.execute(f"CREATE TABLE vals AS SELECT CAST(campaign AS INTEGER) AS campaign, siret, type, {values} FROM raw")
    dupes = con.execute("SELECT campaign, siret, type FROM vals GROUP BY ALL HAVING count(*) > 1 LIMIT 3").fetchall()
    if dupes:
        raise SystemExit(f"several lines for one structure and type: {dupes}")
    con.execute(f"""CREATE TABLE members AS
                    SELECT CAST(campaign AS INTEGER) AS campaign, siret,
                           coalesce(nullif(trim(delegation), ''), '{of.NO_DELEGATION}') AS d, types
                    FROM read_csv(?, delim=';', header=true, all_varchar=true)""",
                [os.path.join(directory, "structures.csv")])
    con.execute("""CREATE TABLE member_types AS
                   SELECT DISTINCT campaign, siret, d, unnest(string_split(types, ',')) AS type FROM members""")
    con.execute("""CREATE TABLE units AS
                   SELECT u.campaign, u.siret, u.type, m.d FROM vals u LEFT JOIN members m USING (campaign, siret)""")
    orphans = con.execute("SELECT campaign, siret FROM units WHERE d IS NULL LIMIT 3").fetchall()
    if orphans:
        raise SystemExit(f"answers from structures that are not members at the campaign's opening: {orphans}")
    return codes


def compute(con: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[int, of.CampaignStats]:
    """Every cell's aggregates, for every campaign."""
    # Unit rows at two levels: one type (the answer itself), ALL (the structure in its
    # delegation, its counts, hours and money summed over its types; `_pct` left out).
    # SUM over the types skips the blanks, and stays NULL when no type answered.
    answer_cols = ", ".join(f"v.{_col(c)}" for c in codes)
    structure_cols = ", ".join(f"sum(v.{_col(c)})" if c not in of.PERCENT_CODES else "CAST(NULL AS HUGEINT)" for c in codes)
    funders = [c for c in of.FUNDERS if c in codes]
    parts = [c for c in of.DYNAMIC_PARTS if c in codes]
    public = (f"CASE WHEN {' OR '.join(f'{_col(c)} IS NOT NULL' for c in funders)} THEN "
              f"{' + '.join(f'coalesce({_col(c)}, 0)' for c in funders)} END") if funders else "CAST(NULL AS HUGEINT)"
    dynamic = (f"CASE WHEN {' AND '.join(f'{_col(c)} IS NOT NULL' for c in parts)} THEN {' + '.join(_col(c) for c in parts)} END"
               if len(parts) == 3 else "CAST(NULL AS HUGEINT)")
    con.execute(f"""CREATE TABLE uw AS
        WITH base AS (
            SELECT v.campaign, v.type AS ltype, u.d, v.siret, {answer_cols}
            FROM vals v JOIN units u USING (campaign, siret, type)
            UNION ALL
            SELECT v.campaign, 'ALL', u.d, v.siret, {structure_cols}
            FROM vals v JOIN units u USING (campaign, siret, type)
            GROUP BY v.campaign, u.d, v.siret)
        SELECT *, {public} AS public_funding_eur, {dynamic} AS dynamic_exits FROM base""")
    stat_codes = codes + of.DERIVED

    # Count, sum and quartiles per cell and code. Position (n − 1) × q/4 between order
    # statistics (QUARTILE.INC), kept exact as 4 × lower + rest × (upper − lower): 1/400 of the unit.
    con.execute("""CREATE OR REPLACE MACRO quart(l, n, q) AS (
        CASE WHEN n = 0 THEN NULL
             WHEN ((n - 1) * q) % 4 = 0 THEN 4 * l[((n - 1) * q) // 4 + 1]
             ELSE 4 * l[((n - 1) * q) // 4 + 1] + (((n - 1) * q) % 4) * (l[((n - 1) * q) // 4 + 2] - l[((n - 1) * q) // 4 + 1]) END)""")
    # Long form for the per-code statistics: one row per unit and answered code (a sorted
    # list per group aggregates faster in DuckDB than forty lists side by side).
    con.execute("""CREATE TABLE lg AS
        SELECT campaign, ltype, d, code, CAST(v AS BIGINT) AS v
        FROM (UNPIVOT uw ON COLUMNS(* EXCLUDE (campaign, ltype, d, siret)) INTO NAME code VALUE v)""")
    # Kept as a table: the benchmark lines read their quartiles from it too.
    con.execute("""CREATE TABLE cellq AS
        WITH g AS (
            SELECT campaign, ltype, coalesce(d, 'ALL') AS cdel, code, count(*) AS n, sum(v) AS s, list_sort(list(v)) AS l
            FROM lg GROUP BY GROUPING SETS ((campaign, ltype, d, code), (campaign, ltype, code)))
        SELECT campaign, ltype, cdel, code, n, s, quart(l, n, 1) AS q1, quart(l, n, 2) AS q2, quart(l, n, 3) AS q3 FROM g""")
    rows = con.execute("SELECT campaign, ltype, cdel, code, n, s, q1, q2, q3 FROM cellq").fetchall()

    campaigns: dict[int, of.CampaignStats] = {}
    for campaign, types, delegations in con.execute("""
            SELECT campaign, list_sort(list(DISTINCT type)), list_sort(list(DISTINCT d)) FROM units GROUP BY campaign""").fetchall():
        campaigns[campaign] = of.CampaignStats(campaign, types, delegations, {})

    def cell(campaign, t, d) -> of.CellStats:
        return campaigns[campaign].cells.setdefault((t, d), of.CellStats())

    for campaign, t, d, code, n, total, q1, q2, q3 in rows:
        cell(campaign, t, d).indicators[code] = (n, int(total), int(q1), int(q2), int(q3))

    # Answers per cell (for ALL: structures), and members active at the opening.
    for campaign, t, d, count in con.execute("""
            SELECT campaign, type, coalesce(d, 'ALL'), count(*) FROM units
            GROUP BY GROUPING SETS ((campaign, type, d), (campaign, type))
            UNION ALL
            SELECT campaign, 'ALL', coalesce(d, 'ALL'), count(DISTINCT siret) FROM units
            GROUP BY GROUPING SETS ((campaign, d), (campaign))""").fetchall():
        cell(campaign, t, d).units = count
    for campaign, t, d, count in con.execute("""
            SELECT campaign, type, coalesce(d, 'ALL'), count(*) FROM member_types
            GROUP BY GROUPING SETS ((campaign, type, d), (campaign, type))
            UNION ALL
            SELECT campaign, 'ALL', coalesce(d, 'ALL'), count(*) FROM members
            GROUP BY GROUPING SETS ((campaign, d), (campaign))""").fetchall():
        if campaign in campaigns:
            cell(campaign, t, d).base = count

    # Ratios on the group's sums, over the units that answered every input.
    present = set(stat_codes)
    ratios = [(i, r) for i, r in enumerate(of.RATIOS) if all(c in present for c in r.inputs)]
    selects = []
    for _, ratio in ratios:
        where = " AND ".join(f"{_col(c)} IS NOT NULL" for c in ratio.inputs)
        num = " + ".join(f"coalesce(sum({_col(c)}) FILTER (WHERE {where}), 0)" for c in ratio.numerator)
        den = " + ".join(f"coalesce(sum({_col(c)}) FILTER (WHERE {where}), 0)" for c in ratio.denominator)
        selects.append(f"count(*) FILTER (WHERE {where}), {num}, {den}")
    returns = all(c in present for c in of.RETURN_INPUTS)
    if returns:
        where = " AND ".join(f"{_col(c)} IS NOT NULL" for c in of.RETURN_INPUTS)
        selects.append(f"count(*) FILTER (WHERE {where})")
        selects += [f"coalesce(sum({_col(c)}) FILTER (WHERE {where}), 0)" for c in of.RETURN_INPUTS]
    if selects:
        for row in con.execute(f"""
                SELECT campaign, ltype, coalesce(d, 'ALL'), {", ".join(selects)} FROM uw
                GROUP BY GROUPING SETS ((campaign, ltype, d), (campaign, ltype))""").fetchall():
            c = cell(row[0], row[1], row[2])
            values = [int(x) for x in row[3:]]
            for j, (i, _) in enumerate(ratios):
                c.ratios[i] = tuple(values[3 * j:3 * j + 3])
            if returns:
                c.returns = tuple(values[3 * len(ratios):])
    return campaigns


STANDINGS = ["below_q1", "q1_median", "median_q3", "above_q3"]


def benchmark_lines(con: duckdb.DuckDBPyConnection, secrets: dict[int, set]) -> dict[int, dict]:
    """Every member's benchmark (SPEC §4 "positionnement"), in SQL: one line per answer and
    answered catalogue indicator, set against the published quartiles of its type nationally
    and in its delegation (none where the figure is secret), and where the value stands in
    each. Returns per campaign the counts the app's benchmark reports (`BenchmarkTally`)."""
    campaigns, codes, types, cells = [], [], [], []
    for year, secret in secrets.items():
        for code, (t, d) in secret:
            campaigns.append(year), codes.append(code), types.append(t), cells.append(d)
    con.execute("""CREATE OR REPLACE TABLE secret AS
                   SELECT unnest(?::INTEGER[]) AS campaign, unnest(?::VARCHAR[]) AS code,
                          unnest(?::VARCHAR[]) AS ltype, unnest(?::VARCHAR[]) AS cdel""", [campaigns, codes, types, cells])
    con.execute("""CREATE OR REPLACE TABLE published AS
                   SELECT c.* FROM cellq c ANTI JOIN secret s USING (campaign, code, ltype, cdel) WHERE c.n > 0""")

    # A value v (hundredths) against quartiles kept as 4 × hundredths: compare 4v. As the app:
    # below q1, from q1 to below the median, from the median to q3 included, above q3.
    def standings(q: str) -> str:
        return ", ".join([
            f"count(*) FILTER (WHERE 4 * l.v < {q}.q1)",
            f"count(*) FILTER (WHERE 4 * l.v >= {q}.q1 AND 4 * l.v < {q}.q2)",
            f"count(*) FILTER (WHERE 4 * l.v >= {q}.q2 AND 4 * l.v <= {q}.q3)",
            f"count(*) FILTER (WHERE 4 * l.v > {q}.q3)"])
    rows = con.execute(f"""
        SELECT l.campaign, count(*), count(nq.q1), count(dq.q1), {standings("nq")}, {standings("dq")}
        FROM lg l
        LEFT JOIN published nq ON nq.campaign = l.campaign AND nq.ltype = l.ltype AND nq.code = l.code AND nq.cdel = 'ALL'
        LEFT JOIN published dq ON dq.campaign = l.campaign AND dq.ltype = l.ltype AND dq.code = l.code
                               AND dq.cdel = l.d AND l.d <> '{of.NO_DELEGATION}'
        WHERE l.ltype <> 'ALL' AND l.code IN ({_list(of.CODES)})
        GROUP BY l.campaign""").fetchall()
    return {r[0]: {"lines": r[1], "national": r[2], "delegation": r[3],
                   "national_standings": dict(zip(STANDINGS, r[4:8])),
                   "delegation_standings": dict(zip(STANDINGS, r[8:12]))} for r in rows}


def expected_figures(directory: str, k: int = 5, cost: str = "18300.00", aggregates: dict | None = None,
                     benchmarks: dict | None = None) -> tuple[dict, dict]:
    """{(campaign, scope): figures} for every national and delegation report, and timings.
    `aggregates`, when given, receives each campaign's cell aggregates; `benchmarks`, when
    given, receives each campaign's benchmark lines counted (`benchmark_lines`), timed apart."""
    timings = {}
    start = time.perf_counter()
    con = duckdb.connect()
    codes = load(con, directory)
    timings["load"] = time.perf_counter() - start
    start = time.perf_counter()
    campaigns = compute(con, codes)
    timings["sql"] = time.perf_counter() - start
    start = time.perf_counter()
    hundredths = Decimal(cost.replace(",", ".")) * 100
    if hundredths != hundredths.to_integral_value():
        raise SystemExit(f"the unemployed ETP cost has more than 2 decimals: {cost}")
    cost_hundredths = int(hundredths)
    reports = {}
    secrets = {}
    for year, c in campaigns.items():
        secret = secrets[year] = of.campaign_secrets(c, k)
        reports[(year, "national")] = of.report(c, "national", k, cost_hundredths, secret)
        scopes = of.DELEGATIONS_2025 if year >= 2016 else sorted({d for d in c.delegations if d != of.NO_DELEGATION})
        for scope in scopes:
            reports[(year, scope)] = of.report(c, scope, k, cost_hundredths, secret)
    timings["figures"] = time.perf_counter() - start
    if benchmarks is not None:
        start = time.perf_counter()
        benchmarks.update(benchmark_lines(con, secrets))
        timings["benchmark"] = time.perf_counter() - start
    con.close()
    if aggregates is not None:
        aggregates.update(campaigns)
    return reports, timings


def compare(directory: str, reports: dict, k: int = 5) -> list[str]:
    """Every difference between the app's exports in `directory` and `reports`."""
    problems = []
    files = of.export_files(directory)
    for key in sorted(reports.keys() - files.keys()):
        problems.append(f"figures-{key[0]}-{key[1]}.json is missing")
    for key in sorted(files.keys() - reports.keys()):
        problems.append(f"{os.path.basename(files[key])} has no independent counterpart")
    for key in sorted(reports.keys() & files.keys()):
        problems += of.compare_document(files[key], key[0], key[1], reports[key], k)
    return problems


def compare_benchmarks(directory: str, benchmarks: dict) -> list[str]:
    """The app's benchmark counts (bench-summary.json, per campaign) against `benchmarks`."""
    path = os.path.join(directory, "bench-summary.json")
    if not os.path.exists(path):
        return []
    app = {c["campaign"]: c.get("benchmark") for c in json.load(open(path))["per_campaign"]}
    problems = []
    for year in sorted(app.keys() | benchmarks.keys()):
        if app.get(year) != benchmarks.get(year):
            problems.append(f"benchmark lines of {year}: app {app.get(year)}, DuckDB {benchmarks.get(year)}")
    return problems


def audit(campaigns: dict, k: int = 5) -> list:
    """Secret sums (0 < n < k) still recoverable by subtraction from what is published."""
    return [(year, code, cell) for year, c in sorted(campaigns.items()) for code, cell in of.secrecy_audit(c, k)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--unemployed-etp-cost", default="18300.00")
    parser.add_argument("--show", type=int, default=20, help="differences printed (all are counted)")
    args = parser.parse_args(argv)
    read_csv = time_read_csv(args.directory)
    print(f"DuckDB {duckdb.__version__}: read_csv of the answers files alone, best of 3: {read_csv * 1000:.1f} ms")
    campaigns: dict = {}
    benchmarks: dict = {}
    reports, timings = expected_figures(args.directory, args.k, args.unemployed_etp_cost, campaigns, benchmarks)
    total = timings["load"] + timings["sql"] + timings["figures"] + timings["benchmark"]
    count = sum(len(r) for r in reports.values())
    lines = sum(b["lines"] for b in benchmarks.values())
    print(f"DuckDB: load {timings['load'] * 1000:.1f} ms, SQL {timings['sql'] * 1000:.1f} ms, "
          f"figures and secrecy {timings['figures'] * 1000:.1f} ms, benchmark lines (SQL) {timings['benchmark'] * 1000:.1f} ms "
          f"= {total * 1000:.1f} ms for {count} figures in {len(reports)} reports and {lines} benchmark lines")
    problems = compare(args.directory, reports, args.k) + compare_benchmarks(args.directory, benchmarks)
    leaks = audit(campaigns, args.k)
    print(f"Secrecy audit: {len(leaks)} secret sum(s) a reader could recover by subtraction"
          + (": " + ", ".join(f"{y} {code} {t}/{d}" for y, code, (t, d) in leaks[:10]) if leaks else "."))
    with open(os.path.join(args.directory, "duckdb-summary.json"), "w") as f:
        json.dump({"read_csv_seconds": read_csv, "load_seconds": timings["load"], "sql_seconds": timings["sql"],
                   "figures_seconds": timings["figures"], "benchmark_seconds": timings["benchmark"],
                   "benchmark_lines": lines, "duckdb_seconds": total, "figures": count, "reports": len(reports), "mismatches": len(problems),
                   "recoverable_secrets": len(leaks)}, f)
    if problems:
        print(f"{len(problems)} difference(s) with the app's exports and benchmarks; the first ones:")
        for p in problems[:args.show]:
            print("  " + p)
        return 1
    print(f"All {count} figures match the app's exports (same keys, n and values; null where n < k), "
          f"and the {lines} benchmark lines the app's counts.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

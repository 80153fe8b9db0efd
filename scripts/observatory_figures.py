"""The Observatory's published figures, restated independently of the Swift engine.

What SPEC §8 and the engine (Sources/MaillageCore/Observatory) say a campaign publishes, in
plain Python on exact integers: which figures exist per (type, delegation) cell, the final
rounding, statistical secrecy (primary and secondary) and the comparison with the JSON
exports. scripts/observatory_duckdb.py feeds it the aggregates it computes with DuckDB.

Every value is handled in integer hundredths of its unit (answers have at most 2 decimals),
so nothing is ever a binary float.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

ALL = "ALL"
NO_DELEGATION = "-"  # a structure outside every delegation (Grand Est, Martinique)

# The 2025 map (SPEC §8 codes).
DELEGATIONS_2025 = ["ARA", "BFC", "BRE", "CVL", "HDF", "IDF", "NOR", "NAQ", "OCC", "PDL", "PAC", "GUA", "GUY", "OIN"]

_SIAE = ["AI", "ACI", "EI", "ETTI", "ETT_ESS", "EITI", "GES", "EBE", "OF", "OTHER"]

# (code, unit, types it applies to; None = every type). Units: count, hours, etp, euros, percent.
CATALOGUE: list[tuple[str, str, list[str] | None]] = [
    ("permanents_headcount", "count", None),
    ("permanents_hours", "hours", None),
    ("permanents_etp", "etp", None),
    ("insertion_new_persons", "count", _SIAE),
    ("insertion_persons", "count", _SIAE),
    ("insertion_hours", "hours", _SIAE),
    ("insertion_etp", "etp", _SIAE),
    ("home_workers_headcount", "count", ["PROXIM"]),
    ("home_workers_etp", "etp", ["PROXIM"]),
    ("supervision_etp", "etp", ["PROXIM"]),
    ("salaries_total_eur", "euros", None),
    ("salaries_insertion_eur", "euros", _SIAE),
    ("turnover_eur", "euros", None),
    ("funding_state_eur", "euros", None),
    ("funding_department_eur", "euros", None),
    ("funding_region_eur", "euros", None),
    ("funding_municipal_eur", "euros", None),
    ("funding_esf_eur", "euros", None),
    ("funding_other_eur", "euros", None),
    ("employer_contributions_eur", "euros", None),
    ("taxes_eur", "euros", None),
    ("local_purchases_eur", "euros", None),
    ("charges_total_eur", "euros", None),
    ("exits_total", "count", _SIAE),
    ("exits_sustainable", "count", _SIAE),
    ("exits_transition", "count", _SIAE),
    ("exits_positive", "count", _SIAE),
    ("exits_other", "count", _SIAE),
    ("persons_women", "count", _SIAE),
    ("persons_men", "count", _SIAE),
    ("age_under_26", "count", _SIAE),
    ("age_26_49", "count", _SIAE),
    ("age_50_plus", "count", _SIAE),
    ("rsa_recipients", "count", _SIAE),
    ("long_term_jobseekers", "count", _SIAE),
    ("below_bac", "count", _SIAE),
    ("clientele_private_pct", "percent", None),
    ("clientele_nonprofit_pct", "percent", None),
    ("clientele_public_pct", "percent", None),
    ("clientele_individuals_pct", "percent", None),
]
CODES = [c for c, _, _ in CATALOGUE]
PERCENT_CODES = {c for c, u, _ in CATALOGUE if u == "percent"}
APPLIES = {c: t for c, _, t in CATALOGUE}
FUNDERS = ["funding_state_eur", "funding_department_eur", "funding_region_eur",
           "funding_municipal_eur", "funding_esf_eur", "funding_other_eur"]
DYNAMIC_PARTS = ["exits_sustainable", "exits_transition", "exits_positive"]
DERIVED = ["public_funding_eur", "dynamic_exits"]
# Codes whose sums add up over types and delegations: the ones secondary suppression protects.
ADDITIVE = [c for c in CODES if c not in PERCENT_CODES] + DERIVED
RESOURCES = ["turnover_eur", "public_funding_eur"]
# Places of a `_pct` indicator's mean and quartiles: SPEC §8 gives 1 place to `rate` and
# `share` only, "everything else has 2".
PCT_STATISTIC_PLACES = 2


@dataclass(frozen=True)
class Ratio:
    indicator: str
    statistic: str  # rate and share are percentages
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]

    @property
    def percent(self) -> bool:
        return self.statistic in ("rate", "share")

    @property
    def inputs(self) -> list[str]:
        return sorted(set(self.numerator + self.denominator))


# Computed on the group's sums, over the units that answered every input (SPEC §8).
RATIOS = [
    Ratio("dynamic_exit_rate", "rate", ("dynamic_exits",), ("exits_total",)),
    Ratio("exits_sustainable", "share", ("exits_sustainable",), ("exits_total",)),
    Ratio("exits_transition", "share", ("exits_transition",), ("exits_total",)),
    Ratio("exits_positive", "share", ("exits_positive",), ("exits_total",)),
    Ratio("exits_other", "share", ("exits_other",), ("exits_total",)),
    Ratio("economic_resources_share", "share", ("turnover_eur",), tuple(RESOURCES)),
    Ratio("public_funding_eur", "share", ("public_funding_eur",), tuple(RESOURCES)),
    Ratio("public_funding_per_insertion_etp_eur", "ratio", ("public_funding_eur",), ("insertion_etp",)),
    Ratio("return_contributions", "ratio", ("employer_contributions_eur",), ("public_funding_eur",)),
    Ratio("return_taxes", "ratio", ("taxes_eur",), ("public_funding_eur",)),
    Ratio("turnover_eur", "ratio", ("turnover_eur",), ("public_funding_eur",)),
    Ratio("salaries_total_eur", "ratio", ("salaries_total_eur",), ("public_funding_eur",)),
    Ratio("local_purchases_eur", "ratio", ("local_purchases_eur",), ("public_funding_eur",)),
] + [Ratio(f, "share", (f,), tuple(RESOURCES)) for f in FUNDERS]
RETURN_INPUTS = ["public_funding_eur", "employer_contributions_eur", "taxes_eur", "insertion_etp"]


def round_half_away(num: int, den: int, places: int) -> str:
    """num/den rounded half away from zero to `places` decimals, as "66.0" or "-0.50"."""
    if den == 0:
        raise ZeroDivisionError
    if den < 0:
        num, den = -num, -den
    scaled = abs(num) * 10 ** places
    q = (2 * scaled + den) // (2 * den)
    digits = str(q).rjust(places + 1, "0")
    sign = "-" if num < 0 and q != 0 else ""
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def applies(code: str, type_: str) -> bool:
    types = APPLIES.get(code)
    return types is None or type_ in types


# ---------------------------------------------------------------- secrecy

def secondary_suppression(n: dict[tuple[str, str], int], types: list[str], delegations: list[str], k: int,
                          percent: bool = False) -> set[tuple[str, str]]:
    """Cells of one indicator kept secret. `n[(type, delegation)]` counts the structures (units)
    with a value; `types` and `delegations` are the campaign's, sorted, without ALL.

    Primary: 0 < n < k. Secondary: along each line (a type across delegations to its ALL
    total; a delegation across types to its ALL total), a published total with exactly one
    secret part, or with secret parts (and "-") holding fewer than k structures together,
    gets its smallest published part (fewest structures, then type+delegation text) made
    secret too, over and over until nothing changes. The "-" (no delegation)
    part is never published, so it cannot serve as that cover. A `_pct` indicator's mean
    times n adds up across delegations: it is protected on the lines of each real type only
    (it has no ALL-type figures).
    """
    types = types + [ALL]
    delegations = delegations + [ALL]
    hidden = {cell for cell, count in n.items() if 0 < count < k}
    lines = [((t, ALL), [(t, d) for d in delegations[:-1]]) for t in types]
    lines += [((ALL, d), [(t, d) for t in types[:-1]]) for d in delegations]
    if percent:
        lines = [line for line in lines if line[0][0] != ALL and line[0][1] == ALL]
    changed = True
    while changed:
        changed = False
        for total, parts in lines:
            if total in hidden or n.get(total, 0) <= 0:
                continue
            secret_parts = sum(1 for p in parts if p in hidden)
            # Several secret parts together are the total minus the rest: they must hold k.
            unknown = sum(n.get(p, 0) for p in parts if p in hidden or p[1] == NO_DELEGATION)
            if not (secret_parts == 1 or (secret_parts > 1 and unknown < k)):
                continue
            candidates = [p for p in parts if p not in hidden and n.get(p, 0) > 0 and p[1] != NO_DELEGATION]
            if not candidates:
                continue
            hidden.add(min(candidates, key=lambda c: (n[c], c[0] + c[1])))
            changed = True
    return hidden


def recoverable_secrets(n: dict[tuple[str, str], int], hidden: set[tuple[str, str]],
                        types: list[str], delegations: list[str], k: int) -> set[tuple[str, str]]:
    """Audit, not a rule of the engine: cells with 0 < n < k whose sum a reader can still work
    out from the published sums by adding and subtracting along the lines. Published: every
    cell with n >= k that is not hidden, except "-" (no delegation) cells; a cell with n = 0
    is known to be zero."""
    all_types = types + [ALL]
    all_delegations = delegations + [ALL]
    lines = [((t, ALL), [(t, d) for d in delegations]) for t in all_types]
    lines += [((ALL, d), [(t, d) for t in types]) for d in all_delegations]
    known = {cell for t in all_types for d in all_delegations for cell in [(t, d)]
             if n.get(cell, 0) == 0 or (cell not in hidden and d != NO_DELEGATION)}
    changed = True
    while changed:
        changed = False
        for total, parts in lines:
            unknown = [p for p in parts if p not in known]
            if total in known and len(unknown) == 1:
                known.add(unknown[0])
                changed = True
            elif total not in known and not unknown:
                known.add(total)
                changed = True
    return {cell for cell in known if 0 < n.get(cell, 0) < k}


# ---------------------------------------------------------------- one campaign's figures

@dataclass
class CellStats:
    """Aggregates of one (type, delegation) cell, all in integer hundredths of the unit.
    `indicators[code] = (n, sum, q1, median, q3)`, quantiles in 1/400 of the unit;
    `ratios[i] = (rows, numerator, denominator)` for RATIOS[i];
    `returns = (rows, funding, contributions, taxes, insertion_etp)`."""
    units: int = 0
    base: int = 0
    indicators: dict[str, tuple[int, int, int, int, int]] = field(default_factory=dict)
    ratios: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    returns: tuple[int, int, int, int, int] | None = None


@dataclass
class CampaignStats:
    year: int
    types: list[str]            # types answered in the campaign, sorted
    delegations: list[str]      # delegations of the answers, sorted, "-" included
    cells: dict[tuple[str, str], CellStats]


Key = tuple[str, str, str, str]  # indicator, statistic, type, delegation
Published = dict[Key, tuple[int, str | None]]  # key -> (n, value or None)


def cell_figures(cell: tuple[str, str], stats: CellStats, secret: set[tuple[str, tuple[str, str]]],
                 k: int, cost_hundredths: int, out: Published) -> None:
    """The figures of one cell: value null when n < k; omitted when secondary suppression hides
    it (publishing it would let a reader recover a secret figure by subtraction) or when there
    is nothing to say (a zero denominator)."""
    type_, delegation = cell

    def emit(indicator: str, statistic: str, n: int, value: tuple[int, int] | None, places: int, hidden: bool) -> None:
        if n < k:
            shown = None
        elif hidden or value is None:
            return
        else:
            shown = round_half_away(value[0], value[1], places)
        key = (indicator, statistic, type_, delegation)
        if key in out:
            raise AssertionError(f"figure {key} computed twice")
        out[key] = (n, shown)

    # Response rate: answers over members active at the opening. It reveals only counts that
    # are published anyway, so it is given whatever n (SPEC §8); null without members.
    key = ("response", "rate", type_, delegation)
    value = round_half_away(stats.units * 100, stats.base, 1) if stats.base > 0 else None
    out[key] = (stats.units, value)

    for code in CODES:
        percent = code in PERCENT_CODES
        if type_ != ALL and not applies(code, type_):
            continue
        if percent and type_ == ALL:
            continue
        if code not in stats.indicators:
            continue
        n, total, q1, median, q3 = stats.indicators[code]
        hidden = (code, cell) in secret
        places = PCT_STATISTIC_PLACES if percent else 2
        if not percent:
            emit(code, "sum", n, (total, 100), 2, hidden)
        emit(code, "mean", n, (total, 100 * n), places, hidden)
        emit(code, "q1", n, (q1, 400), places, hidden)
        emit(code, "median", n, (median, 400), places, hidden)
        emit(code, "q3", n, (q3, 400), places, hidden)
    for code in DERIVED:
        if code in stats.indicators:
            n, total = stats.indicators[code][:2]
            emit(code, "sum", n, (total, 100), 2, (code, cell) in secret)
    for i, ratio in enumerate(RATIOS):
        rows, num, den = stats.ratios.get(i, (0, 0, 0))
        if rows == 0:
            continue
        hidden = any((c, cell) in secret for c in ratio.inputs)
        value = None if den == 0 else ((num * 100, den) if ratio.percent else (num, den))
        emit(ratio.indicator, ratio.statistic, rows, value, 1 if ratio.percent else 2, hidden)
    if stats.returns is not None:
        rows, funding, contributions, taxes, etp = stats.returns
        if rows > 0 and funding != 0:
            hidden = rows < k or any((c, cell) in secret for c in RETURN_INPUTS)
            avoided = (etp * cost_hundredths, 100 * funding)
            total = ((contributions + taxes) * 100 + etp * cost_hundredths, 100 * funding)
            emit("return_avoided_cost", "ratio", rows, avoided, 2, hidden)
            emit("return_per_public_euro", "ratio", rows, total, 2, hidden)


def secrecy_audit(c: CampaignStats, k: int) -> list[tuple[str, tuple[str, str]]]:
    """(code, cell) pairs whose secret sum can be recovered by subtraction despite suppression."""
    out = []
    for code in ADDITIVE:
        n = {cell: s.indicators[code][0] for cell, s in c.cells.items() if code in s.indicators}
        hidden = secondary_suppression(n, c.types, c.delegations, k)
        out += [(code, cell) for cell in sorted(recoverable_secrets(n, hidden, c.types, c.delegations, k))]
    return out


def campaign_secrets(c: CampaignStats, k: int) -> set[tuple[str, tuple[str, str]]]:
    secret: set[tuple[str, tuple[str, str]]] = set()
    for code in ADDITIVE + sorted(PERCENT_CODES):
        n = {cell: s.indicators[code][0] for cell, s in c.cells.items() if code in s.indicators}
        for cell in secondary_suppression(n, c.types, c.delegations, k, percent=code in PERCENT_CODES):
            secret.add((code, cell))
    return secret


def report_cells(c: CampaignStats, scope: str) -> list[tuple[str, str]]:
    """National report: the network, each type, each delegation. A delegation's: the
    delegation, and each type answered in it."""
    if scope == "national":
        return [(ALL, ALL)] + [(t, ALL) for t in c.types] + [(ALL, d) for d in c.delegations if d != NO_DELEGATION]
    types = sorted({t for (t, d) in c.cells if d == scope and t != ALL and c.cells[(t, d)].units > 0})
    return [(ALL, scope)] + [(t, scope) for t in types]


def report(c: CampaignStats, scope: str, k: int, cost_hundredths: int, secret=None) -> Published:
    secret = campaign_secrets(c, k) if secret is None else secret
    out: Published = {}
    for cell in report_cells(c, scope):
        cell_figures(cell, c.cells.get(cell, CellStats()), secret, k, cost_hundredths, out)
    return out


# ---------------------------------------------------------------- the JSON exports

FIGURES_FILE = re.compile(r"figures-(\d{4})-([A-Za-z]+|national)\.json$")


def read_export(path: str) -> tuple[dict, Published]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    figures: Published = {}
    duplicates = []
    for item in doc.get("figures", []):
        key = (item["indicator"], item["statistic"], item["type"], item["delegation"])
        if key in figures:
            duplicates.append(key)
        figures[key] = (item["n"], item["value"])
    doc["_duplicates"] = duplicates
    return doc, figures


def export_files(directory: str) -> dict[tuple[int, str], str]:
    found = {}
    for name in sorted(os.listdir(directory)):
        m = FIGURES_FILE.match(name)
        if m:
            found[(int(m.group(1)), m.group(2))] = os.path.join(directory, name)
    return found


def compare_document(path: str, campaign: int, scope: str, expected: Published, k: int, limit: int = 20) -> list[str]:
    """Every way the JSON export at `path` differs from `expected` (at most `limit` lines
    per kind of difference are kept, but all are counted)."""
    problems: list[str] = []
    name = os.path.basename(path)
    doc, got = read_export(path)
    for field_, want in (("campaign", campaign), ("scope", scope), ("k", k)):
        if doc.get(field_) != want:
            problems.append(f"{name}: {field_} is {doc.get(field_)!r}, expected {want!r}")
    if not isinstance(doc.get("generated_at"), str):
        problems.append(f"{name}: generated_at missing")
    for key in doc["_duplicates"]:
        problems.append(f"{name}: {key} appears twice")
    for item in doc.get("figures", []):
        if set(item) != {"indicator", "statistic", "type", "delegation", "n", "value"}:
            problems.append(f"{name}: figure with fields {sorted(item)}")
            break
    for key in sorted(expected.keys() | got.keys()):
        want, have = expected.get(key), got.get(key)
        if want == have:
            continue
        if have is None:
            problems.append(f"{name}: {'/'.join(key)} missing from the export (expected n={want[0]} value={want[1]})")
        elif want is None:
            problems.append(f"{name}: {'/'.join(key)} should not be published (export has n={have[0]} value={have[1]})")
        else:
            problems.append(f"{name}: {'/'.join(key)} n={have[0]} value={have[1]}, expected n={want[0]} value={want[1]}")
    return problems


def null_rule_violations(directory: str, k: int) -> list[str]:
    """SPEC §8: `value` is null exactly when n < k, in every export of `directory`; response
    rates aside (counts published anyway: given whatever n)."""
    out = []
    for (_, _), path in export_files(directory).items():
        _, figures = read_export(path)
        for key, (n, value) in figures.items():
            if key[0] != "response" and (value is None) != (n < k):
                out.append(f"{os.path.basename(path)}: {'/'.join(key)} n={n} value={value}")
    return out

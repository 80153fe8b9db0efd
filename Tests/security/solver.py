"""The differencing solver: what a reader can work out from published Observatory figures by
adding and subtracting them, and whether that isolates fewer than k structures.

Figures are SPEC §8 documents (`{"k": …, "figures": [{indicator, statistic, type,
delegation, n, value}]}`). Additive quantities are a cell's `sum`, or `mean × n` where the
indicator has no sum (the `_pct` ones): both add up over the delegations of a type (each
answer sits in one delegation) and over the types of a delegation (the `ALL` cell of a
delegation sums each structure's answers over its types).

Two kinds of check, both exact on the published numbers (Fractions, never floats):

- within one document set (`static_leaks`): along every line (a total and its parts), the
  total minus the published parts is the sum over the remaining parts; if those hold 1 to
  k − 1 structures, their sum is out (primary secrecy broken by subtraction);
- between two releases (`release_leaks`): a figure published in both whose value or n moved,
  and every line's "total change minus the published parts' changes", is the sum of the
  changes of the structures that changed there; fewer than k of them → leak. The structures
  that changed come from the ground truth (`Truth`: the admin's answers export taken when each
  release was published), so the check does not depend on how the server decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

ALL = "ALL"
NO_DELEGATION = "-"
FUNDERS = ["funding_state_eur", "funding_department_eur", "funding_region_eur",
           "funding_municipal_eur", "funding_esf_eur", "funding_other_eur"]
DYNAMIC = ["exits_sustainable", "exits_transition", "exits_positive"]
# Derived figures and the answers they are made of (a change of any input moves them).
INPUTS = {
    "public_funding_eur": FUNDERS,
    "dynamic_exits": DYNAMIC,
    "dynamic_exit_rate": DYNAMIC + ["exits_total"],
    "economic_resources_share": ["turnover_eur"] + FUNDERS,
    "public_funding_per_insertion_etp_eur": FUNDERS + ["insertion_etp"],
    "return_contributions": FUNDERS + ["employer_contributions_eur"],
    "return_taxes": FUNDERS + ["taxes_eur"],
    "return_avoided_cost": FUNDERS + ["insertion_etp"],
    "return_per_public_euro": FUNDERS + ["employer_contributions_eur", "taxes_eur", "insertion_etp"],
}
# Response rates publish counts of answers, never an answer: always given (SPEC §8).
NOT_SECRET = {"response"}


def dec(value: str | None) -> Fraction | None:
    return None if value is None else Fraction(value)


@dataclass
class FigureSet:
    """Every figure of one campaign state (a release, or the live figures), by key."""
    k: int
    figures: dict = field(default_factory=dict)  # (indicator, statistic, type, delegation) → (n, value|None)
    conflicts: list = field(default_factory=list)

    @classmethod
    def from_documents(cls, docs: list[dict]) -> "FigureSet":
        assert docs, "no figures document"
        fs = cls(k=int(docs[0]["k"]))
        for doc in docs:
            for f in doc["figures"]:
                key = (f["indicator"], f["statistic"], f["type"], f["delegation"])
                item = (int(f["n"]), dec(f["value"]))
                if key in fs.figures and fs.figures[key] != item:
                    fs.conflicts.append(f"{key}: {fs.figures[key]} in one document, {item} in another")
                fs.figures[key] = item
        return fs

    def types(self) -> set[str]:
        return {k[2] for k in self.figures} - {ALL}

    def delegations(self) -> set[str]:
        return {k[3] for k in self.figures} - {ALL}

    def additive(self) -> dict:
        """(indicator, type, delegation) → (n, derivable sum or None): the cell's `sum` when
        published, else `mean × n` when the mean is (the `_pct` indicators have no sum)."""
        out: dict = {}
        cells = {(ind, t, d) for (ind, stat, t, d) in self.figures if stat in ("sum", "mean")}
        for cell in cells:
            ind, t, d = cell
            s = self.figures.get((ind, "sum", t, d))
            m = self.figures.get((ind, "mean", t, d))
            if s is not None and s[1] is not None:
                out[cell] = s
            elif m is not None and m[1] is not None:
                out[cell] = (m[0], m[1] * m[0])
            else:
                out[cell] = ((s or m)[0], None)
        return out


class Truth:
    """Answers counted in the figures (the admin's answers export), placed in delegations."""

    def __init__(self, rows: list[dict], delegation_of_siret: dict[str, str | None], types_of_siret=None) -> None:
        # rows: {"siret", "type", "values": {code: Fraction}}
        self.answers: dict[tuple[str, str], tuple[str, dict]] = {}
        for r in rows:
            d = delegation_of_siret.get(r["siret"]) or NO_DELEGATION
            self.answers[(r["siret"], r["type"])] = (d, r["values"])

    def structures(self, indicator: str, type_: str, delegation: str) -> set[str]:
        """Structures whose answers feed the cell's `indicator` (any input of a derived one)."""
        codes = INPUTS.get(indicator, [indicator])
        out = set()
        for (siret, t), (d, values) in self.answers.items():
            if (type_ == ALL or t == type_) and (delegation == ALL or d == delegation):
                if indicator == "response" or any(c in values for c in codes):
                    out.add(siret)
        return out

    def cell_sum(self, indicator: str, type_: str, delegation: str) -> tuple[int, Fraction]:
        n, total = set(), Fraction(0)
        for (siret, t), (d, values) in self.answers.items():
            if (type_ == ALL or t == type_) and (delegation == ALL or d == delegation) and indicator in values:
                n.add(siret if type_ == ALL else (siret, t))
                total += values[indicator]
        return len(n), total


def changed_structures(a: Truth, b: Truth, indicator: str, type_: str, delegation: str) -> set[str]:
    """Structures whose contribution to the cell's `indicator` differs between two states."""
    codes = INPUTS.get(indicator, [indicator])
    out = set()
    for key in set(a.answers) | set(b.answers):
        siret, t = key
        if type_ != ALL and t != type_:
            continue
        before, after = a.answers.get(key), b.answers.get(key)
        in_before = before is not None and (delegation == ALL or before[0] == delegation)
        in_after = after is not None and (delegation == ALL or after[0] == delegation)
        if not in_before and not in_after:
            continue
        vb = before[1] if in_before else {}
        va = after[1] if in_after else {}
        if indicator == "response":
            if in_before != in_after:
                out.add(siret)
        elif any(vb.get(c) != va.get(c) for c in codes):
            out.add(siret)
    return out


def lines(fs: FigureSet, *truths: "Truth | None"):
    """Every (total, parts, n_additive) line of the grid: a type (or ALL) over the delegations,
    a delegation (or ALL) over the types. Parts are every cell that has answers, published or
    not (the ground truth names the delegations and types nobody sees a figure of)."""
    types, dels = set(fs.types()), set(fs.delegations()) | {NO_DELEGATION}
    for truth in truths:
        if truth is not None:
            types |= {t for (_, t) in truth.answers}
            dels |= {d for (d, _) in truth.answers.values()}
    types, dels = sorted(types), sorted(dels)
    for t in types + [ALL]:
        yield (t, ALL), [(t, d) for d in dels], True
    for d in dels + [ALL]:
        yield (ALL, d), [(t, d) for t in types], False


def static_leaks(fs: FigureSet, truth: Truth | None = None) -> list[str]:
    """Sums a reader gets by subtraction along a line and that come from 1 to k − 1 structures
    (or answers, for one type)."""
    k, add = fs.k, fs.additive()
    leaks = list(fs.conflicts)
    indicators = sorted({key[0] for key in add})
    for (total, parts, n_additive) in lines(fs, truth):
        for ind in indicators:
            tot = add.get((ind, *total))
            if tot is None or tot[1] is None:
                continue
            published = [p for p in parts if add.get((ind, *p), (0, None))[1] is not None]
            hidden = [p for p in parts if p not in published]
            if n_additive:
                rest = tot[0] - sum(add[(ind, *p)][0] for p in published)
                if 1 <= rest < k:
                    leaks.append(f"{ind} {total[0]}/{total[1]}: total (n={tot[0]}) minus the published "
                                 f"{'/'.join(p[1] for p in published)} leaves the sum of {rest} answer(s) "
                                 f"in {', '.join(p[1] for p in hidden) or '(nothing)'}")
            else:
                if truth is None:
                    nulls = [add[(ind, *p)][0] for p in hidden if (ind, *p) in add]
                    absent = [p for p in hidden if (ind, *p) not in add]
                    group = sum(nulls) if not absent else None
                else:
                    group = len(set().union(*[truth.structures(ind, *p) for p in hidden])) if hidden else 0
                if group is not None and 1 <= group < k:
                    leaks.append(f"{ind} {total[0]}/{total[1]}: total minus the published types "
                                 f"{'/'.join(p[0] for p in published)} leaves the sum of {group} structure(s) "
                                 f"in {', '.join(p[0] for p in hidden)}")
    return leaks


def release_leaks(a: FigureSet, b: FigureSet, ta: Truth | None, tb: Truth | None, label: str = "") -> list[str]:
    """What comparing release `a` with the later release `b` gives away."""
    k = b.k
    leaks = []
    # 1. The same figure in both: its change comes from the structures that changed in the
    #    cell (ground truth); without it, a move of n by 1..k-1 is that many answers at least.
    for key in sorted(set(a.figures) & set(b.figures)):
        ind, stat, t, d = key
        if ind in NOT_SECRET:
            continue
        (na, va), (nb, vb) = a.figures[key], b.figures[key]
        if va is None or vb is None or (na, va) == (nb, vb):
            continue
        if ta is not None and tb is not None:
            moved = changed_structures(ta, tb, ind, t, d)
            if 1 <= len(moved) < k or not moved:
                leaks.append(f"{label}{key}: ({na}, {va}) → ({nb}, {vb}) from {len(moved)} changed structure(s) only")
        elif 1 <= abs(nb - na) < k:
            leaks.append(f"{label}{key}: n moved by {nb - na} between the releases ({na} → {nb}), value {va} → {vb}")
    # 2. Along each line: total change minus the published parts' changes is the change of the
    #    remaining parts, from the structures that changed there.
    if ta is None or tb is None:
        return leaks
    add_a, add_b = a.additive(), b.additive()
    for (total, parts, _) in lines(b, ta, tb):
        for ind in sorted({key[0] for key in add_b}):
            ta_, tb_ = add_a.get((ind, *total)), add_b.get((ind, *total))
            if not ta_ or not tb_ or ta_[1] is None or tb_[1] is None:
                continue
            both = [p for p in parts if add_a.get((ind, *p), (0, None))[1] is not None
                    and add_b.get((ind, *p), (0, None))[1] is not None]
            rest = [p for p in parts if p not in both]
            if not rest:
                continue
            moved = set().union(*[changed_structures(ta, tb, ind, *p) for p in rest])
            delta = (tb_[1] - ta_[1]) - sum(add_b[(ind, *p)][1] - add_a[(ind, *p)][1] for p in both)
            if 1 <= len(moved) < k:
                leaks.append(f"{label}{ind} {total[0]}/{total[1]}: the total's change minus the published parts' "
                             f"changes ({float(delta):.2f}) is the change of {len(moved)} structure(s) in "
                             f"{', '.join('/'.join(p) for p in rest)}")
    return leaks

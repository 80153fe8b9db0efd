"""Finding 3: means of `_pct` indicators escaped secondary suppression — mean × n adds up over
the delegations, so the national AI mean × n minus the published delegations' gave a small
delegation's single structure. The solver subtracts along every line (a type over the
delegations, a delegation over the types), with sums and mean × n, on the live figures (as
the admin sees them) of every campaign and on every published release."""
import pytest

from seclib import CLOSED_YEARS, OPEN_YEAR, answers_truth_rows, figures_docs, publish, release_numbers
from solver import ALL, FigureSet, Truth, static_leaks


@pytest.fixture(scope="module")
def admin(signed):
    return signed("admin")


@pytest.fixture(scope="module")
def delegation_of(demo):
    return {s["siret"]: s["delegation"] for s in demo.structures()}


def model_mismatches(fs: FigureSet, truth: Truth) -> list[str]:
    """The solver's premise: its ground truth counts what the figures count (n per type cell)."""
    out = []
    for (ind, stat, t, d), (n, _) in fs.figures.items():
        if stat == "sum" and t != ALL and d != ALL and ind in {c for v in truth.answers.values() for c in v[1]}:
            want, _ = truth.cell_sum(ind, t, d)
            if want != n:
                out.append(f"{ind} {t}/{d}: published n={n}, answers export gives {want}")
    return out


@pytest.mark.parametrize("year", [OPEN_YEAR, CLOSED_YEARS[-1]])
def test_live_figures_isolate_no_group_smaller_than_k(admin, demo, delegation_of, year):
    fs = FigureSet.from_documents(figures_docs(admin, year, demo.delegation_codes()))
    truth = Truth(answers_truth_rows(admin, year), delegation_of)
    mismatches = model_mismatches(fs, truth)
    assert not mismatches, "the solver's ground truth disagrees with the figures:\n" + "\n".join(mismatches[:10])
    leaks = static_leaks(fs, truth)
    assert not leaks, f"{len(leaks)} sum(s) recoverable by subtraction from fewer than k={fs.k}:\n" + "\n".join(leaks[:30])


def test_pct_means_are_checked(admin, demo, delegation_of):
    """The solver does look at `_pct` means (mean × n): the finding's own line is in its scope."""
    fs = FigureSet.from_documents(figures_docs(admin, OPEN_YEAR, demo.delegation_codes()))
    pct = [key for key in fs.additive() if key[0].endswith("_pct")]
    assert pct, "no _pct mean published at all"
    assert all(key[1] != ALL for key in pct), "a _pct indicator has an ALL-types figure"


def test_every_release_isolates_no_group_smaller_than_k(admin, demo):
    if not release_numbers(admin, OPEN_YEAR):
        publish(admin, OPEN_YEAR)
    leaks = []
    for year in CLOSED_YEARS + [OPEN_YEAR]:
        for n in release_numbers(admin, year):
            docs = figures_docs(admin, year, demo.delegation_codes(),
                                prefix=f"/observatoire/{year}/publications/{n}/chiffres.json")
            leaks += [f"{year} release {n}: {leak}" for leak in static_leaks(FigureSet.from_documents(docs))]
    assert not leaks, "\n".join(leaks[:30])

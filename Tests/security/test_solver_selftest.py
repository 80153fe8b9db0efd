"""The differencing solver finds what it is meant to find (synthetic figures, no server)."""
from fractions import Fraction

from solver import FigureSet, Truth, release_leaks, static_leaks


def doc(k, figures):
    return {"k": k, "figures": [dict(zip(("indicator", "statistic", "type", "delegation", "n", "value"), f))
                                for f in figures]}


def test_pct_mean_times_n_across_delegations_isolates_one_structure():
    # Finding 3: national AI mean × n minus the published delegations' mean × n is the one
    # structure of the small delegation (its own figure being secret).
    fs = FigureSet.from_documents([doc(5, [
        ("clientele_private_pct", "mean", "AI", "ALL", 11, "40.00"),
        ("clientele_private_pct", "mean", "AI", "PDL", 5, "30.00"),
        ("clientele_private_pct", "mean", "AI", "NOR", 5, "50.00"),
        ("clientele_private_pct", "mean", "AI", "GUY", 1, None),
    ])])
    leaks = static_leaks(fs)
    assert len(leaks) == 1 and "1 answer" in leaks[0], leaks


def test_a_remainder_of_k_structures_is_no_leak():
    fs = FigureSet.from_documents([doc(5, [
        ("turnover_eur", "sum", "AI", "ALL", 15, "1500.00"),
        ("turnover_eur", "sum", "AI", "PDL", 5, "500.00"),
        ("turnover_eur", "sum", "AI", "NOR", 5, "500.00"),
        ("turnover_eur", "sum", "AI", "GUY", 2, None),
        ("turnover_eur", "sum", "AI", "OIN", 3, None),
    ])])
    assert static_leaks(fs) == []


def test_types_of_a_delegation_with_ground_truth():
    # ALL of PDL minus AI leaves ACI: one structure.
    fs = FigureSet.from_documents([doc(5, [
        ("turnover_eur", "sum", "ALL", "PDL", 6, "600.00"),
        ("turnover_eur", "sum", "AI", "PDL", 5, "500.00"),
        ("turnover_eur", "sum", "ACI", "PDL", 1, None),
    ])])
    rows = [{"siret": f"s{i}", "type": "AI", "values": {"turnover_eur": Fraction(100)}} for i in range(5)]
    rows.append({"siret": "s9", "type": "ACI", "values": {"turnover_eur": Fraction(100)}})
    truth = Truth(rows, {r["siret"]: "PDL" for r in rows})
    assert any("1 structure" in leak for leak in static_leaks(fs, truth))


def test_one_changed_answer_between_releases_is_caught():
    rows_a = [{"siret": f"s{i}", "type": "AI", "values": {"turnover_eur": Fraction(100)}} for i in range(8)]
    rows_b = [dict(r) for r in rows_a]
    rows_b[0] = {"siret": "s0", "type": "AI", "values": {"turnover_eur": Fraction(250)}}
    deleg = {r["siret"]: "PDL" for r in rows_a}
    a = FigureSet.from_documents([doc(5, [("turnover_eur", "sum", "AI", "PDL", 8, "800.00"),
                                          ("turnover_eur", "sum", "AI", "ALL", 8, "800.00")])])
    b = FigureSet.from_documents([doc(5, [("turnover_eur", "sum", "AI", "PDL", 8, "950.00"),
                                          ("turnover_eur", "sum", "AI", "ALL", 8, "950.00")])])
    leaks = release_leaks(a, b, Truth(rows_a, deleg), Truth(rows_b, deleg))
    assert leaks and all("1 changed structure" in leak for leak in leaks), leaks
    # Withheld in the later release: nothing to compare, nothing given away.
    b_ok = FigureSet.from_documents([doc(5, [("turnover_eur", "sum", "AI", "GUY", 3, None)])])
    assert release_leaks(a, b_ok, Truth(rows_a, deleg), Truth(rows_b, deleg)) == []
    # Without ground truth, a move of n by 1..k-1 is a leak by itself.
    c = FigureSet.from_documents([doc(5, [("turnover_eur", "sum", "AI", "PDL", 9, "900.00")])])
    assert release_leaks(a, c, None, None)


def test_change_hidden_in_a_withheld_part_but_out_through_the_total():
    # Five PDL structures and one GUY structure change: the total and PDL each move from at
    # least k structures, but the total's change minus PDL's is the GUY structure's own.
    rows_a = [{"siret": f"s{i}", "type": "AI", "values": {"turnover_eur": Fraction(100)}} for i in range(10)]
    deleg = {f"s{i}": ("PDL" if i < 5 else "GUY") for i in range(10)}
    rows_b = [{"siret": r["siret"], "type": "AI",
               "values": {"turnover_eur": Fraction(110 if i < 5 else (500 if i == 9 else 100))}}
              for i, r in enumerate(rows_a)]
    a = FigureSet.from_documents([doc(5, [("turnover_eur", "sum", "AI", "ALL", 10, "1000.00"),
                                          ("turnover_eur", "sum", "AI", "PDL", 5, "500.00")])])
    b = FigureSet.from_documents([doc(5, [("turnover_eur", "sum", "AI", "ALL", 10, "1450.00"),
                                          ("turnover_eur", "sum", "AI", "PDL", 5, "550.00")])])
    leaks = release_leaks(a, b, Truth(rows_a, deleg), Truth(rows_b, deleg))
    assert len(leaks) == 1 and "AI/ALL" in leaks[0] and "400.00" in leaks[0] and "1 structure" in leaks[0], leaks

"""Finding 1: huge answers (near 10^20) crashed the figures engine. They are refused where they
enter (422, a French message next to the field, nothing saved); the largest accepted values
(the catalogue's maximum per unit) go through the figures without a crash."""
import pathlib
import re
from fractions import Fraction

import pytest

from seclib import (OPEN_YEAR, answer_form_values, answer_path, answering_types, is_french, read_page,
                    submit_answer)

ROOT = pathlib.Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "Sources" / "MaillageCore" / "Observatory" / "IndicatorCatalogue.swift"
HUGE = "99999999999999999999"
HUGE_FIELDS = ["funding_state_eur", "employer_contributions_eur", "taxes_eur", "insertion_etp"]
DIVISORS = {"AI": 1607, "ACI": 1820, "EI": 1505, "ETTI": 1600, "ETT_ESS": 1600}


def catalogue():
    """(unit of each indicator code, maximum of each unit) as IndicatorCatalogue.swift states them."""
    text = CATALOGUE.read_text(encoding="utf-8")
    units = dict(re.findall(r'\.init\("([a-z0-9_]+)",\s*"[^"]*",\s*"[^"]*",\s*\.([a-z]+),', text))
    assert len(units) >= 40, "could not read the indicator catalogue"
    start = text.find("var maximum")
    assert start >= 0, "IndicatorCatalogue.swift states no `maximum` per unit"
    block = text[start:text.find("}", text.find("switch", start)) + 1]
    maxima = {u: Fraction(v.replace("_", "")) for u, v in re.findall(r"case \.([a-z]+):\s*Exact\(([\d_]+)\)", block)}
    assert set(units.values()) <= set(maxima), f"units without a maximum: {set(units.values()) - set(maxima)}"
    return units, maxima


def text_of(v: Fraction) -> str:
    if v.denominator == 1:
        return str(v.numerator)
    return f"{float(v):.2f}".replace(".", ",")


def member_answers(demo, member):
    """(structure id, type) of every answer the demo member can fill in the open campaign."""
    by_id = demo.by_id()
    out = []
    for sid in demo.member_structure_ids(member):
        for t in answering_types(by_id[sid]):
            out.append((sid, t))
    assert out, "the demo member answers for no structure"
    return out


@pytest.fixture(scope="module")
def member(signed):
    return signed("member")


@pytest.fixture(scope="module")
def admin(signed):
    return signed("admin")


def figure_pages(year, sid, code="PDL"):
    return [f"/observatoire/{year}/chiffres.json", f"/observatoire/{year}/chiffres.json?perimetre={code}",
            f"/observatoire/{year}/rapport", f"/observatoire/{year}/rapport/{code}",
            f"/observatoire/{year}/portrait/AI", f"/observatoire/{year}/positionnement/{sid}"]


def assert_figures_served(admin, server, year, sid):
    for path in figure_pages(year, sid):
        r = admin.get(path)
        assert r.status_code == 200, f"GET {path} as admin after the answers: {r.status_code}"
    assert server.alive()


@pytest.mark.late
def test_member_posting_huge_values_gets_422_and_nothing_saved(member, admin, demo, server):
    sid, t = next((s, t) for s, t in member_answers(demo, member) if t == "AI")
    before = answer_form_values(member, OPEN_YEAR, sid, t)
    for action in ("save", "submit"):
        r = submit_answer(member, OPEN_YEAR, sid, t, {f: HUGE for f in HUGE_FIELDS}, action=action)
        assert r.status_code == 422, f"{action} with {HUGE}: {r.status_code} (expected 422)"
        page = read_page(r.text)
        for f in HUGE_FIELDS:
            message = page.errors.get(f"{f}-error", "")
            assert message and is_french(message), f"{action}: no French message next to {f}: {message!r}"
    assert answer_form_values(member, OPEN_YEAR, sid, t) == before, "the refused values were saved"
    assert_figures_served(admin, server, OPEN_YEAR, sid)


@pytest.mark.late
def test_just_above_the_maximum_is_refused_for_every_field(member, demo):
    units, maxima = catalogue()
    sid, t = next((s, t) for s, t in member_answers(demo, member) if t == "AI")
    fields = [n for n in answer_form_values(member, OPEN_YEAR, sid, t) if n in units]
    above = {f: text_of(maxima[units[f]] + 1) for f in fields}
    r = submit_answer(member, OPEN_YEAR, sid, t, above, action="save")
    assert r.status_code == 422, f"values above the maximum: {r.status_code}"
    errors = read_page(r.text).errors
    missing = [f for f in fields if not is_french(errors.get(f"{f}-error", ""))]
    assert not missing, f"no French message next to: {missing}"


def max_consistent_answer(type_, units, maxima):
    """Every field as large as the checks allow, within the catalogue's maxima."""
    m = lambda unit: maxima[unit]  # noqa: E731
    divisor = DIVISORS.get(type_, 1607)
    persons = Fraction((m("count") // 12) * 12)
    hours = m("hours")
    etp_max = m("etp")
    etp = min(etp_max, Fraction(int(hours / divisor * 100), 100))
    v = {}
    for code, unit in units.items():
        if unit == "euros":
            v[code] = m("euros")
    v.update({
        "permanents_headcount": m("count"), "permanents_hours": etp * divisor, "permanents_etp": etp,
        "insertion_new_persons": persons, "insertion_persons": persons, "insertion_hours": etp * divisor,
        "insertion_etp": etp, "exits_total": persons, "exits_sustainable": persons / 4, "exits_transition": persons / 4,
        "exits_positive": persons / 4, "exits_other": persons / 4, "persons_women": persons / 2,
        "persons_men": persons / 2, "age_under_26": persons / 3, "age_26_49": persons / 3, "age_50_plus": persons / 3,
        "rsa_recipients": persons, "long_term_jobseekers": persons, "below_bac": persons,
        "home_workers_headcount": m("count"), "home_workers_etp": etp_max, "supervision_etp": etp_max,
        "clientele_private_pct": Fraction(25), "clientele_nonprofit_pct": Fraction(25),
        "clientele_public_pct": Fraction(25), "clientele_individuals_pct": Fraction(25),
    })
    return {k: text_of(x) for k, x in v.items()}


@pytest.mark.late
def test_maximal_values_are_accepted_and_the_figures_survive_them(member, admin, demo, server):
    units, maxima = catalogue()
    answers = member_answers(demo, member)
    # 1. Each field alone at its maximum is accepted (a draft keeps the form open).
    sid, t = next((s, t) for s, t in answers if t == "AI")
    fields = [n for n in answer_form_values(member, OPEN_YEAR, sid, t) if n in units]
    r = submit_answer(member, OPEN_YEAR, sid, t, {f: text_of(maxima[units[f]]) for f in fields}, action="save")
    assert r.status_code in (302, 303), f"every field at its maximum (draft): {r.status_code}\n" + \
        str(read_page(r.text).errors)
    # 2. Maximal, consistent answers counted in the figures: the member's other answers, and
    #    as many PDL structures answered by the admin, all in the same cells.
    submitted = 0
    for s, ty in answers:
        if (s, ty) == (sid, t):
            continue
        r = submit_answer(member, OPEN_YEAR, s, ty, max_consistent_answer(ty, units, maxima))
        if r.status_code in (302, 303):
            submitted += 1
        else:
            assert r.status_code == 409, f"maximal answer {ty}: {r.status_code} {read_page(r.text).errors}"
    others = [x for x in demo.structures() if x["delegation"] == "PDL" and "AI" in x["types"]
              and x["id"] not in demo.member_structure_ids(member)]
    for s in others[:12]:
        r = admin.get(answer_path(OPEN_YEAR, s["id"], "AI"))
        if 'id="answer-form"' not in r.text:
            continue
        r = submit_answer(admin, OPEN_YEAR, s["id"], "AI", max_consistent_answer("AI", units, maxima))
        assert r.status_code in (302, 303), f"maximal answer by the admin: {r.status_code} {read_page(r.text).errors}"
        submitted += 1
        if submitted >= 6:
            break
    assert submitted >= 3, "too few maximal answers went through"
    assert_figures_served(admin, server, OPEN_YEAR, sid)
    r = demo.api(f"/api/v1/observatoire/{OPEN_YEAR}/chiffres", scope="PDL")
    assert r.status_code == 200, f"API figures after maximal answers: {r.status_code}"
    tables = re.findall(rf'href="(/observatoire/{OPEN_YEAR}/tableaux/[^"]+)"', admin.get(f"/observatoire/{OPEN_YEAR}/rapport/PDL").text)
    for path in tables[:6]:
        assert admin.get(path.replace("&amp;", "&")).status_code == 200, path

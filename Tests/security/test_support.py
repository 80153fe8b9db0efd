"""Issue #14 (accompagnement): attacks on the support pages of the live demo server.

A member on another member's supports (404) and on the delegations' lists (403); the PDL
delegate logging intervention days or supports for another delegation (a forged delegation,
structure or support id in the form: refused or kept in PDL, never saved elsewhere); crafted
amounts (« 0,25 », « 100 », 20 digits, NaN, « 1e9 »), days (31/02/2026), texts (NUL, 10,000
characters); CSV/XLSX injection in the support exports and figures files. Shared helpers and
the `qw` fixture: quality_lib.py."""
from __future__ import annotations

import re

import pytest

from quality_lib import (BAD_DAYS, LONG, NUL, THIS_YEAR, U, base, decode_csv, export_links, field, first, form_on,  # noqa: F401
                         formula_cells, options, page_state, qw, random_id, read_page, refused_in_french, text_of, today_fr,
                         uuids, xlsx_formulas)

DAYS = "/accompagnement/journees"


def test_member_cannot_read_other_members_supports_or_the_delegations_lists(qw):
    """Attack: the member opens another member's supports page and supports by id (in its
    delegation and elsewhere) → 404; the delegations' lists, days, figures and their files → 403."""
    problems = []
    for rec in qw.foreign:
        paths = [f"/accompagnement/structures/{rec.sid}"] + [f"/accompagnement/structures/{rec.sid}/suivis/{s}" for s in rec.supports[:2]]
        for path in paths:
            r = qw.member.get(path)
            if r.status_code != 404:
                problems.append(f"member GET {path}: {r.status_code}")
    for path in ("/accompagnement", "/accompagnement?format=csv", DAYS, "/accompagnement/chiffres",
                 f"/accompagnement/chiffres/{THIS_YEAR}/chiffres.csv", f"/accompagnement/chiffres/{THIS_YEAR}/chiffres.xlsx"):
        for client in (qw.member, qw.jurist):
            r = client.get(path)
            if r.status_code != 403:
                problems.append(f"{client.role} GET {path}: {r.status_code}, expected 403")
    r = qw.member.post(DAYS, {"day": today_fr(), "kind": "training", "amount": "1", "note": "Intrus"})
    if r.status_code != 403:
        problems.append(f"member POST {DAYS}: {r.status_code}, expected 403")
    assert not problems, "\n".join(problems)


def test_delegate_lists_hold_only_its_delegation(qw):
    """Leak: the PDL delegate's supports list and its CSV link only PDL structures."""
    r = qw.delegate.get("/accompagnement?per_page=200")
    assert r.status_code == 200, f"delegate GET /accompagnement: {r.status_code}"
    linked = set(uuids(r.text, "/accompagnement/structures/"))
    outside = [i for i in linked if qw.by_id.get(i, {}).get("delegation") != "PDL"]
    assert not outside, f"the delegate's supports list links other delegations' structures: {outside[:3]}"
    far_names = {qw.by_id[rec.sid]["name"] for rec in qw.far if rec.supports}
    for link in export_links(qw.delegate, "/accompagnement?per_page=200"):
        if "csv" not in link:
            continue
        body = qw.delegate.get(link).content.decode("utf-8", "replace")
        leaked = [n for n in far_names if n in body]
        assert not leaked, f"{link} holds other delegations' structures: {leaked[:3]}"


def days_form(client):
    status, form = form_on(client, DAYS)
    assert form is not None, f"{client.role} GET {DAYS}: {status}, no form"
    return form


def day_values(form, note: str, amount: str = "1") -> dict:
    v = base(form)
    v[field(form, "day", "date", "on_", kinds=("text", "date")) or "day"] = today_fr(-2)
    kind = field(form, "kind", "type")
    if kind and options(form, kind):
        v[kind] = options(form, kind)[0]
    v[field(form, "amount", "days", "duree", "quantity", "half") or "amount"] = amount
    v[field(form, "note", "comment") or "note"] = note
    return v


def days_text(client) -> str:
    """Every intervention day of the year the person sees (the list's CSV: no page cut)."""
    r = client.get(f"{DAYS}?format=csv&annee={THIS_YEAR}")
    assert r.status_code == 200, f"{client.role} GET {DAYS}?format=csv: {r.status_code}"
    return r.content.decode("utf-8", "replace")


def test_delegate_cannot_log_days_for_another_delegation(qw):
    """Attack: the PDL delegate posts intervention days with another delegation's id, another
    delegation's structure, another structure's support, a random id → refused (400/403/404/422),
    or for the forged delegation id kept in PDL; never saved on another delegation."""
    form = days_form(qw.delegate)
    admin_form = days_form(qw.admin)
    deleg_field = field(admin_form, "delegation")
    delegations = [o for o in options(admin_form, deleg_field)] if deleg_field else []
    pdl_struct = qw.own.sid
    far = qw.far[0].sid
    far_support = first(qw.far, "supports")
    pdl_other_support = first(qw.pdl, "supports")
    problems = []
    far_s = qw.by_id[far]
    attacks = [("structure", far_s["siret"]), ("structure", far_s["name"]), ("structure", far), ("structure", random_id()),
               ("structure", "\x00")]
    if far_support[1]:
        attacks.append(("support", far_support[1]))
    if pdl_other_support[1]:
        attacks.append(("support-mismatch", pdl_other_support[1]))
    attacks += [("delegation", d) for d in delegations[:6]] + [("delegation", random_id())]
    for what, value in attacks:
        marker = "Journée forgée " + random_id()[:8]
        v = day_values(form, marker)
        if what == "structure":
            v[field(form, "structure") or "structure"] = value
        elif what == "support":
            v[field(form, "support") or "support"] = value
        elif what == "support-mismatch":
            v[field(form, "structure") or "structure"] = qw.by_id[pdl_struct]["siret"]   # a PDL structure, another one's support
            v[field(form, "support") or "support"] = value
        else:
            v[deleg_field or "delegation"] = value
        r = qw.delegate.post(DAYS, v)
        if r.status_code >= 500:
            problems.append(f"{what}={value!r}: {r.status_code}")
            continue
        saved_pdl = marker in days_text(qw.delegate)
        saved_anywhere = marker in days_text(qw.admin)
        if what != "delegation" and r.status_code not in (400, 403, 404, 422):
            problems.append(f"{what}={value!r}: {r.status_code}, expected a refusal")
        if what != "delegation" and (saved_pdl or saved_anywhere):
            problems.append(f"{what}={value!r}: the refused day was saved")
        if what == "delegation" and saved_anywhere and not saved_pdl:
            problems.append(f"delegation={value!r}: the PDL delegate's day was saved on another delegation")
    assert not problems, "\n".join(problems)


AMOUNTS_REFUSED = ["0,25", "0,75", "100", "0", "20,5", "21", "-1", "-0,5", "99999999999999999999", "NaN", "1e9", "inf",
                   "1\x00", "", "½", "1,5,5", "0x2"]
AMOUNTS_ACCEPTED = ["1", "0,5", "2,5"]


def test_crafted_amounts_days_and_texts_in_the_days_form(qw):
    """Attack: amounts « 0,25 », « 100 », 0, negative, 20 digits, NaN, « 1e9 »; days 31/02/2026;
    a kind outside the list; NUL and 10,000-character notes → a French refusal (400/422), never a
    500, nothing saved. « 1 », « 0,5 », « 2,5 » are accepted."""
    form = days_form(qw.delegate)
    amount = field(form, "amount", "days", "duree", "quantity", "half") or "amount"
    day = field(form, "day", "date", "on_", kinds=("text", "date")) or "day"
    kind = field(form, "kind", "type") or "kind"
    note = field(form, "note", "comment") or "note"
    problems, markers = [], []
    attacks = [(amount, a) for a in AMOUNTS_REFUSED] + [(day, d) for d in BAD_DAYS] + \
              [(kind, k) for k in ("inexistant", "99999999999999999999", NUL)] + [(note, LONG), (note, "Note\x00piégée")]
    for f, value in attacks:
        marker = "Refusé " + random_id()[:8]
        markers.append(marker)
        v = day_values(form, marker)
        v[f] = value
        problem = refused_in_french(qw.delegate.post(DAYS, v), f"{f}={value[:30]!r}")
        if problem:
            problems.append(problem)
    listing = days_text(qw.delegate)
    problems += [f"a refused day was saved ({m})" for m in markers if m in listing]
    for value in AMOUNTS_ACCEPTED:
        marker = "Accepté " + random_id()[:8]
        r = qw.delegate.post(DAYS, day_values(form, marker, amount=value))
        if r.status_code not in (302, 303):
            problems.append(f"amount {value!r}: {r.status_code}, expected the day saved {text_of(r)[:200]}")
    assert not problems, "\n".join(problems)


def support_form(qw):
    path = f"/accompagnement/structures/{qw.own.sid}/nouveau"
    status, form = form_on(qw.delegate, path)
    assert form is not None, f"delegate GET {path}: {status}, no form"
    return path, form


def support_values(form, outcome: str) -> dict:
    v = base(form)
    prog = field(form, "programme", "program")
    if prog and options(form, prog):
        v[prog] = options(form, prog)[-1]   # the least likely to be running already
    v[field(form, "start", "debut", kinds=("text", "date")) or "started_on"] = today_fr(-30)
    v[field(form, "outcome", "resultat") or "outcome"] = outcome
    return v


def test_crafted_values_in_the_support_form(qw):
    """Attack: the support form with a forged programme (random, inactive-looking, NUL), a forged
    delegate user, 31/02/2026, an end before the start, NUL and 10,000-character outcomes → a
    French refusal, never a 500, nothing saved."""
    path, form = support_form(qw)
    prog = field(form, "programme", "program") or "programme"
    start = field(form, "start", "debut", kinds=("text", "date")) or "started_on"
    outcome = field(form, "outcome", "resultat") or "outcome"
    delegate = field(form, "delegate", "delegue")
    attacks = [(prog, p) for p in (random_id(), "\x00", "99999999999999999999", "")] + [(start, d) for d in BAD_DAYS] + \
              [(outcome, LONG), (outcome, "Résultat\x00piégé")]
    if delegate:
        attacks += [(delegate, random_id()), (delegate, "\x00")]
    problems, markers = [], []
    for f, value in attacks:
        marker = "Refusé " + random_id()[:8]
        markers.append(marker)
        v = support_values(form, marker)
        v[f] = value
        problem = refused_in_french(qw.delegate.post(path, v), f"{f}={value[:30]!r}")
        if problem:
            problems.append(problem)
    listing = qw.admin.get(f"/accompagnement/structures/{qw.own.sid}").text
    problems += [f"a refused support was saved ({m})" for m in markers if m in listing]
    assert not problems, "\n".join(problems)


def test_support_edit_refuses_an_end_before_the_start(qw):
    """Attack: a support's edit with an end day before its start, 31/02/2026, a status outside the
    list → refused in French, the support unchanged."""
    if not qw.own.supports:
        pytest.skip("the member's structure has no support in the demo")
    edit = f"/accompagnement/structures/{qw.own.sid}/suivis/{qw.own.supports[0]}/modifier"
    status, form = form_on(qw.delegate, edit)
    assert form is not None, f"delegate GET {edit}: {status}"
    end = field(form, "end", "fin", kinds=("text", "date")) or "ended_on"
    st = field(form, "status", "statut") or "status"
    before = page_state(qw.admin, f"/accompagnement/structures/{qw.own.sid}/suivis/{qw.own.supports[0]}")
    problems = []
    for f, value in [(end, "01/01/2000"), (end, "31/02/2026"), (end, "99999999999999999999"), (st, "inexistant"), (st, NUL)]:
        v = base(form)
        v[f] = value
        problem = refused_in_french(qw.delegate.post(edit, v), f"{f}={value!r}")
        if problem:
            problems.append(problem)
    if page_state(qw.admin, f"/accompagnement/structures/{qw.own.sid}/suivis/{qw.own.supports[0]}") != before:
        problems.append("a refused edit changed the support")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- CSV injection


HOSTILE = ['=HYPERLINK("http://evil.test","x")', "@SUM(1+1)", "+1+1", "-2+3+cmd|' /C calc'!A0"]


@pytest.fixture(scope="module")
def planted(qw):
    """Hostile texts in a support's outcome, an intervention day's note and a certification's
    body, recorded by the PDL delegate on the member's structure."""
    path, form = support_form(qw)
    prog = field(form, "programme", "program")
    saved = 0
    for i, programme in enumerate(options(form, prog) if prog else [""]):
        v = support_values(form, HOSTILE[saved])
        if prog:
            v[prog] = programme   # one running support per programme: another programme each time
        r = qw.delegate.post(path, v)
        saved += r.status_code in (302, 303)
        if saved == 2:
            break
    assert saved, f"no support with a hostile outcome could be started: {r.status_code} {text_of(r)[:300]}"
    dform = days_form(qw.delegate)
    for text in HOSTILE[2:]:
        v = day_values(dform, text)
        s = field(dform, "structure")
        if s and qw.own.sid in options(dform, s):
            v[s] = qw.own.sid
        r = qw.delegate.post(DAYS, v)
        assert r.status_code in (302, 303), f"a day with note {text!r}: {r.status_code} {text_of(r)[:300]}"
    return qw


def test_support_exports_hold_no_formula(planted):
    """CSV injection: the supports list's CSV/XLSX (delegate and admin), the days list's, the
    figures files: no cell a spreadsheet would run (= + - @), XLSX cells are text."""
    problems, files, blob = [], 0, ""
    for client in (planted.delegate, planted.admin):
        paths = export_links(client, "/accompagnement?per_page=200") + export_links(client, DAYS) \
            + export_links(client, "/accompagnement/chiffres") + export_links(client, "/qualite/echeances") \
            + [f"/accompagnement/chiffres/{THIS_YEAR}/chiffres.csv", f"/accompagnement/chiffres/{THIS_YEAR}/chiffres.xlsx"]
        for path in dict.fromkeys(paths):
            r = client.get(path)
            if r.status_code != 200:
                problems.append(f"{client.role} GET {path}: {r.status_code}")
                continue
            files += 1
            blob += r.content.decode("utf-8", "replace") if "xlsx" not in path else ""
            if "xlsx" in path:
                bad = xlsx_formulas(r.content)
            else:
                bad = formula_cells(decode_csv(r.content))
            if bad:
                problems.append(f"{client.role} {path}: cells a spreadsheet would run: {bad[:4]}")
    assert files >= 4, f"too few export files found ({files})"
    assert any(h.lstrip("=+-@")[:8] in blob for h in HOSTILE), "no hostile text reached any export: the check saw nothing"
    assert not problems, "\n".join(problems)

"""Issue #13 (formations): crafted values in every training form and query of the live demo
server (20 digits, negatives, « 1e9 », NaN, NUL, 10,000 characters, impossible dates and
times, `javascript:` and `http://` links): French 422, never a 500, nothing saved; HTML in a
course's texts escaped on the pages. Access, races, tokens and leaks: test_training.py; shared
helpers and the `tw` fixture: training_lib.py."""
from __future__ import annotations

import uuid as uuidlib

import pytest

from seclib import random_id
from training_lib import (BAD_DAYS, BAD_TIMES, BAD_URLS, HOSTILE_NUMBERS, LONG, NUL, csv_rows, open_session,  # noqa: F401
                          post_form, refused_in_french, registration_values, session_base, tw, uuids)


# ------------------------------------------------------------------------- crafted values


def course_base(trainer) -> tuple[dict, str]:
    r = trainer.get("/formations/cours/nouveau")
    form = post_form(r.text, "/formations/cours/nouveau")
    assert form is not None, "no course form"
    values = dict(form.values(with_buttons=False))
    code = "SEC-" + random_id()[:6].upper()
    values.update({"course_code": code, "course_title": "Cours d'attaque " + code, "course_hours": "7",
                   "course_price": "450,00", "course_intra_price": "1200,00", "course_year": "2026",
                   "course_objectives": "Objectifs.", "course_prerequisites": "Aucun.", "course_audience": "Tous."})
    return values, code


COURSE_ATTACKS = [(f, v) for f in ("course_hours", "course_price", "course_intra_price", "course_year") for v in HOSTILE_NUMBERS] + \
    [(f, v) for f in ("course_code", "course_title", "course_objectives", "course_prerequisites", "course_audience")
     for v in (LONG, NUL)] + [("course_theme", "\x00"), ("course_format", "pirate"), ("course_visibility", "secret"),
                              ("course_code", "../../etc"), ("course_year", "1999"), ("course_year", "2101")]


def test_course_form_refuses_crafted_values_in_french(tw):
    """Attack: the training admin's course form with 20-digit, negative, « 1e9 », NaN and NUL
    numbers, 10,000-character texts and unknown choices → French 422, never a 500, no course."""
    base, _ = course_base(tw.trainer)
    problems = []
    for field_name, value in COURSE_ATTACKS:
        values, code = course_base(tw.trainer)
        values[field_name] = value
        r = tw.trainer.post("/formations/cours/nouveau", values)
        problem = refused_in_french(r, f"course {field_name}={value[:30]!r}")
        if problem:
            problems.append(problem)
        if r.status_code in (302, 303):
            problems.append(f"course {field_name}={value[:30]!r}: the course {code} was saved ({r.headers.get('Location')})")
    values, code = course_base(tw.trainer)
    r = tw.trainer.post("/formations/cours/nouveau", values)
    assert r.status_code in (302, 303), f"the untouched course form is refused ({r.status_code}): the attacks prove nothing"
    assert not problems, "\n".join(problems)


def sessions_count(c) -> int:
    return len(uuids(c.trainer.get("/formations/sessions?per_page=200&statut=").text, "/formations/sessions/"))


SESSION_ATTACKS = [(f, v) for f in ("session_capacity", "session_registration_days", "session_cancellation_days")
                   for v in HOSTILE_NUMBERS] + [("hd_day_1", v) for v in BAD_DAYS] + \
    [(f, v) for f in ("hd_starts_1", "hd_ends_1") for v in BAD_TIMES] + [("session_remote", v) for v in BAD_URLS] + \
    [(f, v) for f in ("session_place", "session_address", "session_access") for v in (LONG, NUL)] + \
    [("session_course", str(uuidlib.uuid4())), ("session_course", "\x00"), ("session_kind", "pirate"),
     ("session_delegation", str(uuidlib.uuid4())), ("hd_period_1", "soir")]
# Ignored rather than refused is fine for these (an inter session has no structure; a trainer
# box of nobody is not a choice): never a 500.
SESSION_TOLERATED = [("session_structure", "\x00"), ("trainer_" + str(uuidlib.uuid4()), "1")]


def test_session_form_refuses_crafted_values_in_french(tw):
    """Attack: the session form with crafted capacity/deadlines, impossible days (31/02/2026,
    00/00/0000), times (25:00, 9h75), `javascript:`/`http://` remote links, NUL and 10,000
    characters → French 422, never a 500, no session half-saved."""
    before = sessions_count(tw)
    problems = []
    for field_name, value in SESSION_ATTACKS:
        values = session_base(tw)
        if field_name == "session_remote":
            values["session_place"] = ""
        values[field_name] = value
        r = tw.trainer.post("/formations/sessions/nouvelle", values)
        problem = refused_in_french(r, f"session {field_name}={value[:30]!r}")
        if problem:
            problems.append(problem)
    after = sessions_count(tw)
    for field_name, value in SESSION_TOLERATED:
        values = session_base(tw)
        values[field_name] = value
        r = tw.trainer.post("/formations/sessions/nouvelle", values)
        if r.status_code >= 500:
            problems.append(f"session {field_name}={value[:30]!r}: {r.status_code}")
    if after != before:
        problems.append(f"the refused session forms saved {after - before} session(s)")
    assert not problems, "\n".join(problems)


def test_registration_form_refuses_crafted_values_in_french(tw):
    """Attack: the member's registration form with NUL, 10,000-character names, bad e-mails,
    unknown category/funding → French 422, never a 500, nobody registered."""
    sid, form = open_session(tw)
    structure = dict(form.values()).get("structure")
    problems = []
    for field_name, value in [("trainee_1_first_name", LONG), ("trainee_1_last_name", NUL), ("trainee_1_email", "pas-un-mail"),
                              ("trainee_1_email", "a@b.c\r\nBcc: x@y.z"), ("trainee_1_job", LONG),
                              ("trainee_1_category", "pirate"), ("trainee_1_funding", "\x00"),
                              ("trainee_99999999999999999999_first_name", "Vingt")]:
        marker = "Hostile" + random_id()[:8]
        values = registration_values(form, structure, "Test", marker, f"{marker.lower()}@exemple.org")
        values[field_name] = value if field_name != "trainee_1_last_name" else marker + value
        r = tw.member.post(f"/formations/sessions/{sid}/inscription", values)
        if field_name.startswith("trainee_9999"):
            if r.status_code >= 500:
                problems.append(f"registration {field_name}: {r.status_code}")
            continue
        problem = refused_in_french(r, f"registration {field_name}={value[:30]!r}")
        if problem:
            problems.append(problem)
        if any(marker in row.get("Stagiaire", "") for row in csv_rows(tw.member, "/formations/inscriptions?format=csv")):
            problems.append(f"registration {field_name}={value[:30]!r}: {marker} was registered")
    assert not problems, "\n".join(problems)


def test_html_in_course_texts_is_escaped_on_the_pages(tw):
    """Attack: a course title and objectives holding <script> and an onerror image → the
    catalogue and the course page show them as text, never as markup."""
    values, code = course_base(tw.trainer)
    values["course_title"] = f"<script>alert('{code}')</script>"
    values["course_objectives"] = f'<img src=x onerror="alert(1)">{code}'
    r = tw.trainer.post("/formations/cours/nouveau", values)
    if r.status_code == 422:
        return  # refused outright: nothing to show
    assert r.status_code in (302, 303), f"course with HTML in its title: {r.status_code}"
    loc = r.headers.get("Location", "")
    for path in (loc, f"/formations?q={code}"):
        html = tw.trainer.get(path).text
        assert f"<script>alert('{code}')" not in html and 'onerror="alert(1)"' not in html, f"{path} shows raw HTML"


# ------------------------------------------------------------------------------ robustness


@pytest.mark.parametrize("path", [
    "/formations?page=99999999999999999999", "/formations?theme=%00&q=" + "x" * 5000, "/formations?format=%00",
    "/formations/sessions?annee=99999999999999999999&statut=pirate", "/formations/chiffres?annee=99999999999999999999",
    "/formations/chiffres?annee=-1", "/formations/chiffres/99999999999999999999/chiffres.csv",
    "/formations/chiffres/2026/..%2F..%2Fetc%2Fpasswd", "/formations/chiffres/2026/chiffres.exe",
    "/formations/inscriptions?page=-1&per_page=99999999999999999999", "/formations/sessions/pas-un-uuid",
    "/formations/sessions/00000000-0000-0000-0000-000000000000/etapes/%00", "/formations/sessions/%00/emargement"])
def test_crafted_training_queries_never_make_a_500(tw, path):
    """Robustness: 20-digit years and pages, NUL, path tricks on the training pages → 200 with a
    fallback or a 4xx, never a 500, never a file outside the application."""
    for client in (tw.trainer, tw.member):
        r = client.get(path)
        assert r.status_code < 500, f"{client.role} GET {path}: {r.status_code}"
        assert "root:" not in r.text

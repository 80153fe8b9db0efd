"""Issue #13 (agenda): crafted values in the event and event-registration forms and the
agenda's query of the live demo server (20 digits, « 1e9 », NaN, NUL, 10,000 characters,
impossible days and times, `javascript:` links: French 4xx, never a 500, nothing saved), CRLF
in titles that must not split the .ics into two events, HTML shown escaped. Access, feeds,
leaks and races: test_agenda.py; shared helpers and the `ag` fixture: agenda_lib.py."""
from __future__ import annotations

import re

import pytest

from agenda_lib import (BAD_DAYS, BAD_TIMES, BAD_URLS, HOSTILE_NUMBERS, LONG, U, ag, create_event, event_base,  # noqa: F401
                        future_day, own_structure, post_form, refused_in_french, text_of, vevents)
from seclib import is_french, random_id


# ------------------------------------------------------------------------- crafted values


EVENT_ATTACKS = [("event_capacity", v) for v in HOSTILE_NUMBERS] + [("event_day", v) for v in BAD_DAYS] + \
    [("event_last_day", v) for v in BAD_DAYS[:2]] + [("event_deadline", v) for v in BAD_DAYS[:2]] + \
    [(f, v) for f in ("event_starts", "event_ends") for v in BAD_TIMES] + [("event_online_url", v) for v in BAD_URLS] + \
    [(f, v) for f in ("event_title", "event_place", "event_address", "event_description") for v in (LONG, "Réunion\x00piégée")] + \
    [("event_kind", "pirate"), ("event_audience", "tous"), ("event_delegation", "ARA"), ("event_delegation", "\x00"),
     ("event_title", "")]


def test_event_form_refuses_crafted_values_in_french(ag):
    """Attack: the delegate's event form with 20-digit, negative, « 1e9 », NaN capacities,
    impossible days (31/02/2026, 00/00/0000) and times (25:00, 9h75), `javascript:`/`http://`
    links, NUL and 10,000 characters, another delegation → French 4xx, never a 500, no event."""
    problems = []
    for field_name, value in EVENT_ATTACKS:
        values = event_base(ag.delegate)
        if field_name == "event_last_day":
            values["event_all_day"] = "1"
        if field_name in ("event_capacity", "event_deadline"):
            values["event_registration_open"] = "1"
            values.setdefault("event_capacity", "10")
        if field_name == "event_online_url":
            values["event_place"] = ""
        values[field_name] = value
        r = ag.delegate.post("/agenda/evenements/nouveau", values)
        problem = refused_in_french(r, f"event {field_name}={value[:30]!r}")
        if problem:
            problems.append(problem)
    r = ag.delegate.post("/agenda/evenements/nouveau", event_base(ag.delegate))
    assert r.status_code in (302, 303), f"the untouched event form is refused ({r.status_code}): the attacks prove nothing"
    assert not problems, "\n".join(problems)


def test_crlf_in_event_title_and_description_keeps_one_escaped_vevent(ag):
    """Attack: an event title and description holding `\\r\\nBEGIN:VEVENT` (a forged second
    event, a forged UID and a STATUS line) → either refused in French, or its .ics holds ONE
    event with the text escaped, parsed back intact by `icalendar`; the network feed too."""
    icalendar = pytest.importorskip("icalendar")
    marker = random_id()[:8]
    title = f"Réunion {marker}\r\nBEGIN:VEVENT\r\nUID:pirate-{marker}\r\nSUMMARY:Pirate\r\nEND:VEVENT"
    description = f"Ligne 1\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:pirate2-{marker}; a, b \\ c"
    values = event_base(ag.delegate)
    values.update({"event_title": title, "event_description": description})
    r = ag.delegate.post("/agenda/evenements/nouveau", values)
    if r.status_code == 422:
        assert is_french(text_of(r))
        return
    assert r.status_code in (302, 303), f"event with CRLF: {r.status_code}"
    eid = re.findall(U, r.headers["Location"])[0].lower()
    for path in (f"/agenda/evenements/{eid}/evenement.ics", "/agenda/flux/reseau.ics", "/agenda/flux/delegations/pdl.ics"):
        ics = ag.anon.get(path)
        assert ics.status_code == 200, f"{path}: {ics.status_code}"
        raw = ics.text
        assert f"pirate-{marker}" not in "".join(l for l in raw.split("\r\n") if l.startswith("UID:")), f"{path}: forged UID line"
        cal = icalendar.Calendar.from_ical(ics.content)
        ours = [e for e in cal.walk("VEVENT") if marker in str(e.get("SUMMARY", ""))]
        assert len(ours) == 1, f"{path}: {len(ours)} events carry the marker"
        assert not [e for e in cal.walk("VEVENT") if "pirate" in str(e.get("UID", ""))], f"{path}: a forged event"
        assert str(ours[0].get("STATUS")) == "CONFIRMED", f"{path}: STATUS {ours[0].get('STATUS')}"
        summary = str(ours[0]["SUMMARY"])
        assert "BEGIN:VEVENT" in summary and "UID:pirate" in summary, f"{path}: the title was not kept as text: {summary!r}"
        if path.endswith("evenement.ics"):
            assert len(vevents(raw)) == 1, f"{path}: {len(vevents(raw))} VEVENT blocks"


def test_html_in_event_title_and_description_is_escaped(ag):
    """Attack: <script> and an onerror image in an event's title, place and description → the
    event page and the public agenda show them as text."""
    marker = random_id()[:8]
    values = {"event_title": f"<script>alert('{marker}')</script>", "event_place": f'<img src=x onerror="alert(1)">{marker}',
              "event_description": f"<iframe src=javascript:alert(1)></iframe>{marker}"}
    eid = create_event(ag, **values)
    for path in (f"/agenda/evenements/{eid}", "/agenda?delegation=pdl&per_page=500", f"/agenda/evenements/{eid}/modifier"):
        html = ag.delegate.get(path).text
        for raw in (f"<script>alert('{marker}')", 'onerror="alert(1)"', "<iframe src=javascript"):
            assert raw not in html, f"{path} shows raw HTML {raw!r}"


def test_event_registration_form_refuses_crafted_values(ag, demo):
    """Attack: the member's event registration form with NUL and 10,000-character names, a bad
    e-mail, a structure it does not manage → French 4xx, never a 500, nobody registered."""
    eid = create_event(ag, event_audience="members", event_registration_open="1", event_capacity="50",
                       event_deadline=future_day(100))
    form = post_form(ag.member.get(f"/agenda/evenements/{eid}/inscription").text, f"/agenda/evenements/{eid}/inscription")
    assert form is not None, "no registration form on a members' event open to registrations"
    mine = set(demo.member_structure_ids(ag.member))
    foreign = next(s["id"] for s in demo.structures() if s["id"] not in mine)
    problems = []
    for field_name, value in (("reg_name_1", LONG), ("reg_name_1", "Nom\x00piégé"), ("reg_email_1", "pas-un-mail"),
                              ("reg_email_1", "a@b.c\r\nBcc: x@y.z"), ("reg_job_1", LONG), ("reg_structure", foreign),
                              ("reg_structure", "\x00")):
        values = dict(form.values(with_buttons=False))
        values.update({"reg_structure": own_structure(form), "reg_name_1": "Invité Test",
                       "reg_email_1": "invite.test@exemple.org", "reg_job_1": "Directeur"})
        values[field_name] = value
        r = ag.member.post(f"/agenda/evenements/{eid}/inscription", values)
        problem = refused_in_french(r, f"event registration {field_name}={value[:30]!r}", codes=(400, 403, 404, 422))
        if problem:
            problems.append(problem)
    listed = ag.delegate.get(f"/agenda/evenements/{eid}/inscrits").text
    if "invite.test@exemple.org" in listed:
        problems.append("a refused event registration was saved")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------ robustness



@pytest.mark.parametrize("query", ["?vue=mois&mois=99999-99", "?mois=2026-13", "?vue=mois&mois=2026-00",
                                   "?annee=99999999999999999999", "?vue=mois&mois=0000-01", "?vue=mois&mois=-2026-01",
                                   "?vue=pirate", "?delegation=%00", "?type=..%2F..%2Fetc", "?page=99999999999999999999",
                                   "?vue=mois&mois=99999999999999999999-01", "?mois=" + "9" * 5000])
def test_crafted_agenda_queries_fall_back_in_french(ag, query):
    """Robustness: impossible months and years in the agenda's query → a French page (a
    fallback or a 4xx), never a 500."""
    for client in (ag.anon, ag.member):
        r = client.get("/agenda" + query)
        assert r.status_code < 500, f"{client.role} GET /agenda{query}: {r.status_code}"
        assert r.status_code in (200, 400, 404, 422), f"GET /agenda{query}: {r.status_code}"
        assert is_french(text_of(r)), f"GET /agenda{query}: not French"

"""Issue #13 (agenda): attacks on the agenda pages and iCalendar feeds of the live demo server.

Other ids (a delegate on national and other delegations' events, a member on board events and
on another structure's event registrations), personal feed tokens (guessed, reset, narrowed to
the board), leaks of members' and board events into the public page and feeds, 20 parallel
registrations over an event's capacity, and hostile ETag values. Crafted values in the forms
and queries: test_agenda_inputs.py; shared helpers and the `ag` fixture: agenda_lib.py. Every
record comes from the demo's pages."""
from __future__ import annotations

import re
import threading
import uuid as uuidlib

import pytest

from agenda_lib import (ag, create_event, future_day, own_structure, personal_feed, post_form, uids,  # noqa: F401
                        uuids)
from seclib import Client, random_id, strip_volatile


# ------------------------------------------------------------------------------ other ids


def test_delegate_cannot_edit_or_cancel_national_or_other_delegations_events(ag):
    """Attack: the PDL delegate opens and posts the edit and cancel forms of a national event
    and of another delegation's event (the admin's own form, retitled) → 403, event unchanged."""
    targets = ag.national[:2] + ag.far[:2]
    assert ag.national and ag.far, f"national {len(ag.national)}, other delegations {len(ag.far)}"
    problems = []
    for eid in targets:
        # A board event the delegate cannot see at all is out of sight: 404 is right there.
        allowed = (403,) if ag.delegate.get(f"/agenda/evenements/{eid}").status_code == 200 else (403, 404)
        before = re.sub(r"\s+", " ", strip_volatile(ag.admin.get(f"/agenda/evenements/{eid}").text))
        for suffix in ("/modifier", "/annuler", "/inscrits"):
            r = ag.delegate.get(f"/agenda/evenements/{eid}{suffix}")
            if r.status_code not in allowed:
                problems.append(f"delegate GET /agenda/evenements/{eid}{suffix}: {r.status_code}")
        form = post_form(ag.admin.get(f"/agenda/evenements/{eid}/modifier").text, f"/agenda/evenements/{eid}/modifier")
        values = dict(form.values()) if form else {}
        values["event_title"] = "Pris par la délégation"
        values["event_delegation"] = "PDL"
        for suffix, data in (("/modifier", values), ("/annuler", {"confirm": "1"})):
            r = ag.delegate.post(f"/agenda/evenements/{eid}{suffix}", data)
            if r.status_code not in allowed:
                problems.append(f"delegate POST /agenda/evenements/{eid}{suffix}: {r.status_code}")
        after = re.sub(r"\s+", " ", strip_volatile(ag.admin.get(f"/agenda/evenements/{eid}").text))
        if after != before:
            problems.append(f"event {eid} changed after the delegate's POSTs")
    assert not problems, "\n".join(problems)


def test_member_cannot_read_a_board_event_page_or_ics(ag):
    """Attack: the member and a visitor open a board-only event and its .ics by id → 404 for
    the member, sign-in or 404 for the visitor (the board member reads it)."""
    assert ag.board_events, "the demo has no board-only event"
    problems = []
    for eid in ag.board_events[:3]:
        for suffix in ("", "/evenement.ics", "/inscription"):
            r = ag.member.get(f"/agenda/evenements/{eid}{suffix}")
            if r.status_code != 404:
                problems.append(f"member GET /agenda/evenements/{eid}{suffix} (board): {r.status_code}")
            r = ag.anon.get(f"/agenda/evenements/{eid}{suffix}")
            if r.status_code not in (302, 303, 404) or "BEGIN:VEVENT" in r.text:
                problems.append(f"visitor GET /agenda/evenements/{eid}{suffix} (board): {r.status_code}")
        if ag.board.get(f"/agenda/evenements/{eid}").status_code != 200:
            problems.append(f"the board member cannot read board event {eid}")
    assert not problems, "\n".join(problems)


def test_member_cannot_cancel_another_structures_event_registration(ag, demo):
    """Attack: the member posts the cancel form of an event registration of another
    structure (found on the admin's registrants pages) and of a random id → 404, still live."""
    mine = set()
    foreign = []
    for eid, v in ag.events.items():
        if "/inscrits" not in v["html"]:
            continue
        mine |= set(uuids(ag.member.get(f"/agenda/evenements/{eid}").text, "/agenda/inscriptions/"))
        listed = ag.admin.get(f"/agenda/evenements/{eid}/inscrits")
        foreign += [(eid, x) for x in uuids(listed.text, "/agenda/inscriptions/")]
    foreign = [(e, x) for e, x in foreign if x not in mine]
    problems = []
    for eid, rid in foreign[:3] + [(None, str(uuidlib.uuid4()))]:
        r = ag.member.post(f"/agenda/inscriptions/{rid}/annuler", {"confirm": "1"})
        if r.status_code != 404:
            problems.append(f"member POST /agenda/inscriptions/{rid}/annuler: {r.status_code}")
        if eid and rid not in ag.admin.get(f"/agenda/evenements/{eid}/inscrits").text.lower():
            problems.append(f"event registration {rid} vanished after the member's POST")
    assert not problems, "\n".join(problems)
    if not foreign:
        pytest.skip("no other structure's event registration is linked on the admin's registrants pages "
                    "(only the random id was tried)")


# ------------------------------------------------------------------------- personal feeds


def test_unknown_or_mangled_personal_feed_tokens_answer_404(ag):
    """Attack: guessed personal feed URLs (random, empty, a valid-looking 43 characters, NUL,
    path tricks, 5,000 characters, the token without .ics) → 404, never a calendar."""
    real = personal_feed(ag.member)
    problems = []
    for feed in ("jeton-inconnu.ics", "A" * 43 + ".ics", ".ics", "%00.ics", "..%2F..%2Fetc%2Fpasswd",
                 "x" * 5000 + ".ics", real, real + ".ics.ics", real[:-1] + ("A" if real[-1] != "A" else "B") + ".ics",
                 real.upper() + ".ics" if real.upper() != real else "Z" + real + ".ics"):
        r = ag.anon.get(f"/agenda/flux/personnel/{feed}")
        if r.status_code != 404 or "BEGIN:VCALENDAR" in r.text:
            problems.append(f"GET /agenda/flux/personnel/{feed[:60]}: {r.status_code}")
    assert ag.anon.get(f"/agenda/flux/personnel/{real}.ics").status_code == 200
    assert not problems, "\n".join(problems)


def test_reset_personal_feed_token_kills_the_old_url(server):
    """Attack: a leaked personal feed URL keeps working after its owner resets it → the old
    URL answers 404, the new one 200 (the delegate's own session, so no other test is hit)."""
    owner = Client(server.url).login_as("delegate")
    old = personal_feed(owner)
    page = owner.get("/agenda/abonnements").text
    form = post_form(page, "/agenda/abonnements/renouveler")
    assert form is not None, "no reset form on the subscriptions page"
    r = owner.post("/agenda/abonnements/renouveler", form.values())
    assert r.status_code in (302, 303), f"reset: {r.status_code}"
    new = personal_feed(owner)
    assert new != old, "the reset kept the same token"
    visitor = Client(server.url)
    for query in ("", "?public=membres", "?public=conseil"):
        r = visitor.get(f"/agenda/flux/personnel/{old}.ics{query}")
        assert r.status_code == 404 and "BEGIN:VCALENDAR" not in r.text, f"old URL{query}: {r.status_code}"
    assert visitor.get(f"/agenda/flux/personnel/{new}.ics").status_code == 200


def test_board_audience_never_in_a_members_personal_feed(ag):
    """Leak: the member's personal feed (whole, ?public=membres and a forged ?public=conseil)
    never holds a board event; the board member's holds them (the attack is not vacuous)."""
    board_ics = ag.board.get(f"/agenda/flux/personnel/{personal_feed(ag.board)}.ics?public=conseil")
    assert board_ics.status_code == 200
    board_uids = uids(board_ics.text)
    for eid in ag.board_events[:5]:
        board_uids |= uids(ag.board.get(f"/agenda/evenements/{eid}/evenement.ics").text)
    assert board_uids, "no board event in the board member's feed"
    token = personal_feed(ag.member)
    problems = []
    for query in ("", "?public=membres", "?public=conseil", "?public=%00", "?public=conseil&public=conseil"):
        r = ag.anon.get(f"/agenda/flux/personnel/{token}.ics{query}")
        if r.status_code >= 500:
            problems.append(f"member feed{query}: {r.status_code}")
            continue
        leaked = uids(r.text) & board_uids
        if leaked:
            problems.append(f"member feed{query} holds {len(leaked)} board events")
    assert not problems, "\n".join(problems)


def test_public_page_and_feeds_never_show_members_or_board_events(ag, demo):
    """Leak: the visitor's agenda page (list and month views) and every public feed (network,
    each delegation, each kind) hold no members' or board event."""
    hidden = set(ag.board_events + ag.members_events)
    assert hidden, "the demo has no members' or board events"
    hidden_uids = set()
    for eid in hidden:
        hidden_uids |= uids(ag.admin.get(f"/agenda/evenements/{eid}/evenement.ics").text)
    problems = []
    pages = ["/agenda?per_page=500"] + [f"/agenda?delegation={d['code'].lower()}&per_page=500" for d in demo.delegations()]
    months = re.findall(r'<option value="(\d{4}-\d{2})"', ag.anon.get("/agenda").text)
    pages += [f"/agenda?vue=mois&mois={m}" for m in months]
    for path in pages:
        leaked = set(uuids(ag.anon.get(path).text, "/agenda/evenements/")) & hidden
        if leaked:
            problems.append(f"visitor {path} links {len(leaked)} members'/board events")
    kinds = ["assemblee-generale", "conseil-administration", "bureau", "commission-departementale", "reunion-directeurs",
             "reunion-comptables", "journee-regionale", "webinaire", "autre", "formation"]
    feeds = ["/agenda/flux/reseau.ics"] + [f"/agenda/flux/delegations/{d['code'].lower()}.ics" for d in demo.delegations()] + \
        [f"/agenda/flux/types/{k}.ics" for k in kinds]
    for path in feeds:
        r = ag.anon.get(path)
        if r.status_code != 200:
            problems.append(f"visitor {path}: {r.status_code}")
            continue
        leaked = uids(r.text) & hidden_uids
        if leaked:
            problems.append(f"visitor {path} holds {len(leaked)} members'/board events")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------- crafted values

# ---------------------------------------------------------------------------- concurrency


@pytest.mark.late
def test_twenty_parallel_event_registrations_never_exceed_capacity(ag, server):
    """Race: 20 member sessions (each its own CSRF token) register one person each at the same
    moment to an event with 3 seats → never more than 3 registered, no 500."""
    eid = create_event(ag, event_audience="members", event_registration_open="1", event_capacity="3",
                       event_deadline=future_day(100))
    marker = "Ruee" + random_id()[:6]
    clients, forms = [], []
    for _ in range(20):
        cl = Client(server.url).login_as("member")
        form = post_form(cl.get(f"/agenda/evenements/{eid}/inscription").text, f"/agenda/evenements/{eid}/inscription")
        assert form is not None, "no event registration form"
        clients.append(cl)
        forms.append(form)
    barrier, results = threading.Barrier(20), [None] * 20

    def go(i):
        values = dict(forms[i].values(with_buttons=False))
        values.update({"reg_structure": own_structure(forms[i]), "reg_name_1": f"{marker} {i:02d}", "reg_email_1": f"{marker.lower()}{i}@exemple.org", "reg_job_1": "Chef"})
        barrier.wait()
        results[i] = clients[i].post(f"/agenda/evenements/{eid}/inscription", values).status_code

    threads = [threading.Thread(target=go, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(s is not None and s < 500 for s in results), f"statuses: {results}"
    listed = ag.delegate.get(f"/agenda/evenements/{eid}/inscrits?per_page=200")
    assert listed.status_code == 200
    registered = set(re.findall(re.escape(marker) + r" \d\d", listed.text))
    assert len(registered) <= 3, f"{len(registered)} registered on an event with 3 seats (statuses {results})"
    assert len(registered) == 3, f"only {len(registered)} registered on 3 free seats (statuses {results})"


# ------------------------------------------------------------------------------ robustness


@pytest.mark.parametrize("etag", ['"' + "a" * 8000 + '"', "*", 'W/"', '"', "W/" * 500, '"agenda-99999999999999999999-x-2026-12-06"',
                                  ", , ,", '"a", "b", ' * 200, "\u00e9\u00e9".encode().decode("latin-1")])
def test_hostile_if_none_match_on_feeds_never_make_a_500(ag, etag):
    """Robustness: huge or malformed If-None-Match values on the feeds → 200 or 304 (or a 4xx
    for an oversized header), never a 500; the feed's own ETag still answers 304."""
    token = personal_feed(ag.member)
    for path in ("/agenda/flux/reseau.ics", "/agenda/flux/delegations/pdl.ics", "/agenda/flux/types/webinaire.ics",
                 f"/agenda/flux/personnel/{token}.ics"):
        r = ag.anon.get(path, headers={"If-None-Match": etag})
        assert r.status_code in (200, 304, 400, 431), f"{path} If-None-Match {etag[:30]!r}: {r.status_code}"
        fresh = ag.anon.get(path)
        assert fresh.status_code == 200 and fresh.headers.get("ETag"), f"{path}: {fresh.status_code}, ETag {fresh.headers.get('ETag')}"
        again = ag.anon.get(path, headers={"If-None-Match": fresh.headers["ETag"]})
        assert again.status_code == 304, f"{path} with its own ETag: {again.status_code}"

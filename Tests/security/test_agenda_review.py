"""Issue #13 (agenda), review: attacks on the agenda of the live demo server that the other agenda
files leave out. The registrants export (CSV, XLSX) asked by another delegation's delegate and
by a member; personal feeds after the national admin removes a board role or deactivates the
account; an event cancelled with a missing or crafted `version`; event registrations posted to
a cancelled event, an event without registration and a board event; the personal feed of a
signed-in person without any role against the network feed; a refused cancellation of an event
registration answered on the event page. The people these attacks need and the demo lacks (a
second delegation's delegate, a board member the admin may strip, a person without any role)
are invited by the national admin through the users pages and accept their invitation from the
outbox. Shared helpers and the `ag` fixture: agenda_lib.py."""
from __future__ import annotations

import datetime
import io
import re
import uuid as uuidlib

from agenda_lib import (ag, create_event, future_day, own_structure, personal_feed, post_form,  # noqa: F401
                        refused_in_french, text_of, uids)
from seclib import Client, decode_csv, is_french, random_id, read_page

PASSWORD = "mot-de-passe-revue-1"
HEADER = "Heure d'inscription"


# --------------------------------------------------------------------------------- helpers


def invite(ag, server_url: str, role: str | None = None, delegation: str | None = None):
    """A new person invited by the national admin (optionally granted `role`, in `delegation`),
    signed in through the invitation link of the outbox → (their Client, their admin page path)."""
    email = f"revue-{uuidlib.uuid4().hex[:10]}@example.test"
    r = ag.admin.post("/admin/utilisateurs/nouveau", {"email": email, "display_name": "Personne de revue"})
    assert r.status_code in (302, 303), f"inviting {email}: {r.status_code}\n{text_of(r)[:300]}"
    user_path = r.headers["Location"]
    if role:
        data = {"role": role}
        if delegation:
            data["delegation"] = delegation
        r = ag.admin.post(user_path + "/roles", data)
        assert r.status_code in (302, 303), f"granting {role} to {email}: {r.status_code}\n{text_of(r)[:300]}"
    html = ag.admin.get(f"/admin/courriels?destinataire={email}").text
    links = re.findall(r"/lien/([A-Za-z0-9_\-]+)", html)
    assert links, f"no invitation link for {email} in the outbox"
    person = Client(server_url)
    assert person.get(f"/lien/{links[0]}").status_code == 200, "the invitation link does not open"
    r = person.post(f"/lien/{links[0]}", {"password": PASSWORD, "confirmation": PASSWORD})
    assert r.status_code in (302, 303), f"accepting the invitation: {r.status_code}\n{text_of(r)[:300]}"
    person.role = f"{role or 'sans rôle'} {email}"
    person.csrf = ""
    assert person.signed_in(), "the invited person is not signed in after choosing a password"
    return person, user_path


def admin_form(ag, user_path: str, action_end: str):
    """The admin's form on a user's page whose action ends with `action_end` (`/statut`, `/supprimer`)."""
    form = post_form(ag.admin.get(user_path).text, action_end)
    assert form is not None, f"no form ending in {action_end} on {user_path}"
    return form


def register(ag, eid: str, marker: str, client=None):
    """The member (or `client`) registers one person named `marker` through the event's form;
    the form is read on the registration page (None when the page shows no form)."""
    client = client or ag.member
    form = post_form(client.get(f"/agenda/evenements/{eid}/inscription").text, f"/agenda/evenements/{eid}/inscription")
    return form, (client.post(f"/agenda/evenements/{eid}/inscription", registration_values(form, marker)) if form else None)


def registration_values(form, marker: str) -> dict:
    values = dict(form.values(with_buttons=False))
    values.update({"reg_structure": own_structure(form), "reg_name_1": marker,
                   "reg_email_1": f"{marker.lower()}@exemple.org", "reg_job_1": "Directrice"})
    return values


def cancel_event(client, eid: str):
    """Cancels an event through its confirmation page and form (the version it names)."""
    form = confirm_form(client, eid)
    assert form is not None, f"no confirmation form on /agenda/evenements/{eid}/annuler"
    return form, client.post(form.action, form.values())


def confirm_form(client, eid: str):
    page = read_page(client.get(f"/agenda/evenements/{eid}/annuler").text)
    return next((f for f in page.forms if f.method == "post" and f"/agenda/evenements/{eid}/annuler" in f.action.lower()), None)


def is_cancelled(client, eid: str) -> bool:
    html = client.get(f"/agenda/evenements/{eid}").text
    return 'id="event-cancelled"' in html or "annulé" in read_page(html).h1.lower()


def is_file(r) -> bool:
    kind = r.headers.get("Content-Type", "").lower()
    return ("attachment" in r.headers.get("Content-Disposition", "").lower() or "csv" in kind or "spreadsheet" in kind
            or r.content[:2] == b"PK")


def board_uids(ag) -> set[str]:
    out = set()
    for eid in ag.board_events:
        out |= uids(ag.admin.get(f"/agenda/evenements/{eid}/evenement.ics").text)
    return out


# --------------------------------------------------------------------- registrants export


def test_registrants_export_only_for_the_events_writers(ag, server, demo):
    """Attack: the registrants list of a PDL event exported as CSV and XLSX (the page's own
    export links) by a delegate of ANOTHER delegation, by the member whose structure registered
    and by a visitor → 403/404 (the visitor: sign-in), never a file; the owning delegate gets
    both files, their header row holding « Heure d'inscription » and the registered person."""
    eid = create_event(ag, event_audience="members", event_registration_open="1", event_capacity="20",
                       event_deadline=future_day(100))
    marker = "Inscrite" + random_id()[:6]
    _, r = register(ag, eid, marker)
    assert r is not None and r.status_code in (302, 303), f"the member's registration: {r and r.status_code}"
    page = ag.delegate.get(f"/agenda/evenements/{eid}/inscrits")
    assert page.status_code == 200 and marker in page.text, f"owner's registrants page: {page.status_code}"
    exports = [l.replace("&amp;", "&") for l in read_page(page.text).links if "format=" in l]
    assert any("format=csv" in l for l in exports) and any("format=xlsx" in l for l in exports), \
        f"no CSV/XLSX export links on the registrants page: {exports}"
    other_code = next(d["code"] for d in demo.delegations() if d["code"] != "PDL")
    other, _ = invite(ag, server.url, "regional_delegate", other_code)
    assert other.get(f"/agenda/evenements/{eid}").status_code == 200, "the other delegate cannot even see the event"
    problems = []
    for who, client, allowed in (("delegate of " + other_code, other, (403, 404)), ("member", ag.member, (403, 404)),
                                 ("visitor", Client(server.url), (302, 303, 403, 404))):
        for link in exports + [f"/agenda/evenements/{eid}/inscrits?format=csv", f"/agenda/evenements/{eid}/inscrits?format=xlsx"]:
            r = client.get(link)
            if r.status_code not in allowed:
                problems.append(f"{who} GET {link}: {r.status_code}, expected {allowed}")
            if r.status_code in (302, 303) and "/connexion" not in r.headers.get("Location", ""):
                problems.append(f"{who} GET {link}: sent to {r.headers.get('Location')}")
            if is_file(r) or marker in r.text:
                problems.append(f"{who} GET {link}: got a file / the registrant ({r.headers.get('Content-Type')})")
    for link in exports:
        r = ag.delegate.get(link)
        if r.status_code != 200 or not is_file(r):
            problems.append(f"owner GET {link}: {r.status_code} {r.headers.get('Content-Type')}, not a file")
            continue
        if "format=csv" in link:
            rows = decode_csv(r.content)
            header, body = (rows[0] if rows else []), rows[1:]
        else:
            import openpyxl
            sheet = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).active
            table = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]
            header, body = (table[0] if table else []), table[1:]
        if HEADER not in header:
            problems.append(f"owner {link}: header row {header} lacks « {HEADER} »")
        if not any(marker in cell for row in body for cell in row):
            problems.append(f"owner {link}: the registered person {marker} is not in the file")
    assert not problems, "\n".join(problems)


# -------------------------------------------------------------------------- personal feeds


def test_board_events_leave_the_feed_once_the_board_role_is_removed(ag, server):
    """Attack: a board member's personal feed URL (whole and ?public=conseil) keeps serving
    board-only events after the national admin removes the board role on the user's page →
    they are gone (no board UID, even with the feed's old ETag: no 304 on the old content)."""
    expected = board_uids(ag)
    assert expected, "the demo has no board-only event"
    person, user_path = invite(ag, server.url, "board_member")
    token = personal_feed(person)
    visitor = Client(server.url)
    before = visitor.get(f"/agenda/flux/personnel/{token}.ics")
    assert before.status_code == 200, f"the board member's feed: {before.status_code}"
    assert uids(before.text) & expected, "no board event in the new board member's feed: the attack proves nothing"
    page = ag.admin.get(user_path).text
    revoke = [f for f in read_page(page).forms if f.method == "post" and f.action.rstrip("/").endswith("/supprimer")]
    assert len(revoke) == 1, f"expected one role to remove on {user_path}, found {len(revoke)}"
    r = ag.admin.post(revoke[0].action, revoke[0].values())
    assert r.status_code in (302, 303), f"removing the board role: {r.status_code}"
    assert not [f for f in read_page(ag.admin.get(user_path).text).forms if f.action.rstrip("/").endswith("/supprimer")], \
        "the board role is still listed on the user's page"
    problems = []
    for query, etag in (("", before.headers.get("ETag")), ("", None), ("?public=conseil", None), ("?public=membres", None)):
        headers = {"If-None-Match": etag} if etag else {}
        r = visitor.get(f"/agenda/flux/personnel/{token}.ics{query}", headers=headers)
        if r.status_code == 304:
            problems.append(f"feed{query} with the old ETag: 304 (the calendar keeps the board events)")
        elif r.status_code not in (200, 404):
            problems.append(f"feed{query}: {r.status_code}")
        elif uids(r.text) & expected:
            problems.append(f"feed{query} still holds {len(uids(r.text) & expected)} board events after the role was removed")
    for eid in ag.board_events[:3]:
        if person.get(f"/agenda/evenements/{eid}").status_code != 404:
            problems.append(f"the former board member still opens board event {eid}")
    assert not problems, "\n".join(problems)


def test_personal_feed_of_a_deactivated_account_answers_404(ag, server):
    """Attack: the personal feed URL (whole, ?public=conseil, ?public=membres, with its old ETag)
    of a board member whose account the national admin deactivates → 404, never a calendar nor
    a 304; the board member's session is closed too."""
    person, user_path = invite(ag, server.url, "board_member")
    token = personal_feed(person)
    visitor = Client(server.url)
    before = visitor.get(f"/agenda/flux/personnel/{token}.ics")
    assert before.status_code == 200 and "BEGIN:VCALENDAR" in before.text, f"the feed before: {before.status_code}"
    form = admin_form(ag, user_path, "/statut")
    r = ag.admin.post(form.action, form.values())
    assert r.status_code in (302, 303), f"deactivating: {r.status_code}"
    assert "Désactivé" in ag.admin.get("/admin/utilisateurs?per_page=200").text or \
        "désactiv" in read_page(ag.admin.get(user_path).text).text.lower(), "the account does not read as deactivated"
    problems = []
    for query in ("", "?public=conseil", "?public=membres"):
        for headers in ({}, {"If-None-Match": before.headers.get("ETag", "")}):
            r = visitor.get(f"/agenda/flux/personnel/{token}.ics{query}", headers=headers)
            if r.status_code != 404 or "BEGIN:VCALENDAR" in r.text:
                problems.append(f"deactivated feed{query} {'(old ETag)' if headers else ''}: {r.status_code}")
    if person.signed_in():
        problems.append("the deactivated person's session is still open")
    assert not problems, "\n".join(problems)


def test_personal_feed_of_a_person_without_role_holds_only_network_events(ag, server):
    """Leak: a signed-in person holding no role (invited by the admin, no role granted yet):
    their personal feed (whole, ?public=membres, ?public=conseil) holds no UID the public
    network feed lacks — no members' or board event."""
    person, _ = invite(ag, server.url)
    network = ag.anon.get("/agenda/flux/reseau.ics")
    assert network.status_code == 200, f"network feed: {network.status_code}"
    public = uids(network.text)
    assert public, "the network feed is empty: the comparison proves nothing"
    hidden = set()
    for eid in (ag.board_events + ag.members_events)[:10]:
        hidden |= uids(ag.admin.get(f"/agenda/evenements/{eid}/evenement.ics").text)
    token = personal_feed(person)
    problems = []
    for query in ("", "?public=membres", "?public=conseil"):
        r = ag.anon.get(f"/agenda/flux/personnel/{token}.ics{query}")
        if r.status_code != 200:
            problems.append(f"role-less feed{query}: {r.status_code}")
            continue
        extra = uids(r.text) - public
        if extra:
            problems.append(f"role-less feed{query} holds {len(extra)} UIDs the network feed lacks "
                            f"({len(extra & hidden)} members'/board events): {sorted(extra)[:3]}")
        if query == "" and not uids(r.text):
            problems.append("the role-less person's feed is empty (not even public events)")
    for eid in (ag.members_events[:2] + ag.board_events[:2]):
        if person.get(f"/agenda/evenements/{eid}").status_code != 404:
            problems.append(f"the role-less person opens reserved event {eid}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- cancellation


def test_cancel_with_missing_or_crafted_version_is_refused(ag):
    """Attack: the delegate cancels their own event with the `version` missing, 20 digits, -1,
    « abc », empty (in the body and in the query string) → a French 409/422/400, never a 500,
    the event NOT cancelled; the version of the confirmation form cancels it, and replaying
    that form then is a French refusal too."""
    eid = create_event(ag)
    form = confirm_form(ag.delegate, eid)
    assert form is not None, "no cancel form on the confirmation page"
    base = {k: v for k, v in form.values() if k != "version"}
    path = f"/agenda/evenements/{eid}/annuler"
    problems = []
    attempts = [(path, base)] + [(path, dict(base, version=v)) for v in ("99999999999999999999", "-1", "abc", "", "1e0", "1.0")] + \
        [(f"{path}?version={v}", base) for v in ("99999999999999999999", "-1", "abc", "", "0x1")]
    for url, data in attempts:
        r = ag.delegate.post(url, data)
        problem = refused_in_french(r, f"POST {url} version={data.get('version', '(missing)')!r}", codes=(400, 409, 422))
        if problem:
            problems.append(problem)
        if is_cancelled(ag.delegate, eid):
            problems.append(f"POST {url} version={data.get('version', '(missing)')!r} cancelled the event")
            break
    assert not problems, "\n".join(problems)
    r = ag.delegate.post(form.action, form.values())
    assert r.status_code in (302, 303), f"cancelling with the form's version: {r.status_code}\n{text_of(r)[:300]}"
    assert is_cancelled(ag.delegate, eid), "the event is not marked cancelled after the right version"
    r = ag.delegate.post(form.action, form.values())
    problem = refused_in_french(r, "replaying the cancel form", codes=(400, 409, 422))
    assert not problem, problem


# --------------------------------------------------------------------------- registrations


def test_registration_refused_on_cancelled_unregistrable_and_board_events(ag):
    """Attack: the member posts an event registration (the form read while it was offered, or
    one forged from it) to a cancelled event, an event taking no registration and a board-only
    event → French 4xx (409 for the first two, 404 for the board event), nobody registered."""
    cancelled = create_event(ag, event_audience="members", event_registration_open="1", event_capacity="20",
                             event_deadline=future_day(100))
    form = post_form(ag.member.get(f"/agenda/evenements/{cancelled}/inscription").text,
                     f"/agenda/evenements/{cancelled}/inscription")
    assert form is not None, "no registration form on an open members' event"
    _, r = cancel_event(ag.delegate, cancelled)
    assert r.status_code in (302, 303) and is_cancelled(ag.delegate, cancelled), f"cancelling: {r.status_code}"
    closed = create_event(ag, event_audience="members")
    board_values = {k: v for k, v in dict(post_form(ag.delegate.get("/agenda/evenements/nouveau").text,
                                                    "/agenda/evenements/nouveau").values(with_buttons=False)).items()
                    if k != "_csrf"}
    board_values.update({"event_title": "CA d'essai " + random_id()[:6], "event_kind": "conseil-administration",
                         "event_delegation": "national", "event_audience": "board", "event_day": future_day(130),
                         "event_starts": "14:00", "event_ends": "17:00", "event_place": "Paris",
                         "event_description": "Ordre du jour.", "event_registration_open": "1", "event_capacity": "30",
                         "event_deadline": future_day(110)})
    r = ag.admin.post("/agenda/evenements/nouveau", board_values)
    assert r.status_code in (302, 303), f"the admin creating a board event: {r.status_code}\n{text_of(r)[:300]}"
    board = re.findall(r"[0-9a-fA-F-]{36}", r.headers["Location"])[0].lower()
    assert ag.member.get(f"/agenda/evenements/{board}").status_code == 404, "the member sees the board event"
    problems = []
    markers = {}
    for name, eid, codes in (("cancelled", cancelled, (409,)), ("no registration", closed, (409,)), ("board", board, (404,))):
        marker = "Intrus" + random_id()[:6]
        markers[eid] = marker
        r = ag.member.post(f"/agenda/evenements/{eid}/inscription", registration_values(form, marker))
        problem = refused_in_french(r, f"member registers on the {name} event", codes=codes)
        if problem:
            problems.append(problem)
    for eid, marker in markers.items():
        writer = ag.admin if eid == board else ag.delegate
        listed = writer.get(f"/agenda/evenements/{eid}/inscrits")
        if listed.status_code != 200 or marker in listed.text:
            problems.append(f"registrants of {eid}: {listed.status_code}, marker listed: {marker in listed.text}")
        page = ag.member.get(f"/agenda/evenements/{eid}/inscription")
        if marker in page.text:
            problems.append(f"the member's registration page of {eid} lists {marker}")
    assert not problems, "\n".join(problems)


def test_refused_registration_cancellation_answers_the_event_page_in_french(ag):
    """Attack: the member cancels their structure's event registration (the form read while it
    was offered) after the event was cancelled, and after the delegate moved the deadline to
    yesterday → 409 on the event's page with the reason in French (not a bare error page), the
    registration still listed."""
    problems = []
    for case in ("cancelled", "deadline"):
        eid = create_event(ag, event_audience="members", event_registration_open="1", event_capacity="20",
                           event_deadline=future_day(100))
        marker = "Maintenue" + random_id()[:6]
        _, r = register(ag, eid, marker)
        assert r is not None and r.status_code in (302, 303), f"registering: {r and r.status_code}"
        page = ag.member.get(f"/agenda/evenements/{eid}/inscription").text
        cancel_actions = [f.action for f in read_page(page).forms if "/agenda/inscriptions/" in f.action]
        assert cancel_actions, "no cancel form for the member's registration"
        if case == "cancelled":
            _, r = cancel_event(ag.delegate, eid)
            assert r.status_code in (302, 303), f"cancelling the event: {r.status_code}"
        else:
            edit = post_form(ag.delegate.get(f"/agenda/evenements/{eid}/modifier").text, f"/agenda/evenements/{eid}/modifier")
            assert edit is not None, "no edit form"
            values = dict(edit.values(with_buttons=False))
            values["event_deadline"] = (datetime.date.today() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
            r = ag.delegate.post(f"/agenda/evenements/{eid}/modifier", values)
            assert r.status_code in (302, 303), f"moving the deadline to yesterday: {r.status_code}\n{text_of(r)[:300]}"
        title = read_page(ag.delegate.get(f"/agenda/evenements/{eid}").text).h1.replace("Annulé", "").strip(" :")
        for action in cancel_actions:
            r = ag.member.post(action, {"confirm": "1"})
            what = f"{case}: POST {action}"
            if r.status_code != 409:
                problems.append(f"{what}: {r.status_code}, expected 409")
                continue
            html = r.text
            refusal = re.search(r'id="event-refusal"[^>]*>(.*?)</p>', html, re.S)
            if not refusal or not is_french(refusal.group(1)):
                problems.append(f"{what}: no French reason on the page ({read_page(html).text[:200]})")
            if title not in read_page(html).h1:
                problems.append(f"{what}: not the event's page (h1 {read_page(html).h1!r}, expected {title!r})")
        listed = ag.delegate.get(f"/agenda/evenements/{eid}/inscrits").text
        if marker not in listed:
            problems.append(f"{case}: the registration of {marker} vanished after the refused cancellation")
    assert not problems, "\n".join(problems)

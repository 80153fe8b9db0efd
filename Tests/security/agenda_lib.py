"""Shared helpers of the agenda security files (test_agenda.py: access, feeds, leaks, races;
test_agenda_inputs.py: crafted values in the forms and queries): the hostile values, page and
.ics readers, the event form's base values and the `ag` fixture (the demo's events as the
national admin sees them). Imported like seclib (the security folder is on the path)."""
from __future__ import annotations

import datetime
import html as html_lib
import re

import pytest

from seclib import Client, is_french, random_id, read_page

U = r"([0-9a-fA-F-]{36})"
LONG = "é" * 10_000
HOSTILE_NUMBERS = ["99999999999999999999", "-1", "0", "1e9", "NaN", "inf", "3\x00", "0x10"]
BAD_DAYS = ["31/02/2026", "00/00/0000", "29/02/2027", "15/06/99999999999999999999"]
BAD_TIMES = ["25:00", "9h75", "24:01", "99999999999999999999:00"]
BAD_URLS = ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "http://exemple.org/visio",
            "data:text/html,<script>alert(1)</script>"]



def uuids(text: str, prefix: str) -> list[str]:
    return list(dict.fromkeys(m.lower() for m in re.findall(prefix + U, text)))


def text_of(r) -> str:
    return read_page(r.text).text if "html" in r.headers.get("Content-Type", "") else r.text


def refused_in_french(r, what: str, codes=(400, 403, 409, 413, 422)) -> str | None:
    if r.status_code >= 500:
        return f"{what}: {r.status_code} (a server error)"
    if r.status_code not in codes:
        return f"{what}: {r.status_code} {r.headers.get('Location', '')}, expected a refusal {codes}"
    if not is_french(text_of(r)):
        return f"{what}: the refusal is not in French: {text_of(r)[:200]}"
    return None


def post_form(html: str, action_end: str):
    return next((f for f in read_page(html).forms
                 if f.method == "post" and f.action.rstrip("/").lower().endswith(action_end.lower())), None)


def future_day(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


def vevents(ics: str) -> list[str]:
    """The raw VEVENT blocks of a calendar (unfolded)."""
    unfolded = re.sub(r"\r\n[ \t]", "", ics)
    return re.findall(r"^BEGIN:VEVENT\r?$.*?^END:VEVENT\r?$", unfolded, flags=re.M | re.S)


def uids(ics: str) -> set[str]:
    unfolded = re.sub(r"\r\n[ \t]", "", ics)
    return set(re.findall(r"^UID:(.+?)\r?$", unfolded, flags=re.M))


def fact(html: str, label: str) -> str:
    m = re.search(r"<dt>" + re.escape(label) + r"</dt><dd>(.*?)</dd>", html, re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""


@pytest.fixture(scope="module")
def ag(demo, signed, server):
    """The demo's events as the national admin sees them, with scope and audience."""
    class Ctx:
        pass
    c = Ctx()
    c.base = server.url
    c.admin, c.delegate, c.member, c.board = (signed(r) for r in ("admin", "delegate", "member", "board"))
    c.anon = Client(server.url)
    pdl = next(d for d in demo.delegations() if d["code"] == "PDL")
    c.pdl_name = pdl["name"]
    ids = uuids(c.admin.get("/agenda?per_page=500").text, "/agenda/evenements/")
    for d in demo.delegations():
        ids += uuids(c.admin.get(f"/agenda?delegation={d['code'].lower()}&per_page=500").text, "/agenda/evenements/")
    ids += uuids(c.admin.get("/agenda?type=conseil-administration&per_page=500").text, "/agenda/evenements/")
    c.events = {}
    for eid in dict.fromkeys(ids):
        html = c.admin.get(f"/agenda/evenements/{eid}").text
        c.events[eid] = {"scope": fact(html, "Organisé par"), "audience": fact(html, "Public"), "html": html}
    assert len(c.events) > 10, f"the admin sees only {len(c.events)} events"
    delegation_names = {d["name"] for d in demo.delegations()}
    c.national = [e for e, v in c.events.items() if not any(n in v["scope"] for n in delegation_names)]
    c.far = [e for e, v in c.events.items() if c.pdl_name not in v["scope"] and e not in c.national]
    # The audience tag: none for public events, « Réservé : adhérents », « Réservé : conseil d'administration ».
    c.board_events = [e for e, v in c.events.items() if "conseil" in v["audience"].lower()]
    c.members_events = [e for e, v in c.events.items() if "adhérents" in v["audience"].lower()]
    return c


def personal_feed(client) -> str:
    m = re.search(r"/agenda/flux/personnel/([A-Za-z0-9_-]+)\.ics", client.get("/agenda/abonnements").text)
    assert m, f"no personal feed on {client.role}'s subscriptions page"
    return m.group(1)


def event_base(delegate) -> dict:
    form = post_form(delegate.get("/agenda/evenements/nouveau").text, "/agenda/evenements/nouveau")
    assert form is not None, "no event form for the delegate"
    values = dict(form.values(with_buttons=False))
    values.update({"event_title": "Réunion d'essai " + random_id()[:6], "event_kind": "reunion-directeurs",
                   "event_delegation": "PDL", "event_audience": "public", "event_day": future_day(120),
                   "event_starts": "09:00", "event_ends": "12:00", "event_place": "Nantes",
                   "event_description": "Ordre du jour."})
    return values



def own_structure(form) -> str:
    """The first structure the member may choose in an event registration form."""
    return next(o for f in form.fields if f[0] == "reg_structure" for o, _ in f[3].get("options", []) if o) \
        if any(f[0] == "reg_structure" and f[1] == "select" for f in form.fields) else dict(form.values()).get("reg_structure", "")


def create_event(ag, **changes) -> str:
    values = event_base(ag.delegate)
    values.update(changes)
    r = ag.delegate.post("/agenda/evenements/nouveau", values)
    assert r.status_code in (302, 303), f"creating an event: {r.status_code}\n{text_of(r)[:300]}"
    found = re.findall(U, r.headers.get("Location", ""))
    assert found, f"no event id in {r.headers.get('Location')}"
    return found[0].lower()

"""Shared helpers of the training security files (test_training.py: access, races, tokens,
leaks; test_training_inputs.py: crafted values in the forms and queries): the hostile values,
page readers, the forms' base values and the `tw` fixture (the demo's training records as each
role's pages show them). Imported like seclib (the security folder is on the path)."""
from __future__ import annotations

import datetime
import re

import pytest

from seclib import Client, decode_csv, is_french, random_id, read_page

U = r"([0-9a-fA-F-]{36})"
HOSTILE_NUMBERS = ["99999999999999999999", "-1", "-5", "1e9", "NaN", "inf", "12\x00", "１２", "0x10", "12,5.3"]
LONG = "é" * 10_000
NUL = "Formation\x00piégée"
BAD_DAYS = ["31/02/2026", "00/00/0000", "32/01/2027", "29/02/2027", "15/06/99999999999999999999", "2027-02-30"]
BAD_TIMES = ["25:00", "9h75", "24:01", "-1:00", "99999999999999999999:00", "09:00\x00"]
BAD_URLS = ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "http://exemple.org/visio",
            "data:text/html,<script>alert(1)</script>", "https://" + "a" * 5000 + ".org"]


def uuids(text: str, prefix: str) -> list[str]:
    return list(dict.fromkeys(m.lower() for m in re.findall(prefix + U, text)))


def text_of(r) -> str:
    return read_page(r.text).text if "html" in r.headers.get("Content-Type", "") else r.text


def refused_in_french(r, what: str, codes=(400, 409, 413, 422)) -> str | None:
    if r.status_code >= 500:
        return f"{what}: {r.status_code} (a server error)"
    if r.status_code not in codes:
        return f"{what}: {r.status_code} {r.headers.get('Location', '')}, expected a refusal {codes}"
    if not is_french(text_of(r)):
        return f"{what}: the refusal is not in French: {text_of(r)[:200]}"
    return None


def csv_rows(client, path: str) -> list[dict]:
    r = client.get(path)
    assert r.status_code == 200, f"GET {path}: {r.status_code}"
    rows = decode_csv(r.content)
    return [dict(zip(rows[0], row)) for row in rows[1:] if any(c.strip() for c in row)]


def post_form(page_html: str, action_end: str):
    page = read_page(page_html)
    return next((f for f in page.forms if f.method == "post" and f.action.rstrip("/").lower().endswith(action_end.lower())), None)


def future_day(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


@pytest.fixture(scope="module")
def tw(demo, signed, server):
    """The demo's training records as each role's pages show them."""
    class Ctx:
        pass
    c = Ctx()
    c.base = server.url
    c.member, c.trainer, c.instructor, c.admin = (signed(r) for r in ("member", "trainer", "instructor", "admin"))
    c.mine = set(uuids(c.member.get("/formations/inscriptions?per_page=200").text, "/formations/inscriptions/"))
    assert c.mine, "the demo member has no training registration"
    c.all_regs = uuids(c.trainer.get("/formations/inscriptions?per_page=200").text, "/formations/inscriptions/")
    c.others = [r for r in c.all_regs if r not in c.mine]
    assert c.others, "the training admin's list shows no other structure's registration"
    c.member_structures = set(demo.member_structure_ids(c.member))
    by_id = demo.by_id()
    c.member_names = {by_id[i]["name"] for i in c.member_structures if i in by_id}
    c.everyone = csv_rows(c.trainer, "/formations/inscriptions?format=csv")
    own_rows = csv_rows(c.member, "/formations/inscriptions?format=csv")
    own_mails = {r.get("Adresse e-mail", "").lower() for r in own_rows}
    own_names = {r.get("Stagiaire", "") for r in own_rows}
    c.foreign = [r for r in c.everyone if r.get("Structure") not in c.member_names
                 and r.get("Adresse e-mail", "").lower() not in own_mails and r.get("Stagiaire") not in own_names]
    assert c.foreign, "no other structure's trainee in the training admin's CSV list"
    c.foreign_mails = {r["Adresse e-mail"].lower() for r in c.foreign if r.get("Adresse e-mail")}
    c.foreign_names = {r["Stagiaire"] for r in c.foreign if len(r.get("Stagiaire", "")) > 6}
    c.all_mails = {r["Adresse e-mail"].lower() for r in c.everyone if r.get("Adresse e-mail")}
    c.all_names = {r["Stagiaire"] for r in c.everyone if len(r.get("Stagiaire", "")) > 6}
    c.sessions = uuids(c.trainer.get("/formations/sessions?per_page=200").text, "/formations/sessions/")
    c.runs = set(uuids(c.instructor.get("/formations/sessions?per_page=200").text, "/formations/sessions/"))
    c.foreign_structure = next(s["id"] for s in demo.structures() if s["id"] not in c.member_structures and not s.get("left_on"))
    return c


def open_session(c) -> tuple[str, object]:
    """A coming session the member may register staff to (its page offers the form)."""
    catalogue = Client(c.base).get("/formations").text
    candidates = uuids(catalogue, "/formations/sessions/") + c.sessions
    for sid in dict.fromkeys(candidates):
        r = c.member.get(f"/formations/sessions/{sid}/inscription")
        form = post_form(r.text, f"/formations/sessions/{sid}/inscription") if r.status_code == 200 else None
        if form is not None and "trainee_1_first_name" in form.names():
            return sid, form
    raise AssertionError("no coming session offers the member a registration form")


def registration_values(form, structure: str | None, first: str, last: str, email: str) -> dict:
    values = dict(form.values(with_buttons=False))
    if structure is not None:
        values["structure"] = structure
    values.update({"trainee_1_first_name": first, "trainee_1_last_name": last, "trainee_1_email": email,
                   "trainee_1_job": "Encadrant technique"})
    return values


def session_base(c) -> dict:
    r = c.trainer.get("/formations/sessions/nouvelle")
    form = post_form(r.text, "/formations/sessions/nouvelle")
    assert form is not None, "no session form"
    values = dict(form.values(with_buttons=False))
    course = next(o for f in form.fields if f[0] == "session_course" for o, _ in f[3]["options"] if o)
    trainer_box = next(f[0] for f in form.fields if f[0].startswith("trainer_"))
    values.update({"session_course": course, "session_kind": "inter", "session_place": "Salle d'essai",
                   "session_capacity": "12", "session_registration_days": "7", "session_cancellation_days": "3",
                   trainer_box: "1", "hd_day_1": future_day(200), "hd_period_1": "am", "hd_starts_1": "09:00",
                   "hd_ends_1": "12:30"})
    return values


def make_session(c, capacity: int) -> str:
    values = session_base(c)
    values["session_capacity"] = str(capacity)
    values["hd_day_1"] = future_day(150 + int(random_id()[:2], 16) % 60)
    before = set(uuids(c.trainer.get("/formations/sessions?per_page=200").text, "/formations/sessions/"))
    r = c.trainer.post("/formations/sessions/nouvelle", values)
    assert r.status_code in (302, 303), f"creating a session: {r.status_code}\n{text_of(r)[:300]}"
    found = re.findall(U, r.headers.get("Location", ""))
    if found:
        return found[0].lower()
    new = set(uuids(c.trainer.get("/formations/sessions?per_page=200").text, "/formations/sessions/")) - before
    assert new, "the new session is nowhere"
    return new.pop()


def confirm_session(c, sid: str) -> None:
    r = c.trainer.get(f"/formations/sessions/{sid}/etapes/confirmer")
    form = post_form(r.text, f"/formations/sessions/{sid}/etapes/confirmer")
    if form is not None:
        c.trainer.post(f"/formations/sessions/{sid}/etapes/confirmer", form.values())

"""Every form the site shows, as each role sees it: crawled from the home page, then
- resubmitted without its `_csrf`, and with a wrong one: 403, and nothing changed (the audit
  log, the outbox, the session);
- filled with hostile values (10^30, NUL bytes, right-to-left overrides, 5,000 characters):
  never a 500, the server stays up; a 10 MB field is a 413.
"""
import re

import pytest

from crawl import crawl, submission
from seclib import OPEN_YEAR, ROLES, Client

# Forms whose success cannot be undone by the suite (sign-outs, deactivations, closing the
# campaign, publishing, validating, sending reminders): never posted with a valid token here.
IRREVERSIBLE = re.compile(r"/deconnexion|/statut$|/supprimer$|/revoquer$|/appliquer$|/cloturer$|/valider$|"
                          r"/renvoyer$|/rouvrir$|/publications$|/relances$")
HOSTILE = {
    "10^30": "1" + "0" * 30,
    "-10^30,5": "-1" + "0" * 30 + ",5",
    "NUL and RTL": "a\x00b\u202egnp.exe\u202c\u2066x\u2069<script>alert(1)</script>'\"; DROP TABLE users;--",
    "5000 characters": "é" * 5000,
}

_crawls: dict = {}


def crawled(server, signed, role, demo):
    """(client, forms) per role, crawled once per session: answers awaiting validation and an
    answer still open first (their forms differ), then everything from the home page."""
    if role not in _crawls:
        client = signed(role) if role != "anon" else Client(server.url)
        by_id = demo.by_id()
        draft = next(i for i in demo.member_structure_ids(signed("member")) if "AI" in by_id[i]["types"])
        starts = ["/connexion", "/annuaire"] if role == "anon" else [
            f"/observatoire/{OPEN_YEAR}/validation", f"/observatoire/{OPEN_YEAR}/reponses/{draft}/AI", "/"]
        pages, forms = crawl(client, starts)
        _crawls[role] = (client, pages, forms)
    return _crawls[role]


def fingerprint(admin):
    journal = admin.get("/admin/journal").text
    entries = re.findall(r"<tr>.*?</tr>", journal, flags=re.S)[:5]
    outbox = admin.get("/admin/courriels").text.count("<article")
    return entries, outbox


@pytest.fixture(scope="module")
def admin_watch(server):
    return Client(server.url).login_as("admin")  # its own session: the sweep's admin posts forms


@pytest.mark.parametrize("role", ["anon"] + ROLES)
def test_every_form_refuses_a_missing_or_wrong_csrf_token(server, signed, demo, admin_watch, role):
    client, pages, forms = crawled(server, signed, role, demo)
    assert forms, f"no form found for {role} ({len(pages)} pages)"
    if role == "admin":
        assert len(forms) >= 15, f"only {len(forms)} forms found for the admin: {[f[1].action for f in forms]}"
    before = fingerprint(admin_watch)
    problems = []
    for page, form in forms:
        for label, token in (("no token", None), ("wrong token", "x" * 43)):
            data, files = submission(form, drop_csrf=True)
            if token:
                data = [("_csrf", token)] + data
            r = client.post(form.action, data, files=files, csrf=False)
            if r.status_code != 403:
                problems.append(f"{form.action} (from {page}), {label}: {r.status_code}")
    assert not problems, f"forms accepted without a valid CSRF token as {role}:\n" + "\n".join(problems)
    assert fingerprint(admin_watch) == before, f"something changed during {role}'s CSRF sweep"
    if role != "anon":
        assert client.signed_in(), f"{role}'s session ended through a form without a valid token"


def hostile_fill(value):
    def fill(name, kind, current):
        if kind in ("hidden",) and name in ("retour",):
            return value
        if kind in ("hidden", "submit"):
            return current
        return value
    return fill


@pytest.mark.late
@pytest.mark.parametrize("role", ["anon", "admin", "delegate", "member"])
def test_hostile_values_in_every_form_never_make_a_500(server, signed, demo, role):
    client, pages, forms = crawled(server, signed, role, demo)
    problems = []
    for page, form in forms:
        if IRREVERSIBLE.search(form.action):
            continue
        for label, value in HOSTILE.items():
            client.get(page)  # the page's own token
            data, files = submission(form, fill=hostile_fill(value))
            r = client.post(form.action, data, files=files)
            if r.status_code >= 500:
                problems.append(f"{form.action} with {label}: {r.status_code}")
    assert server.alive(), "the server went down under hostile form values"
    assert not problems, "\n".join(problems)


@pytest.mark.late
@pytest.mark.parametrize("role", ["anon", "member"])
def test_a_10_mb_field_is_413(server, signed, demo, role):
    client, pages, forms = crawled(server, signed, role, demo)
    page, form = next((p, f) for p, f in forms if not IRREVERSIBLE.search(f.action) and "multipart" not in f.enctype)
    client.get(page)
    data, _ = submission(form)
    name = next(n for n, _ in data if n != "_csrf")
    data = [(n, v) for n, v in data if n != name] + [(name, "x" * (10 << 20))]
    r = client.post(form.action, data)
    assert r.status_code == 413, f"10 MB in {form.action} ({name}): {r.status_code}"
    assert server.alive()

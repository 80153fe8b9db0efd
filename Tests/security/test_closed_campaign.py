"""Issue #9: a closed campaign is read-only everywhere. Its answers refuse every change from the
web (409) and from the answers import (nothing applied, never a 5xx); reopening it is the national
admin's alone (403 to everyone else) and needs a close date in the future (422, nothing reopened);
it sends no reminder. Nothing here reopens the campaign: the other suites keep their closed years."""
import re

import pytest

from seclib import CLOSED_YEARS, answer_path, answers_truth_rows, is_french, read_page

YEAR = CLOSED_YEARS[-1]


@pytest.fixture(scope="module")
def ctx(demo, signed):
    class Ctx:
        pass
    c = Ctx()
    c.admin, c.delegate, c.member, c.board = (signed(r) for r in ("admin", "delegate", "member", "board"))
    rows = answers_truth_rows(c.admin, YEAR)
    assert rows, f"the demo has no answer in the closed campaign {YEAR}"
    c.row = rows[0]
    by_siret = {s["siret"]: s["id"] for s in demo.structures()}
    c.sid = by_siret[c.row["siret"]]
    return c


def stored(ctx):
    """The row's values as the answers export gives them now."""
    return next(r["values"] for r in answers_truth_rows(ctx.admin, YEAR)
                if r["siret"] == ctx.row["siret"] and r["type"] == ctx.row["type"])


def test_answer_steps_are_refused(ctx):
    path = answer_path(YEAR, ctx.sid, ctx.row["type"])
    before = stored(ctx)
    ctx.admin.get(path)
    attempts = [
        (path, {"action": "submit", "confirm_warnings": "on", **{k: "1" for k in before}}),
        (path + "/valider", {"confirm": "1"}),
        (path + "/renvoyer", {"comment": "À revoir"}),
        (path + "/rouvrir", {"confirm": "1"}),
    ]
    for url, data in attempts:
        r = ctx.admin.post(url, data)
        assert r.status_code == 409, f"POST {url} on the closed campaign {YEAR}: {r.status_code}"
    assert stored(ctx) == before


def test_reopening_is_the_admins_and_needs_a_future_date(ctx):
    for who in (ctx.delegate, ctx.member, ctx.board):
        assert who.get(f"/observatoire/{YEAR}/rouvrir").status_code == 403, who.role
        assert who.post(f"/observatoire/{YEAR}/rouvrir", {"confirm": "1", "closes_on": "31/12/2099"}).status_code == 403, who.role
    page = ctx.admin.get(f"/observatoire/{YEAR}/rouvrir")
    assert page.status_code == 200 and 'id="reopen-form"' in page.text
    for bad in ("01/01/2000", "31/02/2099", "<script>"):
        r = ctx.admin.post(f"/observatoire/{YEAR}/rouvrir", {"confirm": "1", "closes_on": bad})
        assert r.status_code == 422, f"close date {bad!r}: {r.status_code}"
        assert 'id="closes_on-error"' in r.text and is_french(read_page(r.text).text)
        assert "<script>" not in r.text
    # Still closed: the page still offers the reopening.
    assert 'id="reopen-form"' in ctx.admin.get(f"/observatoire/{YEAR}/rouvrir").text


def test_no_reminder_from_a_closed_campaign(ctx):
    ctx.admin.get(f"/observatoire/{YEAR}/relances")
    r = ctx.admin.post(f"/observatoire/{YEAR}/relances", {"confirm": "1"})
    assert r.status_code == 409


def test_answers_import_changes_nothing(ctx):
    before = stored(ctx)
    code = sorted(before)[0] if before else "insertion_persons"
    changed = str(int(before.get(code, 0)) + 7)
    csv = f"campaign;siret;type;{code}\r\n{YEAR};{ctx.row['siret']};{ctx.row['type']};{changed}\r\n".encode()
    ctx.admin.get(f"/observatoire/{YEAR}/import")
    r = ctx.admin.post(f"/observatoire/{YEAR}/import", {}, files={"file": ("reponses.csv", csv, "text/csv")})
    assert r.status_code < 500, f"upload into the closed campaign: {r.status_code}"
    apply = re.search(rf'action="(/observatoire/{YEAR}/import/[0-9a-fA-F-]{{36}}/appliquer)"', r.text)
    if apply:
        r = ctx.admin.post(apply.group(1), {})
        assert r.status_code < 500, f"apply into the closed campaign: {r.status_code}"
    assert stored(ctx) == before

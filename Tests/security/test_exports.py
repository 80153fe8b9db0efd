"""Issue #10: a prepared export belongs to the person who asked for it. Another signed-in user
— even a national admin — gets 404 on its page and its file, a stranger is sent to sign in, and
a delegate's register export holds only their delegation whatever filter they send."""
import re
import time

import pytest


@pytest.fixture(scope="module")
def ctx(signed):
    class Ctx:
        pass
    c = Ctx()
    c.admin, c.delegate, c.member = (signed(r) for r in ("admin", "delegate", "member"))
    # The delegate asks for the register with another delegation's filter.
    r = c.delegate.post("/export/adherents.csv?delegation=IDF", allow_redirects=False)
    assert r.status_code == 303, f"the delegate's export: {r.status_code} {r.text[:200]}"
    c.page = r.headers["Location"]
    assert re.fullmatch(r"/exports/[0-9A-Fa-f-]{36}", c.page), c.page
    deadline = time.time() + 60
    while time.time() < deadline and "Prêt" not in c.delegate.get(c.page).text:
        time.sleep(0.5)
    return c


def test_only_the_requester_reads_an_export(ctx, server):
    import requests
    assert ctx.delegate.get(ctx.page).status_code == 200
    got = ctx.delegate.get(ctx.page + "/fichier")
    assert got.status_code == 200 and got.content, f"the requester downloads: {got.status_code}"
    for who in (ctx.admin, ctx.member):
        for path in (ctx.page, ctx.page + "/fichier"):
            r = who.get(path, allow_redirects=False)
            assert r.status_code == 404, f"{who.role} on {path}: {r.status_code}"
    r = requests.get(server.url + ctx.page + "/fichier", allow_redirects=False, timeout=10)
    assert r.status_code in (302, 303) and "/connexion" in r.headers.get("Location", ""), r.status_code


def prepared_rows(client, query):
    r = client.post("/export/adherents.csv" + query, allow_redirects=False)
    assert r.status_code == 303, r.status_code
    page = r.headers["Location"]
    deadline = time.time() + 60
    while time.time() < deadline and "Prêt" not in client.get(page).text:
        time.sleep(0.5)
    lines = [l for l in client.get(page + "/fichier").content.decode("utf-8-sig").splitlines() if l.strip()]
    return lines[0], lines[1:]


def test_a_delegates_export_stays_in_their_delegation(ctx):
    # Filtered on another delegation: nothing (the scope wins over the filter).
    _, rows = prepared_rows(ctx.delegate, "?delegation=IDF")
    assert rows == [], f"another delegation's structures leaked: {rows[:2]}"
    # Unfiltered: their own structures, and only them.
    header, rows = prepared_rows(ctx.delegate, "")
    admin_header, all_rows = prepared_rows(ctx.admin, "")
    assert rows and len(rows) < len(all_rows), (len(rows), len(all_rows))
    assert set(rows) <= set(all_rows), "the delegate's lines are the register's own"


def test_bad_export_ids_are_plain_404s(ctx):
    for path in ("/exports/not-a-uuid", "/exports/00000000-0000-0000-0000-000000000000/fichier",
                 "/exports/" + "9" * 20):
        r = ctx.delegate.get(path, allow_redirects=False)
        assert r.status_code in (400, 404), f"{path}: {r.status_code}"

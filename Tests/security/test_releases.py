"""Finding 2: differencing over time. Members, board members (every role but admins and
delegates) see only the figures of a PUBLISHED RELEASE, frozen: the answer of one more
structure must not move what they see. Between two releases, no figure may move because of
fewer than k structures (the differencing solver, with the ground truth of the answers at each
publication)."""
import re

import pytest

from seclib import (OPEN_YEAR, api_token, edition, answer_path, answers_truth_rows, figures_docs, fresh_structure,
                    is_french, publish, read_page, release_numbers, strip_volatile, submit_answer, consistent_answer)
from solver import FigureSet, Truth, changed_structures, release_leaks

# Ground truth (the counted answers) at each release this suite published: (year, number) → Truth.
TRUTH: dict = {}


@pytest.fixture(scope="module")
def ctx(server, demo, signed):
    class Ctx:
        pass
    c = Ctx()
    c.server, c.demo = server, demo
    c.admin, c.member, c.board, c.delegate = (signed(r) for r in ("admin", "member", "board", "delegate"))
    c.codes = demo.delegation_codes()
    c.delegation_of = {s["siret"]: s["delegation"] for s in demo.structures()}
    return c


def truth_now(ctx, year):
    return Truth(answers_truth_rows(ctx.admin, year), ctx.delegation_of)


def publish_with_truth(ctx, year):
    truth = truth_now(ctx, year)  # nothing changes between this export and the publication
    number = publish(ctx.admin, year)
    TRUTH[(year, number)] = truth
    return number


def release_set(ctx, year, number):
    docs = figures_docs(ctx.admin, year, ctx.codes, prefix=f"/observatoire/{year}/publications/{number}/chiffres.json")
    return FigureSet.from_documents(docs), docs


def member_views(client, year, sid):
    """Everything a member reads of a campaign's figures: JSON, report pages, tables, benchmark."""
    out = {}
    for path in (f"/observatoire/{year}/chiffres.json", f"/observatoire/{year}/chiffres.json?perimetre=PDL",
                 f"/observatoire/{year}/rapport", f"/observatoire/{year}/rapport/PDL",
                 f"/observatoire/{year}/portrait/AI", f"/observatoire/{year}/positionnement/{sid}"):
        r = client.get(path)
        out[path] = (r.status_code, strip_volatile(r.text) if "html" in r.headers.get("Content-Type", "") else r.content)
    tables = re.findall(rf'href="(/observatoire/{year}/tableaux/[^"]+\.csv)"', client.get(f"/observatoire/{year}/rapport/PDL").text)
    for path in tables[:5]:
        r = client.get(path)
        out[path] = (r.status_code, r.content)
    return out


def new_campaign_year(admin):
    for year in range(2021, 1999, -1):
        if admin.get(f"/observatoire/{year}").status_code == 404:
            return year
    raise AssertionError("no free campaign year")


def test_without_a_release_members_get_a_french_404(ctx):
    year = new_campaign_year(ctx.admin)
    page = read_page(ctx.admin.get("/observatoire/campagnes/nouvelle").text)
    form = next(f for f in page.forms if f.method == "post" and "year" in f.names())
    data = [(k, v) for k, v in form.values() if k != "year"] + [("year", str(year))]
    r = ctx.admin.post(form.action, data)
    assert r.status_code in (302, 303), f"opening campaign {year}: {r.status_code} {read_page(r.text).errors}"
    assert release_numbers(ctx.admin, year) == []
    live = ctx.admin.get(f"/observatoire/{year}/chiffres.json")
    assert live.status_code == 200 and edition(live)[0] == "live", \
        f"admin: live figures marked provisional: {live.status_code} {dict(live.headers)} {live.text[:200]}"
    token = api_token(ctx.member, "sans publication")
    for client in (ctx.member, ctx.board):
        for path in (f"/observatoire/{year}/chiffres.json", f"/observatoire/{year}/rapport",
                     f"/observatoire/{year}/rapport/PDL", f"/observatoire/{year}/portrait/AI"):
            r = client.get(path)
            assert r.status_code == 404, f"{client.role} GET {path} with no release: {r.status_code}"
            assert is_french(read_page(r.text).text if "html" in r.headers.get("Content-Type", "") else r.text), r.text[:300]
    r = ctx.demo.api(f"/api/v1/observatoire/{year}/chiffres", token=token)
    assert r.status_code == 404 and is_french(r.json().get("reason", "")), f"member API, no release: {r.status_code} {r.text[:200]}"


def test_member_figures_stay_frozen_until_the_next_release(ctx):
    year = OPEN_YEAR
    number = publish_with_truth(ctx, year)
    sid = next(i for i in ctx.demo.member_structure_ids(ctx.member) if "AI" in ctx.demo.by_id()[i]["types"])
    token = api_token(ctx.member, "gel des chiffres")
    doc = ctx.member.get(f"/observatoire/{year}/chiffres.json")
    assert doc.status_code == 200, doc.text[:300]
    shown, published_at = edition(doc)
    assert shown == number and published_at, f"a member's figures name the latest release ({number}): {shown!r}"
    published = ctx.admin.get(f"/observatoire/{year}/publications/{number}/chiffres.json")
    assert published.content == doc.content, "the member reads the release's document as published, byte for byte"
    before_member = member_views(ctx.member, year, sid)
    before_board = member_views(ctx.board, year, sid)
    before_api = ctx.demo.api(f"/api/v1/observatoire/{year}/chiffres", token=token).content
    live_before = ctx.admin.get(f"/observatoire/{year}/chiffres.json?perimetre=PDL").json()

    # One more structure of PDL answers (its delegate fills it in).
    other = fresh_structure(ctx.admin, ctx.demo, year, "PDL", exclude=set(ctx.demo.member_structure_ids(ctx.member)))
    r = submit_answer(ctx.delegate, year, other["id"], "AI", consistent_answer("AI", scale=7))
    assert r.status_code in (302, 303), f"the delegate's answer: {r.status_code} {read_page(r.text).errors}"

    live_r = ctx.admin.get(f"/observatoire/{year}/chiffres.json?perimetre=PDL")
    live_after = live_r.json()
    assert edition(live_r)[0] == "live", "admin figures are live, marked provisional"
    delegate_r = ctx.delegate.get(f"/observatoire/{year}/chiffres.json?perimetre=PDL")
    assert edition(delegate_r)[0] == "live" and delegate_r.json()["figures"] == live_after["figures"], \
        "a delegate sees the live figures, marked provisional"
    assert live_after["figures"] != live_before["figures"], "the new answer shows in the live figures"
    for before, client in ((before_member, ctx.member), (before_board, ctx.board)):
        after = member_views(client, year, sid)
        moved = [p for p in before if before[p] != after.get(p)]
        assert not moved, f"{client.role}: these moved with one new answer, before any new release: {moved}"
    assert ctx.demo.api(f"/api/v1/observatoire/{year}/chiffres", token=token).content == before_api, \
        "the API moved for a member"


def test_no_release_gives_away_the_change_of_fewer_than_k_structures(ctx):
    year = OPEN_YEAR
    a = publish_with_truth(ctx, year)
    # 1. A single new answer between two releases.
    exclude = set(ctx.demo.member_structure_ids(ctx.member))
    s = fresh_structure(ctx.admin, ctx.demo, year, "PDL", exclude=exclude)
    r = submit_answer(ctx.admin, year, s["id"], "AI", consistent_answer("AI", scale=3))
    assert r.status_code in (302, 303), f"new answer: {r.status_code} {read_page(r.text).errors}"
    b = publish_with_truth(ctx, year)
    # 2. A single answer's value changes between two releases (returned, corrected, sent again).
    r = ctx.admin.post(answer_path(year, s["id"], "AI") + "/renvoyer", {"comment": "Chiffre d'affaires à revoir."})
    assert r.status_code in (302, 303), f"return for correction: {r.status_code}"
    values = consistent_answer("AI", scale=3)
    values["turnover_eur"] = "987654.32"
    r = submit_answer(ctx.admin, year, s["id"], "AI", values)
    assert r.status_code in (302, 303), f"corrected answer: {r.status_code} {read_page(r.text).errors}"
    c = publish_with_truth(ctx, year)

    # The single changes are in the data (the ground truth sees exactly that structure move).
    for x, y in ((a, b), (b, c)):
        moved = changed_structures(TRUTH[(year, x)], TRUTH[(year, y)], "turnover_eur", "AI", "PDL")
        assert moved == {s["siret"]}, f"between releases {x} and {y}, changed: {moved}"
    sets = {n: release_set(ctx, year, n)[0] for n in release_numbers(ctx.admin, year)}
    for n, fs in sets.items():
        assert fs.k >= 2
    leaks = []
    numbers = sorted(sets)
    # (Each release on its own is test_secondary_suppression's: here, what comparing them gives.)
    for i, x in enumerate(numbers):
        for y in numbers[i + 1:]:
            leaks += release_leaks(sets[x], sets[y], TRUTH.get((year, x)), TRUTH.get((year, y)),
                                   label=f"releases {x}→{y}: ")
    assert not leaks, f"{len(leaks)} differencing leak(s):\n" + "\n".join(leaks[:40])
    # The single changes really were in the data: the releases are not simply all withheld.
    assert len(sets[a].figures) > 100 and len(sets[c].figures) > 100
    assert {b, c} <= set(numbers)


def test_releases_list_numbers_and_dates(ctx):
    r = ctx.member.get(f"/observatoire/{OPEN_YEAR}/publications")
    assert r.status_code == 200
    numbers = release_numbers(ctx.admin, OPEN_YEAR)
    assert numbers, "no release listed"
    for n in numbers:
        r = ctx.member.get(f"/observatoire/{OPEN_YEAR}/publications/{n}/chiffres.json")
        assert r.status_code == 200
        number, published_at = edition(r)
        assert number == n and published_at, f"release {n}: {number!r} {published_at!r}"
    page = ctx.member.get(f"/observatoire/{OPEN_YEAR}/publications").text
    assert re.search(r"\d{2}/\d{2}/\d{4}", page), "the list of releases gives their dates"

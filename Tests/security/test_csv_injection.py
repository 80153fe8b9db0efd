"""Finding 8: CSV formula injection. A structure named `=HYPERLINK(…)`, with commune `@SUM(1+1)`
and address `+1+1` (typed in the form, or imported): no cell of any CSV export starts with
= + - @ tab or CR unless it is a plain number, and the XLSX exports hold them as text."""
import io
import re

import openpyxl
import pytest

from seclib import OPEN_YEAR, decode_csv, formula_cells, new_siret, read_page

NAME = '=HYPERLINK("http://evil.test","x")'
COMMUNE = "@SUM(1+1)"
ADDRESS = "+1+1"
IMPORTED = {"nom": "-2+3+cmd|' /C calc'!A0", "commune": "=1+2", "adresse": "@A1"}


@pytest.fixture(scope="module")
def planted(server, demo, signed):
    """Two hostile structures in PDL: one through the form, one through the member import."""
    admin = signed("admin")
    page = read_page(admin.get("/adherents/nouveau").text)
    form = next(f for f in page.forms if f.method == "post" and "siret" in f.names())
    fields = {"name": NAME, "siret": new_siret(), "commune": COMMUNE, "address": ADDRESS, "department": "44",
              "postal_code": "44000"}
    data = [(k, v) for k, v in form.values() if k not in fields and k != "types"] + list(fields.items()) + [("types", "AI")]
    r = admin.post(form.action or "/adherents", data)
    assert r.status_code in (302, 303), f"creating the hostile structure: {r.status_code} {read_page(r.text).errors}"
    csv_text = ("siret;nom;types;adresse;code_postal;commune;departement;site_web;statut;date_adhesion;siret_ges\r\n"
                f"{new_siret()};{IMPORTED['nom']};ACI;{IMPORTED['adresse']};44000;{IMPORTED['commune']};44;;actif;01/01/2020;\r\n")
    admin.get("/import/adherents")
    r = admin.post("/import/adherents", files={"file": ("hostile.csv", csv_text.encode("utf-8"), "text/csv")})
    assert r.status_code == 200, f"import preview: {r.status_code} {read_page(r.text).text[:400]}"
    apply = re.search(r'action="(/import/adherents/[^"]+/appliquer)"', r.text)
    assert apply, "no apply button for the hostile (but valid) import"
    r = admin.post(apply.group(1), {})
    assert r.status_code in (302, 303), f"applying the import: {r.status_code}"
    return admin


def csv_exports(admin):
    paths = ["/export/adherents.csv", "/export/adherents.csv?delegation=PDL", "/export/adherents.csv?q=evil",
             f"/observatoire/{OPEN_YEAR}/export/reponses.csv"]
    html = admin.get(f"/observatoire/{OPEN_YEAR}/rapport").text + admin.get(f"/observatoire/{OPEN_YEAR}/rapport/PDL").text
    paths += sorted(set(p.replace("&amp;", "&") for p in re.findall(r'href="([^"]+\.csv[^"]*)"', html)))[:12]
    return paths


def test_no_csv_cell_is_a_formula(planted, login):
    for role in ("admin", "delegate"):
        client = planted if role == "admin" else login(role)
        seen = False
        for path in csv_exports(client):
            r = client.get(path)
            assert r.status_code == 200, f"{role} GET {path}: {r.status_code}"
            rows = decode_csv(r.content)
            bad = formula_cells(rows)
            assert not bad, f"{role} {path}: cells a spreadsheet would run: {bad[:5]}"
            if path.startswith("/export/adherents.csv") and "evil" in r.content.decode("utf-8", "replace"):
                seen = True
        assert seen, f"the hostile structure is not in {role}'s member export"


def test_xlsx_cells_are_text_not_formulas(planted):
    for path in ("/export/adherents.xlsx", f"/observatoire/{OPEN_YEAR}/export/reponses.xlsx"):
        r = planted.get(path)
        assert r.status_code == 200, f"GET {path}: {r.status_code}"
        book = openpyxl.load_workbook(io.BytesIO(r.content))
        found = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        found.append(f"{sheet.title}!{cell.coordinate}={cell.value!r}")
                    elif isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.data_type == "s", (path, cell.coordinate, cell.data_type)
        assert not found, f"{path}: formulas in the workbook: {found[:5]}"
        if "adherents" in path:
            names = {c.value for s in book.worksheets for row in s.iter_rows() for c in row if isinstance(c.value, str)}
            assert any("HYPERLINK" in n for n in names), "the hostile name is not in the XLSX export"

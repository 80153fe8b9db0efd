"""Issue #9: the member import preview shows what it will change, and applies a sensitive
change (here a rename) only when its box is ticked."""
import csv
import io
import os
import tempfile

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC


YEAR = 2025  # the demo's open campaign


def export_rows(site, query, path="/export/adherents.csv"):
    """An export (the members' by default) fetched with the browser's session: a file that
    re-imports unchanged."""
    cookie = site.d.get_cookie("maillage_session")["value"]
    res = requests.get(site.base + path, params=query, cookies={"maillage_session": cookie}, timeout=30)
    assert res.status_code == 200
    return list(csv.reader(io.StringIO(res.content.decode("utf-8-sig")), delimiter=";"))


def upload(site, rows, page="/import/adherents"):
    text = "\r\n".join(";".join(r) for r in rows) + "\r\n"
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        site.visit(page)
        site.d.find_element(By.ID, "file").send_keys(f.name)
        site.d.find_element(By.ID, "import-preview").click()
        site.wait(EC.presence_of_element_located((By.ID, "preview")))
        site.check_a11y()
    finally:
        os.unlink(f.name)


def test_member_import_preview_shows_a_rename_and_applies_it_once_ticked(site):
    site.login("admin")
    header, first = export_rows(site, {"delegation": "PDL"})[:2]
    name = header.index("nom")
    old_name = first[name]
    new_name = old_name + " (renommée)"
    renamed = list(first)
    renamed[name] = new_name

    # The preview: the line's old and new name, flagged, with its box unticked.
    upload(site, [header, renamed])
    line = site.d.find_element(By.ID, "import-line-2")
    assert line.find_element(By.TAG_NAME, "del").text == old_name
    assert line.find_element(By.TAG_NAME, "strong").text == new_name
    assert "à confirmer" in line.text
    assert "1 modification sensible à confirmer" in site.d.find_element(By.ID, "import-summary").text
    box = site.d.find_element(By.ID, "confirm-2")
    assert not box.is_selected()

    # Ticked and applied: the structure page shows the new name.
    box.click()
    site.d.find_element(By.ID, "import-apply").click()
    flash = site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    assert "1 mise à jour" in flash.text
    assert "non appliquée" not in flash.text
    site.check_a11y()
    box = site.d.find_element(By.ID, "q")
    box.clear()
    box.send_keys(first[header.index("siret")])
    site.d.find_element(By.ID, "filter-submit").click()
    # The flash page may already be the directory: wait for the filtered one, not any one.
    site.wait(EC.url_contains("q=" + first[header.index("siret")]))
    site.wait(EC.presence_of_element_located((By.ID, "result-count")))
    old_page = site.d.find_element(By.TAG_NAME, "html")
    site.d.find_element(By.CSS_SELECTOR, "#directory-table tbody tr td a").click()
    site.wait(EC.staleness_of(old_page), timeout=30)  # the next page, not the h1 of this one
    site.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    site.check_a11y()
    assert site.h1() == new_name


def test_an_unticked_rename_is_left_out_and_said_so(site):
    site.login("admin")
    header, first = export_rows(site, {"delegation": "NOR"})[:2]
    name = header.index("nom")
    renamed = list(first)
    renamed[name] = first[name] + " (non confirmée)"

    upload(site, [header, renamed])
    site.d.find_element(By.ID, "import-apply").click()
    flash = site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    assert "1 ligne non appliquée : modification sensible non confirmée (ligne 2)" in flash.text
    site.check_a11y()
    assert export_rows(site, {"q": first[header.index("siret")]})[1][name] == first[name]


def test_answers_import_preview_shows_an_overwritten_value_to_confirm(site):
    site.login("admin")
    header, first = export_rows(site, {}, path=f"/observatoire/{YEAR}/export/reponses.csv")[:2]
    turnover = header.index("turnover_eur")
    changed = list(first)
    changed[turnover] = "123456,78"

    upload(site, [header, changed], page=f"/observatoire/{YEAR}/import")
    line = site.d.find_element(By.ID, "import-line-2")
    assert "456,78 €" in line.find_element(By.TAG_NAME, "strong").text
    assert "à confirmer" in line.text
    site.d.find_element(By.ID, "confirm-2").click()
    site.d.find_element(By.ID, "import-apply").click()
    flash = site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    assert "1 mise à jour" in flash.text
    site.check_a11y()
    rows = export_rows(site, {}, path=f"/observatoire/{YEAR}/export/reponses.csv")
    mine = next(r for r in rows if r[1] == first[1] and r[2] == first[2])
    assert mine[turnover] == "123456,78"

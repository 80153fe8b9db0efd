"""Long exports as jobs in Chromium: the national admin prepares the register XLSX from the
directory, follows the progress page (the worker of `serve` runs the job), downloads the file,
and every page is clean for axe-core (no finding of any impact)."""
import re

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC


def no_axe_findings(site):
    axe = Axe(site.d)
    axe.inject()
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in axe.run()["violations"]]
    assert not found, f"axe-core on {site.path()}: {found}"


def fetch_bytes(site, href):
    """GETs `href` with the browser's session: (status, content type, disposition, size, first bytes in hex)."""
    return site.d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {"
        "  const b = new Uint8Array(await r.arrayBuffer());"
        "  done([r.status, r.headers.get('content-type'), r.headers.get('content-disposition'), b.length,"
        "        Array.from(b.slice(0, 4)).map(x => x.toString(16).padStart(2, '0')).join('')]);"
        "}, e => done(['ERROR ' + e]));",
        href)


def test_admin_prepares_the_register_xlsx_and_downloads_it(site):
    site.login("admin")
    site.visit("/adherents?delegation=PDL")
    button = site.d.find_element(By.ID, "prepare-members-xlsx")
    assert button.text == "Préparer le fichier XLSX"
    button.click()

    # The export's page: the state in a live region, a labelled progress bar while it runs.
    site.wait(EC.url_matches(r"/exports/[0-9A-Fa-f-]{36}$"))
    export_path = site.path()
    assert site.h1() == "Fichier des adhérents (XLSX)"
    state = site.d.find_element(By.ID, "export-state")
    assert state.get_attribute("role") == "status"
    no_axe_findings(site)

    # The script polls the page: « Prêt » and the link, without reloading.
    site.wait(lambda d: d.find_element(By.ID, "export-state").text == "Prêt", timeout=60)
    assert site.path() == export_path
    link = site.d.find_element(By.ID, "export-download")
    name = site.d.find_element(By.ID, "export-file-name").text
    assert re.fullmatch(r"fichier-adherents-delegation-pdl-\d{4}-\d{2}-\d{2}\.xlsx", name), name
    assert site.d.find_element(By.ID, "export-file-size").text.endswith(("Ko", "Mo", "octets"))
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", site.d.find_element(By.ID, "export-expires").text)
    no_axe_findings(site)

    # The file: an XLSX (a zip) under the direct export's name, the same bytes as the direct export.
    status, ctype, disposition, size, magic = fetch_bytes(site, link.get_attribute("href"))
    assert status == 200
    assert ctype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert disposition == f'attachment; filename="{name}"'
    assert magic == "504b0304" and size > 1000
    direct = fetch_bytes(site, "/export/adherents.xlsx?delegation=PDL")
    assert direct[3] == size and direct[2] == disposition

    # Without the script, the page works by « Actualiser »; the list shows the export, ready.
    site.visit(export_path)
    assert site.d.find_element(By.ID, "export-state").text == "Prêt"
    site.visit("/exports")
    no_axe_findings(site)
    row = site.d.find_element(By.CSS_SELECTOR, f'#exports-table a[href="{export_path}"]')
    assert row.text == "Fichier des adhérents (XLSX)"
    assert "Prêt" in site.d.find_element(By.CSS_SELECTOR, "#exports-table tbody tr").text

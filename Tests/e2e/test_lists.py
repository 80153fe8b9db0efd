"""The list component in Chromium: sort by keyboard, filter, page, export exactly the rows shown,
axe-core at desktop (1366 px) and phone (390 px) widths, never wider than the screen."""
import csv
import io
import re

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

NAMES = "#directory-table tbody tr td:first-child a"


def names(site):
    return [a.text for a in site.d.find_elements(By.CSS_SELECTOR, NAMES)]


def header(site, label):
    for th in site.d.find_elements(By.CSS_SELECTOR, "#directory-table thead th"):
        if th.text.split("\n")[0].strip().startswith(label):
            return th
    raise AssertionError(f"no header {label}")


def fetch_text(site, href):
    """GETs `href` with the browser's session (same origin) and returns the body as text."""
    return site.d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('ERROR ' + e));",
        href)


def check_widths(site):
    """axe-core clean (no finding of any impact) at 1366 and 390 px, and no page wider than the screen."""
    for width in (1366, 390):
        site.d.set_window_size(width, 900)
        assert site.d.execute_script("return window.innerWidth") == width
        axe = Axe(site.d)
        axe.inject()
        found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in axe.run()["violations"]]
        assert not found, f"axe-core at {width} px on {site.path()}: {found}"
        overflow = site.d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than the {width} px window"
    site.d.set_window_size(1280, 900)


def test_sorted_filtered_paginated_directory_exports_exactly_its_rows(site):
    site.login("admin")
    site.visit("/adherents")
    check_widths(site)

    # Sort by name, descending, with the keyboard: focus the header's link, press Enter.
    name = header(site, "Nom")
    assert name.get_attribute("aria-sort") == "ascending"
    link = name.find_element(By.TAG_NAME, "a")
    site.d.execute_script("arguments[0].focus()", link)
    site.d.switch_to.active_element.send_keys(Keys.ENTER)
    site.wait(EC.url_contains("sort=-name"))
    assert header(site, "Nom").get_attribute("aria-sort") == "descending"

    # Filter by delegation: the sort stays (hidden field), the page starts again at 1.
    Select(site.d.find_element(By.ID, "delegation")).select_by_value("PDL")
    site.d.find_element(By.ID, "filter-submit").click()
    site.wait(EC.url_contains("delegation=PDL"))
    assert "sort=-name" in site.d.current_url
    total = int(re.sub(r"\D", "", site.d.find_element(By.ID, "result-count").text))
    assert total > 50, "the demo's Pays de la Loire needs two pages for this test"
    shown = names(site)
    assert len(shown) == 50

    # Page 2, through the pager.
    site.d.find_element(By.CSS_SELECTOR, 'nav[aria-label="Pagination"] a[rel=next]').click()
    site.wait(EC.url_contains("page=2"))
    assert "Page 2 sur" in site.d.find_element(By.CSS_SELECTOR, 'nav[aria-label="Pagination"]').text
    assert header(site, "Nom").get_attribute("aria-sort") == "descending"
    check_widths(site)
    shown += names(site)
    while True:
        nxt = site.d.find_elements(By.CSS_SELECTOR, 'nav[aria-label="Pagination"] a[rel=next]')
        if not nxt:
            break
        nxt[0].click()
        site.wait(EC.staleness_of(nxt[0]))
        shown += names(site)
    assert len(shown) == total

    # The CSV export: exactly these rows, in this order, every page; its name says the filter.
    href = site.d.find_element(By.CSS_SELECTOR, "a.export-csv").get_attribute("href")
    assert "delegation=PDL" in href and "sort=-name" in href and "format=csv" in href
    text = fetch_text(site, href)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["Nom", "SIRET"]
    assert [r[0] for r in rows[1:]] == shown
    assert all(r[5] == "Pays de la Loire" for r in rows[1:])
    disposition = site.d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.headers.get('content-disposition')));", href)
    assert re.fullmatch(r'attachment; filename="adherents-delegation-pdl-\d{4}-\d{2}-\d{2}\.csv"', disposition)


def test_empty_state_offers_a_reset_and_lists_stay_accessible(site):
    site.login("admin")
    site.visit("/adherents?q=aucune-structure-de-ce-nom&sort=commune")
    empty = site.d.find_element(By.CSS_SELECTOR, ".list-empty")
    assert "Aucun résultat pour ces filtres." in empty.text
    empty.find_element(By.LINK_TEXT, "Réinitialiser").click()
    site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, NAMES)))
    assert "q=" not in site.d.current_url and "sort=commune" in site.d.current_url
    assert header(site, "Commune").get_attribute("aria-sort") == "ascending"
    check_widths(site)
    site.visit("/observatoire")
    campaigns = [a.get_attribute("href") for a in site.d.find_elements(By.CSS_SELECTOR, "a[href]")
                 if re.search(r"/observatoire/\d{4}$", a.get_attribute("href"))]
    assert campaigns, "the demo has a campaign to follow"
    year = campaigns[0].rsplit("/", 1)[1]
    for path in ("/admin/utilisateurs", "/annuaire", f"/observatoire/{year}", f"/observatoire/{year}?page=2&sort=-delegation",
                 f"/observatoire/{year}/validation"):
        site.visit(path)
        check_widths(site)

"""Phones: at 390 px wide no page is wider than the screen (tables scroll inside their box), the
main menu folds behind a button under 600 px, and without JavaScript the menu stays open.
Each role signs in and crawls its main pages: the menu, the help, and one record of each kind
reached from them."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import ACCOUNTS

WIDTH = 390
# Pages found from the menu's pages: one of each kind is enough.
DISCOVER = [
    re.compile(r"^/adherents/[0-9a-fA-F-]{36}$"),
    re.compile(r"^/observatoire/\d{4}$"),
    re.compile(r"^/observatoire/\d{4}/validation$"),
    re.compile(r"^/observatoire/\d{4}/rapport$"),
    re.compile(r"^/observatoire/\d{4}/publications$"),
    re.compile(r"^/observatoire/\d{4}/reponses/[0-9a-fA-F-]{36}/[A-Z]+$"),
    re.compile(r"^/observatoire/\d{4}/positionnement/[0-9a-fA-F-]{36}$"),
    re.compile(r"^/admin/utilisateurs/[0-9a-fA-F-]{36}$"),
    re.compile(r"^/qualite/echeances$"),
    re.compile(r"^/qualite/chiffres$"),
    re.compile(r"^/qualite/referentiels$"),
    re.compile(r"^/qualite/cap/questionnaires$"),
    re.compile(r"^/qualite/cap/questionnaires/\d{4}$"),
    re.compile(r"^/qualite/structures/[0-9a-fA-F-]{36}$"),
    re.compile(r"^/qualite/structures/[0-9a-fA-F-]{36}/certifications/[0-9a-fA-F-]{36}$"),
    re.compile(r"^/qualite/structures/[0-9a-fA-F-]{36}/audits-blancs/[0-9a-fA-F-]{36}$"),
    re.compile(r"^/qualite/structures/[0-9a-fA-F-]{36}/cap/\d{4}$"),
    re.compile(r"^/qualite/structures/[0-9a-fA-F-]{36}/cap/\d{4}/resultats$"),
    re.compile(r"^/qualite/structures/[0-9a-fA-F-]{36}/plan-actions$"),
    re.compile(r"^/accompagnement/journees$"),
    re.compile(r"^/accompagnement/chiffres$"),
    re.compile(r"^/accompagnement/programmes$"),
    re.compile(r"^/accompagnement/structures/[0-9a-fA-F-]{36}$"),
    re.compile(r"^/accompagnement/structures/[0-9a-fA-F-]{36}/suivis/[0-9a-fA-F-]{36}$"),
    re.compile(r"^/aide/qualite$"),
    re.compile(r"^/aide/accompagnement$"),
]
FIXED = ["/aide", "/aide/annuaire", "/aide/adhesions", "/aide/observatoire", "/aide/import", "/aide/comptes"]


def phone(driver, width=WIDTH):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": True})


def local_links(site, selector="a[href]"):
    out = []
    for a in site.d.find_elements(By.CSS_SELECTOR, selector):
        href = a.get_attribute("href") or ""
        if href.startswith(site.base):
            path = href[len(site.base):].split("#")[0]
            if path and not path.startswith("/export/") and "." not in path.rsplit("/", 1)[-1]:
                out.append(path.split("?")[0] if path.startswith("/adherents?") else path)
    return out


def overflow(site):
    """The page's width, and what sticks out past the screen's right edge."""
    width = site.d.execute_script("return document.documentElement.scrollWidth")
    culprits = site.d.execute_script("""
        const w = document.documentElement.clientWidth, out = [];
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.right > w + 1 && r.width > 0 && !el.closest('.table-wrap, .table-scroll, table.data')) {
            out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + el.className : '') + ' ' + Math.round(r.right));
            if (out.length > 4) break;
          }
        }
        return out;""")
    return width, culprits


def crawl(site):
    site.visit("/")
    queue = ["/"] + local_links(site, "#main-nav a") + FIXED
    seen, found = [], {p.pattern: None for p in DISCOVER}
    while queue:
        path = queue.pop(0)
        if path in seen or path in ("/connexion",):
            continue
        seen.append(path)
        site.visit(path)
        yield path
        for link in local_links(site):
            for pattern in DISCOVER:
                if found[pattern.pattern] is None and pattern.match(link):
                    found[pattern.pattern] = link
                    queue.append(link)


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_no_page_is_wider_than_a_phone(site, role):
    phone(site.d)
    site.login(role)
    problems, visited = [], []
    for path in crawl(site):
        visited.append(path)
        width, culprits = overflow(site)
        if width > WIDTH:
            problems.append(f"{path}: {width} px wide ({', '.join(culprits)})")
    assert len(visited) >= 8, f"{role}: only {visited} crawled"
    assert not problems, f"{role} at {WIDTH} px:\n" + "\n".join(problems)


def test_the_menu_folds_behind_a_button_on_a_phone(site):
    phone(site.d)
    site.login("admin")
    button = site.d.find_element(By.ID, "menu-toggle")
    nav = site.d.find_element(By.ID, "main-nav")
    assert button.is_displayed() and button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "main-nav"
    assert not nav.is_displayed()
    button.click()
    site.wait(EC.visibility_of(nav))
    assert button.get_attribute("aria-expanded") == "true"
    site.check_a11y()
    old_page = site.d.find_element(By.TAG_NAME, "html")
    nav.find_element(By.PARTIAL_LINK_TEXT, "Observatoire").click()
    site.wait(EC.staleness_of(old_page), timeout=30)  # the next page, not the h1 of this one
    site.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    assert site.path() == "/observatoire"
    assert not site.d.find_element(By.ID, "main-nav").is_displayed()
    # Wider than 600 px: no button, the menu is shown.
    phone(site.d, 800)
    site.d.refresh()
    site.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    assert not site.d.find_element(By.ID, "menu-toggle").is_displayed()
    assert site.d.find_element(By.ID, "main-nav").is_displayed()


def test_without_javascript_the_menu_stays_open(site):
    site.login("delegate")
    site.d.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    phone(site.d)
    site.d.get(site.base + "/adherents")
    site.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")))
    assert site.d.find_element(By.ID, "main-nav").is_displayed()
    assert not site.d.find_element(By.ID, "menu-toggle").is_displayed()
    width, culprits = overflow(site)
    assert width <= WIDTH, culprits


def test_visitor_pages_fit_a_phone(site):
    phone(site.d)
    problems = []
    for path in ("/connexion", "/mot-de-passe-oublie", "/annuaire", "/annuaire?page=2"):
        site.visit(path)
        width, culprits = overflow(site)
        if width > WIDTH:
            problems.append(f"{path}: {width} px wide ({', '.join(culprits)})")
    assert not problems, "\n".join(problems)

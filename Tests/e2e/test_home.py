"""Each role's home shows what it has to do now, clean for axe-core at desktop and phone widths."""
import pytest
from selenium.webdriver.common.by import By

from conftest import ACCOUNTS

OPEN_YEAR = 2025  # the demo's open campaign
PUBLISHED_YEAR = 2024  # the demo's latest release

# The text each role's home must show: its main task or, for roles without a task list,
# the published figures and the directory search.
MAIN_TEXT = {
    "admin": [f"une validation (Observatoire {OPEN_YEAR})", f"Avancement de la campagne {OPEN_YEAR} par délégation", "Chiffres clés"],
    "delegate": [f"Observatoire {OPEN_YEAR} : délégation Pays de la Loire", "pas encore transmise"],
    "member": ["Mes réponses à l'Observatoire", f"Observatoire {OPEN_YEAR}", "Mes réponses des années passées"],
    "jurist": [f"Le réseau en chiffres — données {PUBLISHED_YEAR}", "Rechercher un adhérent"],
    "trainer": [f"Le réseau en chiffres — données {PUBLISHED_YEAR}", "Rechercher un adhérent"],
    # The demo's plain trainer ran a session that ended without its attendance marked (issue #13).
    "instructor": ["Mes sessions de formation", "Rechercher un adhérent"],
    "board": [f"Le réseau en chiffres — données {PUBLISHED_YEAR}", "Rechercher un adhérent"],
}

WIDTHS = {1366: (1366, 900, False), 390: (390, 844, True)}


def set_width(driver, width):
    w, h, mobile = WIDTHS[width]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile})


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_each_role_home_shows_its_tasks_at_both_widths(site, role):
    site.login(role)
    assert site.path() == "/"
    main = site.d.find_element(By.ID, "contenu").text
    for text in MAIN_TEXT[role]:
        assert text in main, f"{role}: « {text} » missing from the home page"
    if role in ("admin", "delegate", "member"):
        assert site.d.find_elements(By.CSS_SELECTOR, ".tasks .task"), f"{role}: no task listed"
    else:
        assert len(site.d.find_elements(By.CSS_SELECTOR, "#chiffres-publies-title ~ .tiles .tile")) >= 2
    for width in (1366, 390):
        set_width(site.d, width)
        site.visit("/")
        if width == 390:
            scroll = site.d.execute_script("return document.documentElement.scrollWidth")
            assert scroll <= 390, f"{role}: the home page is {scroll} px wide at 390 px"
    site.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_member_task_leads_to_the_answer_form(site):
    site.login("member")
    link = site.d.find_element(By.CSS_SELECTOR, ".tasks .task-text a")
    href = link.get_attribute("href")
    link.click()
    site.wait(lambda d: d.current_url == href)
    assert "/observatoire/" in site.path() and "/reponses/" in site.path()
    site.check_a11y()

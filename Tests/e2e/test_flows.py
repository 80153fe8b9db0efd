"""Main user flows in headless Chromium, each page checked by axe-core."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import ACCOUNTS


def count(site):
    return int(re.sub(r"\D", "", site.d.find_element(By.ID, "result-count").text))


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_each_role_logs_in_sees_its_home_and_logs_out(site, role):
    site.login(role)
    assert site.path() == "/"
    assert site.h1() == ACCOUNTS[role][1]
    assert site.d.find_element(By.CSS_SELECTOR, 'nav[aria-label="Navigation principale"]')
    site.logout()
    assert "Déconnexion effectuée." in site.d.find_element(By.CSS_SELECTOR, ".flash-success").text
    site.d.get(site.base + "/adherents")
    assert site.path().startswith("/connexion")


def test_wrong_password_keeps_the_email(site):
    site.visit("/connexion")
    site.d.find_element(By.ID, "email").send_keys("admin@demo.maillage.test")
    site.d.find_element(By.ID, "password").send_keys("pas-le-bon")
    site.d.find_element(By.ID, "login-submit").click()
    error = site.wait(EC.visibility_of_element_located((By.ID, "form-error")))
    assert "incorrect" in error.text
    assert site.path().startswith("/connexion")
    assert site.d.find_element(By.ID, "email").get_attribute("value") == "admin@demo.maillage.test"
    site.check_a11y()


def test_directory_search_filter_and_pages(site):
    site.login("admin")
    site.visit("/adherents")
    total = count(site)
    assert total > 500
    first = site.d.find_element(By.CSS_SELECTOR, "#directory-table tbody tr td a").text
    box = site.d.find_element(By.ID, "q")
    box.clear()
    box.send_keys(first)
    site.d.find_element(By.ID, "filter-submit").click()
    # The old page has a result count too: wait for the searched page itself.
    site.wait(EC.url_contains("q="))
    site.wait(EC.presence_of_element_located((By.ID, "result-count")))
    names = [a.text for a in site.d.find_elements(By.CSS_SELECTOR, "#directory-table tbody tr td:first-child a")]
    assert first in names
    site.check_a11y()

    site.visit("/adherents")
    Select(site.d.find_element(By.ID, "delegation")).select_by_value("PDL")
    Select(site.d.find_element(By.ID, "type")).select_by_value("AI")
    site.d.find_element(By.ID, "filter-submit").click()
    site.wait(EC.url_contains("delegation=PDL"))
    filtered = count(site)
    assert 0 < filtered < total
    rows = site.d.find_elements(By.CSS_SELECTOR, "#directory-table tbody tr")
    assert all("PDL" in r.text and "AI" in r.text for r in rows)
    site.check_a11y()

    site.visit("/adherents")
    nxt = site.d.find_element(By.CSS_SELECTOR, 'nav[aria-label="Pagination"] a[rel=next]')
    nxt.click()
    site.wait(EC.url_contains("page=2"))
    assert "Page 2" in site.d.find_element(By.CSS_SELECTOR, 'nav[aria-label="Pagination"]').text
    assert site.d.find_element(By.CSS_SELECTOR, "#directory-table tbody tr td a").text != first


def edit_with_one_invalid_field(site, role):
    site.login(role)
    site.visit("/adherents?delegation=PDL")
    site.d.find_element(By.CSS_SELECTOR, "#directory-table tbody tr td a").click()
    site.wait(EC.presence_of_element_located((By.ID, "edit-structure")))
    site.check_a11y()
    structure_path = site.path()
    site.d.find_element(By.ID, "edit-structure").click()
    site.wait(EC.presence_of_element_located((By.ID, "structure-form")))
    site.check_a11y()
    siret = site.d.find_element(By.ID, "siret")
    original = siret.get_attribute("value")
    website = site.d.find_element(By.ID, "website")
    new_site = f"https://exemple-modifie-{role}.fr"
    website.clear()
    website.send_keys(new_site)
    siret.clear()
    siret.send_keys("12345678901234")
    site.d.find_element(By.ID, "structure-submit").click()

    site.wait(EC.visibility_of_element_located((By.ID, "error-summary")))
    error = site.d.find_element(By.ID, "siret-error")
    assert error.is_displayed() and "SIRET" in error.text
    siret = site.d.find_element(By.ID, "siret")
    assert siret.get_attribute("aria-invalid") == "true"
    assert siret.get_attribute("aria-describedby") == "siret-error"
    assert siret.get_attribute("value") == "12345678901234"
    assert site.d.find_element(By.ID, "website").get_attribute("value") == new_site
    site.check_a11y()

    siret.clear()
    siret.send_keys(original)
    site.d.find_element(By.ID, "structure-submit").click()
    flash = site.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    assert "Modifications enregistrées." in flash.text
    assert site.path() == structure_path
    assert new_site in site.d.find_element(By.TAG_NAME, "main").text
    site.check_a11y()


def test_admin_edits_a_structure_with_one_invalid_field(site):
    edit_with_one_invalid_field(site, "admin")


def test_delegate_edits_a_structure_of_their_region(site):
    edit_with_one_invalid_field(site, "delegate")


@pytest.mark.parametrize("role,path", [("member", "/admin/utilisateurs"), ("jurist", "/admin/journal")])
def test_forbidden_pages(site, role, path):
    site.login(role)
    site.visit(path)
    assert site.h1() == "Accès refusé"


def test_public_directory_without_login(site):
    site.visit("/annuaire")
    rows = site.d.find_elements(By.CSS_SELECTOR, "#public-directory tbody tr")
    assert len(rows) > 10
    assert "SIRET" not in site.d.find_element(By.ID, "public-directory").text


def test_admin_pages_render_and_pass_axe(site):
    site.login("admin")
    for path in ["/admin/utilisateurs", "/admin/journal", "/admin/courriels", "/compte", "/delegations",
                 "/import/adherents", "/adherents/nouveau", "/admin/utilisateurs/nouveau"]:
        site.visit(path)
        assert site.h1()
    site.visit("/admin/utilisateurs")
    site.d.find_element(By.CSS_SELECTOR, "#users-table tbody tr td a").click()
    site.wait(EC.presence_of_element_located((By.ID, "grants")))
    site.check_a11y()


def test_membership_close_asks_for_confirmation(site):
    site.login("delegate")
    site.visit("/adherents?delegation=PDL&status=actif")
    site.d.find_element(By.CSS_SELECTOR, "#directory-table tbody tr td a").click()
    site.wait(EC.presence_of_element_located((By.ID, "membership-history")))
    site.d.find_element(By.PARTIAL_LINK_TEXT, "Clôturer").click()
    site.wait(EC.presence_of_element_located((By.ID, "membership-form")))
    site.check_a11y()
    assert "ne sera plus comptée" in site.d.find_element(By.CSS_SELECTOR, ".warning").text
    site.d.find_element(By.ID, "membership-submit").click()   # no reason given
    error = site.wait(EC.visibility_of_element_located((By.ID, "leave_reason-error")))
    assert "motif" in error.text
    site.check_a11y()

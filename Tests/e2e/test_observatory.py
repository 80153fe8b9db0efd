"""Observatory flows in headless Chromium: a member fills, saves, resumes and submits an
answer; the delegate returns it with a comment; the member fixes it; the delegate validates
it. Reports print to A4. Every page is checked by axe-core."""
import base64
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support import expected_conditions as EC

YEAR = 2025  # the demo's open campaign


def fill(site, field, value):
    el = site.d.find_element(By.ID, field)
    el.clear()
    el.send_keys(value)


def open_first_answer(site):
    site.visit("/observatoire")
    row = site.d.find_element(By.CSS_SELECTOR, "#my-answers tbody tr")
    structure = row.find_elements(By.TAG_NAME, "td")[1].text
    row.find_element(By.PARTIAL_LINK_TEXT, "Ouvrir la réponse").click()
    site.wait(EC.presence_of_element_located((By.ID, "answer-status")))
    site.check_a11y()
    return structure, site.path()


def status(site):
    return site.d.find_element(By.ID, "answer-status").text


def test_answer_is_filled_returned_fixed_and_validated(site):
    # The member starts an answer, with one typing mistake.
    site.login("member")
    structure, answer_path = open_first_answer(site)
    assert status(site) == "Non commencée"
    fill(site, "permanents_headcount", "7")
    fill(site, "turnover_eur", "12 abc")
    site.d.find_element(By.ID, "save-draft").click()
    error = site.wait(EC.visibility_of_element_located((By.ID, "turnover_eur-error")))
    assert "nombre" in error.text
    assert site.d.find_element(By.ID, "turnover_eur").get_attribute("aria-invalid") == "true"
    assert site.d.find_element(By.ID, "permanents_headcount").get_attribute("value") == "7"
    site.check_a11y()

    # Fixed, saved as a draft; the member leaves and comes back.
    fill(site, "turnover_eur", "482 300,50")
    site.d.find_element(By.ID, "save-draft").click()
    site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    assert status(site) == "Brouillon"
    site.visit("/")
    site.visit(answer_path)
    assert site.d.find_element(By.ID, "turnover_eur").get_attribute("value") == "482300,5"
    assert site.d.find_element(By.ID, "permanents_headcount").get_attribute("value") == "7"

    # Submitted to the delegation.
    site.d.find_element(By.ID, "submit-answer").click()
    site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    assert status(site) == "Transmise, à valider"
    assert not site.d.find_elements(By.ID, "answer-form")
    site.check_a11y()
    site.logout()

    # The delegate finds it in the queue and returns it: a comment is required.
    site.login("delegate")
    site.visit(f"/observatoire/{YEAR}/validation")
    site.d.find_element(By.XPATH, f"//table[@id='queue']//tr[td[1][normalize-space()='{structure}']]//a").click()
    site.wait(EC.presence_of_element_located((By.ID, "return-form")))
    site.check_a11y()
    site.d.find_element(By.ID, "return-answer").click()
    site.wait(EC.visibility_of_element_located((By.ID, "comment-error")))
    site.check_a11y()
    fill(site, "comment", "Le chiffre d'affaires paraît élevé : merci de vérifier.")
    site.d.find_element(By.ID, "return-answer").click()
    site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    site.check_a11y()
    site.logout()

    # The member reads the comment, fixes the value and submits again.
    site.login("member")
    site.visit(answer_path)
    assert status(site) == "Renvoyée pour correction"
    assert "paraît élevé" in site.d.find_element(By.ID, "return-comment").text
    fill(site, "turnover_eur", "48 230,05")
    site.d.find_element(By.ID, "submit-answer").click()
    site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    assert status(site) == "Transmise, à valider"
    site.logout()

    # The delegate validates it: locked.
    site.login("delegate")
    site.visit(answer_path)
    assert site.d.find_element(By.ID, "value-turnover_eur").text.replace("\u202f", " ").replace("\u00a0", " ") == "48 230,05 €"
    site.d.find_element(By.ID, "validate-answer").click()
    # Validating locks the answer: a confirmation page says so first.
    site.wait(EC.presence_of_element_located((By.ID, "confirm")))
    site.check_a11y()
    site.d.find_element(By.ID, "confirm").click()
    site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    site.visit(answer_path)
    assert status(site) == "Validée"
    assert not site.d.find_elements(By.ID, "validate-answer")


def test_campaign_pages_render_and_pass_axe(site):
    site.login("admin")
    for path in ["/observatoire", f"/observatoire/{YEAR}", f"/observatoire/{YEAR}/validation",
                 f"/observatoire/{YEAR}/import", "/observatoire/campagnes/nouvelle", f"/observatoire/{YEAR}/cloturer"]:
        site.visit(path)
        assert site.h1()
    # a bad campaign form: errors next to the fields, checked by axe too
    site.visit("/observatoire/campagnes/nouvelle")
    fill(site, "year", "2024")
    fill(site, "k", "1")
    site.d.find_element(By.ID, "campaign-submit").click()
    site.wait(EC.visibility_of_element_located((By.ID, "k-error")))
    assert "Une campagne existe déjà" in site.d.find_element(By.ID, "year-error").text
    site.check_a11y()


def pdf_pages(site, path):
    site.visit(path)
    opts = PrintOptions()
    opts.page_width = 21.0
    opts.page_height = 29.7
    pdf = base64.b64decode(site.d.print_page(opts))
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no page in the PDF"
    for w, h in boxes:
        assert abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2, "not A4"
    return len(boxes)


def test_reports_print_to_a4_and_pass_axe(site):
    site.login("delegate")
    for path in [f"/observatoire/{YEAR - 1}/rapport", f"/observatoire/{YEAR - 1}/rapport/PDL",
                 f"/observatoire/{YEAR - 1}/portrait/AI"]:
        pages = pdf_pages(site, path)
        assert pages >= 2, f"{path} printed on {pages} page(s)"
        assert "secret statistique" not in site.d.find_element(By.TAG_NAME, "h1").text


def test_members_read_only_published_releases(site):
    """Secrecy over time: a member reads the release of a closed campaign; the open one is
    not published, so the member has no live figures to compare from one day to the next."""
    site.login("member")
    site.visit(f"/observatoire/{YEAR - 1}/rapport")
    assert "Publication n°" in site.d.find_element(By.ID, "figures-edition").text
    site.visit(f"/observatoire/{YEAR}/publications")
    assert site.d.find_elements(By.ID, "releases-empty")
    assert not site.d.find_elements(By.ID, "publish")
    site.d.get(site.base + f"/observatoire/{YEAR}/rapport")
    assert "pas encore publiés" in site.d.find_element(By.TAG_NAME, "body").text


def test_admin_publishes_after_a_confirmation(site):
    site.login("admin")
    site.visit(f"/observatoire/{YEAR}/rapport")
    assert "provisoires" in site.d.find_element(By.ID, "figures-edition").text
    site.visit(f"/observatoire/{YEAR}/publications")
    site.d.find_element(By.ID, "publish").click()
    site.wait(EC.presence_of_element_located((By.ID, "confirm")))
    site.check_a11y()
    site.d.find_element(By.ID, "confirm").click()
    site.wait(EC.presence_of_element_located((By.ID, "releases")))
    site.check_a11y()
    assert "(en vigueur)" in site.d.find_element(By.ID, "releases").text

"""Forms in headless Chromium: a refused answer keeps every typed value and takes the focus to
the error summary; a draft typed and left is offered back. Nothing here is saved on the
server (the other flows start from the demo's answers as they are). Axe-clean on a laptop
(1366 px) and on a phone (390 px)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

TYPED = {
    "permanents_headcount": "7",
    "permanents_hours": "12 abc",       # not a number
    "turnover_eur": "482 300,50",
    "clientele_private_pct": "60",      # the clientele shares do not make 100 %
}


def fill(site, field, value):
    el = site.d.find_element(By.ID, field)
    el.clear()
    el.send_keys(value)


def value(site, field):
    return site.d.find_element(By.ID, field).get_attribute("value")


def open_first_answer(site):
    site.visit("/observatoire")
    row = site.d.find_element(By.CSS_SELECTOR, "#my-answers tbody tr")
    row.find_element(By.PARTIAL_LINK_TEXT, "Ouvrir la réponse").click()
    site.wait(EC.presence_of_element_located((By.ID, "answer-form")))
    return site.path()


def focused_id(site):
    return site.d.execute_script("return document.activeElement ? document.activeElement.id : null")


def check_a11y_at(site, *widths):
    for width in widths:
        site.d.set_window_size(width, 900)
        site.check_a11y()


def test_refused_answer_keeps_every_value_and_focuses_the_summary(site):
    site.login("member")
    answer_path = open_first_answer(site)
    for field, typed in TYPED.items():
        fill(site, field, typed)
    site.d.find_element(By.ID, "submit-answer").click()
    site.wait(EC.presence_of_element_located((By.ID, "error-summary")))
    site.wait(lambda d: focused_id(site) == "error-summary")

    for field, typed in TYPED.items():
        assert value(site, field) == typed, field
    summary = site.d.find_element(By.ID, "error-summary")
    links = [a.get_attribute("href").split("#", 1)[1] for a in summary.find_elements(By.TAG_NAME, "a")]
    assert links[0] == "permanents_hours"
    assert "clientele_private_pct" in links
    assert len(links) == len(set(links)), "a field named twice"
    assert "Heures travaillées des permanents" in summary.text
    assert site.d.find_element(By.ID, "permanents_hours").get_attribute("aria-invalid") == "true"
    assert "permanents_hours-error" in site.d.find_element(By.ID, "permanents_hours").get_attribute("aria-describedby")
    check_a11y_at(site, 1366, 390)

    # A link of the summary takes the person to the field.
    site.d.set_window_size(1366, 900)
    summary.find_element(By.CSS_SELECTOR, "a[href='#permanents_hours']").click()
    assert site.d.current_url.endswith("#permanents_hours")

    # Leaving without saving: the draft stays in this browser and is offered back.
    site.visit(answer_path)
    assert value(site, "permanents_headcount") == ""
    restore = site.wait(EC.element_to_be_clickable((By.ID, "restore-draft")))
    assert restore.text == "Reprendre le brouillon enregistré"
    check_a11y_at(site, 1366, 390)
    site.d.set_window_size(1366, 900)
    restore.click()
    for field, typed in TYPED.items():
        assert value(site, field) == typed, field

    # Ignored, it is forgotten.
    site.visit(answer_path)
    site.wait(EC.element_to_be_clickable((By.ID, "drop-draft"))).click()
    site.visit(answer_path)
    assert not site.d.find_elements(By.ID, "restore-draft")

    # Signing out forgets the drafts of this browser: a shared computer offers nobody else's.
    drafts = "return Object.keys(localStorage).filter(function (k) { return k.indexOf('maillage-draft:') === 0; }).length"
    fill(site, "permanents_headcount", "7")
    site.wait(lambda d: d.execute_script(drafts) == 1)   # kept 0.4 s after the last key
    site.logout()
    assert site.d.execute_script(drafts) == 0
    site.login("member")
    site.visit(answer_path)
    assert not site.d.find_elements(By.ID, "restore-draft")


def test_campaign_form_summary_is_focused_and_values_kept(site):
    site.login("admin")
    site.visit("/observatoire/campagnes/nouvelle")
    fill(site, "year", "2024")
    fill(site, "opens_on", "31/02/2027")
    fill(site, "k", "1")
    site.d.find_element(By.ID, "campaign-submit").click()
    site.wait(EC.presence_of_element_located((By.ID, "error-summary")))
    site.wait(lambda d: focused_id(site) == "error-summary")
    assert value(site, "year") == "2024"
    assert value(site, "opens_on") == "31/02/2027"
    assert value(site, "k") == "1"
    text = site.d.find_element(By.ID, "error-summary").text
    assert "Le formulaire contient 3 erreurs" in text
    assert "Ouverture des réponses" in text
    check_a11y_at(site, 1366, 390)

"""Issue #13, « Done when », in headless Chromium with axe-core on every page: the trainer
(formateur@, a plain trainer) opens the attendance of a session of theirs whose half-days are past
(from their home page's « Mes sessions de formation »), marks it and saves, then opens the printable
sheet (one signature box per trainee and half-day); a training admin closes the session
(« terminer »), which sends the satisfaction links; a trainee rates the session through the link
read from this suite's SMTP server, and the link is dead afterwards."""
import os
import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

SURVEY = re.compile(r"/formations/avis/[A-Za-z0-9_\-]{43}")


def survey_links(smtp_server):
    links = []
    for m in smtp_server.messages:
        import email
        import email.policy
        msg = email.message_from_bytes(m["data"], policy=email.policy.default)
        if "Votre avis sur la formation" in str(msg["Subject"]):
            links += SURVEY.findall(msg.get_body(("plain",)).get_content())
    return links


def test_attendance_sheet_and_survey(site, smtp_server):
    # The plain trainer finds the session to mark on their home page.
    site.login("instructor")
    tasks = site.d.find_elements(By.CSS_SELECTOR, "a[href*='/emargement']")
    assert tasks, "the trainer's home lists an attendance to complete"
    href = tasks[0].get_attribute("href")
    session = re.search(r"/formations/sessions/([0-9A-Fa-f-]{36})/emargement", href).group(1)
    site.visit(f"/formations/sessions/{session}/emargement")
    boxes = site.d.find_elements(By.CSS_SELECTOR, "#attendance-table input[type=checkbox]")
    assert boxes, "past half-days have a « Présent·e » box per trainee"
    rows = site.d.find_elements(By.CSS_SELECTOR, "#attendance-table tbody tr")
    columns = site.d.find_elements(By.CSS_SELECTOR, "#attendance-table thead th")[1:-1]
    # Everybody present except the first box (absent).
    for i, box in enumerate(boxes):
        if (i == 0) == box.is_selected():
            site.d.execute_script("arguments[0].click()", box)
    site.d.find_element(By.ID, "attendance-save").click()
    site.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    site.check_a11y()
    assert "Émargement enregistré" in site.d.find_element(By.CSS_SELECTOR, ".flash-success").text
    saved = site.d.find_elements(By.CSS_SELECTOR, "#attendance-table input[type=checkbox]")
    assert not saved[0].is_selected() and all(b.is_selected() for b in saved[1:])

    # The printable sheet: one signature box per trainee and half-day, and a trainer row.
    site.d.find_element(By.ID, "attendance-sheet-link").click()
    site.wait(EC.presence_of_element_located((By.ID, "sheet-table")))
    site.check_a11y()
    trainees = site.d.find_elements(By.CSS_SELECTOR, "#sheet-table tr.sheet-trainee")
    half_days = site.d.find_elements(By.CSS_SELECTOR, "#sheet-table th.sheet-halfday")
    assert len(trainees) == len(rows) and len(half_days) == len(columns)
    assert len(site.d.find_elements(By.CSS_SELECTOR, "#sheet-table td.signature-box")) == len(trainees) * len(half_days)
    assert len(site.d.find_elements(By.CSS_SELECTOR, "#sheet-table td.signature-box-trainer")) == len(half_days)
    site.visit("/")
    site.logout()

    if os.environ.get("MAILLAGE_BASE_URL"):
        pytest.skip("the messages of an outside server do not reach this suite's SMTP server")

    # A training admin closes the session (« terminer »): the links leave by e-mail.
    before = set(survey_links(smtp_server))
    site.login("trainer")
    site.visit(f"/formations/sessions/{session}/etapes/terminer")
    site.d.find_element(By.CSS_SELECTOR, "main form[method=post] button[type=submit]").click()
    site.wait(lambda d: "/etapes/" not in d.current_url)
    site.check_a11y()
    site.logout()
    deadline = time.time() + 30
    while not (set(survey_links(smtp_server)) - before):
        assert time.time() < deadline, "no satisfaction link arrived within 30 s"
        time.sleep(0.3)
    link = sorted(set(survey_links(smtp_server)) - before)[0]

    # The trainee, without an account, rates the session once.
    site.visit(link)
    assert "Votre avis sur la formation" in site.h1()
    assert len(site.d.find_elements(By.CSS_SELECTOR, "#survey-form fieldset legend")) == 5
    site.d.find_element(By.ID, "survey-submit").click()          # nothing chosen: refused, in French
    site.wait(EC.presence_of_element_located((By.ID, "error-summary")))
    site.check_a11y()
    assert "Choisissez une note de 1 à 5." in site.d.find_element(By.ID, "q1-error").text
    for q in range(1, 6):
        site.d.find_element(By.ID, f"q{q}-4").click()
    site.d.find_element(By.ID, "survey_comment").send_keys("Des cas concrets, merci.")
    site.d.find_element(By.ID, "survey-submit").click()
    site.wait(EC.presence_of_element_located((By.ID, "survey-thanks")))
    site.check_a11y()
    site.visit(link)
    assert site.d.find_element(By.ID, "survey-gone").is_displayed()
    assert "plus valable" in site.h1()

"""Issue #13, « Done when », in headless Chromium with axe-core on every page: a member registers
two staff to a coming session with exactly one seat left (the demo's ETI-01 inter session); the form
says so before sending; one is confirmed, the other goes on the waiting list; the list, the
registration page (rank on the waiting list) and the convocation are axe-clean."""
import re
import uuid

from selenium.webdriver.common.by import By

from test_dues import fill, flash, submit


def coming_eti_session(site):
    """The demo's coming ETI-01 session, found from the catalogue: its registration path."""
    site.visit("/formations?q=ETI-01")
    course = list(dict.fromkeys(a.get_attribute("href") for a in site.d.find_elements(By.CSS_SELECTOR, "a[href*='/formations/cours/']")))
    assert course, "the catalogue lists ETI-01"
    for href in course:
        site.visit(href[len(site.base):])
        if "ETI-01" not in site.d.page_source:
            continue
        sessions = {m.group(1) for m in re.finditer(r"/formations/sessions/([0-9A-Fa-f-]{36})", site.d.page_source)}
        if sessions:
            assert len(sessions) == 1, f"one coming ETI-01 session expected, found {sessions}"
            return f"/formations/sessions/{sessions.pop()}/inscription"
    raise AssertionError("no coming ETI-01 session on the course page")


def test_member_registers_two_one_waits(site):
    tag = uuid.uuid4().hex[:8]
    site.login("member")
    path = coming_eti_session(site)
    site.visit(path)
    seats = site.d.find_element(By.ID, "registration-seats").text
    assert "Il reste 1 place : la deuxième personne sera inscrite en liste d'attente." in seats, seats

    fill(site, "trainee_1_first_name", "Lou")
    fill(site, "trainee_1_last_name", f"Confirmée-{tag}")
    fill(site, "trainee_1_email", f"lou.{tag}@exemple.fr")
    fill(site, "trainee_1_job", "Encadrante technique")
    fill(site, "trainee_2_first_name", "Sam")
    fill(site, "trainee_2_last_name", f"Attente-{tag}")
    fill(site, "trainee_2_email", f"sam.{tag}@exemple.fr")
    fill(site, "trainee_2_job", "Accompagnateur socioprofessionnel")
    submit(site, "registration-submit")
    site.check_a11y()
    assert site.path().startswith("/formations/inscriptions"), site.path()
    message = flash(site)
    assert f"Inscription confirmée : Lou Confirmée-{tag}." in message, message
    assert f"En liste d'attente : Sam Attente-{tag} (1re sur la liste d'attente)." in message, message

    # The list shows both, the waiting one with its rank; its page says the rank and the convocation.
    table = site.d.find_element(By.ID, "registrations-table").text
    assert f"Confirmée-{tag}" in table and f"Attente-{tag}" in table
    waiting = site.d.find_element(By.PARTIAL_LINK_TEXT, f"Attente-{tag}").get_attribute("href")
    site.visit(waiting[len(site.base):])
    assert "1re sur la liste d'attente" in site.d.find_element(By.ID, "registration-status").text
    assert "matin" in site.d.find_element(By.ID, "convocation-details").text
    site.d.find_element(By.ID, "registration-convocation").click()
    site.check_a11y()
    assert site.h1() == "Convocation à la formation"

    # The form now says the session is full.
    site.visit(path)
    assert "La session est complète" in site.d.find_element(By.ID, "registration-seats").text
    site.logout()

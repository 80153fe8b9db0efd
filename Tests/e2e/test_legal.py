"""Issue #12, « Done when », in headless Chromium with axe-core on every page: a member asks a
question with an attachment and sees a suggested note while typing the subject; a jurist answers
with an internal note; the member reads the answer and not the internal note; the jurist turns the
answer into a note (anonymised: the structure's name is gone) and publishes it; the member finds
it by searching a plural form."""
import pathlib
import re
import tempfile
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from test_dues import fetch_head, fill, submit

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def test_question_answer_note_search(site):
    marker = f"NOTE-INTERNE-{uuid.uuid4().hex[:10]}"
    pdf = pathlib.Path(tempfile.mkdtemp()) / "avis-inaptitude.pdf"
    pdf.write_bytes(PDF)

    # The member asks, sees a suggested note while typing the subject, attaches a PDF.
    site.login("member")
    site.visit("/juridique/questions/nouvelle")
    structure = Select(site.d.find_element(By.ID, "ask_structure"))
    structure.select_by_index(len(structure.options) - 1)
    name = structure.first_selected_option.text.strip()
    assert name, "the member's structure is named in the list"
    Select(site.d.find_element(By.ID, "ask_category")).select_by_value("labour")
    site.d.find_element(By.ID, "ask_subject").send_keys("Licenciement pour inaptitude d'un encadrant")
    site.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#note-suggestions a"), timeout=10)
    suggestions = site.d.find_element(By.ID, "note-suggestions").text
    assert "Ces fiches répondent peut-être à votre question" in suggestions
    assert "inaptitude" in suggestions.lower()
    site.check_a11y()
    fill(site, "ask_body", f"Chez {name}, notre encadrant technique a été déclaré inapte par le médecin du travail. "
                           "Quelle procédure suivre pour son licenciement ?")
    site.d.find_element(By.ID, "ask_attachments").send_keys(str(pdf))
    submit(site, "question-submit")
    m = re.search(r"/juridique/questions/([0-9A-Fa-f-]{36})", site.path())
    assert m, f"after asking: {site.path()}"
    question = f"/juridique/questions/{m.group(1)}"
    site.check_a11y()
    assert "Licenciement pour inaptitude" in site.d.find_element(By.ID, "question-subject").text
    link = site.d.find_element(By.CSS_SELECTOR, f"a[href*='{question}/pieces/']").get_attribute("href")
    status, ctype, size, head = fetch_head(site, link)
    assert (status, ctype.split(";")[0], size, head) == (200, "application/pdf", len(PDF), "%PDF-")
    site.logout()

    # The jurist writes an internal note, then answers (the structure's name is in the answer).
    site.login("jurist")
    site.visit(question)
    fill(site, "internal_text", f"{marker} : vérifier le reclassement avant de répondre.")
    submit(site, "internal-submit")
    site.check_a11y()
    assert marker in site.d.find_element(By.ID, "question-thread").text
    fill(site, "answer_text", f"Après l'avis d'inaptitude, {name} doit rechercher un reclassement et consulter le CSE ; "
                              "à défaut, la procédure de licenciement pour inaptitude s'applique (entretien préalable, lettre motivée).")
    submit(site, "answer-submit")
    site.check_a11y()
    assert "Répondue" in site.d.find_element(By.ID, "question-status").text
    site.logout()

    # The member reads the answer, never the internal note.
    site.login("member")
    site.visit(question)
    thread = site.d.find_element(By.ID, "question-thread").text
    assert "reclassement" in thread
    assert marker not in site.d.page_source
    site.logout()

    # The jurist turns the answer into a note: the structure's name is removed, and says so.
    site.login("jurist")
    site.visit(question)
    site.d.find_element(By.ID, "note-from-question").click()
    site.wait(EC.presence_of_element_located((By.ID, "note-form")))
    site.check_a11y()
    body = site.d.find_element(By.ID, "body").get_attribute("value")
    assert "reclassement" in body and name not in body, body
    assert "[structure]" in body
    assert name in site.d.find_element(By.ID, "note-removals").text
    title = "Licenciement pour inaptitude d'un encadrant technique"
    fill(site, "title", title)
    submit(site, "note-save")
    site.check_a11y()
    publish = [b for b in site.d.find_elements(By.CSS_SELECTOR, "#note-steps button") if "Publier" in b.text]
    assert publish, f"no publish button: {site.d.find_element(By.ID, 'note-steps').text}"
    publish[0].click()
    site.wait(EC.presence_of_element_located((By.ID, "note-status")))
    site.check_a11y()
    assert "Publiée" in site.d.find_element(By.ID, "note-status").text
    site.logout()

    # The member finds it by a plural form.
    site.login("member")
    site.visit("/juridique/recherche?q=encadrants+inaptitudes")
    results = site.d.find_element(By.ID, "search-results").text
    assert title in results, results
    assert site.d.find_elements(By.CSS_SELECTOR, "#search-results mark")
    assert marker not in site.d.page_source

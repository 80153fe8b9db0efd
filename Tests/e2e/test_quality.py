"""Issue #14, « Done when », in headless Chromium with axe-core on every page: the Pays de la Loire
delegate records a mock audit (« audit blanc ») with findings for a member with no live CEDRE
certification, then engages its certification, plans the audit and certifies it (« Certifié », with
its expiry) and files the certificate; the member manager fills its CAP self-assessment of the year
(draft, resume, submit), reads its radar against last year (and, last year, against the network's
median) and adds an action to its plan; the delegate opens a support of the member and logs
intervention days (a refused amount and a refused withdrawal say why); the national admin reads the
year's quality figures — the member certified today among them — and the intervention days by kind.
Every page a test visits is visited again at 390 px: nothing wider than the phone.

The tests run in this order on one demo server (DemoQuality's guarantees: the PDL member with no
certification, the demo member's CAP assessment of last year transmitted and this year's open)."""
import datetime
import pathlib
import re
import tempfile
import uuid
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from test_dues import fetch_head, flash, gone
from test_mobile import WIDTH, overflow, phone

UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
TODAY = datetime.datetime.now(ZoneInfo("Europe/Paris")).date()
YEAR = TODAY.year
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
# The member the delegate certifies (test 1): its name, looked for in the year's figures, and the
# paths of its quality page and certification, where the later tests go on.
CERTIFIED = None
PATHS = {}


def short(day):
    return day.strftime("%d/%m/%Y")


def long(day):
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def plus_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- Filling forms by the contract's field ids, finding links by their paths --------------------

def set_field(site, field, value):
    """Fills the control named by the contract's field id (its `name` for a radio group): a text
    box is typed into, a select or a radio group takes the option whose value or text is `value`."""
    boxes = site.d.find_elements(By.ID, field)
    radios = site.d.find_elements(By.CSS_SELECTOR, f"input[type=radio][name='{field}']")
    if radios:
        for r in radios:
            words = " ".join(site.d.execute_script(
                "return Array.from(arguments[0].labels || []).map(l => l.textContent).join(' ')", r).split())
            if r.get_attribute("value") == value or (words and value.lower() in words.lower()):
                site.d.execute_script("arguments[0].scrollIntoView({block: 'center'});", r)
                r.click()
                return value
        raise AssertionError(f"no choice « {value} » in {field}: {[r.get_attribute('value') for r in radios]}")
    assert boxes, f"no field #{field} on {site.path()}"
    box = boxes[0]
    if box.tag_name == "select":
        select = Select(box)
        texts = [" ".join(o.text.split()) for o in select.options]
        for match in (lambda i: select.options[i].get_attribute("value") == value or texts[i] == value,
                      lambda i: texts[i].startswith(value)):
            for i in range(len(texts)):
                if match(i):
                    select.select_by_index(i)
                    return texts[i]
        raise AssertionError(f"no option « {value} » in #{field}: {[o.text for o in select.options]}")
    box.clear()
    box.send_keys(value)
    return value


def send(site, field, button=None, timeout=30):
    """Submits the form holding #field (or radios named `field`) with its submit button (the one whose
    value or text is `button`, if given), and waits for the next page; axe-checks it."""
    found = site.d.find_elements(By.ID, field) or site.d.find_elements(By.NAME, field)
    assert found, f"no field {field} on {site.path()}"
    form = found[0].find_element(By.XPATH, "./ancestor::form")
    buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit], button:not([type]), input[type=submit]")
    if button:
        buttons = [b for b in buttons if b.get_attribute("value") == button
                   or button.lower() in " ".join((b.text or "").split()).lower()]
    assert buttons, f"no submit button {button or ''} in the form of {field} on {site.path()}"
    old = site.d.find_element(By.TAG_NAME, "html")
    site.d.execute_script("arguments[0].scrollIntoView({block: 'center'});", buttons[0])
    buttons[0].click()
    site.wait(lambda d: gone(old), timeout=timeout)
    site.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")), timeout=timeout)
    site.check_a11y()


def hrefs(site, pattern):
    """The local paths of the page's links matching `pattern` (a regex on the path), in order, once each."""
    out = []
    for a in site.d.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = a.get_attribute("href") or ""
        if href.startswith(site.base):
            path = href[len(site.base):].split("#")[0]
            if re.fullmatch(pattern, path.split("?")[0]) and path not in out:
                out.append(path)
    return out


def follow(site, pattern, what):
    found = hrefs(site, pattern)
    assert found, f"no link to {what} on {site.path()}"
    site.visit(found[0])
    return found[0]


def errors(site):
    found = site.d.find_elements(By.CSS_SELECTOR, "#error-summary, .field-error")
    return " | ".join(e.text for e in found)


def main_text(site):
    found = site.d.find_elements(By.TAG_NAME, "main")
    return (found[0] if found else site.d.find_element(By.TAG_NAME, "body")).text


def fits_a_phone(site, paths):
    """Every page the flow visited, again at 390 px: nothing wider than the screen."""
    phone(site.d)
    problems = []
    for path in dict.fromkeys(paths):
        site.visit(path)
        width, culprits = overflow(site)
        if width > WIDTH:
            problems.append(f"{path}: {width} px wide ({', '.join(culprits)})")
    assert not problems, f"at {WIDTH} px:\n" + "\n".join(problems)


# --- 1. The delegate: mock audit, then engaged → audit planned → certified ------------------------

def structure_without_cedre(site):
    """A PDL member with no live CEDRE certification: its quality page's path. The demo keeps one
    (DemoQuality.delegateTarget: the first active AI of the PDL by SIRET, outside any GES, with no
    certification and no mock audit); it is looked for as a person would, from the members' list."""
    site.visit("/adherents?delegation=PDL&type=AI&status=actif&sort=siret")
    members = {}
    for a in site.d.find_elements(By.CSS_SELECTOR, "table a[href*='/adherents/']"):
        path = a.get_attribute("href")[len(site.base):].split("?")[0]
        if re.fullmatch(rf"/adherents/{UUID}", path) and a.text.strip():
            members.setdefault(path, a.text.strip())
    assert members, "the delegate lists the PDL's active AI members"
    for path, name in list(members.items())[:15]:
        quality = f"/qualite/structures/{path.rsplit('/', 1)[-1]}"
        site.visit(quality)
        certifications = site.d.find_elements(By.ID, "quality-certifications")
        text = certifications[0].text if certifications else main_text(site)
        live = [line for line in text.splitlines()
                if re.match(r"^CEDRE(?! ISO)\b", line.strip())
                and not any(w in line for w in ("Retiré", "Échu", "échue"))]
        if not live and hrefs(site, rf"{quality}/certifications/nouvelle"):
            return quality, name
    raise AssertionError("no PDL member without a live CEDRE certification found")


def test_delegate_mock_audit_then_certification(site):
    global CERTIFIED
    tag = uuid.uuid4().hex[:8]
    site.login("delegate")
    # The home page: the delegation's certifications expiring within 90 days (the demo keeps one), to the follow-up.
    site.visit("/")
    expiring = site.d.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='qualite-title'] .task-text a")
    assert expiring and re.fullmatch(r"\d+ certifications? expirent? d'ici 90 jours", expiring[0].text), \
        [a.text for a in expiring]
    site.visit(expiring[0].get_attribute("href")[len(site.base):])
    assert site.path().startswith("/qualite/echeances"), site.path()
    assert site.d.find_elements(By.CSS_SELECTOR, "table tbody tr"), "the follow-up lists what expires"
    structure, name = structure_without_cedre(site)
    visited = [structure]

    # The mock audit (« audit blanc »), with its findings; the delegate is its auditor by default.
    follow(site, rf"{structure}/audits-blancs/nouveau", "a new mock audit")
    visited.append(site.path())
    set_field(site, "mock_held_on", short(TODAY))
    assert site.d.find_element(By.ID, "mock_auditor").get_attribute("value") == "Dominique Délégué"
    set_field(site, "mock_standard", "CEDRE")
    set_field(site, "mock_readiness", "almost")
    set_field(site, "mock_strengths", "Accueil structuré, livret remis à chaque salarié en parcours.")
    findings = f"Écart {tag} : entretiens de suivi non tracés pour 3 parcours sur 10."
    set_field(site, "mock_findings", findings)
    set_field(site, "mock_recommendations", "Tracer chaque entretien dans le dossier de la personne.")
    send(site, "mock_findings")
    assert not errors(site), errors(site)
    if not re.fullmatch(rf"{structure}/audits-blancs/{UUID}", site.path()):
        follow(site, rf"{structure}/audits-blancs/{UUID}", "the mock audit")
    mock = site.path()
    visited.append(mock)
    assert findings in main_text(site), main_text(site)
    assert site.d.find_element(By.ID, "mock-audit-readiness").text == "Quelques écarts à lever"
    site.visit(structure)
    assert mock in hrefs(site, rf"{structure}/audits-blancs/{UUID}"), "the structure's page lists the mock audit"

    # Engaged in CEDRE (engagement day defaults to today).
    follow(site, rf"{structure}/certifications/nouvelle", "a new certification")
    visited.append(site.path())
    assert site.d.find_element(By.ID, "certification_engaged_on").get_attribute("value") == short(TODAY)
    set_field(site, "certification_standard", "CEDRE")
    set_field(site, "certification_body", "AFNOR Certification")
    set_field(site, "certification_auditor", f"Claude Auditeur {tag}")
    send(site, "certification_standard")
    assert not errors(site), errors(site)
    assert re.fullmatch(rf"{structure}/certifications/{UUID}", site.path()), site.path()
    certification = site.path()
    visited.append(certification)
    assert "Certification engagée." in flash(site), flash(site)
    assert site.d.find_element(By.ID, "certification-status").text == "Engagé dans la démarche"

    # The initial audit, held today.
    follow(site, rf"{certification}/etapes/programmer-audit", "« Programmer un audit »")
    visited.append(site.path())
    set_field(site, "certification_day", short(TODAY))
    if site.d.find_elements(By.ID, "certification_audit_kind"):
        set_field(site, "certification_audit_kind", "initial")
    send(site, "certification_day")
    assert not errors(site), errors(site)
    assert site.path() == certification, site.path()
    assert site.d.find_element(By.ID, "certification-status").text == "Audit programmé"

    # Certified today: the expiry defaults to today + the standard's 3 years.
    follow(site, rf"{certification}/etapes/certifier", "« Certifier »")
    visited.append(site.path())
    expiry = plus_years(TODAY, 3)
    set_field(site, "certification_day", short(TODAY))
    box = site.d.find_element(By.ID, "certification_expires_on")
    assert box.get_attribute("value") in (short(expiry), ""), box.get_attribute("value")
    send(site, "certification_day")
    assert not errors(site), errors(site)
    assert site.path() == certification, site.path()
    assert f"Certification enregistrée, jusqu'au {short(expiry)}." in flash(site), flash(site)
    assert site.d.find_element(By.ID, "certification-status").text == "Certifié"
    facts = site.d.find_element(By.ID, "certification-facts").text
    assert short(expiry) in facts or long(expiry) in facts, f"expiry {short(expiry)} not shown: {facts}"
    history = site.d.find_element(By.ID, "certification-history").text
    assert "Certifié" in history and "Audit programmé" in history and "Engagé dans la démarche" in history, history

    # The certificate, kept with the library's file rules, listed and downloadable.
    pdf = pathlib.Path(tempfile.mkdtemp(prefix="maillage-cert-")) / "certificat-cedre.pdf"
    pdf.write_bytes(PDF)
    set_field(site, "document_kind", "certificate")
    set_field(site, "document_title", f"Certificat CEDRE {YEAR}")
    site.d.find_element(By.ID, "document_file").send_keys(str(pdf))
    send(site, "document_title")
    assert not errors(site), errors(site)
    assert site.path() == certification, site.path()
    documents = site.d.find_element(By.ID, "certification-documents")
    assert f"Certificat CEDRE {YEAR}" in documents.text and "certificat-cedre.pdf" in documents.text, documents.text
    link = documents.find_element(By.PARTIAL_LINK_TEXT, f"Certificat CEDRE {YEAR}").get_attribute("href")
    status, ctype, size, head = fetch_head(site, link)
    assert (status, ctype.split(";")[0], size, head) == (200, "application/pdf", len(PDF), "%PDF-"), (status, ctype, size, head)
    # The structure's quality page shows it certified too.
    site.visit(structure)
    rows = [r.text for r in site.d.find_elements(By.CSS_SELECTOR, "#quality-certifications tbody tr")]
    assert any(r.startswith("CEDRE Certifié") and short(expiry) in r for r in rows), rows
    CERTIFIED = name
    PATHS.update(structure=structure, certification=certification)
    fits_a_phone(site, visited)


# --- 2. The member: CAP self-assessment (draft, resume, submit), radar, action plan ---------------

def radio_groups(site):
    """The assessment form's questions: {radio name: [radios]}, in page order, « Non concerné » aside."""
    groups = {}
    for radio in site.d.find_elements(By.CSS_SELECTOR, "form input[type=radio][name^='q_']"):
        groups.setdefault(radio.get_attribute("name"), []).append(radio)
    return groups


def answer(site, name, radios, index):
    pick = [r for r in radios if r.get_attribute("value") != "nc"]
    radio = pick[min(index, len(pick) - 1)]
    site.d.execute_script("arguments[0].scrollIntoView({block: 'center'});", radio)
    radio.click()
    return radio.get_attribute("value")


def test_member_cap_self_assessment_radar_and_action_plan(site):
    tag = uuid.uuid4().hex[:8]
    site.login("member")
    site.visit("/qualite")
    visited = ["/qualite"]
    found = hrefs(site, rf"/qualite/structures/{UUID}/cap/{YEAR}")
    assert found, f"the member's quality page links to its CAP {YEAR} self-assessment"
    assessment = found[0]
    structure = assessment.rsplit("/cap/", 1)[0]
    # The home page says it is to fill, with a link to it.
    site.visit("/")
    task = [a.text for a in site.d.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='qualite-cap-title'] .task-text a")
            if a.get_attribute("href").endswith(assessment)]
    assert task and task[0].startswith(f"Auto-diagnostic CAP {YEAR} à remplir"), task
    site.visit(assessment)
    visited.append(assessment)
    groups = radio_groups(site)
    assert len(groups) >= 5, f"one radio group per question, found {list(groups)}"
    names = list(groups)

    # Half the questions, then « Enregistrer le brouillon ».
    half = names[: len(names) // 2]
    chosen = {n: answer(site, n, groups[n], i % 3 + 1) for i, n in enumerate(half)}
    send(site, names[0], "save")
    assert not errors(site), errors(site)
    assert site.path().split("?")[0] == assessment, site.path()
    assert "Brouillon" in site.d.find_element(By.ID, "assessment-status").text
    assert site.d.find_element(By.ID, "assessment-progress").text.startswith(f"{len(half)} questions répondues")

    # Resume: the draft's answers are there.
    site.visit(assessment)
    groups = radio_groups(site)
    for n, value in chosen.items():
        checked = [r.get_attribute("value") for r in groups[n] if r.is_selected()]
        assert checked == [value], f"{n}: kept {checked}, answered {value}"

    # The rest, then « Transmettre ».
    for i, n in enumerate(names[len(names) // 2:]):
        answer(site, n, groups[n], (i + 2) % 4)
    send(site, names[0], "submit")
    assert not errors(site), errors(site)
    results = f"{assessment}/resultats"
    if site.path().split("?")[0] != results:
        site.visit(results)
    visited.append(results)

    # The radar: an inline SVG image with a text alternative, against last year; and its data table.
    radar = site.d.find_element(By.CSS_SELECTOR, "svg#cap-radar[role='img'], #cap-radar svg[role='img']")
    label = radar.get_attribute("aria-label") or ""
    for ref in (radar.get_attribute("aria-labelledby") or "").split():
        label += " " + (site.d.find_element(By.ID, ref).get_attribute("textContent") or "")
    assert label.strip(), "the radar has a text alternative"
    assert str(YEAR) in label and str(YEAR - 1) in label, f"the radar's text alternative compares with {YEAR - 1}: {label}"
    series = [t.get_attribute("textContent").strip() for t in radar.find_elements(By.CSS_SELECTOR, "text.legend")]
    assert series[:2] == [str(YEAR), str(YEAR - 1)], f"this year against last year: {series}"
    table = site.d.find_element(By.ID, "cap-scores")
    heads = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert str(YEAR) in heads and str(YEAR - 1) in heads, heads
    # The network's median per axis for its type, under the k rule (5 structures of that type and year).
    note = site.d.find_element(By.ID, "median-note").text
    if note.startswith("Médiane du réseau non affichée"):
        assert not any("Médiane" in h for h in heads + series), (heads, series)
    else:
        assert any(h.startswith("Médiane") for h in heads) and any(t.startswith("Médiane") for t in series), (note, heads, series)
    overall = table.find_element(By.CSS_SELECTOR, "tbody tr.total").text
    assert overall.startswith("Score global") and re.search(r"\d+\s?%", overall), overall
    assert "Environnement" in table.text
    # Last year (the demo has at least 5 transmitted assessments of its type): its median is shown.
    previous = f"{structure}/cap/{YEAR - 1}/resultats"
    site.visit(previous)
    visited.append(previous)
    heads = [th.text for th in site.d.find_elements(By.CSS_SELECTOR, "#cap-scores thead th")]
    assert any(h.startswith("Médiane") for h in heads), (heads, site.d.find_element(By.ID, "median-note").text)
    # Transmitted: no longer a task on the home page; the answers are read-only now.
    site.visit("/")
    assert not [a for a in site.d.find_elements(By.CSS_SELECTOR, ".task-text a") if a.get_attribute("href").endswith(assessment)]
    site.visit(assessment)
    assert "Transmis" in site.d.find_element(By.ID, "assessment-status").text
    assert not site.d.find_elements(By.ID, "submit-assessment")
    assert site.d.find_elements(By.ID, "assessment-read-only")

    # The action plan: one more action, shown among the open ones; the year's progress said.
    plan = f"{structure}/plan-actions"
    site.visit(plan)
    visited.append(plan)
    title = f"Formaliser la politique d'achats responsables {tag}"
    set_field(site, "action_axis", "Environnement")
    set_field(site, "action_title", title)
    set_field(site, "action_owner", "Morgan Adhérent")
    set_field(site, "action_due", short(datetime.date(YEAR + 1, 6, 30)))
    send(site, "action_title")
    assert not errors(site), errors(site)
    if site.path().split("?")[0] != plan:
        site.visit(plan)
    rows = [r.text for r in site.d.find_elements(By.CSS_SELECTOR, "#open-actions tbody tr")]
    mine = [r for r in rows if title in r]
    assert mine and "Environnement" in mine[0] and "30/06/" in mine[0], rows
    progress = site.d.find_element(By.ID, "action-progress").text
    assert re.search(rf"{YEAR} : \d+ actions? réalisées? sur \d+", progress), progress
    fits_a_phone(site, visited)


# --- 3. The delegate follows the member: a support, intervention days; refused forms say why ------

def test_delegate_support_days_and_refusals(site):
    site.login("delegate")
    structure = PATHS.get("structure") or structure_without_cedre(site)[0]
    sid = structure.rsplit("/", 1)[-1]
    visited = []

    # A support of the member in a programme it is not followed in yet, started today.
    site.visit(f"/accompagnement/structures/{sid}")
    visited.append(site.path())
    ongoing = {r.find_elements(By.CSS_SELECTOR, "th, td")[0].text.strip()
               for r in site.d.find_elements(By.CSS_SELECTOR, "#structure-supports tbody tr") if "En cours" in r.text}
    follow(site, rf"/accompagnement/structures/{sid}/nouveau", "« Nouveau suivi »")
    visited.append(site.path())
    programmes = [o.text.strip() for o in Select(site.d.find_element(By.ID, "support_programme")).options
                  if o.get_attribute("value") and o.text.strip() not in ongoing]
    assert programmes, f"every programme already runs for this member: {ongoing}"
    set_field(site, "support_programme", programmes[0])
    set_field(site, "support_started", short(TODAY))
    outcome = "Diagnostic partagé avec la direction ; plan de consolidation en trois axes."
    set_field(site, "support_outcome", outcome)
    send(site, "support_programme")
    assert not errors(site), errors(site)
    assert re.fullmatch(rf"/accompagnement/structures/{sid}/suivis/{UUID}", site.path()), site.path()
    support = site.path()
    visited.append(support)
    assert f"Suivi commencé le {short(TODAY)}." in flash(site), flash(site)
    assert outcome in site.d.find_element(By.ID, "support-outcome").text

    # Its intervention days: « 0,3 » is refused (half-days only), « 1,5 » is kept.
    site.d.find_element(By.ID, "support-new-day").click()
    site.wait(EC.presence_of_element_located((By.ID, "days-form")))
    site.check_a11y()
    visited.append(site.path().split("?")[0])
    set_field(site, "day_on", short(TODAY))
    set_field(site, "day_kind", "individual_support")
    set_field(site, "day_amount", "0,3")
    send(site, "day_amount")
    assert site.d.find_elements(By.ID, "day_amount-error"), errors(site)
    assert site.d.find_element(By.ID, "day_amount").get_attribute("aria-invalid") == "true"
    set_field(site, "day_amount", "1,5")
    send(site, "day_amount")
    assert not errors(site), errors(site)
    assert "1,5" in flash(site) and "accompagnement individuel" in flash(site), flash(site)
    site.visit(support)
    days = site.d.find_element(By.ID, "support-days-table").text
    assert "Accompagnement individuel" in days and "1,5" in days, days

    # A refused step: a withdrawal without its confirmation changes nothing and says why.
    if PATHS.get("certification"):
        certification = PATHS["certification"]
        site.visit(f"{certification}/etapes/retirer")
        visited.append(site.path())
        set_field(site, "certification_note", "Essai de retrait sans confirmation.")
        send(site, "certification_note")
        assert "Je confirme le retrait" in errors(site), errors(site)
        site.visit(certification)
        assert site.d.find_element(By.ID, "certification-status").text == "Certifié"
    fits_a_phone(site, visited)


# --- 4. The national admin: the year's figures ----------------------------------------------------

def numbers(text):
    return [int(n.replace("\u202f", "").replace("\u00a0", "").replace(" ", ""))
            for n in re.findall(r"\d{1,3}(?:[\u202f\u00a0 ]\d{3})*", text)]


def tiles(site):
    """The key figures: {label: value}."""
    return {" ".join(t.find_element(By.CLASS_NAME, "tile-label").text.split()): t.find_element(By.CLASS_NAME, "tile-value").text
            for t in site.d.find_elements(By.CSS_SELECTOR, "#figures-key .tile")}


def table_rows(site, table_id):
    """{row header: [cells]} of a table's body."""
    return {r.find_element(By.TAG_NAME, "th").text.strip(): [td.text for td in r.find_elements(By.TAG_NAME, "td")]
            for r in site.d.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr")}


def test_admin_reads_the_years_figures(site):
    site.login("admin")
    figures = f"/qualite/chiffres?annee={YEAR}"
    site.visit(figures)
    assert site.h1() == f"Certifications {YEAR} — Réseau", site.h1()
    key = tiles(site)
    for label in (f"Adhérents certifiés au 31/12/{YEAR}", "Part des adhérents certifiés", f"Nouvellement certifiés en {YEAR}",
                  f"Renouvelés en {YEAR}", "Engagés dans la démarche"):
        assert label in key and numbers(key[label]), f"« {label} » not among the key figures: {key}"
    assert re.fullmatch(r"\d+(,\d+)?\s?%", key["Part des adhérents certifiés"]), key
    certified = numbers(key[f"Adhérents certifiés au 31/12/{YEAR}"])[0]
    assert certified > 50 and numbers(key[f"Nouvellement certifiés en {YEAR}"])[0] >= 1, key

    # Per standard: certified, newly certified, renewed, engaged, in progress.
    standards = table_rows(site, "figures-standards")
    assert {"CEDRE", "CEDRE ISO 9001"} <= set(standards), standards
    assert all(len(v) == 5 and all(re.fullmatch(r"\d[\d\u202f\u00a0 ]*", c) for c in v) for v in standards.values()), standards
    assert numbers(standards["CEDRE"][0])[0] > numbers(standards["CEDRE ISO 9001"][0])[0] > 0, standards
    assert "Pays de la Loire" in table_rows(site, "figures-delegations")
    history = table_rows(site, "figures-history")
    assert list(history) == [str(YEAR - 2), str(YEAR - 1), str(YEAR)], history
    # The member the delegate certified today is in the year's list.
    if CERTIFIED:
        listed = [r.text for r in site.d.find_elements(By.CSS_SELECTOR, ".figures-listed tbody tr")]
        assert any(r.startswith(CERTIFIED) and "Certifiée" in r and short(TODAY) in r for r in listed), \
            f"{CERTIFIED} not among the members certified in {YEAR}"

    support = f"/accompagnement/chiffres?annee={YEAR}"
    site.visit(support)
    assert str(YEAR) in site.h1(), site.h1()
    kinds = table_rows(site, "figures-kinds")
    for kind in ("Formation", "Accompagnement individuel", "Animation collective", "Représentation", "Autre"):
        assert kind in kinds and re.fullmatch(r"\d+(,5)?\s?j", kinds[kind][0]), f"« {kind} » in days: {kinds}"
    total = " ".join(site.d.find_element(By.CSS_SELECTOR, "#figures-kinds tfoot td").text.split())
    halves = sum(int(v[0].rstrip("j").strip().replace(",5", "")) * 2 + (1 if ",5" in v[0] else 0) for v in kinds.values())
    assert total == (f"{halves // 2} j" if halves % 2 == 0 else f"{halves // 2},5 j"), (total, kinds)
    chart = site.d.find_element(By.CSS_SELECTOR, "figure.chart svg[role='img']")
    assert chart.get_attribute("aria-label"), "the chart's text alternative"
    assert table_rows(site, "figures-programmes"), "members supported per programme"
    # The help pages of both capabilities.
    for path in ("/aide/qualite", "/aide/accompagnement"):
        site.visit(path)
        assert "Qualité" in site.h1() or "Accompagnement" in site.h1(), site.h1()
    fits_a_phone(site, [figures, support, "/qualite", "/accompagnement", "/aide/qualite", "/aide/accompagnement"])

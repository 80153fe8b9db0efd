"""Issue #11, « Done when », in headless Chromium with axe-core on every page: the national admin
makes the next year's grid from the current one, previews and issues the calls; the member opens
its call with the explanation and downloads the PDF; the admin records a partial payment, then
imports a camt.053 statement that pays the rest; the delegation's dashboard shows the split.

The demo already holds the 2026 calls (Sources/Maillage/Demo/DemoDues.swift), so the flow works
on 2027."""
import datetime
import html
import pathlib
import re
import tempfile
import uuid
from decimal import Decimal

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

YEAR = 2027
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
EUROS = re.compile(r"(-?\d{1,3}(?:[\u202f\u00a0 ]\d{3})*,\d{2})\s*€")


def euros(text):
    """The first amount in euros of a French text, as a Decimal."""
    m = EUROS.search(text)
    assert m, f"no amount in {text!r}"
    return Decimal(re.sub(r"[\u202f\u00a0 ]", "", m.group(1)).replace(",", "."))


def fetch_head(site, href):
    """GETs `href` with the browser's session: (status, content type, size, first bytes as text)."""
    return site.d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {"
        "  const b = new Uint8Array(await r.arrayBuffer());"
        "  done([r.status, r.headers.get('content-type'), b.length, String.fromCharCode(...b.slice(0, 5))]);"
        "}, e => done(['ERROR ' + e]));",
        href)


def gone(element):
    """True once the element left the document: stale, or (Chromium, mid-navigation) « does not belong
    to the document », which Selenium raises as a plain WebDriverException."""
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def submit(site, button_id, timeout=30):
    """Clicks and waits for the next page: the old one gone, then the new one's h1. (Waiting for an
    h1 alone returned at once on the form's own h1, and a loaded machine then read the form.)"""
    old = site.d.find_element(By.TAG_NAME, "html")
    site.d.find_element(By.ID, button_id).click()
    site.wait(lambda d: gone(old), timeout=timeout)
    site.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")), timeout=timeout)


def fill(site, field_id, value):
    box = site.d.find_element(By.ID, field_id)
    box.clear()
    box.send_keys(value)


def flash(site):
    found = site.d.find_elements(By.CSS_SELECTOR, ".flash-success")
    return found[0].text if found else ""


def statement(number, amount, payer, day):
    text = (FIXTURES / "camt053-dues.xml").read_text(encoding="utf-8")
    values = {"{NUMBER}": number, "{AMOUNT}": f"{amount:.2f}", "{PAYER}": html.escape(payer), "{DATE}": day,
              "{REF}": "E2E" + uuid.uuid4().hex[:12].upper()}
    for key, value in values.items():
        text = text.replace(key, value)
    path = pathlib.Path(tempfile.mkdtemp(prefix="maillage-camt-")) / "releve-camt053.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_dues_done_when_flow(site):
    # 1. The admin makes the 2027 grid from the 2026 one (prefilled form, then the grid's page).
    site.login("admin")
    site.visit("/cotisations/baremes")
    source = site.d.find_element(By.CSS_SELECTOR, '#grids-2026 a[href*="depuis="]').get_attribute("href")
    site.visit(source[len(site.base):])
    assert site.path().startswith("/cotisations/baremes/nouveau?depuis=")
    assert site.d.find_element(By.ID, "rate-AI").get_attribute("value") == "0,6"
    fill(site, "year", str(YEAR))
    fill(site, "reference_year", "2024")
    fill(site, "declaration_deadline", "")
    submit(site, "grid-submit")
    site.check_a11y()
    assert re.fullmatch(r"/cotisations/baremes/[0-9A-Fa-f-]{36}", site.path()), site.path()
    assert str(YEAR) in site.h1()
    assert "0,6" in site.d.find_element(By.ID, "grid-rates").text

    # 2. Preview, then issue the 2027 calls.
    site.visit(f"/cotisations/{YEAR}/generer")
    preview = site.d.find_element(By.ID, "generate-summary").text
    count = int(re.search(r"(\d[\d\u202f ]*) appels?", preview).group(1).replace("\u202f", "").replace(" ", ""))
    assert count > 400, preview
    assert site.d.find_elements(By.CSS_SELECTOR, "#generate-preview tbody tr")
    submit(site, "confirm-generate")
    site.check_a11y()
    assert f"{YEAR}-0001" in site.d.page_source or str(count) in flash(site), flash(site)
    site.visit(f"/cotisations/{YEAR}/appels")
    assert site.d.find_elements(By.CSS_SELECTOR, "#calls-table tbody tr")
    # Generating again adds nobody.
    site.visit(f"/cotisations/{YEAR}/generer")
    assert not site.d.find_elements(By.ID, "confirm-generate") or "0 appel" in site.d.find_element(By.ID, "generate-summary").text
    site.logout()

    # 3. The member opens its 2027 call (the one with a variable part), reads the explanation, downloads the PDF.
    site.login("member")
    site.visit(f"/cotisations/{YEAR}/appels")
    links = [a.get_attribute("href") for a in site.d.find_elements(By.CSS_SELECTOR, '#calls-table a[href*="/cotisations/appels/"]')]
    assert 2 <= len(links) <= 6, links
    call_path = None
    for href in links:
        site.visit(href[len(site.base):])
        if "Part variable" in site.d.find_element(By.ID, "call-explanation").text:
            call_path = site.path()
            break
    assert call_path, "none of the member's calls has a variable part"
    explanation = [li.text for li in site.d.find_elements(By.CSS_SELECTOR, "#call-explanation li")]
    assert explanation[0] == "Part fixe 800,00\u202f€", explanation
    assert any(re.match(r"Part variable (AI|ACI|ETTI) 0,[0-9]+\u202f% × .* = .*€", line) for line in explanation), explanation
    assert explanation[-1].startswith("Total "), explanation
    total = euros(explanation[-1])
    number = re.search(rf"{YEAR}-\d{{4}}", site.h1() + site.d.page_source).group(0)
    assert site.d.find_element(By.ID, "call-status").text == "Émis"
    assert not site.d.find_elements(By.ID, "payment-form"), "a member must not record payments"
    pdf = site.d.find_element(By.ID, "call-pdf").get_attribute("href")
    status, ctype, size, head = fetch_head(site, pdf)
    assert status == 200 and ctype == "application/pdf" and head.startswith("%PDF") and size > 1000, (status, ctype, size, head)
    site.visit(call_path + "/impression")
    assert number in site.d.page_source and "Part fixe 800,00" in site.d.page_source
    site.visit(call_path)
    site.logout()

    # 4. The admin records a partial payment on that call.
    site.login("admin")
    site.visit(call_path)
    part = (total / 3).quantize(Decimal("0.01"))
    fill(site, "amount", f"{part}".replace(".", ","))
    fill(site, "reference", "Acompte reçu par virement")
    submit(site, "record-payment")
    site.check_a11y()
    assert site.path() == call_path, site.path()
    assert site.d.find_element(By.ID, "call-status").text == "Partiellement payé"
    rest = euros(site.d.find_element(By.ID, "call-outstanding").text)
    assert rest == total - part, (rest, total, part)

    # 5. A camt.053 statement with the rest, the call number in its remittance: preview, apply → paid.
    iso = datetime.date.today().isoformat()
    payer = "ADHERENT DE LA FEDERATION"
    site.visit("/cotisations/releves")
    site.d.find_element(By.ID, "file").send_keys(str(statement(number, rest, payer, iso)))
    submit(site, "import-preview")
    site.check_a11y()
    assert site.path().startswith("/cotisations/releves"), site.path()
    lines = site.d.find_element(By.ID, "import-lines").text
    assert number in lines, lines
    submit(site, "import-apply")
    site.check_a11y()
    site.visit(call_path)
    assert site.d.find_element(By.ID, "call-status").text == "Payé"
    left = site.d.find_element(By.ID, "call-outstanding").text
    assert left == "Soldé" or euros(left) == 0, left
    payments = site.d.find_elements(By.CSS_SELECTOR, "#call-payments tbody tr")
    assert len(payments) == 2 and sum(euros(r.text) for r in payments) == total
    # The other admin pages of the capability are clean for axe too.
    site.visit(f"/cotisations/{YEAR}/appels")
    site.visit("/cotisations/mandats")
    site.visit(f"/cotisations/{YEAR}/assiettes")
    site.logout()

    # 6. The delegation's dashboard of 2027: the split of what came in, three parts adding up.
    site.login("delegate")
    site.visit(f"/cotisations/{YEAR}/tableau-de-bord")
    rows = {r.find_element(By.TAG_NAME, "th").text: euros(r.find_element(By.TAG_NAME, "td").text)
            for r in site.d.find_elements(By.CSS_SELECTOR, "#dues-split tbody tr")}
    assert len(rows) == 3, rows
    collected = euros(site.d.find_element(By.CSS_SELECTOR, "#dues-split tfoot td").text)
    assert sum(rows.values()) == collected and collected >= total, (rows, collected, total)
    delegation = next(v for k, v in rows.items() if k.startswith("Délégation"))
    assert delegation == (collected * Decimal("0.4")).quantize(Decimal("0.01")) or abs(delegation - collected * Decimal("0.4")) <= Decimal("0.02")
    site.visit(call_path)
    assert site.d.find_element(By.ID, "call-status").text == "Payé"
    site.visit(f"/cotisations/{YEAR}/assiettes")

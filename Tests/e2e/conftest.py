"""Browser suite: a real Maillage server on a fresh demo database, driven by headless Chromium.

The server binary comes from MAILLAGE_BIN (default .build/debug/maillage); MAILLAGE_BASE_URL
points the suite at a running server instead. Chromium and chromedriver must be installed:
their absence fails the suite, it never skips it.
"""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "mail"))
from smtp_server import SMTPTestServer  # noqa: E402  (aiosmtpd, STARTTLS on a throwaway CA)
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PASSWORD = "maillage-demo"
ACCOUNTS = {
    "admin": ("admin@demo.maillage.test", "Tableau de bord national"),
    "delegate": ("delegue.pdl@demo.maillage.test", "Délégation Pays de la Loire"),
    "member": ("adherent@demo.maillage.test", "Mon espace adhérent"),
    "jurist": ("juriste@demo.maillage.test", "Accueil"),
    "trainer": ("formation@demo.maillage.test", "Accueil"),
    "board": ("ca@demo.maillage.test", "Accueil"),
    # A plain trainer (runs their sessions); "trainer" above also holds the training-admin grant.
    "instructor": ("formateur@demo.maillage.test", "Accueil"),
}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    """The SMTP server the suite's own Maillage sends through (Tests/mail/smtp_server.py)."""
    server = SMTPTestServer("starttls").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(smtp_server):
    if os.environ.get("MAILLAGE_BASE_URL"):
        yield os.environ["MAILLAGE_BASE_URL"].rstrip("/")
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    binary = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
    assert os.access(binary, os.X_OK), f"no server binary at {binary} (swift build first)"
    tmp = tempfile.mkdtemp(prefix="maillage-e2e-")
    port = _free_port()
    log = open(ARTIFACTS / "server.log", "w")
    env = dict(os.environ, DATABASE_PATH=os.path.join(tmp, "e2e.sqlite"), **smtp_server.env())
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([binary, "demo", "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                if urllib.request.urlopen(url + "/health", timeout=2).status == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, "the server stopped; see test-artifacts/browser/server.log"
            assert time.time() < deadline, "the server did not answer /health within 120 s"
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser_binaries():
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    assert os.access(chromium, os.X_OK), "chromium is not installed (apt-get install chromium)"
    assert os.access(driver, os.X_OK), "chromedriver is not installed (apt-get install chromium-driver)"
    return chromium, driver


@pytest.fixture
def driver(browser_binaries, request):
    chromium, chromedriver = browser_binaries
    opts = Options()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=fr-FR"):
        opts.add_argument(arg)
    d = webdriver.Chrome(service=Service(chromedriver), options=opts)
    d.implicitly_wait(0)
    yield d
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        d.save_screenshot(str(ARTIFACTS / f"{request.node.name}.png"))
        (ARTIFACTS / f"{request.node.name}.html").write_text(d.page_source)
    d.quit()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


class Site:
    """Page helpers; every page visited is checked by axe-core."""

    def __init__(self, driver, base_url):
        self.d = driver
        self.base = base_url
        self.checked = set()

    def wait(self, condition, timeout=10):
        return WebDriverWait(self.d, timeout).until(condition)

    def visit(self, path):
        self.d.get(self.base + path)
        self.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")))
        self.check_a11y()

    def path(self):
        return self.d.current_url[len(self.base):]

    def h1(self):
        return self.d.find_element(By.TAG_NAME, "h1").text.strip()

    def check_a11y(self):
        """Fails on any serious or critical axe-core finding on the current page."""
        axe = Axe(self.d)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        if bad:
            lines = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in bad]
            raise AssertionError(f"axe-core on {self.path()}:\n" + "\n".join(lines))
        self.checked.add(self.d.current_url.split("?")[0])

    def login(self, role):
        email, _ = ACCOUNTS[role]
        self.visit("/connexion")
        self.d.find_element(By.ID, "email").send_keys(email)
        self.d.find_element(By.ID, "password").send_keys(PASSWORD)
        self.d.find_element(By.ID, "login-submit").click()
        self.wait(lambda d: not d.current_url.rstrip("/").endswith("/connexion"))
        self.check_a11y()

    def logout(self):
        self.d.find_element(By.ID, "logout").click()
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash-success")))
        self.check_a11y()


@pytest.fixture
def site(driver, base_url):
    return Site(driver, base_url)

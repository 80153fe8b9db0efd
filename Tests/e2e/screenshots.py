"""Screenshots of each role's home, the directory, the campaign follow-up, an answer form with
errors and a report page, at 1366 px and at 390 px, into docs/screenshots/.

Usage: .venv-test/bin/python Tests/e2e/screenshots.py [BASE_URL]
Without BASE_URL (or MAILLAGE_BASE_URL), starts `maillage demo` on a fresh database from
MAILLAGE_BIN (default .build/debug/maillage) and stops it afterwards. Run by scripts/screenshots.sh.
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

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "maillage-demo"
ROLES = {
    "admin": "admin@demo.maillage.test",
    "delegate": "delegue.pdl@demo.maillage.test",
    "member": "adherent@demo.maillage.test",
    "jurist": "juriste@demo.maillage.test",
    "trainer": "formation@demo.maillage.test",
    "board": "ca@demo.maillage.test",
}
# Headings of error pages: a screenshot of one is reported, and the script exits 1.
ERRORS = ("Erreur du serveur", "Accès refusé", "Page introuvable", "Requête incorrecte", "Données invalides")
# Width → (viewport height, mobile emulation). Pages are shot whole, cut at MAX_HEIGHT.
WIDTHS = {1366: (900, False), 390: (844, True)}
MAX_HEIGHT = 1800


def start_server():
    """A demo server on a free port and a throwaway database; returns (url, process, tmpdir)."""
    binary = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
    if not os.access(binary, os.X_OK):
        sys.exit(f"no server binary at {binary} (swift build first)")
    tmp = tempfile.mkdtemp(prefix="maillage-shots-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, DATABASE_PATH=os.path.join(tmp, "demo.sqlite"))
    env.pop("DATABASE_URL", None)
    log = open(os.path.join(tmp, "server.log"), "w")
    proc = subprocess.Popen([binary, "demo", "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while True:
        try:
            if urllib.request.urlopen(url + "/health", timeout=2).status == 200:
                return url, proc, tmp
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            sys.exit(f"the demo server did not start; see {tmp}/server.log")
        time.sleep(0.3)


class Camera:
    def __init__(self, base):
        self.base = base
        opts = Options()
        opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--window-size=1366,900", "--lang=fr-FR"):
            opts.add_argument(arg)
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.d = webdriver.Chrome(service=Service(driver), options=opts)
        self.taken = []
        self.failed = []

    def wait(self, condition, timeout=15):
        return WebDriverWait(self.d, timeout).until(condition)

    def viewport(self, width, height=None):
        base_height, mobile = WIDTHS[width]
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height or base_height, "deviceScaleFactor": 1, "mobile": mobile})

    def login(self, role):
        self.d.delete_all_cookies()
        self.viewport(1366)
        self.d.get(self.base + "/connexion")
        self.d.find_element(By.ID, "email").send_keys(ROLES[role])
        self.d.find_element(By.ID, "password").send_keys(PASSWORD)
        self.d.find_element(By.ID, "login-submit").click()
        self.wait(lambda d: not d.current_url.rstrip("/").endswith("/connexion"))

    def go(self, path):
        self.d.get(self.base + path if path.startswith("/") else path)
        self.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")))

    def shot(self, name, width):
        """The page as laid out at `width`, whole but at most MAX_HEIGHT pixels high."""
        self.viewport(width)
        height = self.d.execute_script("return document.documentElement.scrollHeight")
        self.viewport(width, max(WIDTHS[width][0], min(height, MAX_HEIGHT)))
        path = OUT / f"{name}-{width}.png"
        self.d.save_screenshot(str(path))
        self.taken.append(path)
        heading = self.d.find_element(By.TAG_NAME, "h1").text.strip()
        if heading in ERRORS:
            self.failed.append(f"{path.name}: « {heading} » on {self.d.current_url}")

    def link(self, css, contains=""):
        for a in self.d.find_elements(By.CSS_SELECTOR, css):
            href = a.get_attribute("href") or ""
            if contains in href:
                return href
        return None


def take(base):
    OUT.mkdir(parents=True, exist_ok=True)
    cam = Camera(base)
    try:
        for role in ROLES:
            cam.login(role)
            for width in WIDTHS:
                cam.go("/")
                cam.shot(f"home-{role}", width)
            if role == "admin":
                cam.go("/")
                follow = cam.link("#avancement-title ~ p a") or cam.base + "/observatoire"
                for width in WIDTHS:
                    cam.go("/adherents")
                    cam.shot("directory", width)
                    cam.go(follow)
                    cam.shot("follow-up", width)
            if role == "member":
                cam.go("/")
                answer = cam.link(".tasks .task-text a", "/reponses/") or cam.link("a", "/reponses/")
                for width in WIDTHS:
                    cam.go(answer)
                    field = cam.d.find_element(By.CSS_SELECTOR, "#answer-form input[type=text]")
                    field.clear()
                    field.send_keys("12 abc")  # not a number: the form answers with its errors
                    cam.d.find_element(By.ID, "save-draft").click()
                    cam.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "[aria-invalid=true]")))
                    cam.viewport(width)
                    cam.d.execute_script("window.scrollTo(0, 0)")
                    cam.shot("answer-errors", width)
            if role == "jurist":
                cam.go("/")
                report = cam.link("a", "/rapport")
                for width in WIDTHS:
                    cam.go(report)
                    cam.shot("report", width)
    finally:
        cam.d.quit()
    return cam.taken, cam.failed


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MAILLAGE_BASE_URL", "")).rstrip("/")
    proc = tmp = None
    if not base:
        base, proc, tmp = start_server()
    try:
        taken, failed = take(base)
    finally:
        if proc:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            shutil.rmtree(tmp, ignore_errors=True)
    for path in taken:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} Kio")
    for line in failed:
        print("error page:", line, file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

"""Screenshots of the main pages for the README, taken in headless Chromium.

Usage: .venv-test/bin/python scripts/screenshots.py BASE_URL   (a server started with `maillage demo`)
Writes docs/screenshots/*.png.
"""
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
OUT = pathlib.Path(__file__).resolve().parent.parent / "docs" / "screenshots"
OUT.mkdir(parents=True, exist_ok=True)

opts = Options()
opts.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=fr-FR"):
    opts.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def login(email):
    driver.delete_all_cookies()
    driver.get(BASE + "/connexion")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys("maillage-demo")
    driver.find_element(By.ID, "login-submit").click()


def shot(path, name):
    driver.get(BASE + path)
    driver.save_screenshot(str(OUT / f"{name}.png"))


try:
    shot("/connexion", "connexion")
    login("admin@demo.maillage.test")
    shot("/", "accueil-national")
    shot("/adherents?delegation=PDL", "annuaire-adherents")
    driver.find_element(By.CSS_SELECTOR, "#directory-table tbody tr a").click()
    driver.save_screenshot(str(OUT / "fiche-structure.png"))
    login("delegue.pdl@demo.maillage.test")
    shot("/", "accueil-delegation")
finally:
    driver.quit()
print("screenshots in", OUT)

"""Done when of issue 10: a password reset requested in the browser arrives at the test SMTP
server (STARTTLS), its link opens the form, the new password signs in. The trainer's account
gets its demo password back the same way at the end, for the other tests."""
import os
import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import ACCOUNTS, PASSWORD

NEW_PASSWORD = "courriel-bien-recu-2026"


def request_reset(site, email):
    site.visit("/mot-de-passe-oublie")
    site.d.find_element(By.ID, "email").send_keys(email)
    old_page = site.d.find_element(By.TAG_NAME, "html")
    site.d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    site.wait(EC.staleness_of(old_page), timeout=30)  # the next page, not the h1 of this one
    site.wait(EC.presence_of_element_located((By.TAG_NAME, "h1")))


def resets(smtp_server, email):
    return [m for m in smtp_server.to(email) if "mot de passe" in m["Subject"].lower()]


def reset_link(smtp_server, email, count):
    """The link of the `count`-th reset message to `email` (exactly `count` have arrived)."""
    deadline = time.time() + 30
    while len(resets(smtp_server, email)) < count:
        assert time.time() < deadline, f"reset message {count} to {email} did not arrive within 30 s"
        time.sleep(0.2)
    time.sleep(1)  # a duplicate would show by now
    messages = resets(smtp_server, email)
    assert len(messages) == count, f"{len(messages)} reset messages to {email}, expected {count}"
    text = messages[-1].get_body(("plain",)).get_content()
    links = re.findall(r"https?://\S+/lien/[A-Za-z0-9_\-]+", text)
    assert links, f"no link in the message:\n{text}"
    return links[0]


def set_password(site, link, password):
    site.d.get(link)
    site.wait(EC.presence_of_element_located((By.ID, "password-form")))
    site.check_a11y()
    site.d.find_element(By.ID, "password").send_keys(password)
    site.d.find_element(By.ID, "confirmation").send_keys(password)
    site.d.find_element(By.CSS_SELECTOR, "#password-form button[type=submit]").click()
    site.wait(lambda d: "/lien/" not in d.current_url)


def sign_in(site, email, password):
    site.visit("/connexion")
    site.d.find_element(By.ID, "email").send_keys(email)
    site.d.find_element(By.ID, "password").send_keys(password)
    site.d.find_element(By.ID, "login-submit").click()
    site.wait(lambda d: not d.current_url.rstrip("/").endswith("/connexion"))


def test_password_reset_by_email(site, smtp_server):
    if os.environ.get("MAILLAGE_BASE_URL"):
        pytest.skip("the messages of an outside server do not reach this suite's SMTP server")
    email, home = ACCOUNTS["trainer"]
    before = len(resets(smtp_server, email))
    try:
        # MUT: the reset requested in the browser, read at the SMTP server
        request_reset(site, email)
        link = reset_link(smtp_server, email, before + 1)
        assert link.startswith(site.base + "/lien/")
        set_password(site, link, NEW_PASSWORD)
        # validate: the new password signs in, the old one no longer does
        site.d.delete_all_cookies()
        sign_in(site, email, NEW_PASSWORD)
        assert site.h1() == home
        site.logout()
        site.visit("/connexion")
        site.d.find_element(By.ID, "email").send_keys(email)
        site.d.find_element(By.ID, "password").send_keys(PASSWORD)
        site.d.find_element(By.ID, "login-submit").click()
        time.sleep(0.5)
        assert site.d.current_url.rstrip("/").endswith("/connexion")
    finally:
        # The demo password back, through the same path.
        site.d.delete_all_cookies()
        count = len(resets(smtp_server, email)) + 1
        request_reset(site, email)
        set_password(site, reset_link(smtp_server, email, count), PASSWORD)
    site.d.delete_all_cookies()
    sign_in(site, email, PASSWORD)
    assert site.h1() == home

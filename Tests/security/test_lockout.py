"""Finding 5: five wrong passwords from an attacker's address locked the owner out from
everywhere. Behind a trusted proxy (MAILLAGE_TRUSTED_PROXIES=127.0.0.1) the client is the
X-Forwarded-For address: the attacker's pair (account, address) waits (429, a French delay),
the owner signs in from elsewhere. Without the setting, a forged X-Forwarded-For changes nothing."""
import re

import requests

from seclib import ACCOUNTS, PASSWORD, Client, CSRF_RE, is_french, read_page

DELAY = re.compile(r"\d+\s*(s|secondes?|min|minutes?|h|heures?)\b", re.I)


def test_attacker_waits_and_the_owner_still_signs_in(proxy_server):
    email = ACCOUNTS["jurist"]
    attacker = Client(proxy_server.url, headers={"X-Forwarded-For": "203.0.113.66"})
    for i in range(5):
        r = attacker.login(email, f"devine-{i}")
        assert r.status_code == 422, f"wrong password {i + 1}: {r.status_code}"
    r = attacker.login(email, "devine-encore")
    assert r.status_code == 429, f"the attacker's 6th try: {r.status_code} (expected 429)"
    text = read_page(r.text).text
    assert is_french(text) and DELAY.search(text), f"429 without a French delay: {text[:300]}"
    r = attacker.login(email, PASSWORD)
    assert r.status_code == 429, "the right password from the attacker's address while waiting is refused too"
    owner = Client(proxy_server.url, headers={"X-Forwarded-For": "198.51.100.7"})
    r = owner.login(email, PASSWORD)
    assert r.status_code in (302, 303) and "/connexion" not in r.headers.get("Location", ""), \
        f"the owner, from another address, is locked out: {r.status_code}"


def raw_login(base, email, password, xff):
    """A sign-in without a cookie jar: the https server's session cookie is Secure, and these
    requests go over plain http."""
    r = requests.get(base + "/connexion", timeout=60, headers={"X-Forwarded-For": xff})
    cookie = r.headers.get("Set-Cookie", "").split(";")[0]
    token = CSRF_RE.search(r.text).group(1)
    return requests.post(base + "/connexion", timeout=60, allow_redirects=False,
                         data={"_csrf": token, "email": email, "password": password},
                         headers={"X-Forwarded-For": xff, "Cookie": cookie})


def test_forged_forwarded_for_is_ignored_without_a_trusted_proxy(https_server):
    email = ACCOUNTS["trainer"]
    for i in range(5):
        r = raw_login(https_server.url, email, f"devine-{i}", f"203.0.113.{10 + i}")
        assert r.status_code == 422, f"wrong password {i + 1}: {r.status_code}"
    r = raw_login(https_server.url, email, "devine-encore", "192.0.2.200")
    assert r.status_code == 429, f"a forged X-Forwarded-For escaped the wait: {r.status_code} (expected 429)"

"""Finding 11: downloads and the API could be kept by a browser or a proxy cache; HSTS; error
pages without CSP / framing / sniffing protection."""
import re

import pytest
import requests

from seclib import OPEN_YEAR, Client, api_token

CSP_NEEDED = ("default-src", "frame-ancestors")


@pytest.fixture(scope="module")
def admin(signed):
    return signed("admin")


def assert_private(r, what):
    cc = r.headers.get("Cache-Control", "").lower()
    assert "no-store" in cc and "private" in cc, f"{what}: Cache-Control {cc!r} (expected private, no-store)"


def assert_protected_page(r, what):
    h = r.headers
    assert h.get("X-Frame-Options", "").upper() == "DENY", f"{what}: X-Frame-Options {h.get('X-Frame-Options')!r}"
    assert h.get("X-Content-Type-Options", "").lower() == "nosniff", f"{what}: X-Content-Type-Options missing"
    if "html" in h.get("Content-Type", ""):
        csp = h.get("Content-Security-Policy", "")
        assert all(p in csp for p in CSP_NEEDED), f"{what}: Content-Security-Policy {csp!r}"


def test_downloads_and_api_are_not_cached(admin, demo, signed):
    html = admin.get(f"/observatoire/{OPEN_YEAR}/rapport/PDL").text
    tables = sorted(set(re.findall(rf'href="(/observatoire/{OPEN_YEAR}/tableaux/[^"]+\.(?:csv|xlsx))"', html)))[:4]
    assert tables, "no table download on the report page"
    paths = ["/export/adherents.csv", "/export/adherents.xlsx", f"/observatoire/{OPEN_YEAR}/export/reponses.csv",
             f"/observatoire/{OPEN_YEAR}/export/reponses.xlsx", f"/observatoire/{OPEN_YEAR}/chiffres.json",
             f"/observatoire/{OPEN_YEAR}/chiffres.json?perimetre=PDL", "/api/openapi.json"] + tables
    for path in paths:
        r = admin.get(path)
        assert r.status_code == 200, f"GET {path}: {r.status_code}"
        assert_private(r, path)
        assert_protected_page(r, path)
    member = signed("member")
    token = api_token(member, "en-têtes")
    for path in ("/api/v1/structures", "/api/v1/delegations", "/api/v1/delegations/PDL",
                 f"/api/v1/observatoire/{OPEN_YEAR}/chiffres"):
        for t in (demo.token, token):
            r = demo.api(path, token=t)
            assert r.status_code in (200, 404), f"API {path}: {r.status_code}"
            assert_private(r, f"API {path}")
            assert_protected_page(r, f"API {path}")
    r = requests.get(admin.base + "/api/v1/structures", timeout=30)
    assert r.status_code == 401
    assert_private(r, "API 401")


def test_hsts_only_behind_https(server, https_server):
    for path in ("/health", "/connexion", "/annuaire", "/nulle-part"):
        r = requests.get(https_server.url + path, timeout=30, allow_redirects=False)
        sts = r.headers.get("Strict-Transport-Security", "")
        assert "max-age=" in sts and int(re.search(r"max-age=(\d+)", sts).group(1)) >= 15552000, \
            f"https base URL, {path}: Strict-Transport-Security {sts!r}"
        r = requests.get(server.url + path, timeout=30, allow_redirects=False)
        assert "Strict-Transport-Security" not in r.headers, f"plain http server sends HSTS on {path}"


def test_error_pages_are_protected(server, login):
    anon = Client(server.url)
    member = login("member")
    cases = [
        ("404 anonymous", anon.get("/nulle-part"), 404),
        ("404 signed in", member.get("/nulle-part"), 404),
        ("404 record", member.get("/adherents/00000000-0000-0000-0000-000000000000"), 404),
        ("403", member.get("/admin/utilisateurs"), 403),
        ("403 csrf", member.post("/compte/jetons", {"name": "x"}, csrf="faux-jeton"), 403),
        ("413 form", member.post("/compte/jetons", {"name": "x" * (2 << 20)}), 413),
        ("413 anonymous", anon.post("/connexion", {"email": "a@b.c", "password": "x" * (2 << 20)}), 413),
        ("400 malformed", member.post("/compte/jetons", data=b"%zz=%%", csrf=False,
                                      headers={"Content-Type": "application/x-www-form-urlencoded"}), (400, 403)),
        ("405 API", requests.post(server.url + "/api/v1/structures", timeout=30), (401, 405)),
    ]
    for what, r, status in cases:
        allowed = status if isinstance(status, tuple) else (status,)
        assert r.status_code in allowed, f"{what}: {r.status_code}"
        assert_protected_page(r, what)
        assert_private(r, what)

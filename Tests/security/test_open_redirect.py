"""Finding 6: `retour` led off-site (`/%09/evil.test`: a browser strips the tab, leaving
`//evil.test`). Signed in (GET) or signing in (POST), the Location stays on the site."""
from urllib.parse import unquote

import pytest

from seclib import ACCOUNTS, Client, same_origin

PAYLOADS = ["%2F%09%2Fevil.test", "//evil.test", "%2F%2Fevil.test", "/%5Cevil.test", "/\\evil.test",
            "https://evil.test", "https:evil.test", "/%0d%0a/evil", "%2F%0A%2Fevil.test", "%09//evil.test",
            "/%09/evil.test", "%20//evil.test", "/.//evil.test"]


def assert_stays(base, r, what):
    assert r.status_code in (301, 302, 303, 307, 308), f"{what}: {r.status_code}"
    location = r.headers.get("Location", "")
    assert location, f"{what}: no Location"
    assert not any(ord(c) < 32 or c == "\x7f" for c in location), f"{what}: control character in Location {location!r}"
    assert same_origin(base, location), f"{what}: Location {location!r} leaves the site"


@pytest.fixture(scope="module")
def jurist(signed):
    return signed("jurist")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_signed_in_get_stays_on_the_site(server, jurist, payload):
    r = jurist.get("/connexion?retour=" + payload)
    assert_stays(server.url, r, f"GET /connexion?retour={payload}")


def test_sign_in_post_stays_on_the_site(server):
    for payload in PAYLOADS[:8]:
        client = Client(server.url)
        r = client.login(ACCOUNTS["board"], retour=unquote(payload))
        assert_stays(server.url, r, f"POST /connexion retour={unquote(payload)!r}")

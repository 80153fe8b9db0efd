"""Finding 10: `javascript:` websites. The member import refuses them in its preview (a French
reason), so does the structure form, and the public directory never renders a link that is
not http(s) or on the site."""
import re
from urllib.parse import urlsplit

import pytest

from seclib import Client, is_french, new_siret, read_page

HOSTILE = ["javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "javascript://example.org/%0aalert(1)",
           "jav&#x61;script:alert(1)"]


@pytest.fixture(scope="module")
def admin(signed):
    return signed("admin")


def test_member_import_refuses_non_http_websites_in_the_preview(admin):
    lines = ["siret;nom;types;commune;departement;site_web"]
    for i, site in enumerate(HOSTILE):
        lines.append(f"{new_siret()};Structure au site douteux {i};AI;Nantes;44;{site}")
    admin.get("/import/adherents")
    r = admin.post("/import/adherents", files={"file": ("sites.csv", "\r\n".join(lines).encode("utf-8"), "text/csv")})
    assert r.status_code == 422, f"preview of javascript: websites: {r.status_code} (expected 422)"
    assert "import-apply" not in r.text and "/appliquer" not in r.text, "the preview offers to apply javascript: websites"
    page = read_page(r.text)
    table = re.search(r'<table[^>]*id="import-errors".*?</table>', r.text, flags=re.S)
    assert table, "no table of bad lines"
    rows = re.findall(r"<tr><td class=\"num\">(\d+)</td><td>(.*?)</td></tr>", table.group(0), flags=re.S)
    assert len(rows) == len(HOSTILE), f"{len(rows)} bad line(s) listed for {len(HOSTILE)} hostile websites"
    for line, messages in rows:
        assert is_french(re.sub("<[^>]+>", " ", messages)), f"line {line}: {messages}"
    assert page.h1


@pytest.mark.parametrize("site", HOSTILE)
def test_structure_form_refuses_non_http_websites(admin, site):
    page = read_page(admin.get("/adherents/nouveau").text)
    form = next(f for f in page.forms if f.method == "post" and "website" in f.names())
    fields = {"name": f"Site douteux {new_siret()[-5:]}", "siret": new_siret(), "commune": "Nantes",
              "department": "44", "website": site}
    data = [(k, v) for k, v in form.values() if k not in fields and k != "types"] + list(fields.items()) + [("types", "AI")]
    r = admin.post(form.action or "/adherents", data)
    assert r.status_code == 422, f"website {site!r}: {r.status_code} (expected 422)"
    assert is_french(read_page(r.text).errors.get("website-error", ""))


def test_public_directory_links_are_http_or_on_site(server):
    anon = Client(server.url)
    path, pages, bad = "/annuaire", 0, []
    while path and pages < 40:
        r = anon.get(path)
        assert r.status_code == 200, f"GET {path}: {r.status_code}"
        # The footer's contact (MAILLAGE_CONTACT, checked at start: an e-mail address gives a
        # mailto: link) is the federation's setting, not a member's input: only the page's body counts.
        page = read_page(r.text.split('<footer', 1)[0])
        for tag, url in page.hrefs:
            cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
            scheme = urlsplit(cleaned).scheme.lower()
            if scheme not in ("", "http", "https"):
                bad.append(f"{path}: <{tag}> {url!r}")
        nxt = re.search(r'<a rel="next" href="([^"]+)"', r.text)
        path = nxt.group(1).replace("&amp;", "&") if nxt else None
        pages += 1
    assert pages >= 5, "the public directory was not paged through"
    assert not bad, "links that are neither http(s) nor on the site:\n" + "\n".join(bad[:20])

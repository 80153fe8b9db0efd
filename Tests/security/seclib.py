"""Helpers of the security suite: an HTTP client that signs in through the real login form and
keeps the CSRF token of the last page it saw, a small HTML reader (forms, links, field
errors), what the demo network holds, and the checks shared by several tests."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests

PASSWORD = "maillage-demo"
ACCOUNTS = {
    "admin": "admin@demo.maillage.test",
    "delegate": "delegue.pdl@demo.maillage.test",
    "member": "adherent@demo.maillage.test",
    "jurist": "juriste@demo.maillage.test",
    "trainer": "formation@demo.maillage.test",
    "board": "ca@demo.maillage.test",
    # A plain trainer (runs sessions); "trainer" above also holds the training-admin grant.
    "instructor": "formateur@demo.maillage.test",
}
ROLES = list(ACCOUNTS)
OPEN_YEAR = 2025          # DemoCampaigns.openYear
CLOSED_YEARS = [2022, 2023, 2024]
DELEGATE_CODE = "PDL"     # the demo delegate's delegation
UUID_RE = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

# A message is "in French" when it reads as French words, not an English framework default.
FRENCH_WORDS = re.compile(
    r"\b(le|la|les|de|du|des|un|une|est|sont|au|aux|plus|pas|ce|cette|vous|votre|valeur|nombre|"
    r"saisissez|réessayez|fichier|trop|maximum|délai|minutes?|secondes?|lien|page|aucune?|dans)\b", re.I)


def is_french(text: str) -> bool:
    return len(FRENCH_WORDS.findall(text or "")) >= 2


# ---------------------------------------------------------------------------------------- HTML


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    attrs: dict
    fields: list = field(default_factory=list)   # [name, type, value, extra]
    buttons: list = field(default_factory=list)  # (name, value)

    def values(self, with_buttons: bool = True) -> list[tuple[str, str]]:
        """What a browser would send, the first submit button included."""
        out: list[tuple[str, str]] = []
        radios_done: set[str] = set()
        for name, ftype, value, extra in self.fields:
            if not name:
                continue
            if ftype in ("checkbox",):
                if extra.get("checked"):
                    out.append((name, value if value is not None else "on"))
            elif ftype == "radio":
                if extra.get("checked") and name not in radios_done:
                    out.append((name, value or "on"))
                    radios_done.add(name)
            elif ftype == "select":
                opts = extra.get("options", [])
                chosen = [v for v, sel in opts if sel] or [v for v, _ in opts[:1]]
                out.extend((name, v) for v in chosen[:1])
            elif ftype in ("submit", "button", "image", "reset", "file"):
                continue
            else:
                out.append((name, value or ""))
        if with_buttons and self.buttons:
            name, value = self.buttons[0]
            if name:
                out.append((name, value))
        return out

    def names(self) -> set[str]:
        return {f[0] for f in self.fields if f[0]}


class PageReader(HTMLParser):
    """Forms (with their fields), links, ids and field errors of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self.hrefs: list[tuple[str, str]] = []  # (tag, url) of every href/src/action
        self.errors: dict[str, str] = {}        # id of a .field-error → its text
        self.texts: list[str] = []
        self.h1 = ""
        self._form: Form | None = None
        self._select: list | None = None
        self._option: list | None = None
        self._textarea: list | None = None
        self._error_id: str | None = None
        self._error_text: list[str] = []
        self._in_h1 = False
        self._error_depth = 0

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        for key in ("href", "src", "action", "formaction"):
            if key in a:
                self.hrefs.append((tag, a[key]))
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "h1":
            self._in_h1 = True
        if tag == "p" and "field-error" in a.get("class", ""):
            self._error_id = a.get("id", f"error-{len(self.errors)}")
            self._error_text = []
        if tag == "form":
            self._form = Form(method=a.get("method", "get").lower(), action=a.get("action", ""),
                              enctype=a.get("enctype", "application/x-www-form-urlencoded"), attrs=a)
            self.forms.append(self._form)
        elif self._form is not None:
            if tag == "input":
                t = a.get("type", "text").lower()
                if t in ("submit", "image"):
                    self._form.buttons.append((a.get("name", ""), a.get("value", "")))
                else:
                    self._form.fields.append([a.get("name", ""), t, a.get("value", ""),
                                              {"checked": "checked" in a, "attrs": a}])
            elif tag == "button":
                if a.get("type", "submit").lower() == "submit":
                    self._form.buttons.append((a.get("name", ""), a.get("value", "")))
            elif tag == "select":
                self._select = [a.get("name", ""), "select", "", {"options": [], "attrs": a}]
                self._form.fields.append(self._select)
            elif tag == "option" and self._select is not None:
                self._option = [a.get("value"), "selected" in a, []]
                self._select[3]["options"].append(self._option)
            elif tag == "textarea":
                self._textarea = [a.get("name", ""), "textarea", "", {"attrs": a}]
                self._form.fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option" and self._option is not None:
            if self._option[0] is None:
                self._option[0] = "".join(self._option[2]).strip()
            self._option = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "p" and self._error_id is not None:
            self.errors[self._error_id] = "".join(self._error_text).strip()
            self._error_id = None

    def handle_data(self, data):
        self.texts.append(data)
        if self._in_h1:
            self.h1 += data
        if self._error_id is not None:
            self._error_text.append(data)
        if self._option is not None:
            self._option[2].append(data)
        if self._textarea is not None:
            self._textarea[2] += data

    def close(self):
        super().close()
        for f in self.forms:
            for fld in f.fields:
                if fld[1] == "select":
                    fld[3]["options"] = [(o[0], o[1]) for o in fld[3]["options"]]

    @property
    def text(self) -> str:
        return " ".join(t.strip() for t in self.texts if t.strip())


def read_page(html: str) -> PageReader:
    p = PageReader()
    p.feed(html)
    p.close()
    return p


CSRF_RE = re.compile(r'name="_csrf" value="([^"]*)"')


# -------------------------------------------------------------------------------------- client


class Client:
    """One browser: a cookie jar, the CSRF token of the last HTML page, no automatic redirects."""

    def __init__(self, base: str, headers: dict | None = None) -> None:
        self.base = base.rstrip("/")
        self.s = requests.Session()
        self.s.headers.update({"Accept-Language": "fr-FR", "User-Agent": "maillage-security-suite"})
        if headers:
            self.s.headers.update(headers)
        self.csrf = ""
        self.role: str | None = None

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base + path

    def _remember(self, r: requests.Response) -> requests.Response:
        if "text/html" in r.headers.get("Content-Type", ""):
            m = CSRF_RE.search(r.text)
            if m and m.group(1):
                self.csrf = m.group(1)
        return r

    def get(self, path: str, **kw) -> requests.Response:
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", 120)
        return self._remember(self.s.get(self.url(path), **kw))

    def post(self, path: str, data=None, files=None, csrf: bool | str = True, **kw) -> requests.Response:
        """Posts a form; `csrf=True` adds the session's token, a string sends that one instead."""
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", 120)
        if isinstance(data, (bytes, str)):
            return self._remember(self.s.post(self.url(path), data=data, files=files, **kw))
        items = list(data.items()) if isinstance(data, dict) else list(data or [])
        if csrf is not False and not any(k == "_csrf" for k, _ in items):
            token = self.token() if csrf is True else csrf
            items = [("_csrf", token)] + items
        return self._remember(self.s.post(self.url(path), data=items, files=files, **kw))

    def token(self) -> str:
        if not self.csrf:
            self.get("/connexion" if self.role is None else "/compte")
        assert self.csrf, "no CSRF token found on the page"
        return self.csrf

    def page(self, path: str, expect: int | tuple = 200) -> PageReader:
        r = self.get(path)
        allowed = expect if isinstance(expect, tuple) else (expect,)
        assert r.status_code in allowed, f"GET {path} as {self.role}: {r.status_code} (expected {expect})\n{r.text[:500]}"
        return read_page(r.text)

    def login(self, email: str, password: str = PASSWORD, retour: str | None = None, **kw) -> requests.Response:
        self.get("/connexion", **kw)
        data = {"email": email, "password": password}
        if retour is not None:
            data["retour"] = retour
        return self.post("/connexion", data, **kw)

    def login_as(self, role: str, password: str = PASSWORD) -> "Client":
        r = self.login(ACCOUNTS[role], password)
        assert r.status_code in (302, 303), f"sign-in as {role} failed: {r.status_code}\n{read_page(r.text).text[:400]}"
        self.role = role
        self.csrf = ""
        self.get("/")  # the session's new CSRF token
        return self

    def signed_in(self) -> bool:
        return self.get("/compte").status_code == 200


# ----------------------------------------------------------------------------------- the demo


class Demo:
    """The demo network as the admin's API token and pages show it."""

    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.token = token
        self._structures: list[dict] | None = None
        self._delegations: list[dict] | None = None
        self._member_ids: list[str] | None = None

    def api(self, path: str, token: str | None = None, **params) -> requests.Response:
        return requests.get(self.base + path, params=params or None, timeout=120,
                            headers={"Authorization": f"Bearer {token or self.token}", "Accept": "application/json"})

    def structures(self, refresh: bool = False) -> list[dict]:
        if self._structures is None or refresh:
            out, page = [], 1
            while True:
                r = self.api("/api/v1/structures", per_page=200, page=page)
                assert r.status_code == 200, f"API structures: {r.status_code} {r.text[:200]}"
                body = r.json()
                out += body["items"]
                if len(out) >= body["total"] or not body["items"]:
                    break
                page += 1
            self._structures = out
        return self._structures

    def structure(self, sid: str) -> dict:
        r = self.api(f"/api/v1/structures/{sid}")
        assert r.status_code == 200, r.text[:200]
        return r.json()

    def delegations(self) -> list[dict]:
        if self._delegations is None:
            r = self.api("/api/v1/delegations")
            assert r.status_code == 200, r.text[:200]
            self._delegations = r.json()["items"]
        return self._delegations

    def delegation_codes(self) -> list[str]:
        return [d["code"] for d in self.delegations()]

    def member_structure_ids(self, member: Client) -> list[str]:
        """The structures the demo member manager answers for (their GES and its entities)."""
        if self._member_ids is None:
            ids: list[str] = []
            page = 1
            while True:
                r = member.get(f"/adherents?page={page}")
                assert r.status_code == 200
                found = re.findall(r'href="/adherents/(' + UUID_RE + ')"', r.text)
                new = [i for i in dict.fromkeys(found) if i not in ids]
                if not new:
                    break
                ids += new
                page += 1
                if page > 5:
                    break
            self._member_ids = ids
        return self._member_ids

    def by_id(self) -> dict[str, dict]:
        return {s["id"]: s for s in self.structures()}


def answering_types(s: dict) -> list[str]:
    return [t for t in s["types"] if t != "GES"]


# -------------------------------------------------------------------------------- SIRET, files


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def new_siret(rng: random.Random | None = None) -> str:
    """A valid SIRET (Luhn) that no demo structure has (the demo's SIRENs are 1xx…8xx, NIC 0001)."""
    rng = rng or random.Random()
    while True:
        siren8 = "9" + "".join(str(rng.randrange(10)) for _ in range(7))
        for last in range(10):
            siren = siren8 + str(last)
            if luhn_ok(siren):
                break
        nic4 = "".join(str(rng.randrange(10)) for _ in range(4))
        for last in range(10):
            siret = siren + nic4 + str(last)
            if luhn_ok(siret):
                return siret


def decode_csv(raw: bytes) -> list[list[str]]:
    """French Excel dialect: `;`, an optional BOM, UTF-8 or else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_cells(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would run as a formula: starting with = + - @ tab or CR, not a number."""
    return [c for row in rows for c in row if c.startswith(FORMULA_START) and not PLAIN_NUMBER.match(c)]


def random_id() -> str:
    return str(uuid.uuid4())


def same_origin(base: str, location: str) -> bool:
    """Whether a browser following `location` from `base` stays on the site: it strips tabs and
    newlines, reads a backslash as a slash, and resolves the rest against the page."""
    cleaned = re.sub(r"[\t\r\n]", "", location).replace("\\", "/")
    target = urlsplit(urljoin(base + "/", cleaned))
    origin = urlsplit(base)
    return (target.scheme, target.netloc) == (origin.scheme, origin.netloc)


def json_body(r: requests.Response):
    try:
        return json.loads(r.content)
    except ValueError:
        return None


# ------------------------------------------------------------------------------ Observatory


def consistent_answer(type_: str, scale: int = 1) -> dict[str, str]:
    """An answer that passes every check (SPEC §4 checks), its counts multiplied by `scale`."""
    divisor = {"AI": 1607, "ACI": 1820, "EI": 1505, "ETTI": 1600, "ETT_ESS": 1600}.get(type_, 1607)
    persons = 12 * scale
    v = {
        "permanents_headcount": 3 * scale, "permanents_etp": 3 * scale, "permanents_hours": 3 * scale * divisor,
        "salaries_total_eur": 250000 * scale, "turnover_eur": 400000 * scale, "funding_state_eur": 150000 * scale,
        "funding_department_eur": 20000 * scale, "employer_contributions_eur": 60000 * scale, "taxes_eur": 8000 * scale,
        "charges_total_eur": 390000 * scale,
        "clientele_private_pct": "25", "clientele_nonprofit_pct": "25", "clientele_public_pct": "25",
        "clientele_individuals_pct": "25",
    }
    if type_ not in ("PROXIM",):
        v.update({
            "insertion_new_persons": 6 * scale, "insertion_persons": persons, "insertion_etp": 5 * scale,
            "insertion_hours": 5 * scale * divisor, "salaries_insertion_eur": 120000 * scale,
            "exits_total": 4 * scale, "exits_sustainable": scale, "exits_transition": scale, "exits_positive": scale,
            "exits_other": scale, "persons_women": 6 * scale, "persons_men": 6 * scale,
            "age_under_26": 4 * scale, "age_26_49": 4 * scale, "age_50_plus": 4 * scale,
            "rsa_recipients": 3 * scale, "long_term_jobseekers": 3 * scale, "below_bac": 3 * scale,
        })
    else:
        v.update({"home_workers_headcount": 5 * scale, "home_workers_etp": 4 * scale, "supervision_etp": scale})
    return {k: str(x) for k, x in v.items()}


def answer_path(year: int, sid: str, type_: str) -> str:
    return f"/observatoire/{year}/reponses/{sid}/{type_}"


def answer_form_values(client: Client, year: int, sid: str, type_: str) -> dict[str, str]:
    """The values the answer page shows (inputs of the form, or the read-only table)."""
    r = client.get(answer_path(year, sid, type_))
    assert r.status_code == 200, f"answer page {sid}/{type_}: {r.status_code}"
    page = read_page(r.text)
    forms = [f for f in page.forms if f.attrs.get("id") == "answer-form"]
    if forms:
        return {f[0]: f[2] for f in forms[0].fields if f[0] and f[0] not in ("_csrf", "confirm_warnings")}
    return dict(re.findall(r'id="value-([a-z0-9_]+)">([^<]*)<', r.text))


def answer_status(client: Client, year: int, sid: str, type_: str) -> str:
    r = client.get(answer_path(year, sid, type_))
    m = re.search(r'id="answer-status">([^<]*)<', r.text)
    return m.group(1).strip() if m else ""


def submit_answer(client: Client, year: int, sid: str, type_: str, values: dict[str, str],
                  action: str = "submit") -> requests.Response:
    data = dict(values)
    data["action"] = action
    data["confirm_warnings"] = "on"
    client.get(answer_path(year, sid, type_))
    return client.post(answer_path(year, sid, type_), data)


def figures_docs(client: Client, year: int, codes: list[str], prefix: str | None = None,
                 param: str = "perimetre") -> list[dict]:
    """The national document and each delegation's, as `client` may read them."""
    base = prefix or f"/observatoire/{year}/chiffres.json"
    docs = []
    for scope in ["national"] + codes:
        r = client.get(base, params={param: scope})
        assert r.status_code == 200, f"GET {base}?{param}={scope} as {client.role}: {r.status_code} {r.text[:300]}"
        docs.append(r.json())
    return docs


def answers_truth_rows(admin: Client, year: int) -> list[dict]:
    """The answers counted in the figures (the admin's answers export), values as Fractions."""
    from fractions import Fraction
    r = admin.get(f"/observatoire/{year}/export/reponses.csv")
    assert r.status_code == 200, f"answers export {year}: {r.status_code}"
    rows = decode_csv(r.content)
    header, out = rows[0], []
    for row in rows[1:]:
        if not any(c.strip() for c in row):
            continue
        rec = dict(zip(header, row))
        values = {}
        for code, cell in rec.items():
            if code in ("campaign", "siret", "type") or not cell.strip():
                continue
            values[code] = Fraction(cell.strip().replace("\u202f", "").replace(" ", "").replace(",", "."))
        out.append({"siret": rec["siret"], "type": rec["type"], "values": values})
    return out


def publications_page(admin: Client, year: int) -> requests.Response:
    return admin.get(f"/observatoire/{year}/publications")


def release_numbers(admin: Client, year: int) -> list[int]:
    r = publications_page(admin, year)
    assert r.status_code == 200, f"GET /observatoire/{year}/publications: {r.status_code}"
    return sorted({int(n) for n in re.findall(rf"/observatoire/{year}/publications/(\d+)/chiffres\.json", r.text)})


def publish(admin: Client, year: int) -> int:
    """Publishes the campaign's current figures as a new release through the confirmation page
    and its form; returns the new release's number."""
    before = release_numbers(admin, year)
    action = f"/observatoire/{year}/publications"
    r = admin.get(f"{action}/nouvelle")
    assert r.status_code == 200, f"GET {action}/nouvelle: {r.status_code}"
    forms = [f for f in read_page(r.text).forms if f.method == "post" and f.action.rstrip("/") == action]
    assert forms, f"no publishing form on {action}/nouvelle"
    r = admin.post(action, forms[0].values())
    assert r.status_code in (302, 303), f"publishing {year}: {r.status_code}\n{read_page(r.text).text[:400]}"
    after = release_numbers(admin, year)
    new = sorted(set(after) - set(before))
    assert new, f"no new release listed after publishing {year} (before {before}, after {after})"
    return new[-1]


def api_token(client: Client, name: str = "suite de sécurité") -> str:
    """A new API token of the signed-in person, made on their account page."""
    r = client.post("/compte/jetons", {"name": name})
    assert r.status_code in (302, 303), f"token creation as {client.role}: {r.status_code}"
    m = re.search(r'id="new-token">(mlg_[^<]+)<', client.get("/compte").text)
    assert m, "the new token is not shown on the account page"
    return m.group(1)


def strip_volatile(html: str) -> str:
    """A page without what changes from one request to the next (CSRF token, flash, the
    request id an error page quotes)."""
    html = CSRF_RE.sub('name="_csrf" value=""', html)
    html = re.sub(r"(Référence de l(?:'|&#39;)erreur[^<]*<code>)[^<]*(</code>)", r"\1\2", html)
    return re.sub(r'<div class="flash[^"]*"[^>]*>.*?</div>', "", html, flags=re.S)


def counted_answer_keys(admin: Client, year: int) -> set[tuple[str, str]]:
    return {(r["siret"], r["type"]) for r in answers_truth_rows(admin, year)}


def fresh_structure(admin: Client, demo: Demo, year: int, delegation: str, type_: str = "AI",
                    exclude: set[str] = frozenset()) -> dict:
    """A structure of `delegation` holding `type_` whose answer is not counted yet and that the
    admin can still fill in."""
    counted = counted_answer_keys(admin, year)
    for s in demo.structures():
        if s["delegation"] != delegation or type_ not in s["types"] or s["id"] in exclude:
            continue
        if s.get("left_on") or (s["siret"], type_) in counted:
            continue
        if 'id="answer-form"' in admin.get(answer_path(year, s["id"], type_)).text:
            return s
    raise AssertionError(f"no {type_} structure of {delegation} left without an answer")


def edition(r: requests.Response):
    """Which figures a figures response holds: ("live", None) for the provisional live figures,
    (number, published_at) for a release. Read from the document's `release` key (null when
    live) when it has one, else from the headers `Maillage-Release` / `Maillage-Release-Published`
    / `Maillage-Figures: provisoires` (the SPEC §8 keys stay as they are)."""
    body = json_body(r)
    if isinstance(body, dict) and "release" in body:
        rel = body["release"]
        return ("live", None) if rel is None else (rel.get("number"), rel.get("published_at"))
    if r.headers.get("Maillage-Release"):
        return int(r.headers["Maillage-Release"]), r.headers.get("Maillage-Release-Published")
    if "provisoire" in r.headers.get("Maillage-Figures", ""):
        return ("live", None)
    return (None, None)

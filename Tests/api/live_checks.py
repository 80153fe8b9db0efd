"""Live helpers for run_schemathesis.sh (standard library + jsonschema, both in the venv).

    python live_checks.py prepare BASE_URL TOKEN WORKDIR
        Checks that the server serves Resources/openapi.json unchanged and accepts the
        token, then writes the dictionaries schemathesis.toml names (real delegation
        codes, departments, structure ids and figure scopes) into WORKDIR, the
        Observatory campaign years as WORKDIR/campaign_years.toml (a fragment appended
        to the config), and WORKDIR/env with MAILLAGE_DELEGATION_CODES for hooks.py.

    python live_checks.py probes BASE_URL TOKEN
        Fixed requests with exact expectations from the contract, complementing the
        generated ones: the boundaries of page/per_page, each filter actually filtering,
        401 before 404, error bodies, the Observatory figures (secret statistique, scope,
        400 on unknown parameters, 404 on unknown campaign or scope). Prints one line per probe and a summary; exits 1 on
        any failure.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

DOCUMENT = Path(__file__).resolve().parents[2] / "Resources" / "openapi.json"


class Api:
    def __init__(self, base: str, token: str) -> None:
        self.base = base.rstrip("/")
        self.token = token

    def get(self, path: str, params: dict | None = None, auth: str | None | bool = True):
        """Returns (status, content type, parsed JSON body or raw text)."""
        url = self.base + path
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = {"Accept": "application/json"}
        if auth is True:
            headers["Authorization"] = f"Bearer {self.token}"
        elif isinstance(auth, str):
            headers["Authorization"] = auth
        req = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=15) as res:
                status, ctype, raw = res.status, res.headers.get("Content-Type", ""), res.read()
        except urllib.error.HTTPError as err:
            status, ctype, raw = err.code, err.headers.get("Content-Type", ""), err.read()
        text = raw.decode("utf-8", errors="replace")
        try:
            body = json.loads(text)
        except ValueError:
            body = text
        return status, ctype, body


def load_document() -> dict:
    with DOCUMENT.open(encoding="utf-8") as f:
        return json.load(f)


def validator(doc: dict, name: str) -> Draft202012Validator:
    root = {**doc, "$ref": f"#/components/schemas/{name}"}
    return Draft202012Validator(root, format_checker=FormatChecker())


# The years a campaign may have (the `CampaignYear` schema): probed one by one, as no
# operation lists the campaigns.
CAMPAIGN_YEARS = range(2000, 2101)


def campaign_years(api: Api) -> list[int]:
    """Years whose figures answer 200 (a 404 on an unknown year is cheap)."""
    return [y for y in CAMPAIGN_YEARS if api.get(f"/api/v1/observatoire/{y}/chiffres")[0] == 200]


def prepare(base: str, token: str, workdir: str) -> int:
    api = Api(base, token)
    doc = load_document()
    status, _, served = api.get("/api/openapi.json", auth=False)
    if status != 200:
        print(f"GET /api/openapi.json answered {status}, expected 200")
        return 1
    if served != doc:
        print("GET /api/openapi.json differs from Resources/openapi.json (is the server running this checkout?)")
        return 1
    status, _, body = api.get("/api/v1/delegations")
    if status != 200 or not isinstance(body, dict) or not isinstance(body.get("items"), list):
        print(f"GET /api/v1/delegations with the token answered {status}: {str(body)[:300]}")
        print("Is the token valid (a line `mlg_…` printed by `maillage demo`)?")
        return 1
    codes = sorted({d.get("code") for d in body["items"] if isinstance(d, dict) and isinstance(d.get("code"), str)})
    departments = sorted({dep for d in body["items"] if isinstance(d, dict) for dep in d.get("departments") or []
                          if isinstance(dep, str)})
    status, _, page = api.get("/api/v1/structures", {"per_page": 100})
    ids = [s["id"] for s in (page.get("items") or []) if isinstance(s, dict) and "id" in s] if status == 200 else []
    out = Path(workdir)

    def write(name: str, values: list[str], fallback: str) -> None:
        # A dictionary may not be empty: fall back to a value that is well-formed but unknown.
        lines = [json.dumps(v) for v in values] or [json.dumps(fallback)]
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    write("delegation_codes.dict", codes, "ZZZ")
    write("department_codes.dict", departments, "01")
    write("structure_ids.dict", ids, str(uuid.UUID(int=0)))
    years = campaign_years(api)
    # Years are integers (the `year` path parameter is one) and a dictionary file holds only
    # strings, so they go in a TOML fragment that run_schemathesis.sh appends to the config.
    (out / "campaign_years.toml").write_text(
        "\n# Written by live_checks.py prepare: the years of the server's Observatory campaigns.\n"
        f"[dictionaries.campaign_years]\nvalues = {json.dumps(years or [CAMPAIGN_YEARS[0]])}\n", encoding="utf-8")
    write("figures_scopes.dict", ["national"] + codes, "national")
    (out / "env").write_text(f"MAILLAGE_DELEGATION_CODES={','.join(codes)}\n", encoding="utf-8")
    print(f"live data: {len(codes)} delegations, {len(departments)} departments, {len(ids)} structure ids, "
          f"campaigns {', '.join(map(str, years)) or 'none'}")
    return 0


class Probes:
    def __init__(self, api: Api, doc: dict) -> None:
        self.api, self.doc = api, doc
        self.passed = 0
        self.failures: list[str] = []
        self.validators = {name: validator(doc, name) for name in doc["components"]["schemas"]}

    def record(self, name: str, ok: bool, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"  ok    {name}")
        else:
            self.failures.append(f"{name}: {detail}")
            print(f"  FAIL  {name}: {detail}")
        return ok

    def schema_errors(self, name: str, body) -> list[str]:
        return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in self.validators[name].iter_errors(body)][:3]

    def expect(self, label: str, path: str, params: dict | None, status: int, schema: str,
               auth: str | None | bool = True):
        """One request; checks status, JSON content type and body schema. Returns the body or None."""
        got, ctype, body = self.api.get(path, params, auth=auth)
        query = ("?" + urllib.parse.urlencode(params)) if params else ""
        name = f"{label}: GET {path}{query} -> {status}"
        if got != status:
            self.record(name, False, f"expected {status}, got {got} {str(body)[:200]}")
            return None
        if not ctype.startswith("application/json"):
            self.record(name, False, f"content type {ctype!r}, expected application/json")
            return None
        errors = self.schema_errors(schema, body)
        if errors:
            self.record(name, False, f"body does not match {schema}: {'; '.join(errors)}")
            return None
        self.record(name, True)
        return body

    def run(self) -> None:
        a = self.api
        print("Contract probes")
        # --- authentication: 401 comes first, with the error body, on every /api/v1 operation.
        random_id = str(uuid.uuid4())
        for path in ("/api/v1/structures", f"/api/v1/structures/{random_id}", "/api/v1/structures/not-a-uuid",
                     "/api/v1/delegations", "/api/v1/delegations/ZZZ", "/api/v1/observatoire/2024/chiffres",
                     "/api/v1/observatoire/1999/chiffres"):
            self.expect("no token", path, None, 401, "Error", auth=False)
        self.expect("unknown token", "/api/v1/structures", None, 401, "Error", auth="Bearer mlg_unknown-token")
        self.expect("not a bearer token", "/api/v1/delegations", None, 401, "Error", auth="Basic YWRtaW46YWRtaW4=")
        status, _, _ = a.get("/api/openapi.json", auth=False)
        self.record("document is public: GET /api/openapi.json without token -> 200", status == 200, f"got {status}")

        # --- listing: defaults and page-size boundaries.
        first = self.expect("defaults", "/api/v1/structures", None, 200, "StructureList")
        if first is not None:
            self.record("defaults are page 1, per_page 50",
                        (first["page"], first["per_page"]) == (1, 50) and len(first["items"]) <= 50,
                        f"page={first['page']} per_page={first['per_page']} items={len(first['items'])}")
        for per_page in (1, 200):
            body = self.expect("per_page bound", "/api/v1/structures", {"per_page": per_page}, 200, "StructureList")
            if body is not None:
                self.record(f"per_page={per_page} is echoed and respected",
                            body["per_page"] == per_page and len(body["items"]) <= per_page
                            and len(body["items"]) == min(per_page, body["total"]),
                            f"per_page={body['per_page']} items={len(body['items'])} total={body['total']}")
        if first is not None:
            beyond = first["total"] + 1
            body = self.expect("page past the end", "/api/v1/structures", {"per_page": 1, "page": beyond}, 200,
                               "StructureList")
            if body is not None:
                self.record("a page past the end is empty, same total",
                            body["items"] == [] and body["total"] == first["total"] and body["page"] == beyond,
                            f"items={len(body['items'])} total={body['total']} page={body['page']}")
        for params in ({"page": "abc"}, {"page": 0}, {"page": -1}, {"page": "1.5"}, {"per_page": 0},
                       {"per_page": 201}, {"per_page": "abc"}, {"type": "XX"}, {"type": "ai"},
                       {"status": "aucun"}, {"status": "inconnu"}, {"sort": "siret"}, {"sort": "name,commune"},
                       {"delegation": "ZZZ"}, {"delegation": "pdl"}, {"department": "ZZ"}, {"department": "20"},
                       # Present but empty, or not the canonical code: still not what the schema allows.
                       {"page": ""}, {"per_page": ""}, {"delegation": ""}, {"department": ""}, {"type": ""},
                       {"department": "1"}, {"department": "2a"}):
            self.expect("malformed parameter", "/api/v1/structures", params, 400, "Error")

        # --- every well-formed value of a closed set is accepted (grouped: one line per parameter).
        status, _, delegations = a.get("/api/v1/delegations")
        items = delegations.get("items", []) if isinstance(delegations, dict) else []
        all_departments = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
        accepted = {
            "department": all_departments,
            "delegation": [d["code"] for d in items],
            "type": self.doc["components"]["schemas"]["StructureType"]["enum"],
            "status": self.doc["components"]["schemas"]["DirectoryStatus"]["enum"],
        }
        for name, values in accepted.items():
            refused = []
            for value in values:
                got, _, body = a.get("/api/v1/structures", {name: value, "per_page": 1})
                if got != 200:
                    refused.append(f"{value} (status {got})")
                elif self.schema_errors("StructureList", body):
                    refused.append(f"{value} (200 but body off-schema)")
            self.record(f"every valid {name} ({len(values)} values) -> 200 StructureList", not refused and bool(values),
                        f"{len(refused)} not accepted: {', '.join(refused[:6])}" if refused else "no values")

        # --- each filter filters.
        for d in items[:2]:
            body = self.expect("delegation filter", "/api/v1/structures", {"delegation": d["code"], "per_page": 200},
                               200, "StructureList")
            if body is not None:
                wrong = [s["id"] for s in body["items"] if s["delegation"] != d["code"]]
                self.record(f"delegation={d['code']} keeps only its structures", not wrong, f"outside: {wrong[:3]}")
        department = next((s["department"] for s in (first or {}).get("items", [])), None)
        if department:
            body = self.expect("department filter", "/api/v1/structures", {"department": department, "per_page": 200},
                               200, "StructureList")
            if body is not None:
                wrong = [s["id"] for s in body["items"] if s["department"] != department]
                self.record(f"department={department} keeps only its structures", not wrong and body["total"] > 0,
                            f"outside: {wrong[:3]}, total={body['total']}")
        for t in ("AI", "GES"):
            body = self.expect("type filter", "/api/v1/structures", {"type": t, "per_page": 200}, 200, "StructureList")
            if body is not None:
                wrong = [s["id"] for s in body["items"] if t not in s["types"]]
                self.record(f"type={t} keeps only structures of that type", not wrong, f"outside: {wrong[:3]}")
        for st in ("actif", "associe", "ancien"):
            body = self.expect("status filter", "/api/v1/structures", {"status": st, "per_page": 200}, 200,
                               "StructureList")
            if body is not None:
                wrong = [s["id"] for s in body["items"] if s["status"] != st]
                self.record(f"status={st} keeps only that status", not wrong, f"outside: {wrong[:3]}")
        if first is not None and first["items"]:
            sample = first["items"][0]
            body = self.expect("search by SIRET", "/api/v1/structures", {"q": sample["siret"]}, 200, "StructureList")
            if body is not None:
                self.record("q=<siret> finds the structure", any(s["id"] == sample["id"] for s in body["items"]),
                            f"{sample['siret']} not among {len(body['items'])} results")
        for sort in ("name", "-name", "commune", "department", "joined"):
            body = self.expect("sort", "/api/v1/structures", {"sort": sort, "per_page": 200}, 200, "StructureList")
            if body is not None and sort == "department":
                keys = [s[sort] for s in body["items"]]
                self.record(f"sort={sort} orders by {sort}", keys == sorted(keys), f"first keys {keys[:5]}")

        # --- detail.
        if first is not None and first["items"]:
            sample = first["items"][0]
            body = self.expect("detail", f"/api/v1/structures/{sample['id']}", None, 200, "StructureDetail")
            if body is not None:
                same = {k: body[k] for k in sample} == sample
                self.record("detail repeats the list entry", same, "fields differ from the list entry")
            ges = next((s for s in first["items"] if s["entity_ids"]), None)
            if ges is not None:
                child = self.expect("GES entity", f"/api/v1/structures/{ges['entity_ids'][0]}", None, 200,
                                    "StructureDetail")
                if child is not None:
                    self.record("an entity points back to its GES", child["ges_parent_id"] == ges["id"],
                                f"ges_parent_id={child['ges_parent_id']}")
        self.expect("unknown structure", f"/api/v1/structures/{random_id}", None, 404, "Error")
        self.expect("non-uuid id", "/api/v1/structures/not-a-uuid", None, 404, "Error")
        self.expect("non-uuid id", "/api/v1/structures/123", None, 404, "Error")

        # --- delegations.
        listing = self.expect("delegations", "/api/v1/delegations", None, 200, "DelegationList")
        if listing is not None and listing["items"]:
            d = listing["items"][0]
            body = self.expect("one delegation", f"/api/v1/delegations/{d['code']}", None, 200, "Delegation")
            if body is not None:
                self.record("delegation detail equals its list entry", body == d, f"{body} != {d}")
            codes = [x["code"] for x in listing["items"]]
            self.record("delegation codes are unique", len(codes) == len(set(codes)), str(codes))
        self.expect("unknown delegation", "/api/v1/delegations/ZZZ", None, 404, "Error")
        self.expect("lower-case code", "/api/v1/delegations/pdl", None, 404, "Error")

        self.observatory_figures([x["code"] for x in (listing or {}).get("items", [])])

    def observatory_figures(self, codes: list[str]) -> None:
        """GET /api/v1/observatoire/{year}/chiffres: SPEC §8 figures export."""
        years = campaign_years(self.api)
        missing = next((y for y in CAMPAIGN_YEARS if y not in years), None)
        if missing is not None:
            self.expect("year without campaign", f"/api/v1/observatoire/{missing}/chiffres", None, 404, "Error")
        for year in ("1999", "2101", "abc", "24", "02024", "2024.0", "-2024"):
            self.expect("not a campaign year", f"/api/v1/observatoire/{year}/chiffres", None, 404, "Error")
        if not years:
            print("  skip  figures of a campaign: the server has no Observatory campaign")
            return
        year = years[-1]
        path = f"/api/v1/observatoire/{year}/chiffres"
        for params in ({"foo": "1"}, {"perimetre": "national"}, {"scope": "national", "page": "1"}, {"scope": ""},
                       {"SCOPE": "national"}):
            self.expect("bad query", path, params, 400, "Error")
        for scope in ("ZZZ", "pdl", "ALL", "NATIONAL", "national ", "P D"):
            self.expect("unknown scope", path, {"scope": scope}, 404, "Error")

        national = self.expect("national figures", path, None, 200, "FiguresDocument")
        if national is not None:
            self.record(f"default scope is national, campaign {year}",
                        (national["campaign"], national["scope"]) == (year, "national"),
                        f"campaign={national['campaign']} scope={national['scope']}")
            self.check_secrecy("national", national)
            delegations = {f["delegation"] for f in national["figures"]}
            self.record("national figures cover the network and its delegations",
                        "ALL" in delegations and delegations - {"ALL"} <= set(codes) and national["figures"] != [],
                        f"delegations {sorted(delegations)[:8]}")
            explicit = self.expect("explicit national", path, {"scope": "national"}, 200, "FiguresDocument")
            if explicit is not None:
                self.record("scope=national equals the default",
                            {**explicit, "generated_at": None} == {**national, "generated_at": None},
                            "documents differ")
        for code in codes[:2]:
            body = self.expect("delegation figures", path, {"scope": code}, 200, "FiguresDocument")
            if body is not None:
                wrong = [f for f in body["figures"] if f["delegation"] != code]
                self.record(f"scope={code} keeps only its delegation's figures",
                            body["scope"] == code and not wrong and body["figures"] != [],
                            f"scope={body['scope']} other figures: {wrong[:2]}")
                self.check_secrecy(code, body)

    def check_secrecy(self, label: str, body: dict) -> None:
        k = body["k"]
        # Response rates excepted: counts published anyway, so given whatever n (SPEC §8).
        wrong = [f for f in body["figures"] if f["indicator"] != "response" and (f["value"] is None) != (f["n"] < k)]
        self.record(f"{label}: value is null exactly when n < k ({k}), response rates aside", not wrong, f"{len(wrong)} figures: {wrong[:2]}")


def probes(base: str, token: str) -> int:
    p = Probes(Api(base, token), load_document())
    p.run()
    print(f"probes: {p.passed} passed, {len(p.failures)} failed")
    return 1 if p.failures else 0


def main(argv: list[str]) -> int:
    if len(argv) == 5 and argv[1] == "prepare":
        return prepare(argv[2], argv[3], argv[4])
    if len(argv) == 4 and argv[1] == "probes":
        return probes(argv[2], argv[3])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

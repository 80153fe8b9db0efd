"""Static checks of Resources/openapi.json, the contract of the JSON API.

No server is needed: the document is validated as OpenAPI 3.1 and compared with the
contract the application implements (paths, parameters, responses, schemas).
The live checks are in run_schemathesis.sh.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "Resources" / "openapi.json"

TYPES = ["AI", "ACI", "EI", "ETTI", "ETT_ESS", "EITI", "GES", "EBE", "PROXIM", "OF", "OTHER"]
STRUCTURE_KEYS = [
    "id", "siret", "name", "types", "address", "postal_code", "commune", "department", "delegation",
    "website", "status", "joined_on", "left_on", "ges_parent_id", "entity_ids",
]
MEMBERSHIP_KEYS = ["id", "status", "joined_on", "left_on", "leave_reason"]

# path -> (operationId, statuses every operation must document)
OPERATIONS = {
    "/api/openapi.json": ("getOpenAPIDocument", {"200"}),
    "/api/v1/structures": ("listStructures", {"200", "400", "401"}),
    "/api/v1/structures/{id}": ("getStructure", {"200", "401", "404"}),
    "/api/v1/delegations": ("listDelegations", {"200", "401"}),
    "/api/v1/delegations/{code}": ("getDelegation", {"200", "401", "404"}),
    "/api/v1/observatoire/{year}/chiffres": ("getObservatoryFigures", {"200", "400", "401", "403", "404"}),
    "/api/v1/cotisations/{year}/appels": ("listDuesCalls", {"200", "400", "401", "403", "404"}),
    "/api/v1/juridique/questions": ("listLegalQuestions", {"200", "400", "401", "403"}),
}
FIGURE_KEYS = ["indicator", "statistic", "type", "delegation", "n", "value"]
FIGURES_DOCUMENT_KEYS = ["campaign", "scope", "k", "generated_at", "figures"]
STATISTICS = ["sum", "mean", "median", "q1", "q3", "share", "rate", "count", "ratio"]


@pytest.fixture(scope="module")
def doc() -> dict:
    with DOCUMENT.open(encoding="utf-8") as f:
        return json.load(f)


def resolve(doc: dict, node: dict) -> dict:
    """Follows local `$ref`s until a node without one."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local references are used: {ref}"
        assert ref not in seen, f"reference cycle at {ref}"
        seen.add(ref)
        target = doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            assert part in target, f"unresolvable reference {ref}"
            target = target[part]
        node = target
    return node


def schema(doc: dict, name: str) -> dict:
    return doc["components"]["schemas"][name]


def test_document_is_valid_openapi_31(doc):
    validate(doc)  # raises on any error
    errors = list(OpenAPIV31SpecValidator(doc).iter_errors())
    assert errors == []


def test_header(doc):
    assert doc["openapi"] == "3.1.0"
    assert doc["info"]["title"] == "Maillage API"
    assert doc["info"]["version"] == "1.0.0"
    assert "registre" in doc["info"]["description"]  # described in French
    assert doc["servers"] == [{"url": "/"}]


def test_every_contract_path_exists_with_its_operation(doc):
    assert set(doc["paths"]) == set(OPERATIONS)
    for path, (operation_id, statuses) in OPERATIONS.items():
        item = doc["paths"][path]
        assert set(item) == {"get"}, f"{path}: only GET is part of the contract"
        op = item["get"]
        assert op["operationId"] == operation_id
        assert op["summary"].strip(), f"{path}: summary missing"
        assert statuses <= set(op["responses"]), f"{path}: undocumented statuses {statuses - set(op['responses'])}"


def test_operation_ids_are_unique(doc):
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_bearer_security_applies_to_api_v1_and_not_to_the_document(doc):
    assert doc["components"]["securitySchemes"]["bearerAuth"] == {
        **doc["components"]["securitySchemes"]["bearerAuth"], "type": "http", "scheme": "bearer",
    }
    assert doc["security"] == [{"bearerAuth": []}]
    for path, item in doc["paths"].items():
        op = item["get"]
        if path.startswith("/api/v1/"):
            assert "security" not in op or op["security"] == [{"bearerAuth": []}], path
            assert "401" in op["responses"], path
        else:
            assert op["security"] == [], f"{path} must be public"


def test_every_response_has_a_json_schema(doc):
    for path, item in doc["paths"].items():
        for status, response in item["get"]["responses"].items():
            response = resolve(doc, response)
            assert response["description"].strip(), f"{path} {status}"
            content = response["content"]
            assert list(content) == ["application/json"], f"{path} {status}"
            assert "schema" in content["application/json"], f"{path} {status}"
            if status != "200":
                assert resolve(doc, content["application/json"]["schema"]) is schema(doc, "Error"), f"{path} {status}"


def test_error_schema(doc):
    error = schema(doc, "Error")
    assert error["required"] == ["error", "reason"]
    assert error["additionalProperties"] is False
    assert error["properties"]["error"]["const"] is True
    assert error["properties"]["reason"]["type"] == "string"


def test_objects_are_closed(doc):
    for name, node in doc["components"]["schemas"].items():
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, f"{name} must set additionalProperties: false"
            assert set(node["required"]) == set(node["properties"]), f"{name}: every key is required"


def test_list_structures_parameters(doc):
    op = doc["paths"]["/api/v1/structures"]["get"]
    params = {p["name"]: p for p in (resolve(doc, p) for p in op["parameters"])}
    assert set(params) == {"q", "delegation", "department", "type", "status", "sort", "page", "per_page"}
    for p in params.values():
        assert p["in"] == "query" and p.get("required", False) is False
    s = {name: resolve(doc, p["schema"]) for name, p in params.items()}
    assert s["q"]["type"] == "string"
    assert s["delegation"]["pattern"] == "^[A-Z]{3}$"
    assert s["department"]["type"] == "string"
    assert s["type"]["enum"] == TYPES
    assert s["status"]["enum"] == ["actif", "associe", "ancien"]
    assert s["sort"]["enum"] == ["name", "-name", "commune", "department", "joined"]
    assert (s["page"]["type"], s["page"]["minimum"], s["page"]["default"]) == ("integer", 1, 1)
    assert (s["per_page"]["type"], s["per_page"]["minimum"], s["per_page"]["maximum"], s["per_page"]["default"]) == (
        "integer", 1, 200, 50)
    body = resolve(doc, op["responses"]["200"]["content"]["application/json"]["schema"])
    assert set(body["required"]) == {"items", "total", "page", "per_page"}
    assert resolve(doc, body["properties"]["items"]["items"]) is schema(doc, "Structure")
    assert body["properties"]["total"] == {**body["properties"]["total"], "type": "integer", "minimum": 0}


def test_path_parameters(doc):
    (id_param,) = doc["paths"]["/api/v1/structures/{id}"]["get"]["parameters"]
    assert (id_param["name"], id_param["in"], id_param["required"]) == ("id", "path", True)
    assert id_param["schema"] == {"type": "string", "format": "uuid"}
    (code_param,) = doc["paths"]["/api/v1/delegations/{code}"]["get"]["parameters"]
    assert (code_param["name"], code_param["in"], code_param["required"]) == ("code", "path", True)
    assert resolve(doc, code_param["schema"])["type"] == "string"


def test_structure_schema(doc):
    s = schema(doc, "Structure")
    assert list(s["properties"]) == STRUCTURE_KEYS
    p = {k: resolve(doc, v) for k, v in s["properties"].items()}
    assert p["id"] == {**p["id"], "type": "string", "format": "uuid"}
    assert p["siret"]["pattern"] == "^[0-9]{14}$"
    assert p["types"]["type"] == "array" and resolve(doc, p["types"]["items"])["enum"] == TYPES
    for nullable in ("address", "postal_code", "delegation", "website", "joined_on", "left_on", "ges_parent_id"):
        assert p[nullable]["type"] == ["string", "null"], nullable
    for not_null in ("name", "commune", "department"):
        assert p[not_null]["type"] == "string", not_null
    assert p["status"]["enum"] == ["actif", "associe", "ancien"]
    assert p["joined_on"]["format"] == p["left_on"]["format"] == "date"
    assert p["ges_parent_id"]["format"] == "uuid"
    assert p["entity_ids"] == {**p["entity_ids"], "type": "array", "items": {"type": "string", "format": "uuid"}}


def test_structure_detail_is_structure_plus_memberships(doc):
    detail = schema(doc, "StructureDetail")
    assert list(detail["properties"]) == STRUCTURE_KEYS + ["memberships"]
    for key in STRUCTURE_KEYS:
        assert detail["properties"][key] == schema(doc, "Structure")["properties"][key], key
    memberships = detail["properties"]["memberships"]
    assert memberships["type"] == "array"
    m = resolve(doc, memberships["items"])
    assert list(m["properties"]) == MEMBERSHIP_KEYS
    mp = {k: resolve(doc, v) for k, v in m["properties"].items()}
    assert mp["status"]["enum"] == ["actif", "associe"]
    assert mp["joined_on"] == {**mp["joined_on"], "type": "string", "format": "date"}
    assert mp["left_on"]["type"] == ["string", "null"] and mp["left_on"]["format"] == "date"
    assert mp["leave_reason"]["type"] == ["string", "null"]


def test_delegation_schema(doc):
    d = schema(doc, "Delegation")
    assert list(d["properties"]) == ["code", "name", "departments", "active_members"]
    p = {k: resolve(doc, v) for k, v in d["properties"].items()}
    assert p["code"]["type"] == p["name"]["type"] == "string"
    assert p["departments"]["type"] == "array" and resolve(doc, p["departments"]["items"])["type"] == "string"
    assert p["active_members"] == {**p["active_members"], "type": "integer", "minimum": 0}
    listing = resolve(doc, doc["paths"]["/api/v1/delegations"]["get"]["responses"]["200"]["content"]["application/json"]["schema"])
    assert listing["required"] == ["items"] and resolve(doc, listing["properties"]["items"]["items"]) is d


def test_department_pattern_matches_every_insee_department(doc):
    import re

    pattern = re.compile(schema(doc, "DepartmentCode")["pattern"])
    codes = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"] + ["971", "972", "973", "974", "976"]
    assert len(codes) == 101
    assert all(pattern.search(c) for c in codes)
    for bad in ("20", "00", "96", "970", "975", "977", "1", "2a", "075", "ZZ", ""):
        assert not pattern.search(bad), bad


def test_observatory_figures_parameters(doc):
    op = doc["paths"]["/api/v1/observatoire/{year}/chiffres"]["get"]
    assert op["tags"] == ["Observatoire"]
    params = {p["name"]: p for p in (resolve(doc, p) for p in op["parameters"])}
    assert list(params) == ["year", "scope"]
    year, scope = params["year"], params["scope"]
    assert (year["in"], year["required"]) == ("path", True)
    y = resolve(doc, year["schema"])
    assert (y["type"], y["minimum"], y["maximum"]) == ("integer", 2000, 2100)
    assert (scope["in"], scope.get("required", False)) == ("query", False)
    s = resolve(doc, scope["schema"])
    assert s is schema(doc, "FiguresScope")
    assert s["type"] == "string" and s["default"] == "national"
    # `national` or a delegation code: a pattern, no enum (the codes depend on the campaign
    # year's map), written flat: schemathesis 4 cannot check dictionary entries against a
    # parameter schema holding a nested `$ref`.
    assert "enum" not in s and "$ref" not in json.dumps(s)
    assert s["pattern"] == "^(national|" + schema(doc, "DelegationCode")["pattern"][1:-1] + ")$"
    ok = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert resolve(doc, ok) is schema(doc, "FiguresDocument")


def test_figures_scope_accepts_national_and_delegation_codes_only(doc):
    from jsonschema import Draft202012Validator

    v = Draft202012Validator({**doc, "$ref": "#/components/schemas/FiguresScope"})
    for good in ("national", "PDL", "ARA", "BNO"):
        assert v.is_valid(good), good
    for bad in ("", "NATIONAL", "pdl", "PD", "PDLL", "ALL1", 2024):
        assert not v.is_valid(bad), bad


def test_figures_document_schema(doc):
    d = schema(doc, "FiguresDocument")
    assert list(d["properties"]) == FIGURES_DOCUMENT_KEYS
    assert d["additionalProperties"] is False and d["required"] == FIGURES_DOCUMENT_KEYS
    p = {k: resolve(doc, v) for k, v in d["properties"].items()}
    assert p["campaign"] is schema(doc, "CampaignYear")
    assert p["scope"] is schema(doc, "FiguresScope")
    assert p["k"] == {**p["k"], "type": "integer", "minimum": 2}
    assert p["generated_at"] == {**p["generated_at"], "type": "string", "format": "date-time"}
    assert p["figures"]["type"] == "array" and resolve(doc, p["figures"]["items"]) is schema(doc, "Figure")


def test_figure_schema(doc):
    f = schema(doc, "Figure")
    assert list(f["properties"]) == FIGURE_KEYS
    assert f["additionalProperties"] is False and f["required"] == FIGURE_KEYS  # `value` is present even when null
    p = {k: resolve(doc, v) for k, v in f["properties"].items()}
    assert p["indicator"]["type"] == "string"
    assert p["statistic"]["enum"] == STATISTICS
    type_branches = [resolve(doc, b) for b in p["type"]["anyOf"]]
    assert {"const": "ALL"} in type_branches and any(b is schema(doc, "StructureType") for b in type_branches)
    delegation_branches = [resolve(doc, b) for b in p["delegation"]["anyOf"]]
    assert {"const": "ALL"} in delegation_branches
    assert any(b is schema(doc, "DelegationCode") for b in delegation_branches)
    assert p["n"] == {**p["n"], "type": "integer", "minimum": 0}
    assert p["value"]["type"] == ["string", "null"]


def test_figure_examples_from_the_contract_validate(doc):
    """The SPEC §8 shapes: a published figure, a secret one (explicit null), the response rate."""
    from jsonschema import Draft202012Validator, FormatChecker

    figure = Draft202012Validator({**doc, "$ref": "#/components/schemas/Figure"})
    published = {"indicator": "insertion_etp", "statistic": "median", "type": "ACI", "delegation": "PDL",
                 "n": 12, "value": "8.25"}
    secret = {**published, "n": 3, "value": None}
    response = {"indicator": "response", "statistic": "rate", "type": "ALL", "delegation": "ALL",
                "n": 345, "value": "67.4"}
    for good in (published, secret, response):
        assert figure.is_valid(good), good
    for bad in ({k: v for k, v in secret.items() if k != "value"},  # null must be explicit
                {**published, "value": 8.25},  # decimals are text
                {**published, "value": "8,25"},
                {**published, "statistic": "average"},
                {**published, "type": "all"},
                {**published, "delegation": "pdl"},
                {**published, "n": -1},
                {**published, "extra": 1}):
        assert not figure.is_valid(bad), bad
    document = Draft202012Validator({**doc, "$ref": "#/components/schemas/FiguresDocument"},
                                    format_checker=FormatChecker())
    body = {"campaign": 2024, "scope": "national", "k": 5, "generated_at": "2025-03-01T10:00:00Z",
            "figures": [published, secret, response]}
    assert document.is_valid(body)
    assert not document.is_valid({**body, "scope": "pdl"})
    assert not document.is_valid({**body, "campaign": "2024"})

"""Schemathesis hooks for the Maillage API run (loaded through SCHEMATHESIS_HOOKS).

`schemathesis.toml` lets `positive_data_acceptance` accept 400 on `listStructures`
because a well-formed but unknown delegation code is refused by contract. The check
below narrows that back down: a 400 on schema-valid input is only acceptable when
the request carries a `delegation` that is not a code of the current map.
The known codes come from MAILLAGE_DELEGATION_CODES (comma-separated), which
run_schemathesis.sh reads from GET /api/v1/delegations before the run.
"""

from __future__ import annotations

import os

import schemathesis

KNOWN_DELEGATIONS = frozenset(
    code.strip() for code in os.environ.get("MAILLAGE_DELEGATION_CODES", "").split(",") if code.strip()
)


def _operation_id(case: schemathesis.Case) -> str | None:
    definition = getattr(case.operation, "definition", None)
    raw = getattr(definition, "raw", definition)
    if isinstance(raw, dict):
        return raw.get("operationId")
    return None


@schemathesis.check
def listStructures_400_only_for_unknown_delegation(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    if response.status_code != 400 or _operation_id(case) != "listStructures":
        return None
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    delegation = (case.query or {}).get("delegation")
    if isinstance(delegation, str) and delegation.strip() and delegation.strip() not in KNOWN_DELEGATIONS:
        return None
    raise AssertionError(
        "Valid query parameters were refused with 400. The contract allows 400 on valid input only "
        f"for a delegation code that does not exist (known codes: {', '.join(sorted(KNOWN_DELEGATIONS)) or 'none'}); "
        f"query was {case.query!r}"
    )

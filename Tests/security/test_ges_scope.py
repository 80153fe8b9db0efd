"""Finding 4: a regional delegate attached a structure of their delegation to another
delegation's GES (`ges_parent_siret` on the structure form). Refused, in French, nothing saved."""
from seclib import DELEGATE_CODE, is_french, new_siret, read_page


def foreign_ges(demo):
    ges = [s for s in demo.structures() if "GES" in s["types"] and s["delegation"] not in (DELEGATE_CODE, None)]
    assert ges, "the demo has no GES outside the delegate's delegation"
    return ges[0]


def form_of(client, path):
    page = read_page(client.get(path).text)
    return next(f for f in page.forms if f.method == "post" and "ges_parent_siret" in f.names())


def test_delegate_cannot_attach_to_another_delegations_ges_on_edit(server, demo, login):
    delegate = login("delegate")
    ges = foreign_ges(demo)
    target = next(s for s in demo.structures() if s["delegation"] == DELEGATE_CODE and "GES" not in s["types"]
                  and not s["ges_parent_id"] and not s.get("left_on"))
    form = form_of(delegate, f"/adherents/{target['id']}/modifier")
    data = [(k, v) for k, v in form.values() if k != "ges_parent_siret"] + [("ges_parent_siret", ges["siret"])]
    r = delegate.post(form.action, data)
    assert r.status_code == 422, f"attaching to {ges['delegation']}'s GES: {r.status_code} (expected 422)"
    message = read_page(r.text).errors.get("ges_parent_siret-error", "")
    assert is_french(message), f"no French message next to ges_parent_siret: {message!r}"
    assert demo.structure(target["id"]).get("ges_parent_id") is None, "the foreign GES was saved as parent"


def test_delegate_cannot_create_under_another_delegations_ges(server, demo, login):
    delegate = login("delegate")
    ges = foreign_ges(demo)
    form = form_of(delegate, "/adherents/nouveau")
    siret = new_siret()
    fields = {"name": "Entité hors délégation", "siret": siret, "commune": "Nantes", "department": "44",
              "postal_code": "44000", "ges_parent_siret": ges["siret"]}
    data = [(k, v) for k, v in form.values() if k not in fields and k != "types"] + list(fields.items()) + [("types", "AI")]
    r = delegate.post(form.action or "/adherents", data)
    assert r.status_code == 422, f"creating under {ges['delegation']}'s GES: {r.status_code} (expected 422)"
    assert is_french(read_page(r.text).errors.get("ges_parent_siret-error", ""))
    assert all(s["siret"] != siret for s in demo.structures(refresh=True)), "the structure was created"

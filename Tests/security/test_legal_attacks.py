"""Issue #12, « Rights » and « Checks », against the live demo server: a member cannot read another
structure's question or attachment (404, even by guessing ids), a delegate never gets the texts of
an unshared question, download URLs resist path tricks, an internal note never reaches any member
response, crafted uploads are refused in French, stale forms are refused, and every state-changing
legal and library form without its CSRF token is 403."""
import re
import uuid

import pytest

from seclib import UUID_RE, is_french, read_page

Q = re.compile(r"/juridique/questions/(" + UUID_RE + r")")
PIECE = re.compile(r"/juridique/questions/(" + UUID_RE + r")/pieces/(" + UUID_RE + r")")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def ids(client, path):
    r = client.get(path)
    assert r.status_code == 200, f"{path}: {r.status_code}"
    return list(dict.fromkeys(Q.findall(r.text)))


@pytest.fixture(scope="module")
def queue(server, signed):
    """Question ids seen by the jurist (all) and by the member (its own)."""
    jurist, member = signed("jurist"), signed("member")
    everyone = ids(jurist, "/juridique?per_page=200")
    own = ids(member, "/juridique?per_page=200")
    assert everyone and own, "the demo has questions, and the member some of its own"
    return {"all": everyone, "own": own, "other": [q for q in everyone if q not in own]}


def test_member_gets_404_for_another_structures_question_and_random_ids(signed, queue):
    member = signed("member")
    for qid in queue["other"][:15] + [str(uuid.uuid4()), "not-a-uuid"]:
        assert member.get(f"/juridique/questions/{qid}").status_code == 404, qid
    for qid in queue["own"]:
        assert member.get(f"/juridique/questions/{qid}").status_code == 200, qid


def test_attachment_ids_are_bound_to_their_question(signed, queue):
    jurist, member = signed("jurist"), signed("member")
    own_pieces, other_pieces = [], []
    for qid in queue["own"]:
        own_pieces += PIECE.findall(member.get(f"/juridique/questions/{qid}").text)
    for qid in queue["other"][:120]:
        other_pieces += PIECE.findall(jurist.get(f"/juridique/questions/{qid}").text)
        if len(other_pieces) >= 3:
            break
    assert own_pieces, "the demo member has a question with an attachment"
    q, a = own_pieces[0]
    assert member.get(f"/juridique/questions/{q}/pieces/{a}").status_code == 200
    for other_q, other_a in other_pieces:
        assert member.get(f"/juridique/questions/{other_q}/pieces/{other_a}").status_code == 404
        # Someone else's attachment id under the member's own question: still 404.
        assert member.get(f"/juridique/questions/{q}/pieces/{other_a}").status_code == 404
    assert member.get(f"/juridique/questions/{q}/pieces/{uuid.uuid4()}").status_code == 404


def test_path_tricks_in_download_urls(signed, queue):
    member = signed("member")
    q = queue["own"][0]
    for trick in ["..%2f..%2f..%2fetc%2fpasswd", "..%2F..%2Fvar%2Ffiles", "%2e%2e%2f%2e%2e%2fconfigure.swift",
                  "....//....//etc/passwd", "..\\..\\etc\\passwd"]:
        for path in [f"/juridique/questions/{q}/pieces/{trick}", f"/ressources/{trick}/telecharger",
                     f"/ressources/{uuid.uuid4()}/versions/{trick}/telecharger"]:
            r = member.get(path)
            assert r.status_code in (400, 404), f"{path}: {r.status_code}"
            assert "root:" not in r.text


def test_delegate_never_gets_texts_of_an_unshared_question(signed):
    jurist, delegate = signed("jurist"), signed("delegate")
    checked = 0
    for qid in ids(delegate, "/juridique?per_page=200")[:60]:
        jpage = jurist.get(f"/juridique/questions/{qid}").text
        m = re.search(r'id="question-text">.*?</h2>(.*?)</section>', jpage, re.S)
        d = delegate.get(f"/juridique/questions/{qid}")
        assert d.status_code == 200, f"{qid}: {d.status_code}"
        if m and 'id="question-texts-hidden"' in d.text:
            body = read_page(m.group(1)).text.strip()[:60]
            assert body and body not in d.text, f"delegate sees the text of unshared {qid}"
            assert 'id="question-thread"' not in d.text
            checked += 1
    assert checked >= 1, "no unshared question of the delegation was checked"


def test_internal_note_marker_never_in_member_responses(signed, queue):
    jurist, member = signed("jurist"), signed("member")
    marker = f"SECRET-INTERNE-{uuid.uuid4().hex[:12]}"
    q = queue["own"][0]
    page = read_page(jurist.get(f"/juridique/questions/{q}").text)
    form = next(f for f in page.forms if f.action.endswith("/note-interne"))
    data = dict(form.values())
    data["text"] = f"{marker} à ne jamais montrer"
    r = jurist.post(form.action, data, files={"attachments[]": ("", b"", "application/octet-stream")})
    assert r.status_code in (302, 303), r.status_code
    assert marker in jurist.get(f"/juridique/questions/{q}").text
    # (the member never types the marker: a search echoes its own query)
    paths = [f"/juridique/questions/{q}", "/juridique", "/juridique?format=csv", "/juridique?format=xlsx",
             "/juridique/recherche?q=jamais+montrer", "/juridique/suggestions?q=jamais+montrer", "/juridique/fiches", "/"]
    for path in paths:
        r = member.get(path)
        assert marker.encode() not in r.content, f"internal note in {path}"


def question_form(member):
    page = read_page(member.get("/juridique/questions/nouvelle").text)
    form = next(f for f in page.forms if f.attrs.get("id") == "question-form")
    data = dict(form.values(with_buttons=False))
    data.update({"category": "labour", "subject": "Essai de fichier", "body": "Un texte de question pour l'essai."})
    return form.action, data


@pytest.mark.parametrize("name,content,size", [
    ("contrat.png", PDF, None), ("outil.pdf", ELF, None), ("gros.pdf", None, 10 * 1024 * 1024 + 1),
    ("tronque.pdf", PDF[:-8], None)])
def test_crafted_uploads_are_refused_in_french(signed, name, content, size):
    member = signed("member")
    action, data = question_form(member)
    before = member.get("/juridique?per_page=200").text.count("Essai de fichier")
    if size:
        content = b"%PDF-1.4\n" + b"0" * (size - 9 - 6) + b"%%EOF\n"
    r = member.post(action, data, files={"attachments[]": (name, content, "application/pdf")})
    assert r.status_code in (413, 422), f"{name}: {r.status_code}"
    assert is_french(read_page(r.text).text)
    assert member.get("/juridique?per_page=200").text.count("Essai de fichier") == before, "a question was saved"


def test_stale_or_forged_form_version_is_refused(signed, queue):
    jurist = signed("jurist")
    q = queue["own"][0]
    page = read_page(jurist.get(f"/juridique/questions/{q}").text)
    forms = [f for f in page.forms if any(n == "version" for n, *_ in f.fields)]
    assert forms, "question forms carry a version"
    form = forms[0]
    for forged in ["0", "-1", "999999", "abc"]:
        data = dict(form.values())
        data["version"] = forged
        r = jurist.post(form.action, data)
        assert r.status_code in (409, 422), f"{form.action} version={forged}: {r.status_code}"


def test_every_state_changing_legal_and_library_form_needs_csrf(signed, queue):
    member, jurist, admin = signed("member"), signed("jurist"), signed("admin")
    q = queue["own"][0]
    rid, nid = str(uuid.uuid4()), str(uuid.uuid4())
    r = member.get("/ressources")
    m = re.search(r"/ressources/(" + UUID_RE + ")", r.text)
    rid = m.group(1) if m else rid
    m = re.search(r"/juridique/fiches/(" + UUID_RE + ")", jurist.get("/juridique/fiches").text)
    nid = m.group(1) if m else nid
    posts = [(member, "/juridique/questions/nouvelle"), (member, f"/juridique/questions/{q}/messages"),
             (member, f"/juridique/questions/{q}/rouvrir"), (member, f"/juridique/questions/{q}/partage"),
             (member, f"/juridique/questions/{q}/cloturer")]
    posts += [(jurist, f"/juridique/questions/{q}/{s}") for s in ["prendre", "attribuer", "demander", "repondre", "note-interne", "fiche"]]
    posts += [(jurist, "/juridique/fiches/nouvelle"), (jurist, f"/juridique/fiches/{nid}/modifier")]
    posts += [(jurist, f"/juridique/fiches/{nid}/{s}") for s in ["relecture", "publier", "renvoyer", "archiver"]]
    posts += [(admin, "/juridique/parametres"), (admin, "/ressources/nouvelle"), (admin, f"/ressources/{rid}/modifier"),
              (admin, f"/ressources/{rid}/versions")]
    for client, path in posts:
        r = client.post(path, {"text": "x", "version": "1"}, csrf=False)
        assert r.status_code == 403, f"POST {path} without CSRF as {client.role}: {r.status_code}"

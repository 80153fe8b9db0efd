"""Finding 12: a 1.6 MB answers file was refused (413) under a 20 MB limit — the CSRF check
collected bodies with the 1 MB form limit. Now a 1.6 MB file gets its preview; 25 MB is a
413 with a French page."""
from seclib import OPEN_YEAR, is_french, read_page


def answers_file(admin, size):
    """The campaign's own answers file (valid lines) and one more line whose SIRET cell is
    padded to make `size` bytes (a line in error: the preview says so, nothing is applied)."""
    r = admin.get(f"/observatoire/{OPEN_YEAR}/export/reponses.csv")
    assert r.status_code == 200
    body = r.content
    head, tail = f'{OPEN_YEAR};"'.encode(), b'";AI\r\n'
    return body + head + b"9" * max(0, size - len(body) - len(head) - len(tail)) + tail


def test_a_1_6_mb_answers_file_gets_its_preview(server, login):
    admin = login("admin")
    data = answers_file(admin, 1_600_000)
    assert len(data) >= 1_600_000
    admin.get(f"/observatoire/{OPEN_YEAR}/import")
    r = admin.post(f"/observatoire/{OPEN_YEAR}/import", files={"file": ("reponses.csv", data, "text/csv")})
    assert r.status_code != 413, "a 1.6 MB answers file is refused as too large"
    assert r.status_code in (200, 422), f"preview of a 1.6 MB file: {r.status_code}"
    assert "Aperçu" in read_page(r.text).text, "no preview page"


def test_a_25_mb_answers_file_is_413_in_french(server, login):
    admin = login("admin")
    data = answers_file(admin, 25_000_000)
    admin.get(f"/observatoire/{OPEN_YEAR}/import")
    r = admin.post(f"/observatoire/{OPEN_YEAR}/import", files={"file": ("reponses.csv", data, "text/csv")})
    assert r.status_code == 413, f"a 25 MB file: {r.status_code} (expected 413)"
    assert "html" in r.headers.get("Content-Type", "") and is_french(read_page(r.text).text), r.text[:300]
    assert server.alive()


def test_a_member_file_over_its_limit_is_413_and_under_it_is_read(server, login):
    admin = login("admin")
    header = b"siret;nom;types;commune;departement\r\n"
    admin.get("/import/adherents")
    # 1.2 MB: over the form limit, under the upload one (one line in error).
    r = admin.post("/import/adherents", files={"file": ("adherents.csv", header + b'"' + b"9" * 1_200_000 + b'";x;AI;Nantes;44\r\n', "text/csv")})
    assert r.status_code in (200, 422), f"a 1.2 MB member file: {r.status_code}"
    r = admin.post("/import/adherents", files={"file": ("adherents.csv", header + b"9" * 6_000_000, "text/csv")})
    assert r.status_code == 413 and is_french(read_page(r.text).text), f"a 6 MB member file: {r.status_code}"

"""Finding 7: two reset links were both usable; a password change left other sessions open.
Using one link voids the others (404 page); changing the password on /compte ends the
person's other sessions."""
import re
import uuid

from seclib import Client, is_french, read_page

NEW_PASSWORD = "nouveau-mot-de-passe-1"
NEWER_PASSWORD = "encore-un-autre-mot-2"


def links_for(admin, email):
    """Links of the outbox messages to `email`, newest first."""
    html = admin.get("/admin/courriels").text
    out = []
    for article in re.findall(r"<article.*?</article>", html, flags=re.S):
        if email in article:
            out += re.findall(r"/lien/([A-Za-z0-9_\-]+)", article)
    return out


def set_password(base, token, password):
    c = Client(base)
    r = c.get(f"/lien/{token}")
    if r.status_code != 200:
        return r
    return c.post(f"/lien/{token}", {"password": password, "confirmation": password})


def make_user(server, admin, role="jurist"):
    email = f"securite-{uuid.uuid4().hex[:8]}@example.test"
    r = admin.post("/admin/utilisateurs/nouveau", {"email": email, "display_name": "Personne de test"})
    assert r.status_code in (302, 303), f"inviting {email}: {r.status_code}"
    user_path = r.headers["Location"]
    r = admin.post(user_path + "/roles", {"role": role})
    assert r.status_code in (302, 303), f"granting {role}: {r.status_code}"
    invitation = links_for(admin, email)
    assert invitation, "no invitation in the outbox"
    r = set_password(server.url, invitation[0], NEW_PASSWORD)
    assert r.status_code in (302, 303), f"accepting the invitation: {r.status_code}"
    return email


def test_using_one_reset_link_voids_the_others(server, login):
    admin = login("admin")
    email = make_user(server, admin)
    anon = Client(server.url)
    for _ in range(2):
        r = anon.post("/mot-de-passe-oublie", {"email": email})
        assert r.status_code == 200, f"reset request: {r.status_code}"
    links = links_for(admin, email)
    assert len(links) >= 3, f"expected the invitation and two reset links, found {links}"
    newest, older = links[0], links[1]
    r = set_password(server.url, newest, NEWER_PASSWORD)
    assert r.status_code in (302, 303), f"using the newest link: {r.status_code}"
    for method in ("get", "post"):
        c = Client(server.url)
        c.get("/connexion")
        r = c.get(f"/lien/{older}") if method == "get" else c.post(f"/lien/{older}", {
            "password": "pirate-mot-de-passe", "confirmation": "pirate-mot-de-passe"})
        assert r.status_code == 404, f"{method.upper()} of the other link after one was used: {r.status_code} (expected 404)"
        assert is_french(read_page(r.text).text)
    assert Client(server.url).login(email, "pirate-mot-de-passe").status_code == 422
    assert Client(server.url).login(email, NEWER_PASSWORD).status_code in (302, 303)


def test_changing_the_password_ends_the_other_sessions(server, login):
    admin = login("admin")
    email = make_user(server, admin)
    here, elsewhere = Client(server.url), Client(server.url)
    for c in (here, elsewhere):
        assert c.login(email, NEW_PASSWORD).status_code in (302, 303)
        c.role = "jurist"
        c.csrf = ""
    assert elsewhere.signed_in()
    r = here.post("/compte/mot-de-passe", {"current": NEW_PASSWORD, "password": NEWER_PASSWORD,
                                           "confirmation": NEWER_PASSWORD})
    assert r.status_code in (302, 303), f"password change: {r.status_code}"
    assert here.signed_in(), "the session that changed the password stays open"
    r = elsewhere.get("/compte")
    assert r.status_code in (302, 303) and "/connexion" in r.headers.get("Location", ""), \
        f"the other session is still open after the password change: {r.status_code}"

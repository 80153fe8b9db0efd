"""The demo server with SMTP configured: an outbox message (a forgotten password) arrives
exactly once through STARTTLS, its link opens, the outbox page then shows it sent; a 550
recipient shows « refusé » with the server's answer and the admin's « Renvoyer » re-queues it."""
import html
import re
import time
import uuid

from seclib import Client

RESET_SUBJECT_WORD = "mot de passe"


def reset_links(message):
    return re.findall(r"https?://\S+/lien/[A-Za-z0-9_\-]+", message.get_body(("plain",)).get_content())


def wait_page(admin, path, predicate, timeout=30):
    deadline = time.time() + timeout
    while True:
        r = admin.get(path)
        if predicate(r.text):
            return r.text
        assert time.time() < deadline, f"{path}: condition not met within {timeout} s\n{r.text[:2000]}"
        time.sleep(0.3)


def test_forgot_password_arrives_once_and_the_outbox_shows_it_sent(demo_server, starttls_server):
    # setup
    email = "ca@demo.maillage.test"
    visitor = Client(demo_server.url)
    admin = Client(demo_server.url).login_as("admin")
    # MUT
    r = visitor.post("/mot-de-passe-oublie", {"email": email})
    # validate
    assert r.status_code in (200, 302, 303)
    messages = [m for m in starttls_server.wait_for(email) if RESET_SUBJECT_WORD in m["Subject"].lower()]
    time.sleep(2)  # a second delivery would show by now (the worker polls every second)
    messages = [m for m in starttls_server.to(email) if RESET_SUBJECT_WORD in m["Subject"].lower()]
    assert len(messages) == 1, f"{len(messages)} reset messages arrived"
    message = messages[0]
    assert message["Message-ID"] and message["Date"] is not None
    assert message.get_body(("html",)) is not None
    links = reset_links(message)
    assert links and links[0].startswith(demo_server.url + "/lien/")
    assert f'href="{links[0]}"' in message.get_body(("html",)).get_content()
    assert Client(demo_server.url).get(links[0]).status_code == 200
    outbox = wait_page(admin, "/admin/courriels?destinataire=" + email,
                       lambda t: "envoyé le" in t)
    assert "refusé :" not in html.unescape(outbox)
    assert "L'envoi des courriels n'est pas configuré" not in outbox
    raw = [m for m in starttls_server.messages if email in m["rcpt_tos"]]
    assert all(m["tls"] for m in raw), "every message went over STARTTLS"


def test_refused_recipient_shows_the_servers_answer_and_can_be_sent_again(demo_server, starttls_server):
    # setup: inviting a person queues a message to them
    email = f"refus-{uuid.uuid4().hex[:8]}@example.test"
    admin = Client(demo_server.url).login_as("admin")
    r = admin.post("/admin/utilisateurs/nouveau", {"email": email, "display_name": "Personne refusée"})
    assert r.status_code in (302, 303), r.status_code
    # MUT 1: the worker tries, the server answers 550
    page = wait_page(admin, "/admin/courriels?statut=refuse&destinataire=" + email, lambda t: "refusé : " in html.unescape(t))
    # validate
    text = html.unescape(page)
    assert "refusé : 550 5.1.1 Adresse refusee par le serveur de test" in text
    assert not starttls_server.to(email)
    retry = re.search(r'action="(/admin/courriels/[0-9a-fA-F-]+/renvoyer)"', page)
    assert retry, "no « Renvoyer » button on a refused message"
    # MUT 2: « Renvoyer » asks for a confirmation, then re-queues
    confirm = admin.post(retry.group(1), {})
    assert confirm.status_code == 200 and "Renvoyer ce courriel" in confirm.text
    done = admin.post(retry.group(1), {"confirm": "1"})
    assert done.status_code in (302, 303)
    flash = admin.get("/admin/courriels").text
    assert "Courriel remis dans la file d&#39;envoi." in flash or "Courriel remis dans la file d'envoi." in flash
    # validate: refused again by the server (a new attempt was made), and audited
    wait_page(admin, "/admin/courriels?statut=refuse&destinataire=" + email, lambda t: "refusé : 550" in html.unescape(t))
    journal = html.unescape(admin.get("/admin/journal").text)
    assert f"Nouvel envoi du courriel" in journal and email in journal
    # a message that is not refused cannot be re-queued
    again = admin.post(retry.group(1), {"confirm": "1"})
    assert again.status_code in (302, 303)


def test_retry_is_for_national_admins_only(demo_server):
    member = Client(demo_server.url).login_as("member")
    r = member.post(f"/admin/courriels/{uuid.uuid4()}/renvoyer", {"confirm": "1"})
    assert r.status_code in (403, 404)

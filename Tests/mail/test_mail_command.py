"""`maillage mail test --to ADDRESS` against the test SMTP servers: the message arrives once
and decodes to the right French text; a 550 fails the command with the server's answer; the
certificate is checked (no CA file → refused); smtps:// and AUTH work."""
import uuid

from conftest import maillage

SUBJECT = "Essai d'envoi de Maillage : « ça marche » ✓"


def out(r):
    """What the command printed (Vapor's console writes errors on standard output too)."""
    return r.stdout + r.stderr


def address(prefix="essai"):
    return f"{prefix}-{uuid.uuid4().hex[:8]}@exemple.fr"


def check_test_message(message, to):
    assert message["Subject"] == SUBJECT
    assert message["To"] == to
    assert message["From"].addresses[0].addr_spec == "ne-pas-repondre@localhost"
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@localhost>")
    assert message["Date"].datetime is not None
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    assert text["Content-Transfer-Encoding"] == "quoted-printable"
    body = text.get_content()
    assert "Ce courriel d'essai a été envoyé par Maillage" in body
    assert "é è à ç ô « guillemets » — 1 234,56 €." in body
    assert "1 234,56 €" in html.get_content() and "<html lang=\"fr\">" in html.get_content()


def test_message_arrives_once_through_starttls(binary, starttls_server):
    # setup
    to = address()
    # MUT
    r = maillage(binary, "mail", "test", "--to", to, env=starttls_server.env())
    # validate
    assert r.returncode == 0, out(r)
    assert f"Courriel d'essai envoyé à {to}" in out(r)
    raw = [m for m in starttls_server.messages if to in m["rcpt_tos"]]
    assert len(raw) == 1 and raw[0]["tls"], "exactly one message, over STARTTLS"
    assert all(len(line) <= 76 for line in raw[0]["data"].split(b"\r\n"))
    assert raw[0]["data"].isascii()
    check_test_message(starttls_server.to(to)[0], to)


def test_credentials_are_sent_after_starttls(binary, starttls_server):
    to = address()
    r = maillage(binary, "mail", "test", "--to", to, env=starttls_server.env(credentials=True))
    assert r.returncode == 0, out(r)
    raw = [m for m in starttls_server.messages if to in m["rcpt_tos"]]
    assert len(raw) == 1 and raw[0]["tls"] and raw[0]["auth"]


def test_wrong_password_is_refused_with_the_servers_answer(binary, starttls_server):
    to = address()
    env = dict(starttls_server.env(), MAILLAGE_SMTP_URL=starttls_server.url().replace("smtp://", "smtp://maillage:faux@"))
    r = maillage(binary, "mail", "test", "--to", to, env=env)
    assert r.returncode == 1
    assert "535" in out(r)
    assert not starttls_server.to(to)


def test_refused_recipient_fails_with_the_servers_answer(binary, starttls_server):
    # setup
    to = address("refus")
    # MUT
    r = maillage(binary, "mail", "test", "--to", to, env=starttls_server.env())
    # validate
    assert r.returncode == 1
    assert "550 5.1.1 Adresse refusee par le serveur de test" in out(r)
    assert not [m for m in starttls_server.messages if to in m["rcpt_tos"]]


def test_unknown_certificate_authority_is_refused(binary, starttls_server):
    to = address()
    env = dict(starttls_server.env(), MAILLAGE_SMTP_CA_FILE="")
    r = maillage(binary, "mail", "test", "--to", to, env=env)
    assert r.returncode == 1
    assert "TLS" in out(r), out(r)
    assert not starttls_server.to(to)


def test_implicit_tls(binary, smtps_server):
    to = address()
    r = maillage(binary, "mail", "test", "--to", to, env=smtps_server.env(credentials=True))
    assert r.returncode == 0, out(r)
    messages = smtps_server.to(to)
    assert len(messages) == 1
    check_test_message(messages[0], to)


def test_not_configured_and_bad_settings_say_so_in_french(binary):
    r = maillage(binary, "mail", "test", "--to", address(), env={"MAILLAGE_SMTP_URL": ""})
    assert r.returncode == 1 and "L'envoi des courriels n'est pas configuré" in out(r)
    r = maillage(binary, "mail", "test", "--to", address(), env={"MAILLAGE_SMTP_URL": "smtp+plain://relais.exemple.fr"})
    assert r.returncode == 1 and "MAILLAGE_SMTP_URL" in out(r) and "machine locale" in out(r)
    r = maillage(binary, "mail", "test", "--to", "pas-une-adresse", env={"MAILLAGE_SMTP_URL": "smtp+plain://127.0.0.1:9"})
    assert r.returncode == 1 and "adresse électronique invalide" in out(r)

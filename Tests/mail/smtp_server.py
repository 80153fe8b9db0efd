"""A real SMTP server for the tests (aiosmtpd) on a free loopback port, with a throwaway
certificate authority made by `openssl` in a temporary directory.

- `SMTPTestServer(mode="starttls")`: plain connection, STARTTLS required before MAIL FROM;
  `mode="smtps"`: TLS from the first byte. Both accept AUTH PLAIN/LOGIN for
  `USER`/`PASSWORD` (over TLS only) and do not require it.
- Every accepted message is kept (`messages`, raw bytes as received); a recipient whose
  address starts with `refus` is answered `550` and nothing is kept.
- `ca_file` is the PEM file to give the app as MAILLAGE_SMTP_CA_FILE; `url()` its SMTP URL.

Used by Tests/mail and by the browser suite (Tests/e2e/conftest.py).
"""
import email
import email.policy
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "maillage"
PASSWORD = "secret-de-test"
REFUSAL = "550 5.1.1 Adresse refusee par le serveur de test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificates(directory):
    """A CA and a server certificate for localhost / 127.0.0.1 signed by it; returns (ca, cert, key)."""
    ca_key, ca, key, csr, cert = (os.path.join(directory, n) for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    ext = os.path.join(directory, "server.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    run = lambda *args: subprocess.run(["openssl", *args], check=True, capture_output=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2",
        "-subj", "/CN=Maillage test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=localhost")
    run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", ext)
    return ca, cert, key


class Store:
    """aiosmtpd handler: keeps each accepted message, refuses `refus…` recipients with 550."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refus"):
            return REFUSAL
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append({
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "data": envelope.original_content,
                "tls": session.ssl is not None,
                "auth": session.authenticated,
            })
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


class SMTPTestServer:
    def __init__(self, mode="starttls", port=None):
        assert mode in ("starttls", "smtps")
        self.mode = mode
        self.dir = tempfile.mkdtemp(prefix="maillage-smtp-")
        self.ca_file, cert, key = make_certificates(self.dir)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        self.port = port or free_port()
        self.store = Store()
        common = dict(hostname="127.0.0.1", port=self.port, authenticator=authenticator,
                      auth_require_tls=True, auth_required=False)
        if mode == "starttls":
            self.controller = Controller(self.store, tls_context=context, require_starttls=True, **common)
        else:
            # aiosmtpd only counts STARTTLS as TLS for AUTH; here the whole connection is TLS.
            self.controller = Controller(self.store, ssl_context=context, **dict(common, auth_require_tls=False))

    def start(self):
        if self.mode == "smtps":
            # aiosmtpd's readiness probe wraps its socket with the server's context: probe as a client.
            self.controller._trigger_server = self._tls_probe
        self.controller.start()
        return self

    def _tls_probe(self):
        context = ssl.create_default_context(cafile=self.ca_file)
        with socket.create_connection(("127.0.0.1", self.port), 1.0) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as s:
                s.recv(1024)

    def stop(self):
        try:
            self.controller.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, credentials=False):
        scheme = "smtp" if self.mode == "starttls" else "smtps"
        auth = f"{USER}:{PASSWORD}@" if credentials else ""
        return f"{scheme}://{auth}127.0.0.1:{self.port}"

    def env(self, credentials=False):
        """What the app needs to send through this server."""
        return {"MAILLAGE_SMTP_URL": self.url(credentials), "MAILLAGE_SMTP_CA_FILE": self.ca_file}

    @property
    def messages(self):
        with self.store.lock:
            return list(self.store.messages)

    def to(self, address):
        """Messages received for `address`, each parsed (email.message.EmailMessage)."""
        return [email.message_from_bytes(m["data"], policy=email.policy.default)
                for m in self.messages if address in m["rcpt_tos"]]

    def wait_for(self, address, count=1, timeout=20):
        """The messages for `address` once at least `count` have arrived (fails after `timeout`)."""
        deadline = time.time() + timeout
        while True:
            found = self.to(address)
            if len(found) >= count:
                return found
            assert time.time() < deadline, f"{count} message(s) to {address} expected, {len(found)} arrived within {timeout} s"
            time.sleep(0.2)

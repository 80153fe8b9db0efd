"""Finding 9: an unknown e-mail was answered at once, a real account only after bcrypt: the
login form told which addresses have an account. The two must take comparable time."""
import statistics
import time
import uuid

from seclib import ACCOUNTS, Client

TRIES = 15


def test_unknown_email_takes_as_long_as_a_wrong_password(proxy_server):
    # Behind the trusted proxy each try comes from its own address, and no account gets more
    # than four failures: no throttling skews the timings (the jurist is the lock-out test's).
    accounts = [ACCOUNTS[r] for r in ("admin", "delegate", "member", "trainer", "board")]
    client = Client(proxy_server.url)
    client.get("/connexion")
    addr = iter(f"198.18.{i // 250}.{i % 250 + 1}" for i in range(1000))

    def attempt(email):
        start = time.perf_counter()
        r = client.post("/connexion", {"email": email, "password": "pas-le-bon-mot-de-passe"},
                        headers={"X-Forwarded-For": next(addr)})
        elapsed = time.perf_counter() - start
        assert r.status_code == 422, f"{email}: {r.status_code}"
        return elapsed

    attempt(f"inconnu-{uuid.uuid4().hex[:6]}@example.test")  # warm-up
    known, unknown = [], []
    for i in range(TRIES):
        known.append(attempt(accounts[i % len(accounts)]))
        unknown.append(attempt(f"inconnu-{uuid.uuid4().hex[:8]}@example.test"))
    k, u = statistics.median(known), statistics.median(unknown)
    assert u >= 0.5 * k, f"median sign-in time: unknown e-mail {u * 1000:.0f} ms, real account {k * 1000:.0f} ms"

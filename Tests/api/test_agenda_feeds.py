"""Issue #13, checks on the iCalendar feeds, against a demo server of our own: every feed parses
with the PyPI `icalendar` package; each event's UID, start, end (Europe/Paris or VALUE=DATE),
status and sequence round-trip against the event's own page and .ics; an event moved through the
edit form keeps its UID with a higher SEQUENCE; a cancelled one stays with STATUS:CANCELLED; a
second request with the ETag answers 304.

The server binary comes from MAILLAGE_BIN (default .build/debug/maillage)."""
import datetime as dt
import html
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import requests
from icalendar import Calendar

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "api"
ADMIN = ("admin@demo.maillage.test", "maillage-demo")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def base():
    if os.environ.get("MAILLAGE_BASE_URL"):
        yield os.environ["MAILLAGE_BASE_URL"].rstrip("/")
        return
    binary = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
    assert os.access(binary, os.X_OK), f"no server binary at {binary} (swift build first)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="maillage-agenda-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, DATABASE_PATH=os.path.join(tmp, "agenda.sqlite"), MAILLAGE_JOBS="off")
    env.pop("DATABASE_URL", None)
    log = open(ARTIFACTS / "agenda-server.log", "w")
    proc = subprocess.Popen([binary, "demo", "--hostname", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 180
        while True:
            try:
                if requests.get(url + "/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert proc.poll() is None, "the server stopped; see test-artifacts/api/agenda-server.log"
            assert time.time() < deadline, "the server did not answer /health in time"
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


def csrf(text):
    m = re.search(r'name="_csrf" value="([^"]+)"', text)
    assert m, "no CSRF field on the page"
    return m.group(1)


@pytest.fixture(scope="module")
def admin(base):
    s = requests.Session()
    page = s.get(base + "/connexion")
    r = s.post(base + "/connexion", data={"email": ADMIN[0], "password": ADMIN[1], "_csrf": csrf(page.text)}, allow_redirects=False)
    assert r.status_code == 303, r.status_code
    return s


def parse(body):
    cal = Calendar.from_ical(body)
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def feed_urls(base, session):
    page = session.get(base + "/agenda/abonnements").text
    urls = sorted(set(html.unescape(u) for u in re.findall(r"<code[^>]*>(https?://[^<]+\.ics[^<]*)</code>", page)))
    assert any("/flux/reseau.ics" in u for u in urls) and any("/flux/personnel/" in u for u in urls)
    return urls


def when_text(event):
    """The event page's French date sentence (AgendaDates.span) from the parsed VEVENT."""
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    def long(d):
        return f"{DAYS[d.weekday()]} {'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"
    def hm(t):
        return f"{t.hour}{NNBSP}h" + ("" if t.minute == 0 else f"{NNBSP}{t.minute:02d}")
    if not isinstance(start, dt.datetime):
        last = end - dt.timedelta(days=1)
        return long(start) + " (toute la journée)" if last == start else f"du {long(start)} au {long(last)}"
    if start.date() == end.date():
        return f"{long(start)}, {hm(start)} – {hm(end)}"
    return f"du {long(start)}, {hm(start)} au {long(end)}, {hm(end)}"


def check_times(event):
    for key in ("DTSTART", "DTEND"):
        prop = event[key]
        value = event.decoded(key)
        if isinstance(value, dt.datetime):
            assert prop.params.get("TZID") == "Europe/Paris", (event["UID"], key, prop.params)
            assert value.tzinfo is not None and value.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))
        else:
            assert isinstance(value, dt.date) and prop.params.get("VALUE") == "DATE", (event["UID"], key)
    assert event.decoded("DTEND") > event.decoded("DTSTART")


def test_every_feed_parses(base, admin):
    urls = feed_urls(base, admin)
    assert len(urls) > 20
    for url in urls:
        r = requests.get(url.replace("webcal://", "http://"), timeout=30)
        assert r.status_code == 200, url
        assert r.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert r.headers.get("ETag", "").startswith('"agenda-')
        assert b"\n" not in r.content.replace(b"\r\n", b""), "bare LF in " + url
        assert all(len(line) <= 75 for line in r.content.split(b"\r\n")), "a line over 75 octets in " + url
        cal, events = parse(r.content)
        assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
        for e in events.values():
            check_times(e)
            assert "DTSTAMP" in e and "SEQUENCE" in e and str(e["STATUS"]) in ("CONFIRMED", "CANCELLED")
        if "/personnel/" in url and "public=" not in url:
            assert any("@maillage.agenda" in uid for uid in events)


def test_events_round_trip_against_their_pages(base, admin):
    _, events = parse(admin.get(base + "/agenda/flux/reseau.ics").content)
    agenda = [e for uid, e in events.items() if uid.startswith("event-")]
    assert len(agenda) > 30
    statuses = {str(e["STATUS"]) for e in agenda}
    assert statuses == {"CONFIRMED", "CANCELLED"}, "the demo has cancelled public events"
    for e in agenda[:: max(1, len(agenda) // 25)]:
        path = str(e["URL"]).split("://", 1)[1].split("/", 1)[1]
        page = admin.get(f"{base}/{path}")
        assert page.status_code == 200
        assert html.escape(when_text(e), quote=True) in page.text or when_text(e) in html.unescape(page.text), (path, when_text(e))
        assert ('id="event-cancelled"' in page.text) == (str(e["STATUS"]) == "CANCELLED")
        one = admin.get(f"{base}/{path}/evenement.ics")
        assert one.status_code == 200 and one.headers["Content-Disposition"].startswith("attachment")
        _, single = parse(one.content)
        mine = single[str(e["UID"])]
        for key in ("DTSTART", "DTEND"):
            assert mine.decoded(key) == e.decoded(key)
        assert int(mine["SEQUENCE"]) == int(e["SEQUENCE"]) and str(mine["STATUS"]) == str(e["STATUS"])


def form_values(text):
    values = {}
    for m in re.finditer(r"<input ([^>]*)>", text):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', m.group(1)))
        name = attrs.get("name")
        if not name:
            continue
        if attrs.get("type") == "checkbox":
            if " checked" in m.group(1):
                values[name] = attrs.get("value", "1")
            continue
        values[name] = html.unescape(attrs.get("value", ""))
    for m in re.finditer(r'<select id="(\w+)" name="\w+"[^>]*>(.*?)</select>', text, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', m.group(2))
        values[m.group(1)] = html.unescape(chosen.group(1)) if chosen else ""
    for m in re.finditer(r'<textarea id="(\w+)" name="\w+"[^>]*>(.*?)</textarea>', text, re.S):
        values[m.group(1)] = html.unescape(m.group(2))
    return values


def test_moved_event_keeps_uid_with_higher_sequence_and_cancelled_stays(base, admin):
    first = admin.get(base + "/agenda/flux/reseau.ics")
    etag = first.headers["ETag"]
    again = admin.get(base + "/agenda/flux/reseau.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    _, events = parse(first.content)
    today = dt.date.today()
    coming = [e for uid, e in events.items() if uid.startswith("event-") and str(e["STATUS"]) == "CONFIRMED"
              and isinstance(e.decoded("DTSTART"), dt.datetime) and e.decoded("DTSTART").date() > today + dt.timedelta(days=10)]
    assert len(coming) >= 2
    moved, cancelled = coming[0], coming[1]
    path = "/" + str(moved["URL"]).split("://", 1)[1].split("/", 1)[1]
    form = admin.get(base + path + "/modifier")
    assert form.status_code == 200
    values = form_values(form.text)
    new_day = moved.decoded("DTSTART").date() + dt.timedelta(days=1)
    values["event_day"] = new_day.strftime("%d/%m/%Y")
    saved = admin.post(base + path + "/modifier", data=values, allow_redirects=False)
    assert saved.status_code == 303, saved.text[:2000]

    cpath = "/" + str(cancelled["URL"]).split("://", 1)[1].split("/", 1)[1]
    confirm = admin.get(base + cpath + "/annuler")
    action = html.unescape(re.search(r'<form method="post" action="([^"]+)" id="confirm-form"', confirm.text).group(1))
    done = admin.post(base + action, data={"_csrf": csrf(confirm.text), "confirm": "1"}, allow_redirects=False)
    assert done.status_code == 303

    after = admin.get(base + "/agenda/flux/reseau.ics", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["ETag"] != etag
    _, now = parse(after.content)
    m = now[str(moved["UID"])]
    assert int(m["SEQUENCE"]) > int(moved["SEQUENCE"])
    assert m.decoded("DTSTART").date() == new_day
    assert m.decoded("DTSTART").time() == moved.decoded("DTSTART").time()
    c = now[str(cancelled["UID"])]
    assert str(c["STATUS"]) == "CANCELLED" and int(c["SEQUENCE"]) > int(cancelled["SEQUENCE"])

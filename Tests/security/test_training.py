"""Issue #13 (formations): attacks on the training pages of the live demo server.

Other ids (a member on another structure's registrations, a forged structure in the
registration form, another structure's intra session, a plain trainer on sessions they do not
run, forged ids in the attendance form), 20 parallel registrations for the last seat, one-time
satisfaction tokens, and leaks (trainee names in the figures files, other structures' trainees
on session pages and in the member's lists). Crafted values: test_training_inputs.py; shared
helpers and the `tw` fixture: training_lib.py."""
from __future__ import annotations

import datetime
import io
import re
import threading
import uuid as uuidlib

import pytest

from seclib import Client, random_id, strip_volatile
from training_lib import (U, confirm_session, csv_rows, make_session, open_session, post_form, refused_in_french,  # noqa: F401
                          registration_values, tw, uuids)


# ------------------------------------------------------------------------------ other ids


def test_member_cannot_read_or_cancel_another_structures_registration(tw):
    """Attack: the member opens and cancels another structure's registration by id (page,
    convocation, certificate, its PDF, the cancel page and its POST) → 404 everywhere, and the
    registration is still live for the training admin."""
    problems = []
    for rid in tw.others[:3] + [str(uuidlib.uuid4())]:
        before = tw.trainer.get(f"/formations/inscriptions/{rid}")
        for suffix in ("", "/convocation", "/attestation", "/attestation.pdf", "/annuler"):
            r = tw.member.get(f"/formations/inscriptions/{rid}{suffix}")
            if r.status_code != 404:
                problems.append(f"member GET /formations/inscriptions/{rid}{suffix}: {r.status_code}")
        r = tw.member.post(f"/formations/inscriptions/{rid}/annuler", {"confirm": "1"})
        if r.status_code != 404:
            problems.append(f"member POST /formations/inscriptions/{rid}/annuler: {r.status_code}")
        if before.status_code == 200:
            after = tw.trainer.get(f"/formations/inscriptions/{rid}")
            if strip_volatile(after.text).count("Annulée") != strip_volatile(before.text).count("Annulée"):
                problems.append(f"the member's POST changed registration {rid}")
    assert not problems, "\n".join(problems)


def test_forged_structure_id_in_the_registration_form_is_refused(tw):
    """Attack: the member posts the registration form with the id of a structure it does not
    manage (and with a random id) → refused (403/404/422), nobody registered."""
    sid, form = open_session(tw)
    problems = []
    for structure in (tw.foreign_structure, str(uuidlib.uuid4()), "pas-un-uuid", "\x00"):
        marker = "Forge" + random_id()[:8]
        r = tw.member.post(f"/formations/sessions/{sid}/inscription",
                           registration_values(form, structure, "Intrus", marker, f"{marker.lower()}@exemple.org"))
        if r.status_code >= 500 or r.status_code not in (403, 404, 422):
            problems.append(f"structure={structure!r}: {r.status_code} {r.headers.get('Location', '')}")
        if any(marker in row.get("Stagiaire", "") for row in csv_rows(tw.trainer, "/formations/inscriptions?format=csv")):
            problems.append(f"structure={structure!r}: the trainee {marker} was registered")
    assert not problems, "\n".join(problems)


def test_member_cannot_reach_another_structures_intra_session(tw):
    """Attack: the member opens (and registers staff to) an intra session of another
    structure by id → 404 on the page, the registration form and its POST."""
    problems, tried = [], 0
    for sid in tw.sessions:
        admin_page = tw.trainer.get(f"/formations/sessions/{sid}").text
        meta = re.search(r'class="course-meta">(.*?)</p>', admin_page, re.S)
        if not meta or "intra" not in meta.group(1).lower() or any(n in meta.group(1) for n in tw.member_names):
            continue
        tried += 1
        for path in (f"/formations/sessions/{sid}", f"/formations/sessions/{sid}/inscription"):
            r = tw.member.get(path)
            if r.status_code != 404:
                problems.append(f"member GET {path} (another structure's intra session): {r.status_code}")
        r = tw.member.post(f"/formations/sessions/{sid}/inscription",
                           {"structure": next(iter(tw.member_structures)), "trainee_1_first_name": "Intra",
                            "trainee_1_last_name": "Forcé", "trainee_1_email": "intra.force@exemple.org"})
        if r.status_code != 404:
            problems.append(f"member POST registration to another structure's intra session {sid}: {r.status_code}")
        if tried >= 3:
            break
    assert tried, "no intra session of another structure in the demo"
    assert not problems, "\n".join(problems)


def test_member_session_pages_never_list_other_structures_trainees(tw):
    """Leak: the member opens the pages of the sessions it has staff in and of the public
    catalogue's sessions; no other structure's trainee (name or e-mail) is ever shown."""
    sids = set()
    for rid in sorted(tw.mine):
        sids |= set(uuids(tw.member.get(f"/formations/inscriptions/{rid}").text, "/formations/sessions/"))
    sids |= set(uuids(Client(tw.base).get("/formations").text, "/formations/sessions/")[:10])
    problems = []
    for sid in sorted(sids):
        r = tw.member.get(f"/formations/sessions/{sid}")
        if r.status_code != 200:
            continue
        low = r.text.lower()
        leaked = sorted(m for m in tw.foreign_mails if m in low) + sorted(n for n in tw.foreign_names if n in r.text)
        if leaked:
            problems.append(f"/formations/sessions/{sid} shows other structures' trainees: {leaked[:4]}")
    assert sids and not problems, "\n".join(problems)


def test_member_registrations_list_csv_and_xlsx_hold_only_its_own(tw):
    """Leak: the member's registrations list, its CSV and its XLSX hold only its structures'
    trainees (filters forged with another structure's id or a 20-digit page change nothing)."""
    import openpyxl
    problems = []
    for q in ("", "&structure=" + tw.foreign_structure, "&page=99999999999999999999", "&q=%25", "&statut=%00"):
        r = tw.member.get(f"/formations/inscriptions?per_page=200{q}")
        if r.status_code >= 500:
            problems.append(f"list{q}: {r.status_code}")
            continue
        ids = set(uuids(r.text, "/formations/inscriptions/"))
        if ids - tw.mine:
            problems.append(f"list{q} links other registrations: {sorted(ids - tw.mine)[:3]}")
        if [m for m in tw.foreign_mails if m in r.text.lower()]:
            problems.append(f"list{q} shows another structure's trainee e-mail")
    rows = csv_rows(tw.member, "/formations/inscriptions?format=csv")
    foreign = [r for r in rows if r.get("Structure") not in tw.member_names]
    if foreign:
        problems.append(f"the member's CSV holds other structures' rows: {[r.get('Structure') for r in foreign[:3]]}")
    r = tw.member.get("/formations/inscriptions?format=xlsx")
    assert r.status_code == 200, f"XLSX: {r.status_code}"
    wb = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True)
    cells = " ".join(str(v).lower() for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    leaked = [m for m in tw.foreign_mails if m in cells]
    if leaked:
        problems.append(f"the member's XLSX holds other structures' e-mails: {leaked[:3]}")
    assert not problems, "\n".join(problems)


def test_plain_trainer_cannot_edit_mark_or_finish_a_session_they_do_not_run(tw):
    """Attack: the plain trainer (formateur@) edits, marks attendance, prints the sheet and
    takes the steps of a session someone else runs → 403, session unchanged."""
    foreign = [s for s in tw.sessions if s not in tw.runs][:2]
    assert foreign, "every session is run by the plain trainer"
    problems = []
    for sid in foreign:
        before = re.sub(r"\s+", " ", strip_volatile(tw.trainer.get(f"/formations/sessions/{sid}").text))
        for suffix in ("/modifier", "/emargement", "/feuille-emargement", "/etapes/terminer", "/etapes/annuler"):
            r = tw.instructor.get(f"/formations/sessions/{sid}{suffix}")
            if r.status_code != 403:
                problems.append(f"instructor GET /formations/sessions/{sid}{suffix}: {r.status_code}")
        for suffix, data in (("/modifier", {"session_capacity": "1", "version": "1"}), ("/emargement", {"confirm": "1"}),
                             ("/etapes/terminer", {"confirm": "1"}), ("/etapes/annuler", {"confirm": "1", "reason": "pirate"}),
                             ("/etapes/confirmer", {"confirm": "1"})):
            r = tw.instructor.post(f"/formations/sessions/{sid}{suffix}", data)
            if r.status_code != 403:
                problems.append(f"instructor POST /formations/sessions/{sid}{suffix}: {r.status_code}")
        after = re.sub(r"\s+", " ", strip_volatile(tw.trainer.get(f"/formations/sessions/{sid}").text))
        if after != before:
            problems.append(f"session {sid} changed after the instructor's POSTs")
    assert not problems, "\n".join(problems)


def test_forged_registration_and_half_day_ids_in_the_attendance_post(tw):
    """Attack: the trainer of a session posts its attendance form with a registration of
    another session, a random half-day and a malformed id → 422, nothing saved."""
    problems, done = [], False
    for sid in [s for s in tw.sessions if s in tw.runs]:
        r = tw.instructor.get(f"/formations/sessions/{sid}/emargement")
        form = post_form(r.text, f"/formations/sessions/{sid}/emargement") if r.status_code == 200 else None
        if form is None or not any(f[1] == "checkbox" for f in form.fields):
            continue
        done = True
        box = next(f[0] for f in form.fields if f[1] == "checkbox")
        ids = re.findall(U, box)
        assert ids, f"the attendance checkbox name holds no id: {box}"
        other_reg = next(x for x in tw.all_regs if x not in box.lower())
        before = re.sub(r"\s+", " ", strip_volatile(r.text))
        forged = [box.replace(ids[0], other_reg), box.replace(ids[-1], str(uuidlib.uuid4())),
                  box.replace(ids[0], "pas-un-uuid"), box.replace(ids[0], "\x00")]
        for name in forged:
            values = [kv for kv in form.values() if kv[0] != box] + [(name, "1")]
            resp = tw.instructor.post(f"/formations/sessions/{sid}/emargement", values)
            if resp.status_code != 422:
                problems.append(f"attendance POST with forged field {name!r}: {resp.status_code}, expected 422")
        after = re.sub(r"\s+", " ", strip_volatile(tw.instructor.get(f"/formations/sessions/{sid}/emargement").text))
        if after != before:
            problems.append(f"the forged attendance POSTs changed session {sid}'s attendance")
        break
    assert done, "no session run by the plain trainer with an attendance form"
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- concurrency


@pytest.mark.late
def test_twenty_parallel_registrations_for_the_last_seat_confirm_exactly_one(tw, server):
    """Race: 20 member sessions (each its own CSRF token) register one person each at the same
    moment to a session with one seat → exactly one confirmed, the others waiting, no 500."""
    sid = make_session(tw, 1)
    confirm_session(tw, sid)
    marker = "Course" + random_id()[:6]
    clients, forms = [], []
    for _ in range(20):
        cl = Client(server.url).login_as("member")
        r = cl.get(f"/formations/sessions/{sid}/inscription")
        form = post_form(r.text, f"/formations/sessions/{sid}/inscription")
        assert form is not None, f"no registration form on the new session ({r.status_code})"
        clients.append(cl)
        forms.append(form)
    barrier, results = threading.Barrier(20), [None] * 20

    def go(i):
        values = registration_values(forms[i], None, "Place", f"{marker}{i:02d}", f"{marker.lower()}{i}@exemple.org")
        barrier.wait()
        results[i] = clients[i].post(f"/formations/sessions/{sid}/inscription", values).status_code

    threads = [threading.Thread(target=go, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(s is not None and s < 500 for s in results), f"statuses: {results}"
    rows = [r for r in csv_rows(tw.trainer, "/formations/inscriptions?format=csv") if marker in r.get("Stagiaire", "")]
    confirmed = [r for r in rows if r.get("Statut") == "Inscrit·e"]
    assert len(rows) == 20, f"{len(rows)} of the 20 registrations were saved (statuses {results})"
    assert len(confirmed) == 1, f"{len(confirmed)} confirmed on the last seat: {[r['Stagiaire'] for r in confirmed]}"


# ----------------------------------------------------------------------- satisfaction tokens


def finish_a_past_session(c) -> str | None:
    """Finishes a session the plain trainer runs whose last day is past (else the training
    admin reopens a done one and finishes it again) until a trainee present and not rated yet
    gets a one-time survey link in the outbox."""
    avis = re.compile(r"/formations/avis/([A-Za-z0-9_-]{16,})")
    known = set(avis.findall(c.admin.get("/admin/courriels?per_page=200").text))

    def new_links() -> bool:
        return bool(set(avis.findall(c.admin.get("/admin/courriels?per_page=200").text)) - known)

    def step(client, sid, name) -> bool:
        page = client.get(f"/formations/sessions/{sid}/etapes/{name}")
        form = post_form(page.text, f"/formations/sessions/{sid}/etapes/{name}") if page.status_code == 200 else None
        return form is not None and client.post(f"/formations/sessions/{sid}/etapes/{name}", form.values()).status_code in (302, 303)

    for sid in sorted(c.runs):
        if step(c.instructor, sid, "terminer") and new_links():
            return sid
    for sid in sorted(c.runs)[:30]:
        if step(c.trainer, sid, "rouvrir") and step(c.trainer, sid, "terminer") and new_links():
            return sid
    return None


def survey_links(c) -> list[str]:
    """One-time survey links found in the outbox's message bodies (after finishing a past
    session run by the plain trainer), or nothing when the outbox shows none."""
    if "/formations/avis/" not in c.admin.get("/admin/courriels?per_page=200").text:
        finish_a_past_session(c)
    html = c.admin.get("/admin/courriels?per_page=200").text
    links = re.findall(r"/formations/avis/([A-Za-z0-9_-]{16,})", html)
    for mid in uuids(html, "/admin/courriels/")[:50]:
        links += re.findall(r"/formations/avis/([A-Za-z0-9_-]{16,})", c.admin.get(f"/admin/courriels/{mid}").text)
    return list(dict.fromkeys(links))


def test_satisfaction_token_is_one_time_and_not_leaked(tw):
    """Attack: replay a used satisfaction token (GET and POST) → 404/409, never a second
    rating; crafted answers (0, 6, 20 digits, NaN, NUL, 10,000 characters) → French 422 that
    does not spend the token; an unknown or mangled token → 404; the survey page sets a
    same-origin (or stricter) Referrer-Policy so the token does not leave in a Referer."""
    problems = []
    for token in ("inconnu", "A" * 43, "%00", "9" * 20, "..%2F..%2Fetc%2Fpasswd"):
        for method in ("get", "post"):
            r = getattr(tw.member, method)(f"/formations/avis/{token}", **({} if method == "get" else {"data": {"q1": "5"}}))
            if r.status_code != 404:
                problems.append(f"{method.upper()} /formations/avis/{token}: {r.status_code}")
    links = survey_links(tw)
    if not links:
        assert not problems, "\n".join(problems)
        pytest.skip("no satisfaction link readable in the outbox: the replay of a used token is not checked")
    visitor = Client(tw.base)
    fresh = [t for t in links if visitor.get(f"/formations/avis/{t}").status_code == 200]
    if not fresh:
        finish_a_past_session(tw)
        fresh = [t for t in survey_links(tw) if visitor.get(f"/formations/avis/{t}").status_code == 200]
    assert fresh, "every survey link of the outbox is spent"
    token = fresh[0]
    r = visitor.get(f"/formations/avis/{token}")
    assert r.status_code == 200, f"a fresh survey link: {r.status_code}"
    policy = r.headers.get("Referrer-Policy", "") + " ".join(re.findall(r'<meta name="referrer" content="([^"]+)"', r.text))
    if not any(p in policy for p in ("no-referrer", "same-origin", "strict-origin")):
        problems.append(f"the survey page's Referrer-Policy is {policy!r}")
    form = post_form(r.text, f"/formations/avis/{token}")
    answers = {f[0]: "5" for f in form.fields if f[0].startswith("q")}
    answers["survey_comment"] = "Très bien."
    # Crafted answers first: each refused in French, and the token is not spent by a refusal.
    for key, value in [(k, v) for k in sorted(k for k in answers if k != "survey_comment")[:1] for v in ("0", "6", "99999999999999999999", "-1", "NaN", "4\x00", "")] + \
            [("survey_comment", "é" * 10_000), ("survey_comment", "Bien\x00piégé")]:
        crafted = dict(answers, **{key: value})
        resp = visitor.post(f"/formations/avis/{token}", crafted)
        problem = refused_in_french(resp, f"survey {key}={value[:20]!r}")
        if problem:
            problems.append(problem)
        if resp.status_code < 400:
            break  # accepted: the token is spent; the replay is checked on it
    else:
        first = visitor.post(f"/formations/avis/{token}", answers)
        if first.status_code not in (200, 302, 303):
            problems.append(f"the first rating: {first.status_code}")
    for method in ("get", "post"):
        again = getattr(visitor, method)(f"/formations/avis/{token}", **({} if method == "get" else {"data": answers}))
        if again.status_code not in (404, 409, 410):
            problems.append(f"replayed token {method.upper()}: {again.status_code}")
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------------- leaks


def test_figures_page_and_files_hold_no_trainee_name_or_email(tw):
    """Leak: the figures page and its four files (chiffres.csv/xlsx, bilan.csv/xlsx) for every
    year hold no trainee name or e-mail (aggregates only)."""
    import openpyxl
    page = tw.trainer.get("/formations/chiffres")
    assert page.status_code == 200
    years = sorted(set(re.findall(r"/formations/chiffres/(\d{4})/", page.text))) or [str(datetime.date.today().year)]
    problems = []
    for year in years:
        html = tw.trainer.get(f"/formations/chiffres?annee={year}").text
        docs = {f"page {year}": html}
        for f in ("chiffres.csv", "chiffres.xlsx", "bilan.csv", "bilan.xlsx"):
            r = tw.trainer.get(f"/formations/chiffres/{year}/{f}")
            if r.status_code != 200:
                problems.append(f"/formations/chiffres/{year}/{f}: {r.status_code}")
                continue
            if f.endswith(".xlsx"):
                wb = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True)
                docs[f"{year}/{f}"] = " ".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                                               for v in row if v is not None)
            else:
                docs[f"{year}/{f}"] = r.content.decode("utf-8", "replace")
        for where, text in docs.items():
            low = text.lower()
            leaked = [m for m in tw.all_mails if m in low] + [n for n in tw.all_names if n in text]
            if leaked:
                problems.append(f"{where} names trainees: {leaked[:3]}")
    assert not problems, "\n".join(problems)


def test_outbox_messages_to_the_member_carry_no_other_structures_trainees(tw):
    """Leak: every training message the outbox holds for the member manager (confirmations,
    waiting lists, cancellations) names no other structure's trainee (name or e-mail)."""
    html = tw.admin.get("/admin/courriels?per_page=200").text
    messages = re.findall(r'<article class="message-text" aria-label="Courriel à ([^"]*?) : [^"]*">(.*?)</article>', html, re.S)
    mine = [body for to, body in messages if to.lower() == "adherent@demo.maillage.test"]
    if not mine:
        pytest.skip("no message to the member manager in the outbox")
    problems = []
    for body in mine:
        low = body.lower()
        leaked = [m for m in tw.foreign_mails if m in low] + [n for n in tw.foreign_names if n in body]
        if leaked:
            problems.append(f"a message to the member names other structures' trainees: {leaked[:3]}")
    assert not problems, "\n".join(problems[:5])


def test_visitor_catalogue_never_shows_members_only_courses(tw, server):
    """Leak: members-only courses (seen as such by the training admin) are neither linked nor
    named in the visitor's catalogue, and their page sends a visitor to sign in."""
    visitor = Client(server.url)
    public = visitor.get("/formations?per_page=500").text
    full = tw.trainer.get("/formations?per_page=500").text
    members_only = []
    for cid in uuids(full, "/formations/cours/")[:80]:
        if "Réservé aux adhérents" in tw.trainer.get(f"/formations/cours/{cid}").text:
            members_only.append(cid)
    assert members_only, "the demo has no members-only course"
    problems = [f"members-only course {cid} linked in the public catalogue" for cid in members_only if cid in public.lower()]
    for cid in members_only:
        r = visitor.get(f"/formations/cours/{cid}")
        if r.status_code == 200:
            problems.append(f"visitor GET /formations/cours/{cid} (members only): 200")
    assert not problems, "\n".join(problems)

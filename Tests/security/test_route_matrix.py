"""Role × route sweep against the live server. Every route of Sources/Maillage/routes.swift has
a line in ROUTES below with the rule it must carry: a new route without a line, or a route
whose rule changed, fails `test_every_route_has_a_line`. Each route is then requested as a
visitor and as each role: signed-in routes send visitors to /connexion, forbidden ones are
403 (or 404 for records out of sight), never a 500. POSTs go without a CSRF token, so nothing
changes: a role the policy lets through meets the CSRF check (403 « formulaire expiré »), a
role it stops gets the plain 403."""
import os
import pathlib
import datetime
import re
import subprocess

import pytest
import requests

from seclib import (OPEN_YEAR, ROLES, Client, api_token, random_id, read_page, release_numbers)

ROOT = pathlib.Path(__file__).resolve().parents[2]

ROUTES = """
GET  /health                                                        everyone
GET  /ready                                                         everyone
GET  /metrics                                                       monitoring
GET  /annuaire                                                      everyone
GET  /connexion                                                     everyone
POST /connexion                                                     everyone
GET  /mot-de-passe-oublie                                           everyone
POST /mot-de-passe-oublie                                           everyone
GET  /lien/:token                                                   everyone
POST /lien/:token                                                   everyone
GET  /                                                              signedIn
POST /deconnexion                                                   signedIn
POST /deconnexion-partout                                           signedIn
GET  /compte                                                        signedIn
POST /compte/mot-de-passe                                           signedIn
POST /compte/jetons                                                 signedIn
POST /compte/jetons/:tokenID/revoquer                               signedIn
GET  /adherents                                                     holdsRole
GET  /adherents/nouveau                                             supervise
POST /adherents                                                     supervise
GET  /adherents/:structureID                                        seeStructure
GET  /adherents/:structureID/modifier                               supervise
POST /adherents/:structureID/modifier                               supervise
GET  /adherents/:structureID/adhesions/nouvelle                     supervise
POST /adherents/:structureID/adhesions/nouvelle                     supervise
GET  /adherents/:structureID/adhesions/:membershipID/modifier       supervise
POST /adherents/:structureID/adhesions/:membershipID/modifier       supervise
GET  /adherents/:structureID/adhesions/:membershipID/cloturer       supervise
POST /adherents/:structureID/adhesions/:membershipID/cloturer       supervise
GET  /delegations                                                   holdsRole
GET  /export/adherents.csv                                          supervise
GET  /export/adherents.xlsx                                         supervise
POST /export/adherents.csv                                          supervise
POST /export/adherents.xlsx                                         supervise
GET  /exports                                                       ownExports
GET  /exports/:exportID                                             ownExports
GET  /exports/:exportID/fichier                                     ownExports
GET  /import/adherents                                              administer
POST /import/adherents                                              administer
POST /import/adherents/:batchID/appliquer                           administer
GET  /import/adherents/modele.csv                                   administer
GET  /import/adherents/modele.xlsx                                  administer
GET  /admin/utilisateurs                                            administer
GET  /admin/utilisateurs/nouveau                                    administer
POST /admin/utilisateurs/nouveau                                    administer
GET  /admin/utilisateurs/:userID                                    administer
POST /admin/utilisateurs/:userID/roles                              administer
POST /admin/utilisateurs/:userID/roles/:grantID/supprimer           administer
POST /admin/utilisateurs/:userID/statut                             administer
GET  /admin/journal                                                 administer
GET  /admin/courriels                                               administer
POST /admin/courriels/:messageID/renvoyer                           administer
GET  /observatoire                                                  holdsRole
GET  /observatoire/campagnes/nouvelle                               administer
POST /observatoire/campagnes                                        administer
GET  /observatoire/:year                                            supervise
POST /observatoire/:year/parametres                                 administer
GET  /observatoire/:year/cloturer                                   administer
POST /observatoire/:year/cloturer                                   administer
GET  /observatoire/:year/rouvrir                                    administer
POST /observatoire/:year/rouvrir                                    administer
GET  /observatoire/:year/relances                                   supervise
POST /observatoire/:year/relances                                   supervise
GET  /observatoire/:year/validation                                 supervise
GET  /observatoire/:year/reponses/:structureID/:type                answerSurvey
POST /observatoire/:year/reponses/:structureID/:type                answerSurvey
POST /observatoire/:year/reponses/:structureID/:type/valider        supervise
POST /observatoire/:year/reponses/:structureID/:type/renvoyer       supervise
POST /observatoire/:year/reponses/:structureID/:type/rouvrir        administer
GET  /observatoire/:year/import                                     administer
POST /observatoire/:year/import                                     administer
POST /observatoire/:year/import/:batchID/appliquer                  administer
GET  /observatoire/:year/import/modele.csv                          administer
GET  /observatoire/:year/import/modele.xlsx                         administer
GET  /observatoire/:year/export/:file                               supervise
POST /observatoire/:year/export/:file                               supervise
GET  /observatoire/:year/rapport                                    holdsRole
GET  /observatoire/:year/rapport/:code                              holdsRole
GET  /observatoire/:year/portrait/:type                             holdsRole
GET  /observatoire/:year/tableaux/:scope/:file                      holdsRole
GET  /observatoire/:year/chiffres.json                              holdsRole
GET  /observatoire/:year/rapport.pdf                                holdsRole
GET  /observatoire/:year/rapport/:code/rapport.pdf                  holdsRole
GET  /observatoire/:year/positionnement/:structureID                answerSurvey
GET  /observatoire/:year/publications                               holdsRole
GET  /observatoire/:year/publications/nouvelle                      administer
POST /observatoire/:year/publications                               administer
GET  /observatoire/:year/publications/:number/chiffres.json         holdsRole
GET  /api/openapi.json                                              everyone
GET  /theme.css                                                     everyone
GET  /aide                                                          signedIn
GET  /aide/:section                                                 signedIn
GET  /api/v1/structures                                             holdsRole
GET  /api/v1/structures/:structureID                                seeStructure
GET  /api/v1/delegations                                            holdsRole
GET  /api/v1/delegations/:code                                      holdsRole
GET  /api/v1/observatoire/:year/chiffres                            holdsRole
GET  /cotisations                                                    followDues
GET  /cotisations/parametres                                        administer
POST /cotisations/parametres                                        administer
GET  /cotisations/baremes                                           administer
GET  /cotisations/baremes/nouveau                                   administer
POST /cotisations/baremes                                           administer
GET  /cotisations/baremes/:gridID                                   administer
GET  /cotisations/baremes/:gridID/modifier                          administer
POST /cotisations/baremes/:gridID/modifier                          administer
GET  /cotisations/:year/assiettes                                   supervise
GET  /cotisations/:year/assiettes/:structureID                      seeDues
POST /cotisations/:year/assiettes/:structureID                      seeDues
GET  /cotisations/:year/appels                                      followDues
GET  /cotisations/:year/generer                                     administer
POST /cotisations/:year/generer                                     administer
GET  /cotisations/appels/:callID                                    seeDues
GET  /cotisations/appels/:callID/impression                         seeDues
GET  /cotisations/appels/:callID/appel.pdf                          seeDues
GET  /cotisations/appels/:callID/avoir                              administer
POST /cotisations/appels/:callID/avoir                              administer
POST /cotisations/appels/:callID/paiements                          administer
POST /cotisations/appels/:callID/paiements/:paymentID/rejet         administer
GET  /cotisations/mandats                                           administer
GET  /cotisations/mandats/:structureID                              seeDues
POST /cotisations/mandats/:structureID                              administer
GET  /cotisations/prelevements                                      administer
POST /cotisations/prelevements                                      administer
GET  /cotisations/prelevements/:runID/fichier                       administer
GET  /cotisations/releves                                           administer
POST /cotisations/releves                                           administer
GET  /cotisations/releves/:batchID                                  administer
POST /cotisations/releves/:batchID/appliquer                        administer
GET  /cotisations/:year/tableau-de-bord                             supervise
GET  /cotisations/:year/relances                                    supervise
POST /cotisations/:year/relances                                    supervise
GET  /cotisations/:year/export/:file                                administer
GET  /api/v1/cotisations/:year/appels                               followDues
GET  /juridique                                                      followLegal
GET  /juridique/questions/nouvelle                                  askLegal
POST /juridique/questions/nouvelle                                  askLegal
GET  /juridique/questions/:questionID                               seeQuestion
GET  /juridique/questions/:questionID/pieces/:attachmentID          seeQuestion
POST /juridique/questions/:questionID/messages                      replyAsMember
POST /juridique/questions/:questionID/rouvrir                       replyAsMember
POST /juridique/questions/:questionID/partage                       replyAsMember
POST /juridique/questions/:questionID/prendre                       handleLegal
POST /juridique/questions/:questionID/attribuer                     handleLegal
POST /juridique/questions/:questionID/demander                      handleLegal
POST /juridique/questions/:questionID/repondre                      handleLegal
POST /juridique/questions/:questionID/note-interne                  handleLegal
POST /juridique/questions/:questionID/cloturer                      closeQuestion
GET  /juridique/questions/:questionID/fiche                         handleLegal
POST /juridique/questions/:questionID/fiche                         handleLegal
GET  /juridique/fiches                                              holdsRole
GET  /juridique/fiches/nouvelle                                     handleLegal
POST /juridique/fiches/nouvelle                                     handleLegal
GET  /juridique/fiches/:noteID                                      holdsRole
GET  /juridique/fiches/:noteID/modifier                             handleLegal
POST /juridique/fiches/:noteID/modifier                             handleLegal
POST /juridique/fiches/:noteID/:step                                handleLegal
GET  /juridique/suggestions                                         holdsRole
GET  /juridique/recherche                                           holdsRole
GET  /juridique/parametres                                          administer
POST /juridique/parametres                                          administer
GET  /juridique/statistiques                                        legalFigures
GET  /juridique/statistiques/:year/:file                            legalFigures
GET  /api/v1/juridique/questions                                    followLegal
GET  /ressources                                                    everyone
GET  /ressources/nouvelle                                           publishResources
POST /ressources/nouvelle                                           publishResources
GET  /ressources/:resourceID                                        everyone
GET  /ressources/:resourceID/telecharger                            everyone
GET  /ressources/:resourceID/versions/:versionID/telecharger        everyone
GET  /ressources/:resourceID/modifier                               publishResources
POST /ressources/:resourceID/modifier                               publishResources
POST /ressources/:resourceID/versions                               publishResources
GET  /formations                                                     everyone
GET  /formations/cours/nouveau                                       manageCatalogue
POST /formations/cours/nouveau                                       manageCatalogue
GET  /formations/cours/:courseID                                     everyone
GET  /formations/cours/:courseID/modifier                            manageCatalogue
POST /formations/cours/:courseID/modifier                            manageCatalogue
GET  /formations/parcours/nouveau                                    manageCatalogue
POST /formations/parcours/nouveau                                    manageCatalogue
GET  /formations/parcours/:packID                                    everyone
GET  /formations/parcours/:packID/modifier                           manageCatalogue
POST /formations/parcours/:packID/modifier                           manageCatalogue
GET  /formations/sessions                                            runSessions
GET  /formations/sessions/nouvelle                                   manageCatalogue
POST /formations/sessions/nouvelle                                   manageCatalogue
GET  /formations/sessions/:sessionID                                 everyone
GET  /formations/sessions/:sessionID/modifier                        runSessions
POST /formations/sessions/:sessionID/modifier                        runSessions
GET  /formations/sessions/:sessionID/etapes/:step                    runSessions
POST /formations/sessions/:sessionID/etapes/:step                    runSessions
GET  /formations/sessions/:sessionID/inscription                     registerTrainees
POST /formations/sessions/:sessionID/inscription                     registerTrainees
GET  /formations/sessions/:sessionID/emargement                      runSessions
POST /formations/sessions/:sessionID/emargement                      runSessions
GET  /formations/sessions/:sessionID/feuille-emargement              runSessions
GET  /formations/sessions/:sessionID/feuille-emargement.pdf          runSessions
GET  /formations/inscriptions                                        followRegistrations
GET  /formations/inscriptions/:registrationID                        seeRegistration
GET  /formations/inscriptions/:registrationID/convocation            seeRegistration
GET  /formations/inscriptions/:registrationID/annuler                cancelRegistration
POST /formations/inscriptions/:registrationID/annuler                cancelRegistration
GET  /formations/inscriptions/:registrationID/attestation            seeRegistration
GET  /formations/inscriptions/:registrationID/attestation.pdf        seeRegistration
GET  /formations/avis/:token                                         everyone
POST /formations/avis/:token                                         everyone
GET  /formations/chiffres                                            trainingFigures
GET  /formations/chiffres/:year/:file                                trainingFigures
GET  /agenda                                                         everyone
GET  /agenda/evenements/nouveau                                      manageEvents
POST /agenda/evenements/nouveau                                      manageEvents
GET  /agenda/evenements/:eventID                                     everyone
GET  /agenda/evenements/:eventID/evenement.ics                       everyone
GET  /agenda/evenements/:eventID/modifier                            manageEvents
POST /agenda/evenements/:eventID/modifier                            manageEvents
GET  /agenda/evenements/:eventID/annuler                             manageEvents
POST /agenda/evenements/:eventID/annuler                             manageEvents
GET  /agenda/evenements/:eventID/inscription                         registerToEvents
POST /agenda/evenements/:eventID/inscription                         registerToEvents
GET  /agenda/evenements/:eventID/inscrits                            manageEvents
POST /agenda/inscriptions/:eventRegistrationID/annuler               registerToEvents
GET  /agenda/abonnements                                             everyone
POST /agenda/abonnements/renouveler                                  signedIn
GET  /agenda/flux/reseau.ics                                         everyone
GET  /agenda/flux/delegations/:feed                                  everyone
GET  /agenda/flux/types/:feed                                        everyone
GET  /agenda/flux/personnel/:feed                                    everyone
GET  /qualite                                                        followQuality
GET  /qualite/echeances                                              supervise
GET  /qualite/chiffres                                               holdsRole
GET  /qualite/referentiels                                           administer
GET  /qualite/referentiels/nouveau                                   administer
POST /qualite/referentiels/nouveau                                   administer
GET  /qualite/referentiels/:standardID/modifier                      administer
POST /qualite/referentiels/:standardID/modifier                      administer
GET  /qualite/structures/:structureID                                seeMemberProgress
GET  /qualite/structures/:structureID/certifications/nouvelle        supervise
POST /qualite/structures/:structureID/certifications/nouvelle        supervise
GET  /qualite/structures/:structureID/certifications/:certificationID  seeMemberProgress
GET  /qualite/structures/:structureID/certifications/:certificationID/etapes/:step  supervise
POST /qualite/structures/:structureID/certifications/:certificationID/etapes/:step  supervise
POST /qualite/structures/:structureID/certifications/:certificationID/documents  supervise
GET  /qualite/structures/:structureID/certifications/:certificationID/documents/:documentID  seeMemberProgress
GET  /qualite/structures/:structureID/audits-blancs/nouveau          supervise
POST /qualite/structures/:structureID/audits-blancs/nouveau          supervise
GET  /qualite/structures/:structureID/audits-blancs/:mockAuditID     seeMemberProgress
GET  /qualite/cap/questionnaires                                     administer
POST /qualite/cap/questionnaires                                     administer
GET  /qualite/cap/questionnaires/:year                               administer
POST /qualite/cap/questionnaires/:year                               administer
GET  /qualite/structures/:structureID/cap/:year                      seeMemberProgress
POST /qualite/structures/:structureID/cap/:year                      fillSelfAssessment
GET  /qualite/structures/:structureID/cap/:year/resultats            seeMemberProgress
GET  /qualite/structures/:structureID/plan-actions                   seeMemberProgress
POST /qualite/structures/:structureID/plan-actions                   seeMemberProgress
POST /qualite/structures/:structureID/plan-actions/:actionID         seeMemberProgress
GET  /accompagnement                                                 supervise
GET  /accompagnement/journees                                        supervise
POST /accompagnement/journees                                        supervise
GET  /accompagnement/chiffres                                        supportFigures
GET  /accompagnement/chiffres/:year/:file                            supportFigures
GET  /accompagnement/programmes                                      administer
GET  /accompagnement/programmes/nouveau                              administer
POST /accompagnement/programmes/nouveau                              administer
GET  /accompagnement/programmes/:programmeID/modifier                administer
POST /accompagnement/programmes/:programmeID/modifier                administer
GET  /accompagnement/structures/:structureID                         seeMemberProgress
GET  /accompagnement/structures/:structureID/nouveau                 supervise
POST /accompagnement/structures/:structureID/nouveau                 supervise
GET  /accompagnement/structures/:structureID/suivis/:supportID       seeMemberProgress
GET  /accompagnement/structures/:structureID/suivis/:supportID/modifier  supervise
POST /accompagnement/structures/:structureID/suivis/:supportID/modifier  supervise
"""

ALLOWED = {
    "everyone": set(ROLES) | {"anon"},
    "monitoring": set(ROLES) | {"anon"},  # the live server is scraped from loopback
    "signedIn": set(ROLES),
    "ownExports": set(ROLES),
    "holdsRole": set(ROLES),
    "seeStructure": set(ROLES),
    "supervise": {"admin", "delegate"},
    "administer": {"admin"},
    "answerSurvey": {"admin", "delegate", "member"},
    "followDues": {"admin", "delegate", "member"},
    "seeDues": {"admin", "delegate", "member"},
    # Legal desk and library (issue #12): the paths hold the demo member's question (with a file)
    # and a members-only resource (`legal_values`).
    "followLegal": {"delegate", "member", "jurist"},
    "askLegal": {"member"},
    "seeQuestion": {"delegate", "member", "jurist"},
    "replyAsMember": {"member"},
    "closeQuestion": {"member", "jurist"},
    "handleLegal": {"jurist"},
    "legalFigures": {"admin", "delegate", "jurist"},
    "publishResources": {"admin", "jurist"},
    # Training and agenda (issue #13): "trainer" is the demo's training admin (trainer + grant),
    # "instructor" a plain trainer; the paths hold the instructor's session and the member's
    # registration (`training_values`), a PDL members' event (`agenda_values`).
    "manageCatalogue": {"admin", "trainer"},
    "runSessions": {"admin", "trainer", "instructor"},
    "registerTrainees": {"member"},
    "followRegistrations": {"member", "admin", "trainer", "instructor"},
    "seeRegistration": {"member", "admin", "trainer", "instructor"},
    "cancelRegistration": {"member", "admin", "trainer"},
    "trainingFigures": {"admin", "trainer", "instructor"},
    "manageEvents": {"admin", "delegate"},
    "registerToEvents": {"member"},
    # Quality and support (issue #14): the paths hold the demo member's structure (in PDL) and its
    # quality records (`quality_values`); "trainer" and "instructor" hold no quality role.
    "followQuality": {"admin", "delegate", "member"},
    "seeMemberProgress": {"admin", "delegate", "member"},
    "fillSelfAssessment": {"member"},
    "supportFigures": {"admin", "delegate", "board"},
}
# A certification step's form answers 409 when the certification's state does not allow it (the
# step is read from the delegate's page of the certification when it offers one).
QUALITY_STEP = "/qualite/structures/:structureID/certifications/:certificationID/etapes/:step"
# A file of a question the member did not share: the delegate reads the metadata, not the files.
LEGAL_FILE = "/juridique/questions/:questionID/pieces/:attachmentID"
# A members-only resource: a visitor is sent to sign in.
MEMBERS_RESOURCES = {"/ressources/:resourceID", "/ressources/:resourceID/telecharger",
                     "/ressources/:resourceID/versions/:versionID/telecharger"}
# Dues (issue #11): the paths are filled with the demo's 2026 records (`dues_values`); the call's
# PDF is a French 503 where the server finds no Chromium.
DUES_YEAR = 2026
DUES_PDF = "/cotisations/appels/:callID/appel.pdf"
# Who sees the live figures; everyone else sees the latest release (404 without one).
LIVE_FIGURES = {"admin", "delegate"}
FIGURE_ROUTES = {"/observatoire/:year/rapport", "/observatoire/:year/rapport/:code", "/observatoire/:year/portrait/:type",
                 "/observatoire/:year/tableaux/:scope/:file", "/observatoire/:year/chiffres.json",
                 "/observatoire/:year/rapport.pdf", "/observatoire/:year/rapport/:code/rapport.pdf",
                 "/api/v1/observatoire/:year/chiffres"}
# Training: printed by headless Chromium like the dues call. Agenda: the event is for members.
TRAINING_PDFS = ("/formations/sessions/:sessionID/feuille-emargement.pdf", "/formations/inscriptions/:registrationID/attestation.pdf")
MEMBERS_EVENT = {"/agenda/evenements/:eventID", "/agenda/evenements/:eventID/evenement.ics"}
CSRF_MESSAGE = "formulaire a expiré"


def table():
    out = {}
    for line in ROUTES.strip().splitlines():
        method, path, rule = line.split()
        out[(method, path)] = rule
    return out


def parse_routes() -> dict:
    """(method, path) → rule, as the application registers them (`maillage route-table`)."""
    binary = os.environ.get("MAILLAGE_BIN", str(ROOT / ".build" / "debug" / "maillage"))
    env = dict(os.environ, DATABASE_PATH=":memory:")
    out = subprocess.run([binary, "route-table"], capture_output=True, text=True, check=True, env=env, timeout=120).stdout
    routes = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1].startswith("/"):
            routes[(parts[0], parts[1])] = parts[2]
    return routes


def test_every_route_has_a_line():
    found, expected = parse_routes(), table()
    assert len(found) > 60, "maillage route-table printed no routes"
    missing = sorted(set(found) - set(expected))
    gone = sorted(set(expected) - set(found))
    changed = sorted(k for k in set(found) & set(expected) if found[k] != expected[k])
    assert not missing, f"routes without a line in ROUTES (add them with their expected rule): {missing}"
    assert not gone, f"lines of ROUTES no longer registered: {gone}"
    assert not changed, "rules that changed: " + ", ".join(f"{k} {expected[k]} → {found[k]}" for k in changed)


@pytest.fixture(scope="module")
def world(server, demo, signed):
    """Sign-ins, API tokens and the real records the paths are filled with."""
    clients = {role: signed(role) for role in ROLES}
    clients["anon"] = Client(server.url)
    tokens = {role: api_token(clients[role], f"balayage {role}") for role in ROLES}
    admin = clients["admin"]
    by_id = demo.by_id()
    own = next(i for i in demo.member_structure_ids(clients["member"]) if "AI" in by_id[i]["types"])
    detail = demo.structure(own)
    membership = next(m["id"] for m in detail["memberships"] if not m.get("left_on"))
    users = admin.get("/admin/utilisateurs").text
    user_id = re.search(r'href="/admin/utilisateurs/([0-9a-fA-F-]{36})"', users).group(1)
    report = admin.get(f"/observatoire/{OPEN_YEAR}/rapport").text
    table_file = re.search(rf'/observatoire/{OPEN_YEAR}/tableaux/national/([^"/?]+\.csv)', report).group(1)
    numbers = release_numbers(admin, OPEN_YEAR)
    values = {":structureID": own, ":membershipID": membership, ":batchID": random_id(), ":userID": user_id,
              ":grantID": random_id(), ":tokenID": random_id(), ":exportID": random_id(), ":token": "lien-inconnu-" + random_id(),
              ":year": str(OPEN_YEAR), ":type": "AI", ":code": "PDL", ":scope": "national",
              ":number": str(numbers[-1] if numbers else 1), ":section": "observatoire"}
    values["dues"] = dues_values(admin, clients["member"], values)
    values["legal"] = legal_values(admin, clients["member"])
    values["training"] = training_values(clients["anon"], clients["member"], clients["instructor"])
    values["agenda"] = agenda_values(clients["anon"], clients["member"])
    mine_pdl = [i for i in demo.member_structure_ids(clients["member"]) if by_id.get(i, {}).get("delegation") == "PDL"]
    values["quality"] = quality_values(admin, clients["delegate"], clients["member"], mine_pdl, own)
    return {"clients": clients, "tokens": tokens, "values": values, "released": bool(numbers), "table_file": table_file}


def dues_values(admin, member, values):
    """The demo's 2026 dues records for the /cotisations paths: a grid, the member's call, the
    direct-debit run, a statement the admin uploads (a random id where a page is missing, so
    that only the dues lines fail)."""
    def first(client, path, pattern):
        m = re.search(pattern, client.get(path).text)
        return m.group(1) if m else random_id()
    uuid = r"([0-9a-fA-F-]{36})"
    out = {":year": str(DUES_YEAR), ":paymentID": random_id(),
           ":gridID": first(admin, "/cotisations/baremes", r'href="/cotisations/baremes/' + uuid + '"'),
           ":callID": first(member, f"/cotisations/{DUES_YEAR}/appels", r'href="/cotisations/appels/' + uuid + '"'),
           ":runID": first(admin, "/cotisations/prelevements", r'/cotisations/prelevements/' + uuid + '/fichier'),
           ":batchID": random_id()}
    page = read_page(admin.get("/cotisations/releves").text)
    upload = next((f for f in page.forms if f.method == "post" and "multipart" in f.enctype), None)
    if upload is not None:
        name = next((f[0] for f in upload.fields if f[1] == "file"), "file")
        csv_body = "Date;Libellé;Montant\r\n02/03/2026;VIR BALAYAGE;10,00\r\n".encode("utf-8")
        r = admin.post(upload.action or "/cotisations/releves", [(k, v) for k, v in upload.values() if k != name],
                       files={name: ("balayage.csv", csv_body, "text/csv")})
        m = re.search(r"/cotisations/releves/" + uuid, r.headers.get("Location", "") + r.text)
        if m:
            out[":batchID"] = m.group(1)
    return out


def legal_values(admin, member):
    """The demo member's question holding a file of its own (not shared with the delegation), a
    published note, a members-only resource and its first version (random ids where a page is
    missing, so that only the legal lines fail)."""
    uuid = r"([0-9a-fA-F-]{36})"
    out = {":year": "2026", ":file": "statistiques.csv", ":step": "relecture", ":questionID": random_id(),
           ":attachmentID": random_id(), ":noteID": random_id(), ":resourceID": random_id(), ":versionID": random_id()}
    for q in dict.fromkeys(re.findall(r'href="/juridique/questions/' + uuid + '"', member.get("/juridique?per_page=200").text)):
        page = member.get(f"/juridique/questions/{q}").text
        m = re.search(r'/juridique/questions/' + q + '/pieces/' + uuid, page)
        if m and 'name="shared" value="1" checked' not in page and "Partagée avec la délégation" not in page:
            out[":questionID"], out[":attachmentID"] = q, m.group(1)
            break
    m = re.search(r'href="/juridique/fiches/' + uuid + '"', member.get("/juridique/fiches").text)
    if m:
        out[":noteID"] = m.group(1)
    listing = admin.get("/ressources?per_page=200").text
    anonymous_ids = set(re.findall(r'href="/ressources/' + uuid + '"', requests.get(admin.base + "/ressources?per_page=200", timeout=60).text))
    for r in dict.fromkeys(re.findall(r'href="/ressources/' + uuid + '"', listing)):
        if r in anonymous_ids:
            continue
        m = re.search(r'/ressources/' + r + '/versions/' + uuid + '/telecharger', admin.get(f"/ressources/{r}").text)
        if m:
            out[":resourceID"], out[":versionID"] = r, m.group(1)
            break
    return out


def training_values(anon, member, instructor):
    """The demo's training records for the /formations paths: a public course and pack, a public
    session run by the plain trainer (the instructor), the member's registration to a session the
    instructor ran, with its certificate (random ids where a page is missing, so that only the
    training lines fail)."""
    uuid = r"([0-9a-fA-F-]{36})"
    catalogue = anon.get("/formations").text
    out = {":courseID": random_id(), ":packID": random_id(), ":sessionID": random_id(), ":registrationID": random_id(),
           ":step": "confirmer", ":year": str(datetime.date.today().year), ":file": "chiffres.csv"}
    m = re.search(r'href="/formations/cours/' + uuid + '"', catalogue)
    if m:
        out[":courseID"] = m.group(1)
    m = re.search(r'href="/formations/parcours/' + uuid + '"', catalogue)
    if m:
        out[":packID"] = m.group(1)
    runs = set(re.findall(r'/formations/sessions/' + uuid, instructor.get("/formations/sessions?per_page=200").text))
    for sid in dict.fromkeys(re.findall(r'href="/formations/sessions/' + uuid + '"', catalogue)):
        if sid in runs:
            out[":sessionID"] = sid
            break
    theirs = set(re.findall(r'/formations/inscriptions/' + uuid, instructor.get("/formations/inscriptions?per_page=200").text))
    for rid in dict.fromkeys(re.findall(r'href="/formations/inscriptions/' + uuid + '"', member.get("/formations/inscriptions?per_page=200").text)):
        if rid in theirs and f"/formations/inscriptions/{rid}/attestation" in member.get(f"/formations/inscriptions/{rid}").text:
            out[":registrationID"] = rid
            break
    return out


def agenda_values(anon, member):
    """A coming PDL event for members that takes registrations (random where missing)."""
    uuid = r"([0-9a-fA-F-]{36})"
    out = {":eventID": random_id(), ":eventRegistrationID": random_id()}
    for eid in dict.fromkeys(re.findall(r'href="/agenda/evenements/' + uuid + '"', member.get("/agenda?delegation=PDL").text)):
        page = member.get(f"/agenda/evenements/{eid}").text
        if f"/agenda/evenements/{eid}/inscription" in page and anon.get(f"/agenda/evenements/{eid}").status_code in (302, 303):
            out[":eventID"] = eid
            m = re.search(r'/agenda/inscriptions/' + uuid + '/annuler', page)
            if m:
                out[":eventRegistrationID"] = m.group(1)
            break
    return out


def quality_values(admin, delegate, member, mine, own):
    """The demo member's structure holding quality records (a certification with a document and a
    step the delegate may take, a mock audit, an action of its plan, a support), a CAP year with a
    form and one with results, a standard and a programme (random ids where a page is missing, so
    that only the quality lines fail)."""
    uuid = r"([0-9a-fA-F-]{36})"
    today = datetime.date.today().year
    out = {":structureID": own, ":certificationID": random_id(), ":documentID": random_id(), ":mockAuditID": random_id(),
           ":actionID": random_id(), ":supportID": random_id(), ":step": "programmer-audit", ":year": str(today),
           "results_year": str(today - 1), ":standardID": random_id(), ":programmeID": random_id()}
    best, chosen = -1, {}
    for sid in [own] + [i for i in mine if i != own]:
        page = member.get(f"/qualite/structures/{sid}")
        if page.status_code != 200:
            continue
        found = {":structureID": sid}
        for cid in dict.fromkeys(re.findall(rf'/qualite/structures/{sid}/certifications/' + uuid, page.text)):
            text = delegate.get(f"/qualite/structures/{sid}/certifications/{cid}").text
            doc = re.search(rf'/certifications/{cid}/documents/' + uuid, text)
            step = re.search(rf'/certifications/{cid}/etapes/([a-z-]+)', text)
            if doc or ":certificationID" not in found:
                found[":certificationID"] = cid
                if step:
                    found[":step"] = step.group(1)
            if doc:
                found[":documentID"] = doc.group(1)
                found["document_found"] = "1"
                break
        m = re.search(rf'/qualite/structures/{sid}/audits-blancs/' + uuid, page.text)
        if m:
            found[":mockAuditID"] = m.group(1)
        years = re.findall(rf'/qualite/structures/{sid}/cap/(\d{{4}})/resultats', page.text)
        if years:
            found["results_year"] = max(years)
        forms = re.findall(rf'/qualite/structures/{sid}/cap/(\d{{4}})"', page.text)
        if forms:
            found[":year"] = max(forms)
        m = re.search(rf'/qualite/structures/{sid}/plan-actions/' + uuid, member.get(f"/qualite/structures/{sid}/plan-actions").text)
        if m:
            found[":actionID"] = m.group(1)
        m = re.search(rf'/accompagnement/structures/{sid}/suivis/' + uuid, member.get(f"/accompagnement/structures/{sid}").text)
        if m:
            found[":supportID"] = m.group(1)
        if len(found) > best:
            best, chosen = len(found), found
    out.update(chosen)
    if not out.get("document_found"):
        # No document in the demo: the delegate uploads one to the certification (its page's form).
        cert = f"/qualite/structures/{out[':structureID']}/certifications/{out[':certificationID']}"
        page = read_page(delegate.get(cert).text)
        upload = next((f for f in page.forms if f.method == "post" and "multipart" in f.enctype), None)
        if upload is not None:
            name = next((f[0] for f in upload.fields if f[1] == "file"), "file")
            data = [(k, v) for k, v in upload.values() if k != name]
            data = [(k, "Rapport d'audit du balayage" if "title" in k or "titre" in k else v) for k, v in data]
            delegate.post(upload.action or cert + "/documents", data,
                          files={name: ("rapport.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", "application/pdf")})
            m = re.search(re.escape(cert) + '/documents/' + uuid, delegate.get(cert).text, re.I)
            if m:
                out[":documentID"] = m.group(1)
    m = re.search(r'/qualite/referentiels/' + uuid + '/modifier', admin.get("/qualite/referentiels").text)
    if m:
        out[":standardID"] = m.group(1)
    m = re.search(r'/accompagnement/programmes/' + uuid + '/modifier', admin.get("/accompagnement/programmes").text)
    if m:
        out[":programmeID"] = m.group(1)
    return out


def concrete(path, values, table_file):
    if path.startswith(("/qualite", "/accompagnement")):
        values = {**values, **values["quality"]}
        path = path.replace("/cap/:year/resultats", f"/cap/{values['results_year']}/resultats")
        path = path.replace("/chiffres/:year/:file", f"/chiffres/{datetime.date.today().year}/chiffres.csv")
    if path.startswith("/formations"):
        values = {**values, **values["training"]}
    if path.startswith("/agenda"):
        values = {**values, **values["agenda"]}
        path = path.replace("delegations/:feed", "delegations/pdl.ics").replace("types/:feed", "types/webinaire.ics") \
            .replace("personnel/:feed", "personnel/jeton-inconnu.ics")
    if "/juridique" in path or "/ressources" in path:
        values = {**values, **values["legal"]}
    if "/cotisations" in path:
        path = path.replace("/export/:file", "/export/appels.csv")
        values = {**values, **values["dues"]}
    path = path.replace("/tableaux/:scope/:file", f"/tableaux/national/{table_file}")
    path = path.replace("/export/:file", "/export/reponses.csv")
    for k, v in sorted(((k, v) for k, v in values.items() if isinstance(v, str)), key=lambda kv: -len(kv[0])):
        path = path.replace(k, v)
    return path


def expected_get(method_path, rule, role, world):
    path = method_path[1]
    if role not in ALLOWED[rule]:
        return (401,) if path.startswith("/api/v1") and role == "anon" else (
            ("redirect",) if role == "anon" else (403,))
    if path == "/connexion" and role != "anon":
        return ("redirect-home",)
    if path in ("/lien/:token", "/exports/:exportID", "/exports/:exportID/fichier"):
        return (404,)  # an unknown token; an export nobody here asked for
    if path in (DUES_PDF, TRAINING_PDFS[0], TRAINING_PDFS[1]):
        return (200, 503)
    if path == QUALITY_STEP:
        return (200, 409)
    if path in ("/formations/avis/:token", "/agenda/flux/personnel/:feed"):
        return (404,)  # an unknown one-time token, an unknown personal feed
    if path in MEMBERS_EVENT and role == "anon":
        return ("redirect",)
    if path == LEGAL_FILE and role == "delegate":
        return (404,)
    if path in MEMBERS_RESOURCES and role == "anon":
        return ("redirect",)
    if path == "/observatoire/:year/publications/:number/chiffres.json" and not world["released"]:
        return (404,)
    # Before any release, live figures are for the national office, and for a delegate in its own
    # delegation only (:code is the demo delegate's, PDL): the national scope answers it 404.
    live = LIVE_FIGURES if ":code" in path else {"admin"}
    if path in FIGURE_ROUTES and role not in live and not world["released"]:
        return (404,)
    return (200,)


def check(r, want, role):
    if r.status_code >= 500:
        return f"{r.status_code}"
    if "redirect" in want:
        loc = r.headers.get("Location", "")
        return None if r.status_code in (302, 303) and loc.startswith("/connexion") else f"{r.status_code} → {loc!r}"
    if "redirect-home" in want:
        return None if r.status_code in (302, 303) and not r.headers.get("Location", "").startswith("/connexion") \
            else f"{r.status_code}"
    return None if r.status_code in want else f"{r.status_code}"


@pytest.mark.parametrize("role", ["anon"] + ROLES)
def test_get_routes_by_role(world, demo, role):
    client, problems = world["clients"][role], []
    for (method, path), rule in table().items():
        if method != "GET":
            continue
        url = concrete(path, world["values"], world["table_file"])
        if path.startswith("/api/v1"):
            headers = {"Accept": "application/json"}
            if role != "anon":
                headers["Authorization"] = f"Bearer {world['tokens'][role]}"
            r = requests.get(client.base + url, headers=headers, timeout=120, allow_redirects=False)
        else:
            r = client.get(url)
        want = expected_get((method, path), rule, role, world)
        problem = check(r, want, role)
        if problem:
            problems.append(f"GET {url} as {role}: {problem}, expected {want}")
    assert client.signed_in() == (role != "anon")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["anon"] + ROLES)
def test_post_routes_by_role_without_csrf(world, role):
    client, problems = world["clients"][role], []
    for (method, path), rule in table().items():
        if method != "POST":
            continue
        url = concrete(path, world["values"], world["table_file"])
        r = client.post(url, {"confirm": "1"}, csrf=False)
        text = read_page(r.text).text if "html" in r.headers.get("Content-Type", "") else r.text
        if r.status_code >= 500:
            problems.append(f"POST {url} as {role}: {r.status_code}")
        elif role == "anon" and rule != "everyone":
            if not (r.status_code in (302, 303) and r.headers.get("Location", "").startswith("/connexion")):
                problems.append(f"POST {url} as visitor: {r.status_code}, expected a redirect to /connexion")
        elif role in ALLOWED[rule]:
            if r.status_code != 403 or CSRF_MESSAGE not in text:
                problems.append(f"POST {url} as {role}: {r.status_code}, expected the CSRF refusal (policy lets {role} through)")
        elif r.status_code != 403 or CSRF_MESSAGE in text:
            problems.append(f"POST {url} as {role}: {r.status_code} {'(CSRF page: the policy let it through)' if CSRF_MESSAGE in text else ''}, expected the policy's 403")
    assert client.signed_in() == (role != "anon"), "a POST without CSRF token changed the session"
    assert not problems, "\n".join(problems)


def test_member_cannot_reach_other_structures(world, demo):
    member, token = world["clients"]["member"], world["tokens"]["member"]
    mine = set(demo.member_structure_ids(member))
    other = next(s for s in demo.structures() if s["id"] not in mine and "AI" in s["types"] and s["delegation"] == "PDL")
    far = next(s for s in demo.structures() if s["id"] not in mine and "AI" in s["types"] and s["delegation"] != "PDL")
    for s in (other, far):
        for path, allowed in ((f"/adherents/{s['id']}", (403, 404)),
                              (f"/observatoire/{OPEN_YEAR}/reponses/{s['id']}/AI", (403, 404)),
                              (f"/observatoire/{OPEN_YEAR}/positionnement/{s['id']}", (403, 404)),
                              (f"/observatoire/{OPEN_YEAR - 1}/positionnement/{s['id']}", (403, 404)),
                              (f"/adherents/{s['id']}/modifier", (403, 404))):
            r = member.get(path)
            assert r.status_code in allowed, f"member GET {path}: {r.status_code}"
        r = member.post(f"/observatoire/{OPEN_YEAR}/reponses/{s['id']}/AI", {"turnover_eur": "1", "action": "save"})
        assert r.status_code in (403, 404), f"member POST another structure's answer: {r.status_code}"
        r = demo.api(f"/api/v1/structures/{s['id']}", token=token)
        assert r.status_code == 404, f"member API GET another structure: {r.status_code}"
    listed = demo.api("/api/v1/structures", token=token, per_page=200).json()
    assert {s["id"] for s in listed["items"]} <= mine, "the member's API lists other structures"
    html = member.get("/adherents").text
    assert set(re.findall(r'href="/adherents/([0-9a-fA-F-]{36})"', html)) <= mine


def test_delegate_stays_in_their_delegation(world, demo):
    delegate = world["clients"]["delegate"]
    far = next(s for s in demo.structures() if s["delegation"] not in ("PDL", None) and "AI" in s["types"])
    for path in (f"/observatoire/{OPEN_YEAR}/reponses/{far['id']}/AI", f"/observatoire/{OPEN_YEAR}/positionnement/{far['id']}",
                 f"/adherents/{far['id']}/modifier"):
        r = delegate.get(path)
        assert r.status_code in (403, 404), f"delegate GET {path}: {r.status_code}"
    r = delegate.get(f"/observatoire/{OPEN_YEAR}/export/reponses.csv")
    assert r.status_code == 200
    pdl = {s["siret"] for s in demo.structures() if s["delegation"] == "PDL"}
    from seclib import decode_csv
    rows = decode_csv(r.content)
    sirets = {dict(zip(rows[0], row)).get("siret") for row in rows[1:] if row}
    assert sirets <= pdl, f"the delegate's answers export holds other delegations: {sorted(sirets - pdl)[:5]}"


MALFORMED = ["/adherents/pas-un-uuid", "/adherents/00000000-0000-0000-0000-000000000000/modifier",
             "/observatoire/abc/rapport", "/observatoire/99999/rapport", "/observatoire/-1/chiffres.json",
             "/observatoire/2025/rapport/ZZZ", "/observatoire/2025/portrait/..%2F..%2Fetc%2Fpasswd",
             "/observatoire/2025/tableaux/national/..%2F..%2F..%2Fetc%2Fpasswd", "/observatoire/2025/tableaux/x/y",
             "/observatoire/2025/tableaux/national/sans-extension", "/observatoire/2025/export/..%2Fchiffres.json",
             "/observatoire/2025/publications/99999999999999999999/chiffres.json",
             "/observatoire/2025/reponses/00000000-0000-0000-0000-000000000000/AI",
             "/observatoire/2025/reponses/%00/AI", "/observatoire/2025/positionnement/%2e%2e",
             "/api/v1/structures/%27%20OR%201=1--", "/api/v1/observatoire/2025/chiffres?scope=%00",
             "/%2e%2e/%2e%2e/etc/passwd", "/lien/%00", "/css/absent.css", "/favicon.ico%00",
             # Legal desk and library (issue #12): 20-digit numbers, bad ids, NUL, path tricks.
             "/juridique/statistiques/99999999999999999999/statistiques.csv", "/juridique/statistiques?annee=99999999999999999999",
             "/juridique/statistiques/2026/..%2F..%2Fetc%2Fpasswd", "/juridique/questions/pas-un-uuid",
             "/juridique/questions/00000000-0000-0000-0000-000000000000/pieces/00000000-0000-0000-0000-000000000000",
             "/juridique/recherche?q=%00%27%22*NEAR(&page=99999999999999999999", "/juridique?page=99999999999999999999&statut=%00",
             "/ressources/00000000-0000-0000-0000-000000000000/telecharger", "/ressources/%2e%2e/telecharger",
             "/api/v1/juridique/questions?annee=99999999999999999999",
             # Training and agenda (issue #13): 20-digit years and pages, bad ids, NUL, path and .ics tricks.
             "/formations/chiffres/99999999999999999999/chiffres.csv", "/formations/chiffres/2026/..%2F..%2Fetc%2Fpasswd",
             "/formations/chiffres/2026/%00.csv", "/formations/chiffres?annee=99999999999999999999",
             "/formations?page=99999999999999999999&theme=%00", "/formations/sessions/pas-un-uuid/emargement",
             "/formations/sessions/00000000-0000-0000-0000-000000000000/etapes/..%2F..", "/formations/inscriptions/%00/attestation.pdf",
             "/formations/avis/%00", "/formations/avis/..%2F..%2Fetc%2Fpasswd", "/agenda?vue=mois&mois=99999-99",
             "/agenda?annee=99999999999999999999", "/agenda/evenements/pas-un-uuid/evenement.ics",
             "/agenda/flux/delegations/..%2F..%2Fetc%2Fpasswd", "/agenda/flux/delegations/pdl.ics.ics", "/agenda/flux/types/%00.ics",
             "/agenda/flux/types/..%2Freseau.ics", "/agenda/flux/personnel/.ics", "/agenda/flux/personnel/%2e%2e.ics",
             "/agenda/flux/personnel/%00.ics",
             # Quality and support (issue #14): 20-digit years and pages, bad ids, NUL, path tricks.
             "/qualite/chiffres?annee=99999999999999999999&delegation=%00", "/qualite/echeances?mois=99999999999999999999",
             "/qualite/structures/pas-un-uuid", "/qualite/structures/%00/plan-actions",
             "/qualite/structures/00000000-0000-0000-0000-000000000000/cap/99999999999999999999",
             "/qualite/structures/00000000-0000-0000-0000-000000000000/cap/-1/resultats",
             "/qualite/structures/00000000-0000-0000-0000-000000000000/certifications/00000000-0000-0000-0000-000000000000/etapes/..%2F..",
             "/qualite/cap/questionnaires/99999999999999999999", "/qualite/cap/questionnaires/-2026",
             "/accompagnement/chiffres/99999999999999999999/chiffres.csv", "/accompagnement/chiffres/2026/..%2F..%2Fetc%2Fpasswd",
             "/accompagnement/chiffres/2026/%00.csv", "/accompagnement/chiffres?annee=99999999999999999999&delegation=%00",
             "/accompagnement?page=99999999999999999999&programme=%00", "/accompagnement/journees?annee=99999999999999999999"]
# Static files: a path climbing out of Public/ is refused by the file middleware, which runs
# before the sessions middleware: its error page must not need a session (it crashed the
# server: "No SessionsMiddleware detected").
ASSET_TRAVERSAL = ["/css/..%2F..%2FPackage.swift", "/js/%2e%2e/x", "/img/..%2f..%2fetc%2fpasswd", "/css/%2e%2e%2f"]


@pytest.mark.late
@pytest.mark.parametrize("role", ["anon", "admin", "member"])
def test_malformed_paths_and_other_methods_never_make_a_500(world, role):
    client, problems = world["clients"][role], []
    headers = {"Authorization": f"Bearer {world['tokens'][role]}"} if role != "anon" else {}
    for path in MALFORMED:
        r = client.get(path, headers=headers if path.startswith("/api/") else None)
        if r.status_code >= 500 or r.status_code == 200 and ("passwd" in path or "Package" in path):
            problems.append(f"GET {path}: {r.status_code}")
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"):
        for path in ("/", "/adherents", "/compte", "/api/v1/structures", f"/observatoire/{OPEN_YEAR}/chiffres.json"):
            r = client.s.request(method, client.base + path, timeout=60, allow_redirects=False,
                                 headers=headers if path.startswith("/api/") else None)
            if r.status_code >= 500 or (method in ("PUT", "DELETE", "PATCH") and r.status_code < 300):
                problems.append(f"{method} {path}: {r.status_code}")
    assert client.signed_in() == (role != "anon")
    assert not problems, "\n".join(problems)


@pytest.mark.late
def test_static_file_traversal_is_refused_without_taking_the_server_down(server, signed):
    for client in (Client(server.url), signed("member")):
        for path in ASSET_TRAVERSAL:
            try:
                r = client.get(path)
            except requests.ConnectionError:
                raise AssertionError(f"GET {path} took the server down (see {server.log_path})")
            assert r.status_code in (400, 403, 404), f"GET {path}: {r.status_code}"
            assert "Package" not in r.text[:200] and "root:" not in r.text
            assert server.alive(), f"GET {path} took the server down"

import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// Every registered route × every role, through the real middleware and handlers.
/// A route registered without a line here fails `everyRouteIsInTheMatrix`.
@Suite("Route × role matrix")
struct RouteRoleMatrixTests {
    typealias Who = Fixtures.Who

    enum Expect: Equatable, CustomStringConvertible {
        /// Reached the handler: no 401/403/404, no redirect to the login page, no 5xx.
        case allowed
        /// Must sign in first: redirect to /connexion (pages) or 401 (API).
        case signIn
        case forbidden
        case notFound

        var description: String {
            switch self {
            case .allowed: "allowed"
            case .signIn: "sign in"
            case .forbidden: "403"
            case .notFound: "404"
            }
        }
    }

    static let staff: [Who] = [.admin, .delegate, .member, .jurist, .trainer, .board, .trainingAdmin]

    static func all(_ e: Expect) -> [Who: Expect] { Dictionary(uniqueKeysWithValues: Who.allCases.map { ($0, e) }) }
    static func signedIn(_ e: Expect = .allowed) -> [Who: Expect] { var d = all(e); d[.anonymous] = .signIn; return d }
    static func only(_ who: [Who]) -> [Who: Expect] {
        var d = all(.forbidden)
        d[.anonymous] = .signIn
        for w in who { d[w] = .allowed }
        return d
    }

    /// The expected answer of each route for each role (quality and support: `+Quality`).
    static let matrix = coreLines.merging(qualityLines) { core, _ in core }
    static let coreLines: [String: [Who: Expect]] = [
        "GET /health": all(.allowed),
        "GET /ready": all(.allowed),
        // In-memory test requests have no peer: not loopback, no token, so 404 for everyone.
        "GET /metrics": all(.notFound),
        "GET /annuaire": all(.allowed),
        "GET /connexion": all(.allowed),
        "POST /connexion": all(.allowed),
        "GET /mot-de-passe-oublie": all(.allowed),
        "POST /mot-de-passe-oublie": all(.allowed),
        "GET /lien/:token": all(.notFound),   // a wrong token is simply unknown
        "POST /lien/:token": all(.notFound),
        "GET /": signedIn(),
        "POST /deconnexion": signedIn(),
        "POST /deconnexion-partout": signedIn(),
        "GET /compte": signedIn(),
        "POST /compte/mot-de-passe": signedIn(),
        "POST /compte/jetons": signedIn(),
        // :tokenID is the admin's token: anyone else gets a 404, not a hint that it exists.
        "POST /compte/jetons/:tokenID/revoquer": { var d = signedIn(.notFound); d[.admin] = .allowed; return d }(),
        "GET /adherents": signedIn(),
        "GET /adherents/nouveau": only([.admin, .delegate]),
        "POST /adherents": only([.admin, .delegate]),
        "GET /adherents/:structureID": signedIn(),
        "GET /adherents/:structureID/modifier": only([.admin, .delegate]),
        "POST /adherents/:structureID/modifier": only([.admin, .delegate]),
        "GET /adherents/:structureID/adhesions/nouvelle": only([.admin, .delegate]),
        "POST /adherents/:structureID/adhesions/nouvelle": only([.admin, .delegate]),
        "GET /adherents/:structureID/adhesions/:membershipID/modifier": only([.admin, .delegate]),
        "POST /adherents/:structureID/adhesions/:membershipID/modifier": only([.admin, .delegate]),
        "GET /adherents/:structureID/adhesions/:membershipID/cloturer": only([.admin, .delegate]),
        "POST /adherents/:structureID/adhesions/:membershipID/cloturer": only([.admin, .delegate]),
        "GET /delegations": signedIn(),
        "GET /export/adherents.csv": only([.admin, .delegate]),
        "GET /export/adherents.xlsx": only([.admin, .delegate]),
        "POST /export/adherents.csv": only([.admin, .delegate]),
        "POST /export/adherents.xlsx": only([.admin, .delegate]),
        "GET /exports": signedIn(),
        // :exportID is the admin's (`concretePath`): anyone else, whatever their roles, gets a 404.
        "GET /exports/:exportID": { var d = signedIn(.notFound); d[.admin] = .allowed; return d }(),
        "GET /exports/:exportID/fichier": { var d = signedIn(.notFound); d[.admin] = .allowed; return d }(),
        "GET /import/adherents": only([.admin]),
        "POST /import/adherents": only([.admin]),
        "POST /import/adherents/:batchID/appliquer": only([.admin]),
        "GET /import/adherents/modele.csv": only([.admin]),
        "GET /import/adherents/modele.xlsx": only([.admin]),
        "GET /admin/utilisateurs": only([.admin]),
        "GET /admin/utilisateurs/nouveau": only([.admin]),
        "POST /admin/utilisateurs/nouveau": only([.admin]),
        "GET /admin/utilisateurs/:userID": only([.admin]),
        "POST /admin/utilisateurs/:userID/roles": only([.admin]),
        "POST /admin/utilisateurs/:userID/roles/:grantID/supprimer": only([.admin]),
        "POST /admin/utilisateurs/:userID/statut": only([.admin]),
        "GET /admin/journal": only([.admin]),
        "GET /admin/courriels": only([.admin]),
        "POST /admin/courriels/:messageID/renvoyer": only([.admin]),
        "GET /observatoire": signedIn(),
        "GET /observatoire/campagnes/nouvelle": only([.admin]),
        "POST /observatoire/campagnes": only([.admin]),
        "GET /observatoire/:year": only([.admin, .delegate]),
        "POST /observatoire/:year/parametres": only([.admin]),
        "GET /observatoire/:year/cloturer": only([.admin]),
        "POST /observatoire/:year/cloturer": only([.admin]),
        "GET /observatoire/:year/rouvrir": only([.admin]),
        "POST /observatoire/:year/rouvrir": only([.admin]),
        "GET /observatoire/:year/relances": only([.admin, .delegate]),
        "POST /observatoire/:year/relances": only([.admin, .delegate]),
        "GET /observatoire/:year/validation": only([.admin, .delegate]),
        // The member answers for :structureID (their own, in PDL); the PDL delegate follows it.
        "GET /observatoire/:year/reponses/:structureID/:type": only([.admin, .delegate, .member]),
        "POST /observatoire/:year/reponses/:structureID/:type": only([.admin, .delegate, .member]),
        "POST /observatoire/:year/reponses/:structureID/:type/valider": only([.admin, .delegate]),
        "POST /observatoire/:year/reponses/:structureID/:type/renvoyer": only([.admin, .delegate]),
        "POST /observatoire/:year/reponses/:structureID/:type/rouvrir": only([.admin]),
        "GET /observatoire/:year/import": only([.admin]),
        "POST /observatoire/:year/import": only([.admin]),
        "POST /observatoire/:year/import/:batchID/appliquer": only([.admin]),
        "GET /observatoire/:year/import/modele.csv": only([.admin]),
        "GET /observatoire/:year/import/modele.xlsx": only([.admin]),
        "GET /observatoire/:year/export/:file": only([.admin, .delegate]),
        "POST /observatoire/:year/export/:file": only([.admin, .delegate]),
        "GET /observatoire/:year/rapport": signedIn(),
        "GET /observatoire/:year/rapport/:code": signedIn(),
        "GET /observatoire/:year/portrait/:type": signedIn(),
        "GET /observatoire/:year/tableaux/:scope/:file": signedIn(),
        "GET /observatoire/:year/chiffres.json": signedIn(),
        // Printed by headless Chromium (CI installs it; without it the route answers 503).
        "GET /observatoire/:year/rapport.pdf": signedIn(),
        "GET /observatoire/:year/rapport/:code/rapport.pdf": signedIn(),
        "GET /observatoire/:year/positionnement/:structureID": only([.admin, .delegate, .member]),
        "GET /api/v1/observatoire/:year/chiffres": signedIn(),
        "GET /observatoire/:year/publications": signedIn(),
        "GET /observatoire/:year/publications/nouvelle": only([.admin]),
        "POST /observatoire/:year/publications": only([.admin]),
        "GET /observatoire/:year/publications/:number/chiffres.json": signedIn(),
        "GET /api/openapi.json": all(.allowed),
        "GET /theme.css": all(.allowed),
        "GET /aide": signedIn(),
        "GET /aide/:section": signedIn(),
        "GET /api/v1/structures": signedIn(),
        "GET /api/v1/structures/:structureID": signedIn(),
        "GET /api/v1/delegations": signedIn(),
        "GET /api/v1/delegations/:code": signedIn(),

        // Dues (`/cotisations`): the 2026 grid, the member's (inPDL) call; `followDues` for the
        // lists, `seeDues` for one member's records, `supervise` for follow-up, the rest national.
        "GET /cotisations": only([.admin, .delegate, .member]),
        "GET /cotisations/parametres": only([.admin]),
        "POST /cotisations/parametres": only([.admin]),
        "GET /cotisations/baremes": only([.admin]),
        "POST /cotisations/baremes": only([.admin]),
        "GET /cotisations/baremes/nouveau": only([.admin]),
        "GET /cotisations/baremes/:gridID": only([.admin]),
        "GET /cotisations/baremes/:gridID/modifier": only([.admin]),
        "POST /cotisations/baremes/:gridID/modifier": only([.admin]),
        "GET /cotisations/:year/assiettes": only([.admin, .delegate]),
        "GET /cotisations/:year/assiettes/:structureID": only([.admin, .delegate, .member]),
        "POST /cotisations/:year/assiettes/:structureID": only([.admin, .delegate, .member]),
        "GET /cotisations/:year/appels": only([.admin, .delegate, .member]),
        "GET /cotisations/:year/generer": only([.admin]),
        "POST /cotisations/:year/generer": only([.admin]),
        "GET /cotisations/appels/:callID": only([.admin, .delegate, .member]),
        "GET /cotisations/appels/:callID/impression": only([.admin, .delegate, .member]),
        "GET /cotisations/appels/:callID/appel.pdf": only([.admin, .delegate, .member]),
        "GET /cotisations/appels/:callID/avoir": only([.admin]),
        "POST /cotisations/appels/:callID/avoir": only([.admin]),
        "POST /cotisations/appels/:callID/paiements": only([.admin]),
        "POST /cotisations/appels/:callID/paiements/:paymentID/rejet": only([.admin]),
        "GET /cotisations/mandats": only([.admin]),
        "GET /cotisations/mandats/:structureID": only([.admin, .delegate, .member]),
        "POST /cotisations/mandats/:structureID": only([.admin]),
        "GET /cotisations/prelevements": only([.admin]),
        "POST /cotisations/prelevements": only([.admin]),
        "GET /cotisations/prelevements/:runID/fichier": only([.admin]),
        "GET /cotisations/releves": only([.admin]),
        "POST /cotisations/releves": only([.admin]),
        "GET /cotisations/releves/:batchID": only([.admin]),
        "POST /cotisations/releves/:batchID/appliquer": only([.admin]),
        "GET /cotisations/:year/tableau-de-bord": only([.admin, .delegate]),
        "GET /cotisations/:year/relances": only([.admin, .delegate]),
        "POST /cotisations/:year/relances": only([.admin, .delegate]),
        "GET /cotisations/:year/export/:file": only([.admin]),
        "GET /api/v1/cotisations/:year/appels": only([.admin, .delegate, .member]),
        // Legal desk (`/juridique`): the question of inPDL (not shared with the delegation) and
        // the attachment of its member's message, a published note.
        "GET /juridique": only([.delegate, .member, .jurist]),
        "GET /juridique/questions/nouvelle": only([.member]),
        "POST /juridique/questions/nouvelle": only([.member]),
        "GET /juridique/questions/:questionID": only([.delegate, .member, .jurist]),
        // Not shared: the delegate reads the metadata, not the files.
        "GET /juridique/questions/:questionID/pieces/:attachmentID": { var d = only([.member, .jurist]); d[.delegate] = .notFound; return d }(),
        "POST /juridique/questions/:questionID/messages": only([.member]),
        "POST /juridique/questions/:questionID/rouvrir": only([.member]),
        "POST /juridique/questions/:questionID/partage": only([.member]),
        "POST /juridique/questions/:questionID/prendre": only([.jurist]),
        "POST /juridique/questions/:questionID/attribuer": only([.jurist]),
        "POST /juridique/questions/:questionID/demander": only([.jurist]),
        "POST /juridique/questions/:questionID/repondre": only([.jurist]),
        "POST /juridique/questions/:questionID/note-interne": only([.jurist]),
        "POST /juridique/questions/:questionID/cloturer": only([.member, .jurist]),
        "GET /juridique/questions/:questionID/fiche": only([.jurist]),
        "POST /juridique/questions/:questionID/fiche": only([.jurist]),
        "GET /juridique/fiches": signedIn(),
        "GET /juridique/fiches/nouvelle": only([.jurist]),
        "POST /juridique/fiches/nouvelle": only([.jurist]),
        "GET /juridique/fiches/:noteID": signedIn(),
        "GET /juridique/fiches/:noteID/modifier": only([.jurist]),
        "POST /juridique/fiches/:noteID/modifier": only([.jurist]),
        "POST /juridique/fiches/:noteID/:step": only([.jurist]),
        "GET /juridique/suggestions": signedIn(),
        "GET /juridique/recherche": signedIn(),
        "GET /juridique/parametres": only([.admin]),
        "POST /juridique/parametres": only([.admin]),
        "GET /juridique/statistiques": only([.admin, .delegate, .jurist]),
        "GET /juridique/statistiques/:year/:file": only([.admin, .delegate, .jurist]),
        "GET /api/v1/juridique/questions": only([.delegate, .member, .jurist]),
        // Library (`/ressources`): a members-only resource with two versions.
        "GET /ressources": all(.allowed),
        "GET /ressources/nouvelle": only([.admin, .jurist]),
        "POST /ressources/nouvelle": only([.admin, .jurist]),
        "GET /ressources/:resourceID": signedIn(),
        "GET /ressources/:resourceID/telecharger": signedIn(),
        "GET /ressources/:resourceID/versions/:versionID/telecharger": signedIn(),
        "GET /ressources/:resourceID/modifier": only([.admin, .jurist]),
        "POST /ressources/:resourceID/modifier": only([.admin, .jurist]),
        "POST /ressources/:resourceID/versions": only([.admin, .jurist]),
        // Training: a public course in a pack; a past session (the fixtures' trainer's; inPDL present) and one to come.
        "GET /formations": all(.allowed),
        "GET /formations/cours/nouveau": only([.admin, .trainingAdmin]),
        "POST /formations/cours/nouveau": only([.admin, .trainingAdmin]),
        "GET /formations/cours/:courseID": all(.allowed),
        "GET /formations/cours/:courseID/modifier": only([.admin, .trainingAdmin]),
        "POST /formations/cours/:courseID/modifier": only([.admin, .trainingAdmin]),
        "GET /formations/parcours/nouveau": only([.admin, .trainingAdmin]),
        "POST /formations/parcours/nouveau": only([.admin, .trainingAdmin]),
        "GET /formations/parcours/:packID": all(.allowed),
        "GET /formations/parcours/:packID/modifier": only([.admin, .trainingAdmin]),
        "POST /formations/parcours/:packID/modifier": only([.admin, .trainingAdmin]),
        "GET /formations/sessions": only([.admin, .trainingAdmin, .trainer]),
        "GET /formations/sessions/nouvelle": only([.admin, .trainingAdmin]),
        "POST /formations/sessions/nouvelle": only([.admin, .trainingAdmin]),
        "GET /formations/sessions/:sessionID": all(.allowed),
        "GET /formations/sessions/:sessionID/modifier": only([.admin, .trainingAdmin, .trainer]),
        "POST /formations/sessions/:sessionID/modifier": only([.admin, .trainingAdmin, .trainer]),
        "GET /formations/sessions/:sessionID/etapes/:step": only([.admin, .trainingAdmin, .trainer]),
        "POST /formations/sessions/:sessionID/etapes/:step": only([.admin, .trainingAdmin, .trainer]),
        "GET /formations/sessions/:sessionID/inscription": only([.member]),
        "POST /formations/sessions/:sessionID/inscription": only([.member]),
        "GET /formations/sessions/:sessionID/emargement": only([.admin, .trainingAdmin, .trainer]),
        "POST /formations/sessions/:sessionID/emargement": only([.admin, .trainingAdmin, .trainer]),
        "GET /formations/sessions/:sessionID/feuille-emargement": only([.admin, .trainingAdmin, .trainer]),
        // Printed by headless Chromium (CI installs it; without it the route answers 503).
        "GET /formations/sessions/:sessionID/feuille-emargement.pdf": only([.admin, .trainingAdmin, .trainer]),
        "GET /formations/inscriptions": only([.member, .admin, .trainingAdmin, .trainer]),
        "GET /formations/inscriptions/:registrationID": only([.member, .admin, .trainingAdmin, .trainer]),
        "GET /formations/inscriptions/:registrationID/convocation": only([.member, .admin, .trainingAdmin, .trainer]),
        "GET /formations/inscriptions/:registrationID/annuler": only([.member, .admin, .trainingAdmin]),
        "POST /formations/inscriptions/:registrationID/annuler": only([.member, .admin, .trainingAdmin]),
        "GET /formations/inscriptions/:registrationID/attestation": only([.member, .admin, .trainingAdmin, .trainer]),
        "GET /formations/inscriptions/:registrationID/attestation.pdf": only([.member, .admin, .trainingAdmin, .trainer]),
        // An unknown one-time token is simply unknown.
        "GET /formations/avis/:token": all(.notFound),
        "POST /formations/avis/:token": all(.notFound),
        "GET /formations/chiffres": only([.admin, .trainingAdmin, .trainer]),
        "GET /formations/chiffres/:year/:file": only([.admin, .trainingAdmin, .trainer]),
        // Agenda (`/agenda`): a members' event of PDL that takes registrations, inPDL's registration.
        "GET /agenda": all(.allowed),
        "GET /agenda/evenements/nouveau": only([.admin, .delegate]),
        "POST /agenda/evenements/nouveau": only([.admin, .delegate]),
        "GET /agenda/evenements/:eventID": signedIn(),
        "GET /agenda/evenements/:eventID/evenement.ics": signedIn(),
        "GET /agenda/evenements/:eventID/modifier": only([.admin, .delegate]),
        "POST /agenda/evenements/:eventID/modifier": only([.admin, .delegate]),
        "GET /agenda/evenements/:eventID/annuler": only([.admin, .delegate]),
        "POST /agenda/evenements/:eventID/annuler": only([.admin, .delegate]),
        "GET /agenda/evenements/:eventID/inscription": only([.member]),
        "POST /agenda/evenements/:eventID/inscription": only([.member]),
        "GET /agenda/evenements/:eventID/inscrits": only([.admin, .delegate]),
        "POST /agenda/inscriptions/:eventRegistrationID/annuler": only([.member]),
        "GET /agenda/abonnements": all(.allowed),
        "POST /agenda/abonnements/renouveler": signedIn(),
        "GET /agenda/flux/reseau.ics": all(.allowed),
        "GET /agenda/flux/delegations/:feed": all(.allowed),
        "GET /agenda/flux/types/:feed": all(.allowed),
        "GET /agenda/flux/personnel/:feed": all(.notFound),
    ]

    /// One of the report's downloadable tables.
    static let reportTableFile = "financeurs.csv"

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map { "\($0)" }.joined(separator: "/")
    }

    @Test("every registered route has a rule and a line in the matrix, and no line is stale")
    func everyRouteIsInTheMatrix() async throws {
        try await withMaillage { app in
            let keys = app.routes.all.map(Self.key)
            for route in app.routes.all {
                #expect(route.policyRule != nil, "\(Self.key(route)) declares no authorization rule")
                #expect(Self.matrix[Self.key(route)] != nil, "\(Self.key(route)) is missing from the route × role matrix")
            }
            for k in Self.matrix.keys { #expect(keys.contains(k), "matrix line \(k) matches no route") }
            #expect(keys.count == Self.matrix.count)
        }
    }

    /// Admin goes last: some allowed POSTs change state (deactivate a user, revoke a role).
    static let order: [Who] = [.anonymous, .member, .jurist, .trainer, .trainingAdmin, .board, .delegate, .admin]

    @Test("each route answers each role as the matrix says", arguments: Array(matrix.keys).sorted())
    func routeAnswersEachRole(_ routeKey: String) async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let path = try await Self.concretePath(routeKey, f, app)
            let method = HTTPMethod(rawValue: String(routeKey.split(separator: " ")[0]))
            for who in Self.order {
                let expected = Self.matrix[routeKey]![who]!
                let got = try await Self.outcome(method: method, path: path, who: who, f, app)
                #expect(got.0 == expected, "\(routeKey) as \(who.rawValue): expected \(expected), got \(got.1)")
            }
        }
    }

    static func concretePath(_ key: String, _ f: Fixtures, _ app: Application) async throws -> String {
        var path = String(key.split(separator: " ")[1])
        let adminToken = try await APIToken.query(on: app.db).filter(\.$user.$id == f.users[.admin]!).first()!
        let memberGrant = try await RoleGrant.query(on: app.db).filter(\.$user.$id == f.users[.member]!).first()!
        let batch = ImportBatch(userID: nil, filename: "vide.csv", content: "siret;nom;types;commune;departement\r\n")
        try await batch.create(on: app.db)
        // An open 2024 campaign where the member's structure has transmitted its AI answer.
        let campaign = try await ObservatoryFixtures.campaign(2024, on: app.db)
        try await ObservatoryFixtures.answer(campaign, f.inPDL, type: "AI", status: .submitted, on: app.db)
        // Published once: roles that only read releases reach the report routes too.
        _ = try await ReleaseService.publish(campaign, by: nil, on: app.db)
        let answersBatch = AnswerImportBatch()
        answersBatch.$campaign.id = campaign.id!
        answersBatch.filename = "vide.csv"
        answersBatch.content = Data("campaign;siret;type\r\n".utf8).base64EncodedString()
        try await answersBatch.create(on: app.db)
        // Dues: the 2026 grid, the member's call and its payment, a debit run, a statement.
        path = try await DuesMatrixFixtures.fill(path, structure: f.inPDL, on: app.db)
        // Legal desk and library: inPDL's question and attachment, a note, a resource.
        path = try await LegalMatrixFixtures.fill(path, structure: f.inPDL, on: app)
        // Training, agenda, quality: a course, sessions, inPDL's registrations, an event, inPDL's quality records.
        path = try await TrainingMatrixFixtures.fill(path, structure: f.inPDL, trainerID: f.users[.trainer]!, on: app.db)
        path = try await QualityMatrixFixtures.fill(AgendaMatrixFixtures.fill(path, structure: f.inPDL, on: app.db), structure: f.inPDL, on: app)
        if key.contains("/observatoire/") {
            path = path.replacingOccurrences(of: ":batchID", with: answersBatch.id!.uuidString)
                .replacingOccurrences(of: "tableaux/:scope/:file", with: "tableaux/national/" + Self.reportTableFile)
                .replacingOccurrences(of: ":file", with: "reponses.csv")
                .replacingOccurrences(of: ":type", with: "AI")
        }
        let values: [String: String] = [
            ":structureID": f.inPDL.id!.uuidString, ":membershipID": f.membershipInPDL.id!.uuidString,
            ":tokenID": adminToken.id!.uuidString, ":userID": f.users[.member]!.uuidString,
            ":grantID": memberGrant.id!.uuidString, ":batchID": batch.id!.uuidString,
            ":exportID": try await JobQueue.enqueue(ExportSubject.register.kind, payload: ExportPayload(
                subject: .register, format: "csv", fileName: "f.csv", title: "Fichier", requestedBy: f.users[.admin]!,
                scope: ExportScope(all: true, delegationIDs: [], structureIDs: [])), requestedBy: f.users[.admin]!, on: app.db).uuidString,
            ":token": "jeton-inconnu", ":code": "PDL", ":year": "2024", ":number": "1", ":section": "observatoire",
            ":messageID": try await { () async throws -> UUID in
                let m = OutboxMessage(recipient: "a@exemple.fr", subject: "Objet", body: "Corps")
                try await m.create(on: app.db)
                return try m.requireID()
            }().uuidString,
        ]
        // Longest names first: `:token` is a prefix of `:tokenID`.
        for (k, v) in values.sorted(by: { $0.key.count > $1.key.count }) { path = path.replacingOccurrences(of: k, with: v) }
        return path
    }

    static func outcome(method: HTTPMethod, path: String, who: Who, _ f: Fixtures, _ app: Application) async throws -> (Expect?, String) {
        let page: TestBrowser.Page
        if path.hasPrefix("/api/v1") {
            var headers = HTTPHeaders()
            if who != .anonymous { headers.bearerAuthorization = .init(token: f.tokens[who]!) }
            page = try await TestBrowser(app).send(method, path, headers: headers, body: nil)
        } else {
            let b = try await f.browser(app, as: who)
            page = method == .POST ? try await b.post(path) : try await b.get(path)
        }
        let code = page.status.code
        let description = "\(code)" + (page.location.map { " → \($0)" } ?? "")
        switch code {
        case 401: return (.signIn, description)
        case 403: return (.forbidden, description)
        case 404: return (.notFound, description)
        case 500...: return (nil, description)
        default:
            if (300..<400).contains(code), page.location?.hasPrefix("/connexion?retour=") == true {
                return (.signIn, description)
            }
            return (.allowed, description)
        }
    }
}

import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// Every route about one structure × every role × three structures: one the member manages
/// (in the delegate's delegation), another of the delegate's delegation, and one of another
/// delegation. The route × role matrix proves who reaches a route; this one proves what each
/// role reaches on records that are theirs, their delegation's, or someone else's.
@Suite("Record × role matrix")
struct RecordMatrixTests {
    typealias Who = Fixtures.Who
    typealias Expect = RouteRoleMatrixTests.Expect

    enum Record: String, CaseIterable, Sendable {
        /// `inPDL`: managed by `member`, in the delegate's delegation.
        case own
        /// `otherPDL`: in the delegate's delegation, not the member's.
        case delegation
        /// `entityNOR`: in Normandie, nobody's here.
        case other
    }

    typealias Table = [Who: [Record: Expect]]

    static func row(_ own: Expect, _ delegation: Expect, _ other: Expect) -> [Record: Expect] {
        [.own: own, .delegation: delegation, .other: other]
    }

    /// A structure's register page: network-wide readers see all; the delegate their
    /// delegation; the member their own; the rest is « introuvable ».
    static let see: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.allowed, .allowed, .allowed),
        .jurist: row(.allowed, .allowed, .allowed),
        .trainer: row(.allowed, .allowed, .allowed),
        .trainingAdmin: row(.allowed, .allowed, .allowed),
        .board: row(.allowed, .allowed, .allowed),
        .delegate: row(.allowed, .allowed, .notFound),
        .member: row(.allowed, .notFound, .notFound),
    ]

    /// Keeping the register and validating answers: admins everywhere, the delegate on
    /// their delegation (another's structures are out of sight: 404); nobody else.
    static let supervise: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.allowed, .allowed, .allowed),
        .jurist: row(.forbidden, .forbidden, .forbidden),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .trainingAdmin: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.allowed, .allowed, .notFound),
        .member: row(.forbidden, .forbidden, .forbidden),
    ]

    /// A structure's answers and benchmark: admins, its delegate, its own managers.
    static let answer: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.allowed, .allowed, .allowed),
        .jurist: row(.forbidden, .forbidden, .forbidden),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .trainingAdmin: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.allowed, .allowed, .notFound),
        .member: row(.allowed, .notFound, .notFound),
    ]

    static let adminOnly: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.allowed, .allowed, .allowed),
        .jurist: row(.forbidden, .forbidden, .forbidden),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .trainingAdmin: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.forbidden, .forbidden, .forbidden),
        .member: row(.forbidden, .forbidden, .forbidden),
    ]

    /// A question's page: jurists see every question; the delegate their delegation's (metadata);
    /// the member their own; the others are « introuvable ».
    static let seeQuestion: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.forbidden, .forbidden, .forbidden),
        .jurist: row(.allowed, .allowed, .allowed),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .trainingAdmin: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.allowed, .allowed, .notFound),
        .member: row(.allowed, .notFound, .notFound),
    ]

    /// A question's file: as its page, but the delegate reads no file of a question not shared.
    static let questionFile: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.forbidden, .forbidden, .forbidden),
        .jurist: row(.allowed, .allowed, .allowed),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .trainingAdmin: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.notFound, .notFound, .notFound),
        .member: row(.allowed, .notFound, .notFound),
    ]

    /// The member's side of a question: its own managers only.
    static let memberSide: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.forbidden, .forbidden, .forbidden),
        .jurist: row(.forbidden, .forbidden, .forbidden),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .trainingAdmin: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.forbidden, .forbidden, .forbidden),
        .member: row(.allowed, .notFound, .notFound),
    ]

    /// The jurists' work on any question.
    static let juristOnly: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.forbidden, .forbidden, .forbidden),
        .jurist: row(.allowed, .allowed, .allowed),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .trainingAdmin: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.forbidden, .forbidden, .forbidden),
        .member: row(.forbidden, .forbidden, .forbidden),
    ]

    /// Closing: the member on its own question, a jurist on any.
    static let closeQuestion: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.forbidden, .forbidden, .forbidden),
        .jurist: row(.allowed, .allowed, .allowed),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .trainingAdmin: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.forbidden, .forbidden, .forbidden),
        .member: row(.allowed, .notFound, .notFound),
    ]

    /// A training registration (its page, convocation, certificate): training admins and the trainer
    /// of its session on every one; the member on its own; the others are « introuvable ».
    static let seeRegistration: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.allowed, .allowed, .allowed),
        .trainingAdmin: row(.allowed, .allowed, .allowed),
        .trainer: row(.allowed, .allowed, .allowed),
        .jurist: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.forbidden, .forbidden, .forbidden),
        .member: row(.allowed, .notFound, .notFound),
    ]

    /// Cancelling a training registration: training admins on every one, the member on its own.
    static let cancelRegistration: Table = [
        .anonymous: row(.signIn, .signIn, .signIn),
        .admin: row(.allowed, .allowed, .allowed),
        .trainingAdmin: row(.allowed, .allowed, .allowed),
        .trainer: row(.forbidden, .forbidden, .forbidden),
        .jurist: row(.forbidden, .forbidden, .forbidden),
        .board: row(.forbidden, .forbidden, .forbidden),
        .delegate: row(.forbidden, .forbidden, .forbidden),
        .member: row(.allowed, .notFound, .notFound),
    ]

    /// Every record-scoped route (a `:structureID` in its pattern) with its expectations (quality
    /// and support: `+Quality`).
    static let matrix = coreLines.merging(qualityLines) { core, _ in core }
    static let coreLines: [String: Table] = [
        "GET /adherents/:structureID": see,
        "GET /api/v1/structures/:structureID": see,
        "GET /adherents/:structureID/modifier": supervise,
        "POST /adherents/:structureID/modifier": supervise,
        "GET /adherents/:structureID/adhesions/nouvelle": supervise,
        "POST /adherents/:structureID/adhesions/nouvelle": supervise,
        "GET /adherents/:structureID/adhesions/:membershipID/modifier": supervise,
        "POST /adherents/:structureID/adhesions/:membershipID/modifier": supervise,
        "GET /adherents/:structureID/adhesions/:membershipID/cloturer": supervise,
        "POST /adherents/:structureID/adhesions/:membershipID/cloturer": supervise,
        "GET /observatoire/:year/reponses/:structureID/:type": answer,
        "POST /observatoire/:year/reponses/:structureID/:type": answer,
        "GET /observatoire/:year/positionnement/:structureID": answer,
        "POST /observatoire/:year/reponses/:structureID/:type/valider": supervise,
        "POST /observatoire/:year/reponses/:structureID/:type/renvoyer": supervise,
        "POST /observatoire/:year/reponses/:structureID/:type/rouvrir": adminOnly,
        // Dues: one member's bases, mandate and calls (`seeDues`); what only the national office does.
        "GET /cotisations/:year/assiettes/:structureID": answer,
        "POST /cotisations/:year/assiettes/:structureID": answer,
        "GET /cotisations/mandats/:structureID": answer,
        "POST /cotisations/mandats/:structureID": adminOnly,
        // Legal desk: a question per structure (not shared with the delegation).
        "GET /juridique/questions/:questionID": seeQuestion,
        "GET /juridique/questions/:questionID/pieces/:attachmentID": questionFile,
        "POST /juridique/questions/:questionID/messages": memberSide,
        "POST /juridique/questions/:questionID/rouvrir": memberSide,
        "POST /juridique/questions/:questionID/partage": memberSide,
        "POST /juridique/questions/:questionID/prendre": juristOnly,
        "POST /juridique/questions/:questionID/attribuer": juristOnly,
        "POST /juridique/questions/:questionID/demander": juristOnly,
        "POST /juridique/questions/:questionID/repondre": juristOnly,
        "POST /juridique/questions/:questionID/note-interne": juristOnly,
        "POST /juridique/questions/:questionID/cloturer": closeQuestion,
        "GET /juridique/questions/:questionID/fiche": juristOnly,
        "POST /juridique/questions/:questionID/fiche": juristOnly,
        "GET /cotisations/appels/:callID": answer,
        "GET /cotisations/appels/:callID/impression": answer,
        "GET /cotisations/appels/:callID/appel.pdf": answer,
        "GET /cotisations/appels/:callID/avoir": adminOnly,
        "POST /cotisations/appels/:callID/avoir": adminOnly,
        "POST /cotisations/appels/:callID/paiements": adminOnly,
        "POST /cotisations/appels/:callID/paiements/:paymentID/rejet": adminOnly,
        // Training: a registration of each structure to the past session (run by the fixtures' trainer).
        "GET /formations/inscriptions/:registrationID": seeRegistration,
        "GET /formations/inscriptions/:registrationID/convocation": seeRegistration,
        "GET /formations/inscriptions/:registrationID/attestation": seeRegistration,
        "GET /formations/inscriptions/:registrationID/attestation.pdf": seeRegistration,
        "GET /formations/inscriptions/:registrationID/annuler": cancelRegistration,
        "POST /formations/inscriptions/:registrationID/annuler": cancelRegistration,
        // Agenda: a registration of each structure to the PDL members' event.
        "POST /agenda/inscriptions/:eventRegistrationID/annuler": memberSide,
    ]

    @Test("every route about one structure has a line in the record matrix")
    func everyRecordRouteIsInTheMatrix() async throws {
        try await withMaillage { app in
            let scoped = app.routes.all.map(RouteRoleMatrixTests.key).filter { $0.contains(":structureID") || $0.contains(":callID") || $0.contains(":questionID")
                || $0.contains(":registrationID") || $0.contains(":eventRegistrationID") }
            #expect(Set(scoped) == Set(Self.matrix.keys))
        }
    }

    /// Admin goes last: some allowed POSTs change state (closing a membership).
    static let order: [Who] = [.anonymous, .member, .jurist, .trainer, .trainingAdmin, .board, .delegate, .admin]

    @Test("each record-scoped route answers each role on own, delegation and other records",
          arguments: Array(matrix.keys).sorted())
    func recordAnswersEachRole(_ routeKey: String) async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let records: [Record: (Structure, String)] = [.own: (f.inPDL, "AI"), .delegation: (f.otherPDL, "ACI"), .other: (f.entityNOR, "ETTI")]
            // The fixtures' other records (campaign, batches, tokens) once; then one path per record.
            let template = try await RouteRoleMatrixTests.concretePath(
                Self.qualityTemplate(routeKey).replacingOccurrences(of: ":structureID", with: "STRUCTURE")
                    .replacingOccurrences(of: ":membershipID", with: "MEMBERSHIP").replacingOccurrences(of: ":type", with: "TYPE")
                    .replacingOccurrences(of: ":callID", with: "CALL").replacingOccurrences(of: ":paymentID", with: "PAYMENT")
                    .replacingOccurrences(of: ":questionID", with: "QUESTION").replacingOccurrences(of: ":attachmentID", with: "ATTACHMENT")
                .replacingOccurrences(of: ":eventRegistrationID", with: "EVENTREG").replacingOccurrences(of: ":registrationID", with: "TRAININGREG"), f, app)
            var paths: [Record: String] = [:]
            for (record, (structure, type)) in records {
                let membership = try await Membership.query(on: app.db).filter(\.$structure.$id == structure.requireID()).first()!
                paths[record] = template.replacingOccurrences(of: "STRUCTURE", with: try structure.requireID().uuidString)
                    .replacingOccurrences(of: "MEMBERSHIP", with: try membership.requireID().uuidString)
                    .replacingOccurrences(of: "TYPE", with: type)
                if routeKey.contains("/juridique/") {
                    let (question, attachment) = try await LegalMatrixFixtures.question(for: structure, on: app)
                    paths[record] = paths[record]!.replacingOccurrences(of: "QUESTION", with: try question.requireID().uuidString)
                        .replacingOccurrences(of: "ATTACHMENT", with: try attachment.requireID().uuidString)
                }
                if routeKey.contains("/formations/") {
                    let r = try await TrainingMatrixFixtures.registration(for: structure, trainerID: f.users[.trainer]!, on: app.db)
                    paths[record] = paths[record]!.replacingOccurrences(of: "TRAININGREG", with: try r.requireID().uuidString)
                }
                if routeKey.contains("/agenda/") {
                    let r = try await AgendaMatrixFixtures.registration(for: structure, on: app.db)
                    paths[record] = paths[record]!.replacingOccurrences(of: "EVENTREG", with: try r.requireID().uuidString)
                }
                paths[record] = try await Self.qualityPath(paths[record]!, structure, on: app)
                if routeKey.contains("/cotisations/") {
                    let (call, payment) = try await DuesMatrixFixtures.call(for: structure, on: app.db)
                    paths[record] = paths[record]!.replacingOccurrences(of: "CALL", with: try call.requireID().uuidString)
                        .replacingOccurrences(of: "PAYMENT", with: try payment.requireID().uuidString)
                }
            }
            let method = HTTPMethod(rawValue: String(routeKey.split(separator: " ")[0]))
            for who in Self.order {
                for record in Record.allCases {
                    let expected = Self.matrix[routeKey]![who]![record]!
                    let got = try await RouteRoleMatrixTests.outcome(method: method, path: paths[record]!, who: who, f, app)
                    #expect(got.0 == expected, "\(routeKey) as \(who.rawValue) on the \(record.rawValue) record: expected \(expected), got \(got.1)")
                }
            }
        }
    }
}

import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Maillage

// Quality and support (issue #14): every route about one structure × role × own / delegation /
// other structure, and a sub-record (certification, document, mock audit, action, support) of
// another structure put under this structure's path.
extension RecordMatrixTests {
    /// A structure's quality and support record (`seeMemberProgress`): its managers, its delegate,
    /// admins; the other roles are refused by the route (403); out of sight, 404.
    static let seeProgress: Table = answer

    /// Filling the self-assessment (`fillSelfAssessment`): the structure's managers only.
    static let fillSelfAssessment: Table = memberSide

    static let qualityLines: [String: Table] = [
        "GET /qualite/structures/:structureID": seeProgress,
        "GET /qualite/structures/:structureID/certifications/nouvelle": supervise,
        "POST /qualite/structures/:structureID/certifications/nouvelle": supervise,
        "GET /qualite/structures/:structureID/certifications/:certificationID": seeProgress,
        "GET /qualite/structures/:structureID/certifications/:certificationID/etapes/:step": supervise,
        "POST /qualite/structures/:structureID/certifications/:certificationID/etapes/:step": supervise,
        "POST /qualite/structures/:structureID/certifications/:certificationID/documents": supervise,
        "GET /qualite/structures/:structureID/certifications/:certificationID/documents/:documentID": seeProgress,
        "GET /qualite/structures/:structureID/audits-blancs/nouveau": supervise,
        "POST /qualite/structures/:structureID/audits-blancs/nouveau": supervise,
        "GET /qualite/structures/:structureID/audits-blancs/:mockAuditID": seeProgress,
        "GET /qualite/structures/:structureID/cap/:year": seeProgress,
        "POST /qualite/structures/:structureID/cap/:year": fillSelfAssessment,
        "GET /qualite/structures/:structureID/cap/:year/resultats": seeProgress,
        "GET /qualite/structures/:structureID/plan-actions": seeProgress,
        "POST /qualite/structures/:structureID/plan-actions": seeProgress,
        "POST /qualite/structures/:structureID/plan-actions/:actionID": seeProgress,
        "GET /accompagnement/structures/:structureID": seeProgress,
        "GET /accompagnement/structures/:structureID/nouveau": supervise,
        "POST /accompagnement/structures/:structureID/nouveau": supervise,
        "GET /accompagnement/structures/:structureID/suivis/:supportID": seeProgress,
        "GET /accompagnement/structures/:structureID/suivis/:supportID/modifier": supervise,
        "POST /accompagnement/structures/:structureID/suivis/:supportID/modifier": supervise,
    ]

    /// The sub-record parameters, left as placeholders in the template path, then filled per record.
    static let qualityPlaceholders: [(String, String)] = [
        (":certificationID", "CERTIFICATION"), (":documentID", "QDOCUMENT"), (":mockAuditID", "MOCKAUDIT"),
        (":actionID", "CAPACTION"), (":supportID", "SUPPORTREC"),
    ]

    static func qualityTemplate(_ key: String) -> String {
        qualityPlaceholders.reduce(key) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// `path` with the sub-record placeholders replaced by the records of `structure`, the document
    /// (when `documentOf` is given) by that structure's.
    static func qualityPath(_ path: String, _ structure: Structure, documentOf: Structure? = nil, on app: Application) async throws -> String {
        guard path.hasPrefix("/qualite") || path.hasPrefix("/accompagnement") else { return path }
        let r = try await QualityMatrixFixtures.records(for: structure, on: app)
        var d = r
        if let documentOf { d = try await QualityMatrixFixtures.records(for: documentOf, on: app) }
        return path.replacingOccurrences(of: "CERTIFICATION", with: r.certification.uuidString)
            .replacingOccurrences(of: "QDOCUMENT", with: d.document.uuidString)
            .replacingOccurrences(of: "MOCKAUDIT", with: r.mockAudit.uuidString)
            .replacingOccurrences(of: "CAPACTION", with: r.action.uuidString)
            .replacingOccurrences(of: "SUPPORTREC", with: r.support.uuidString)
    }

    /// The routes that name a sub-record of the structure.
    static let subRecordRoutes = qualityLines.keys.filter { key in qualityPlaceholders.contains { key.contains($0.0) } }.sorted()

    @Test("a certification, document, mock audit, action or support of another structure under this structure's path is 404",
          arguments: subRecordRoutes)
    func anotherStructuresSubRecordIsNotFound(_ routeKey: String) async throws {
        try await withMaillage { app in
            // setup: inPDL's path with otherPDL's records (both in the delegate's sight), and for a
            // document, inPDL's certification with otherPDL's document.
            let f = try await Fixtures.load(on: app)
            let template = try await RouteRoleMatrixTests.concretePath(Self.qualityTemplate(routeKey), f, app)
            var paths = [try await Self.qualityPath(template, f.otherPDL, on: app)]
            if routeKey.contains(":documentID") { paths.append(try await Self.qualityPath(template, f.inPDL, documentOf: f.otherPDL, on: app)) }
            let before = try await Self.snapshot(of: f.otherPDL, on: app)
            let method = HTTPMethod(rawValue: String(routeKey.split(separator: " ")[0]))
            // MUT + validate: every role the route lets in on the own record gets a 404.
            for who in Self.order where Self.qualityLines[routeKey]![who]![.own] == .allowed {
                for path in paths {
                    let got = try await RouteRoleMatrixTests.outcome(method: method, path: path, who: who, f, app)
                    #expect(got.0 == .notFound, "\(routeKey) as \(who.rawValue) with another structure's record (\(path)): expected 404, got \(got.1)")
                }
            }
            #expect(try await Self.snapshot(of: f.otherPDL, on: app) == before, "\(routeKey): the other structure's records changed")
        }
    }

    /// What a refused write must leave alone: the structure's certifications, documents, mock audits,
    /// actions and supports (state and version), its events.
    static func snapshot(of structure: Structure, on app: Application) async throws -> [String] {
        let sid = try structure.requireID()
        let db = app.db
        var out: [String] = []
        for c in try await Certification.query(on: db).filter(\.$structure.$id == sid).sort(\.$id).all() {
            out.append("certification \(c.id!) \(c.status) v\(c.version) \(c.auditOn ?? "-") \(c.expiresOn ?? "-")")
            let events = try await CertificationEvent.query(on: db).filter(\.$certification.$id == c.requireID()).count()
            let documents = try await CertificationDocument.query(on: db).filter(\.$certification.$id == c.requireID()).count()
            out.append("events \(events) documents \(documents)")
        }
        out.append("mock audits \(try await MockAudit.query(on: db).filter(\.$structure.$id == sid).count())")
        for a in try await CapAction.query(on: db).filter(\.$structure.$id == sid).sort(\.$id).all() {
            out.append("action \(a.id!) \(a.status) v\(a.version) \(a.title)")
        }
        for s in try await MemberSupport.query(on: db).filter(\.$structure.$id == sid).sort(\.$id).all() {
            out.append("support \(s.id!) \(s.status) v\(s.version) \(s.endedOn ?? "-") \(s.outcome)")
        }
        return out
    }
}

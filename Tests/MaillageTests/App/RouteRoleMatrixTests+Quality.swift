import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

// Quality and support (issue #14): the lines of the route × role matrix, and the records their
// paths are filled with (`QualityMatrixFixtures`).
extension RouteRoleMatrixTests {
    /// `:structureID` is inPDL (the member's, in the delegate's delegation): `seeMemberProgress`
    /// lets its managers, its delegate and admins through; `supervise` admins and the delegate;
    /// `fillSelfAssessment` its managers only; figures as their rules say.
    static let qualityLines: [String: [Who: Expect]] = [
        "GET /qualite": only([.admin, .delegate, .member]),
        "GET /qualite/echeances": only([.admin, .delegate]),
        "GET /qualite/chiffres": signedIn(),
        "GET /qualite/referentiels": only([.admin]),
        "GET /qualite/referentiels/nouveau": only([.admin]),
        "POST /qualite/referentiels/nouveau": only([.admin]),
        "GET /qualite/referentiels/:standardID/modifier": only([.admin]),
        "POST /qualite/referentiels/:standardID/modifier": only([.admin]),
        "GET /qualite/structures/:structureID": only([.admin, .delegate, .member]),
        "GET /qualite/structures/:structureID/certifications/nouvelle": only([.admin, .delegate]),
        "POST /qualite/structures/:structureID/certifications/nouvelle": only([.admin, .delegate]),
        "GET /qualite/structures/:structureID/certifications/:certificationID": only([.admin, .delegate, .member]),
        "GET /qualite/structures/:structureID/certifications/:certificationID/etapes/:step": only([.admin, .delegate]),
        "POST /qualite/structures/:structureID/certifications/:certificationID/etapes/:step": only([.admin, .delegate]),
        "POST /qualite/structures/:structureID/certifications/:certificationID/documents": only([.admin, .delegate]),
        "GET /qualite/structures/:structureID/certifications/:certificationID/documents/:documentID": only([.admin, .delegate, .member]),
        "GET /qualite/structures/:structureID/audits-blancs/nouveau": only([.admin, .delegate]),
        "POST /qualite/structures/:structureID/audits-blancs/nouveau": only([.admin, .delegate]),
        "GET /qualite/structures/:structureID/audits-blancs/:mockAuditID": only([.admin, .delegate, .member]),
        "GET /qualite/cap/questionnaires": only([.admin]),
        "POST /qualite/cap/questionnaires": only([.admin]),
        "GET /qualite/cap/questionnaires/:year": only([.admin]),
        "POST /qualite/cap/questionnaires/:year": only([.admin]),
        "GET /qualite/structures/:structureID/cap/:year": only([.admin, .delegate, .member]),
        "POST /qualite/structures/:structureID/cap/:year": only([.member]),
        "GET /qualite/structures/:structureID/cap/:year/resultats": only([.admin, .delegate, .member]),
        "GET /qualite/structures/:structureID/plan-actions": only([.admin, .delegate, .member]),
        "POST /qualite/structures/:structureID/plan-actions": only([.admin, .delegate, .member]),
        "POST /qualite/structures/:structureID/plan-actions/:actionID": only([.admin, .delegate, .member]),
        "GET /accompagnement": only([.admin, .delegate]),
        "GET /accompagnement/journees": only([.admin, .delegate]),
        "POST /accompagnement/journees": only([.admin, .delegate]),
        "GET /accompagnement/chiffres": only([.admin, .delegate, .board]),
        "GET /accompagnement/chiffres/:year/:file": only([.admin, .delegate, .board]),
        "GET /accompagnement/programmes": only([.admin]),
        "GET /accompagnement/programmes/nouveau": only([.admin]),
        "POST /accompagnement/programmes/nouveau": only([.admin]),
        "GET /accompagnement/programmes/:programmeID/modifier": only([.admin]),
        "POST /accompagnement/programmes/:programmeID/modifier": only([.admin]),
        "GET /accompagnement/structures/:structureID": only([.admin, .delegate, .member]),
        "GET /accompagnement/structures/:structureID/nouveau": only([.admin, .delegate]),
        "POST /accompagnement/structures/:structureID/nouveau": only([.admin, .delegate]),
        "GET /accompagnement/structures/:structureID/suivis/:supportID": only([.admin, .delegate, .member]),
        "GET /accompagnement/structures/:structureID/suivis/:supportID/modifier": only([.admin, .delegate]),
        "POST /accompagnement/structures/:structureID/suivis/:supportID/modifier": only([.admin, .delegate]),
    ]
}

/// The quality and support records the route × role and record matrices put in their paths,
/// written straight with the models: per structure a certification under CEDRE (engaged 30 days
/// ago, so « Programmer un audit » is its next step) with a PDF document, a mock audit, an action
/// of its plan, a support of its delegation; the CAP questionnaires of this year (no assessment
/// yet: the form) and last year (an assessment submitted with its scores: the results).
enum QualityMatrixFixtures {
    struct Records {
        let certification: UUID
        let document: UUID
        let mockAudit: UUID
        let action: UUID
        let support: UUID
    }

    /// The year of the assessment form; the results are read for the year before.
    static var formYear: Int { Day.today().year }
    static var resultsYear: Int { Day.today().year - 1 }

    static func standard(_ code: String = "CEDRE", on db: any Database) async throws -> QualityStandard {
        try await QualityStandard.query(on: db).filter(\.$code == code).first()!
    }

    static func questionnaire(_ year: Int, on db: any Database) async throws -> CapQuestionnaire {
        if let q = try await CapQuestionnaire.query(on: db).filter(\.$year == year).first() { return q }
        let q = CapQuestionnaire(year: year, title: "Auto-diagnostic CAP RSE \(year)", scaleLabels: "Pas engagé|Engagé|Avancé|Exemplaire")
        try await q.create(on: db)
        for (i, axis) in CapAxis.allCases.enumerated() {
            try await CapQuestion(questionnaireID: q.requireID(), axis: axis, position: i + 1, code: "Q\(i + 1)",
                                  text: "Question sur l'axe \(axis.label)", scaleMax: 3, weight: 1).create(on: db)
        }
        return q
    }

    /// `structure`'s assessment of `year`, submitted with an answer of 2 everywhere and its scores.
    @discardableResult
    static func submittedAssessment(_ structure: Structure, year: Int, on db: any Database) async throws -> CapAssessment {
        let sid = try structure.requireID()
        if let a = try await CapAssessment.query(on: db).filter(\.$structure.$id == sid).filter(\.$year == year).first() { return a }
        let q = try await questionnaire(year, on: db)
        let a = CapAssessment(structureID: sid, year: year, questionnaireID: try q.requireID())
        a.status = CapAssessmentStatus.submitted.rawValue
        a.submittedAt = Date()
        try await a.create(on: db)
        let questions = try await CapQuestion.query(on: db).filter(\.$questionnaire.$id == q.requireID()).all()
        for question in questions {
            try await CapAnswer(assessmentID: a.requireID(), questionID: question.requireID(), value: 2).create(on: db)
        }
        for axis in CapAxis.allCases {
            try await CapScore(assessmentID: a.requireID(), axis: axis.rawValue, points: 2, maxPoints: 3).create(on: db)
        }
        try await CapScore(assessmentID: a.requireID(), axis: CapScore.overall, points: 10, maxPoints: 15).create(on: db)
        return a
    }

    /// The records of `structure` (made once).
    static func records(for structure: Structure, on app: Application) async throws -> Records {
        let db = app.db
        let sid = try structure.requireID()
        _ = try await questionnaire(formYear, on: db)
        try await submittedAssessment(structure, year: resultsYear, on: db)
        let today = Day.today()
        let certification: Certification
        if let c = try await Certification.query(on: db).filter(\.$structure.$id == sid).first() {
            certification = c
        } else {
            certification = Certification(structureID: sid, standardID: try await standard(on: db).requireID(),
                                          engagedOn: today.adding(days: -30), body: "AFNOR Certification", auditor: "Claire Audit")
            try await certification.create(on: db)
            try await CertificationEvent(certificationID: certification.requireID(), action: "create", from: nil, to: .engaged,
                                         on: today.adding(days: -30), actorID: nil).create(on: db)
        }
        let cid = try certification.requireID()
        let document: CertificationDocument
        if let d = try await CertificationDocument.query(on: db).filter(\.$certification.$id == cid).first() {
            document = d
        } else {
            let key = FileKey.make()
            try app.services.files.put(LegalFactory.pdf, key: key)
            document = CertificationDocument()
            document.$certification.id = cid
            document.kind = CertificationDocumentKind.auditReport.rawValue
            document.title = "Rapport d'audit"
            document.fileKey = key.value
            document.fileName = "rapport.pdf"
            document.contentType = "application/pdf"
            document.size = Int64(LegalFactory.pdf.count)
            document.sha256 = ""
            try await document.create(on: db)
        }
        let mock: MockAudit
        if let m = try await MockAudit.query(on: db).filter(\.$structure.$id == sid).first() {
            mock = m
        } else {
            mock = MockAudit()
            mock.$structure.id = sid
            mock.$standard.id = try await standard(on: db).requireID()
            mock.heldOn = today.adding(days: -10).iso
            mock.auditorName = "Test delegate"
            mock.readiness = MockAuditReadiness.almost.rawValue
            mock.strengths = "Accueil structuré."
            mock.findings = "Livret d'accueil à mettre à jour."
            mock.recommendations = "Formaliser les entretiens de suivi."
            try await mock.create(on: db)
        }
        let action: CapAction
        if let a = try await CapAction.query(on: db).filter(\.$structure.$id == sid).first() {
            action = a
        } else {
            action = CapAction(structureID: sid, axis: .environment, title: "Réduire les déchets du chantier", owner: "Direction",
                               dueOn: today.adding(days: 90), createdYear: today.year)
            try await action.create(on: db)
        }
        let support: MemberSupport
        if let s = try await MemberSupport.query(on: db).filter(\.$structure.$id == sid).first() {
            support = s
        } else {
            let delegation = try await NetworkMap.load(on: db).delegation(ofDepartment: structure.departmentCode)!.delegationID
            let programme = try await SupportProgramme.query(on: db).filter(\.$code == "COODIAG").first()!
            support = MemberSupport(structureID: sid, programmeID: try programme.requireID(), delegationID: delegation,
                                    delegateID: nil, delegateName: "Test delegate", startedOn: today.adding(days: -60))
            try await support.create(on: db)
        }
        return Records(certification: cid, document: try document.requireID(), mockAudit: try mock.requireID(),
                       action: try action.requireID(), support: try support.requireID())
    }

    /// Replaces the parameters of a `/qualite` or `/accompagnement` pattern (records of `structure`).
    static func fill(_ path: String, structure: Structure, on app: Application) async throws -> String {
        guard path.hasPrefix("/qualite") || path.hasPrefix("/accompagnement") else { return path }
        let r = try await records(for: structure, on: app)
        var p = path
        if p.contains(":standardID") { p = p.replacingOccurrences(of: ":standardID", with: try await standard(on: app.db).requireID().uuidString) }
        if p.contains(":programmeID") {
            let programme = try await SupportProgramme.query(on: app.db).filter(\.$code == "COODIAG").first()!
            p = p.replacingOccurrences(of: ":programmeID", with: try programme.requireID().uuidString)
        }
        let year = p.hasSuffix("/resultats") ? resultsYear : formYear
        return p.replacingOccurrences(of: ":certificationID", with: r.certification.uuidString)
            .replacingOccurrences(of: ":documentID", with: r.document.uuidString)
            .replacingOccurrences(of: ":mockAuditID", with: r.mockAudit.uuidString)
            .replacingOccurrences(of: ":actionID", with: r.action.uuidString)
            .replacingOccurrences(of: ":supportID", with: r.support.uuidString)
            .replacingOccurrences(of: ":step", with: CertificationStepName.planAudit.rawValue)
            .replacingOccurrences(of: ":year/:file", with: "\(formYear)/chiffres.csv")
            .replacingOccurrences(of: ":year", with: String(year))
    }
}

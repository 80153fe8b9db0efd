import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14: the quality overview (`/qualite`) and the home page's quality tasks — « N
/// certifications expirent d'ici 90 jours » for admins and delegates, « Auto-diagnostic CAP <year>
/// à remplir » for a member manager while its structure has not submitted this year's assessment.
@Suite("Quality home")
struct QualityHomeTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func certification(_ app: Application, _ structure: Structure, _ code: String, status: CertificationStatus = .certified,
                              expiresOn: String?) async throws -> Certification {
        let standard = try await QualityStandard.query(on: app.db).filter(\.$code == code).first()!
        let c = Certification(structureID: try structure.requireID(), standardID: try standard.requireID(), engagedOn: day("2023-01-10"))
        c.status = status.rawValue
        c.expiresOn = expiresOn
        try await c.create(on: app.db)
        return c
    }

    /// Today 1 March 2027: Relais Emploi Nantes (PDL) CEDRE expires in 31 days, Tempo Emploi Caen
    /// (NOR) CEDRE in 60 days, Chantier Nature Vendée (PDL) Qualiopi lapsed.
    static func example(_ app: Application) async throws -> Fixtures {
        app.services = AppServices(config: app.config, clock: FixedClock(day("2027-03-01").noonInParis))
        let f = try await Fixtures.load(on: app)
        _ = try await certification(app, f.inPDL, "CEDRE", expiresOn: "2027-04-01")
        _ = try await certification(app, f.entityNOR, "CEDRE", expiresOn: "2027-04-30")
        _ = try await certification(app, f.otherPDL, "QUALIOPI", status: .lapsed, expiresOn: "2026-12-31")
        return f
    }

    @Test("home tasks: the admin's network count, the delegate's own delegation, with the follow-up link")
    func expiryTasks() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.example(app)
            // MUT
            let admin = try await f.browser(app, as: .admin).get(.home)
            let delegate = try await f.browser(app, as: .delegate).get(.home)
            let board = try await f.browser(app, as: .board).get(.home)
            // validate
            #expect(admin.body.contains("2 certifications expirent d&#39;ici 90 jours"))
            #expect(admin.body.contains("/qualite/echeances?mois=3&amp;quoi=echeance") || admin.body.contains("/qualite/echeances?mois=3&quoi=echeance"))
            #expect(delegate.body.contains("1 certification expire d&#39;ici 90 jours"))
            #expect(!board.body.contains("expire d&#39;ici 90 jours") && !board.body.contains("expirent d&#39;ici 90 jours"))
        }
    }

    @Test("home task of a member: the CAP self-assessment to fill while not submitted, none without a questionnaire")
    func assessmentTask() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.example(app)
            let member = try await f.browser(app, as: .member)
            let sid = try f.inPDL.requireID()
            // MUT
            let before = try await member.get(.home)
            let questionnaire = CapQuestionnaire(year: 2027, title: "Auto-diagnostic CAP RSE 2027", scaleLabels: "Pas engagé|Engagé|Avancé|Exemplaire")
            try await questionnaire.create(on: app.db)
            let due = try await member.get(.home)
            let assessment = CapAssessment(structureID: sid, year: 2027, questionnaireID: try questionnaire.requireID())
            try await assessment.create(on: app.db)
            let draft = try await member.get(.home)
            assessment.status = CapAssessmentStatus.submitted.rawValue
            try await assessment.save(on: app.db)
            let done = try await member.get(.home)
            // validate
            #expect(!before.body.contains("Auto-diagnostic CAP"))
            #expect(due.body.contains("Auto-diagnostic CAP 2027 à remplir"))
            #expect(due.body.contains("href=\"/qualite/structures/\(sid)/cap/2027\""))
            #expect(draft.body.contains("Auto-diagnostic CAP 2027 à remplir (brouillon enregistré)"))
            #expect(!done.body.contains("Auto-diagnostic CAP 2027 à remplir"))
        }
    }

    @Test("/qualite: counts and links for an admin and a delegate; a member's structures and CAP; others refused")
    func qualityHome() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.example(app)
            // MUT
            let admin = try await f.browser(app, as: .admin).get(.quality(.home))
            let delegate = try await f.browser(app, as: .delegate).get(.quality(.home))
            let member = try await f.browser(app, as: .member).get(.quality(.home))
            let board = try await f.browser(app, as: .board).get(.quality(.home))
            let trainer = try await f.browser(app, as: .trainer).get(.quality(.home))
            // validate
            #expect(admin.status == .ok)
            for text in ["Adhérents certifiés", "Échéances d&#39;ici 90 jours", "Échues ces 12 derniers mois", "/qualite/echeances",
                         "/qualite/chiffres", "/qualite/referentiels", "/qualite/cap/questionnaires"] {
                #expect(admin.body.contains(text), "\(text)")
            }
            #expect(delegate.status == .ok && !delegate.body.contains("/qualite/referentiels") && delegate.body.contains("/qualite/echeances"))
            #expect(member.status == .ok && member.body.contains("Relais Emploi Nantes") && member.body.contains("Valable jusqu&#39;au 01/04/2027"))
            #expect(member.body.contains("Auto-diagnostic CAP 2027 : le questionnaire n&#39;est pas encore publié"))
            #expect(!member.body.contains("/qualite/echeances") && !member.body.contains("Chantier Nature Vendée"))
            #expect(board.status == .forbidden && trainer.status == .forbidden)
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Certifications through the browser: engaging one, every step of `CertificationWorkflow` with
/// its event, audit entry and e-mail, the refusals (422 by field, 409 wrong state or stale form,
/// 403, 404 for another structure's record) and who reads what.
@Suite("Quality certifications")
struct CertificationTests {
    /// Sunday 6 December 2026, 10:00 in Paris.
    static let now = ISO8601DateFormatter().date(from: "2026-12-06T09:00:00Z")!

    /// A French text as Leaf writes it in a page (the apostrophe escaped).
    static func html(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "&#39;") }

    static func world(_ app: Application) async throws -> Fixtures {
        app.services = AppServices(config: app.config, clock: FixedClock(now))
        return try await Fixtures.load(on: app)
    }

    static func step(_ f: Fixtures, _ c: Certification, _ step: CertificationStepName) throws -> SiteURL {
        QualityURL.submitCertificationStep(try f.inPDL.requireID(), try c.requireID(), step)
    }

    static func reload(_ c: Certification, on db: any Database) async throws -> Certification {
        try #require(try await Certification.find(c.requireID(), on: db))
    }

    @Test("engaging: a bad form is refused by field (422); a good one is engaged, audited and moves the register version; a second live one under the same standard is refused")
    func create() async throws {
        try await withMaillage { app in
            let f = try await Self.world(app)
            let sid = try f.inPDL.requireID()
            let delegate = try await f.browser(app, as: .delegate)
            let cedre = try await QualityFactory.standard("CEDRE", on: app.db)
            #expect(try await delegate.get(QualityURL.newCertification(sid)).status == .ok)
            let bad = try await delegate.post(QualityURL.createCertification(sid), form: [
                ("certification_standard", ""), ("certification_engaged_on", "31/02/2026"), ("certification_note", "a\u{7}b")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Choisissez un référentiel dans la liste.", "Date non reconnue", "caractère de contrôle"] {
                #expect(bad.body.contains(Self.html(message)), "\(message)")
            }
            #expect(try await Certification.query(on: app.db).count() == 0)
            let version = try await CacheVersions.current(.register, on: app.db)
            // MUT
            let good = try await delegate.post(QualityURL.createCertification(sid), form: [
                ("certification_standard", try cedre.requireID().uuidString), ("certification_engaged_on", "01/09/2026"),
                ("certification_body", "AFNOR Certification"), ("certification_auditor", ""), ("certification_note", "")])
            // validate
            #expect(good.status == .seeOther)
            let c = try #require(try await Certification.query(on: app.db).first())
            #expect(c.statusValue == .engaged && c.engagedOn == "2026-09-01" && c.body == "AFNOR Certification" && c.version == 1)
            #expect(good.location == QualityURL.certification(sid, try c.requireID()).path)
            #expect(try await CertificationEvent.query(on: app.db).filter(\.$action == "create").count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "quality.certification.create").count() == 1)
            #expect(try await CacheVersions.current(.register, on: app.db) > version)
            let again = try await delegate.post(QualityURL.createCertification(sid), form: [
                ("certification_standard", try cedre.requireID().uuidString), ("certification_engaged_on", "02/09/2026")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.contains("a déjà une certification CEDRE en cours"))
            #expect(try await Certification.query(on: app.db).count() == 1)
        }
    }

    @Test("the life of a certification: audit planned, certified (expiry, next surveillance, mail), surveillance, suspended, reinstated, renewed, withdrawn")
    func lifecycle() async throws {
        try await withMaillage { app in
            let f = try await Self.world(app)
            let sid = try f.inPDL.requireID()
            let delegate = try await f.browser(app, as: .delegate)
            var c = try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, status: .engaged, certifiedOn: nil)
            let cid = try c.requireID()
            #expect(try await delegate.get(QualityURL.certificationStep(sid, cid, .planAudit)).status == .ok)
            // planned
            var page = try await delegate.post(Self.step(f, c, .planAudit), form: [("certification_day", "15/10/2026"), ("version", "1")])
            #expect(page.status == .seeOther)
            c = try await Self.reload(c, on: app.db)
            #expect(c.statusValue == .auditPlanned && c.auditOn == "2026-10-15" && c.auditKindValue == .initial && c.version == 2)
            // certified: expiry = decision + 3 years; next surveillance 12 months later
            let mails = try await OutboxMessage.query(on: app.db).count()
            page = try await delegate.post(Self.step(f, c, .certify), form: [("certification_day", "02/11/2026"), ("certification_expires_on", ""), ("version", "2")])
            #expect(page.status == .seeOther)
            c = try await Self.reload(c, on: app.db)
            #expect(c.statusValue == .certified && c.certifiedOn == "2026-11-02" && c.decisionOn == "2026-11-02")
            #expect(c.expiresOn == "2029-11-02" && c.auditOn == "2027-11-02" && c.auditKindValue == .surveillance)
            let certifyMail = try await OutboxMessage.query(on: app.db).filter(\.$subject == "Certification CEDRE obtenue").all()
            #expect(certifyMail.map(\.recipient) == [Fixtures.Who.member.email])
            #expect(try await OutboxMessage.query(on: app.db).count() == mails + 1)
            // surveillance: same state, next one a year later
            page = try await delegate.post(Self.step(f, c, .recordSurveillance), form: [("certification_day", "04/12/2026"),
                                                                                        ("certification_note", "Aucun écart."), ("version", "3")])
            #expect(page.status == .seeOther)
            c = try await Self.reload(c, on: app.db)
            #expect(c.statusValue == .certified && c.auditOn == "2027-12-04")
            // suspend: the reason is required
            let noReason = try await delegate.post(Self.step(f, c, .suspend), form: [("certification_note", " "), ("version", "4")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.contains("Indiquez le motif de la suspension."))
            page = try await delegate.post(Self.step(f, c, .suspend), form: [("certification_note", "Écart majeur non levé"), ("version", "4")])
            #expect(page.status == .seeOther)
            c = try await Self.reload(c, on: app.db)
            #expect(c.statusValue == .suspended)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$subject == "Certification CEDRE suspendue").count() == 1)
            page = try await delegate.post(Self.step(f, c, .reinstate), form: [("certification_day", "05/12/2026"), ("version", "5")])
            c = try await Self.reload(c, on: app.db)
            #expect(page.status == .seeOther && c.statusValue == .certified)
            page = try await delegate.post(Self.step(f, c, .renew), form: [("certification_day", "06/12/2026"), ("version", "6")])
            c = try await Self.reload(c, on: app.db)
            #expect(page.status == .seeOther && c.statusValue == .renewed && c.renewals == 1 && c.expiresOn == "2029-12-06")
            // withdraw: reason and confirmation
            let unconfirmed = try await delegate.post(Self.step(f, c, .withdraw), form: [("certification_note", "Fin de la démarche"), ("version", "7")])
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.body.contains(Self.html("Je confirme le retrait")))
            page = try await delegate.post(Self.step(f, c, .withdraw), form: [("certification_note", "Fin de la démarche"),
                                                                              ("certification_confirm", "1"), ("version", "7")])
            c = try await Self.reload(c, on: app.db)
            #expect(page.status == .seeOther && c.statusValue == .withdrawn && c.auditOn == nil)
            // validate: one event per step, one audit entry per step, labelled in the journal
            let actions = try await CertificationEvent.query(on: app.db).filter(\.$certification.$id == cid).all().map(\.action)
            for a in ["plan_audit", "certify", "surveillance", "suspend", "reinstate", "renew", "withdraw"] { #expect(actions.contains(a), "\(a)") }
            let kinds = Set(try await AuditEntry.query(on: app.db).all().map(\.entity))
            for a: CertificationAction in [.planAudit, .certify, .recordSurveillance, .suspend, .reinstate, .renew, .withdraw] {
                #expect(kinds.contains(a.auditKind), "\(a)")
                #expect(AuditPresentation.kindLabel(a.auditKind) != a.auditKind)
            }
            let show = try await delegate.get(QualityURL.certification(sid, cid))
            #expect(show.status == .ok && show.body.contains("Retiré") && show.body.contains("Fin de la démarche"))
        }
    }

    @Test("a step from the wrong state, or from a stale form, is a 409 page and changes nothing")
    func conflicts() async throws {
        try await withMaillage { app in
            let f = try await Self.world(app)
            let delegate = try await f.browser(app, as: .delegate)
            let c = try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, status: .engaged, certifiedOn: nil)
            // MUT: certify an engaged certification (no audit planned)
            let wrong = try await delegate.post(Self.step(f, c, .certify), form: [("certification_day", "01/12/2026"), ("version", "1")])
            // validate
            #expect(wrong.status == .conflict)
            #expect(wrong.body.contains("engagé dans la démarche"))
            let stale = try await delegate.post(Self.step(f, c, .planAudit), form: [("certification_day", "15/01/2027"), ("version", "0")])
            #expect(stale.status == .conflict && stale.body.contains("a changé depuis que vous avez ouvert la page"))
            let missing = try await delegate.post(Self.step(f, c, .planAudit), form: [("certification_day", "15/01/2027")])
            #expect(missing.status == .conflict)
            let after = try await Self.reload(c, on: app.db)
            #expect(after.statusValue == .engaged && after.version == 1 && after.auditOn == nil)
            // Taking note of an expiry not yet passed is refused too.
            let live = try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, standard: "QUALIOPI", status: .certified,
                                                                  certifiedOn: Day(year: 2025, month: 1, day: 10)!)
            let early = try await delegate.post(Self.step(f, live, .lapse), form: [("version", "1")])
            #expect(early.status == .conflict && early.body.contains(Self.html("n'est pas encore passée")))
            // An unknown step name is a 404.
            let unknown = try await delegate.post(QualityURL.submitCertificationStep(try f.inPDL.requireID(), try c.requireID(), .certify).path
                .replacingOccurrences(of: "certifier", with: "inconnue"), form: [("version", "1")])
            #expect(unknown.status == .notFound)
        }
    }

    @Test("record-level checks: another structure's certification id is a 404; a member manager reads its own but takes no step; another delegation's delegate gets a 404")
    func access() async throws {
        try await withMaillage { app in
            let f = try await Self.world(app)
            let sid = try f.inPDL.requireID()
            let mine = try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL)
            let other = try await QualityFactory.makeCertification(on: app.db, structure: f.otherPDL)
            let normandy = try await QualityFactory.makeCertification(on: app.db, structure: f.gesNOR)
            let delegate = try await f.browser(app, as: .delegate)
            let member = try await f.browser(app, as: .member)
            // MUT + validate
            #expect(try await delegate.get(QualityURL.certification(sid, try other.requireID())).status == .notFound)
            #expect(try await delegate.get(QualityURL.certificationStep(sid, try other.requireID(), .suspend)).status == .notFound)
            #expect(try await delegate.post(QualityURL.submitCertificationStep(sid, try other.requireID(), .suspend),
                                            form: [("certification_note", "x"), ("version", "1")]).status == .notFound)
            #expect(try await Self.reload(other, on: app.db).statusValue == .certified)
            let own = try await member.get(QualityURL.certification(sid, try mine.requireID()))
            #expect(own.status == .ok && own.body.contains("Certification CEDRE") && !own.body.contains("Étapes possibles"))
            #expect(!own.body.contains("document-form"))
            #expect(try await member.get(QualityURL.structure(sid)).status == .ok)
            #expect(try await member.post(Self.step(f, mine, .suspend), form: [("certification_note", "x"), ("version", "1")]).status == .forbidden)
            #expect(try await member.get(QualityURL.certification(try f.otherPDL.requireID(), try other.requireID())).status == .notFound)
            let ges = try f.gesNOR.requireID()
            #expect(try await delegate.get(QualityURL.certification(ges, try normandy.requireID())).status == .notFound)
            #expect(try await delegate.get(QualityURL.structure(ges)).status == .notFound)
            #expect(try await delegate.post(QualityURL.submitCertificationStep(ges, try normandy.requireID(), .suspend),
                                            form: [("certification_note", "x"), ("version", "1")]).status == .notFound)
            let jurist = try await f.browser(app, as: .jurist)
            #expect(try await jurist.get(QualityURL.certification(sid, try mine.requireID())).status == .forbidden)
            let admin = try await f.browser(app, as: .admin)
            let adminPage = try await admin.get(QualityURL.certification(ges, try normandy.requireID()))
            #expect(adminPage.status == .ok && adminPage.body.contains("Étapes possibles"))
        }
    }

    @Test("lapseExpired: expired certified, renewed and suspended ones lapse on the expiry's next day, as the system, once; the managers hear of it")
    func lapse() async throws {
        try await withMaillage { app in
            let f = try await Self.world(app)
            let expired = try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, status: .certified,
                                                                     certifiedOn: Day(year: 2023, month: 11, day: 30)!)
            let suspended = try await QualityFactory.makeCertification(on: app.db, structure: f.otherPDL, standard: "QUALIOPI", status: .suspended,
                                                                       certifiedOn: Day(year: 2023, month: 1, day: 5)!)
            let valid = try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL, standard: "QUALIOPI", status: .renewed,
                                                                   certifiedOn: Day(year: 2024, month: 6, day: 1)!)
            let withdrawn = try await QualityFactory.makeCertification(on: app.db, structure: f.otherPDL, status: .withdrawn,
                                                                       certifiedOn: Day(year: 2022, month: 1, day: 5)!)
            let today = Day(year: 2026, month: 12, day: 6)!
            // MUT
            let count = try await CertificationService.lapseExpired(today: today, on: app.db)
            // validate
            #expect(count == 2)
            let lapsed = try await Self.reload(expired, on: app.db)
            #expect(lapsed.statusValue == .lapsed && lapsed.expiresOn == "2026-11-30" && lapsed.version == 2)
            let event = try #require(try await CertificationEvent.query(on: app.db).filter(\.$certification.$id == lapsed.requireID())
                .filter(\.$action == "lapse").filter(\.$actor.$id == nil).all().last)
            #expect(event.onDay == "2026-12-01" && event.fromStatus == "certified")
            #expect(try await Self.reload(suspended, on: app.db).statusValue == .lapsed)
            #expect(try await Self.reload(valid, on: app.db).statusValue == .renewed)
            #expect(try await Self.reload(withdrawn, on: app.db).statusValue == .withdrawn)
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$subject == "Certification CEDRE échue").all()
            #expect(mail.map(\.recipient) == [Fixtures.Who.member.email])
            #expect(mail.first?.body.contains("échue depuis le 01/12/2026") == true)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entity == "quality.certification.lapse").all()
            #expect(entries.count == 2 && entries.allSatisfy { $0.actorLabel == "système" })
            #expect(try await CertificationService.lapseExpired(today: today, on: app.db) == 0)
            // The expiry day itself is still valid.
            let lastDay = try await QualityFactory.makeCertification(on: app.db, structure: f.entityNOR, status: .certified,
                                                                     certifiedOn: Day(year: 2023, month: 12, day: 6)!)
            #expect(try await CertificationService.lapseExpired(today: today, on: app.db) == 0)
            #expect(try await Self.reload(lastDay, on: app.db).statusValue == .certified)
        }
    }

    @Test("documents: the delegate uploads a PDF (a bad file is refused by field), the member downloads it, another structure's document is a 404")
    func documents() async throws {
        try await withMaillage { app in
            let f = try await Self.world(app)
            let sid = try f.inPDL.requireID()
            let c = try await QualityFactory.makeCertification(on: app.db, structure: f.inPDL)
            let cid = try c.requireID()
            let other = try await QualityFactory.makeCertification(on: app.db, structure: f.otherPDL)
            let delegate = try await f.browser(app, as: .delegate)
            let filesBefore = UploadKit.entries(app)
            let bad = try await delegate.postParts(QualityURL.uploadCertificationDocument(sid, cid), [
                .field("document_kind", "certificate"), .field("document_title", ""), .file("document_file", "virus.pdf", UploadKit.elf)])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Indiquez le titre du document."))
            #expect(UploadKit.entries(app) == filesBefore)
            // MUT
            let pdf = UploadKit.pdf("certificat")
            let good = try await delegate.postParts(QualityURL.uploadCertificationDocument(sid, cid), [
                .field("document_kind", "certificate"), .field("document_title", "Certificat CEDRE 2026"),
                .file("document_file", "certificat.pdf", pdf, type: "application/pdf")])
            // validate
            #expect(good.status == .seeOther)
            let d = try #require(try await CertificationDocument.query(on: app.db).first())
            #expect(d.kindValue == .certificate && d.title == "Certificat CEDRE 2026" && d.size == Int64(pdf.count) && d.contentType == "application/pdf")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "quality.certification.document").count() == 1)
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(QualityURL.certification(sid, cid))
            #expect(page.body.contains("Certificat CEDRE 2026"))
            let download = try await member.get(QualityURL.certificationDocument(sid, cid, try d.requireID()))
            #expect(download.status == .ok && download.body.hasPrefix("%PDF"))
            // Another certification's document, or this document under another certification: 404.
            #expect(try await delegate.get(QualityURL.certificationDocument(sid, try other.requireID(), try d.requireID())).status == .notFound)
            #expect(try await delegate.get(QualityURL.certificationDocument(try f.otherPDL.requireID(), try other.requireID(), try d.requireID())).status == .notFound)
            #expect(try await delegate.postParts(QualityURL.uploadCertificationDocument(sid, try other.requireID()), [
                .field("document_kind", "certificate"), .field("document_title", "x"),
                .file("document_file", "x.pdf", pdf, type: "application/pdf")]).status == .notFound)
            #expect(try await member.postParts(QualityURL.uploadCertificationDocument(sid, cid), [
                .field("document_kind", "certificate"), .field("document_title", "x"),
                .file("document_file", "x.pdf", pdf, type: "application/pdf")]).status == .forbidden)
            #expect(try await CertificationDocument.query(on: app.db).count() == 1)
        }
    }
}

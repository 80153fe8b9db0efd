import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// SEPA mandates: the admin's form (RUM unique, signature day, IBAN key), revocation after a
/// confirmation, the member's read-only view with a masked IBAN, the national list.
@Suite("Dues SEPA mandates")
struct DuesMandateTests {
    static func setUp(_ app: Application) async throws -> Fixtures {
        app.services = AppServices(config: app.config, clock: FixedClock(DuesPaymentTests.now))
        return try await Fixtures.load(on: app)
    }

    static let valid: [(String, String)] = [("reference", "RUM-2026-0001"), ("signed_on", "01/06/2025"),
                                            ("debtor_name", "Relais Emploi Nantes"), ("iban", "FR76 3000 6000 0112 3456 7890 189"),
                                            ("bic", "AGRIFRPPXXX")]

    @Test("an IBAN with a wrong key, a future signature and a bad RUM are refused by field (422); a good one is saved, audited")
    func validation() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            let sid = try f.inPDL.requireID()
            let form = try await admin.get(DuesURL.mandate(sid))
            #expect(form.status == .ok)
            #expect(form.body.contains("Aucun mandat SEPA"))
            // MUT
            let bad = try await admin.post(DuesURL.saveMandate(sid), form: [
                ("reference", "RUM é"), ("signed_on", "01/06/2027"), ("debtor_name", ""), ("iban", "FR76 3000 6000 0112 3456 7890 188"), ("bic", "XX")])
            // validate
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("IBAN invalide : la clé de contrôle ne correspond pas"))
            #expect(bad.body.contains("ne peut pas être dans le futur"))
            #expect(bad.body.contains("RUM invalide"))
            #expect(bad.body.contains("Indiquez le titulaire"))
            #expect(bad.body.contains("BIC invalide"))
            #expect(bad.body.contains("Le formulaire contient 5 erreurs"))
            #expect(try await DuesMandate.query(on: app.db).count() == 0)
            // MUT: valid
            let ok = try await admin.post(DuesURL.saveMandate(sid), form: Self.valid)
            #expect(ok.status == .seeOther)
            let m = try #require(try await DuesMandate.query(on: app.db).first())
            #expect(m.iban == "FR7630006000011234567890189")
            #expect(m.signedOn == "2025-06-01")
            #expect(m.status == "active")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "mandat_sepa").count() == 1)
            // the same RUM for another member is refused
            _ = try await admin.get(DuesURL.mandate(f.otherPDL.id!))
            let taken = try await admin.post(DuesURL.saveMandate(f.otherPDL.id!), form: Self.valid)
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.contains("déjà celle du mandat d"))
        }
    }

    @Test("the same RUM amends the mandate (RCUR goes on); another RUM replaces it (FRST again); revoking asks first")
    func amendReplaceRevoke() async throws {
        try await withMaillage { app in
            let f = try await Self.setUp(app)
            let old = try await DuesFactory.makeMandate(on: app.db, structure: f.inPDL, reference: "RUM-A", lastUsedOn: "2026-01-10")
            let admin = try await f.browser(app, as: .admin)
            let sid = try f.inPDL.requireID()
            _ = try await admin.get(DuesURL.mandate(sid))
            // amend: same RUM, new IBAN
            var form = Self.valid
            form[0] = ("reference", "RUM-A")
            form[3] = ("iban", "DE89370400440532013000")
            #expect(try await admin.post(DuesURL.saveMandate(sid), form: form).status == .seeOther)
            var all = try await DuesMandate.query(on: app.db).all()
            #expect(all.count == 1)
            #expect(all[0].lastUsedOn == "2026-01-10")
            #expect(all[0].iban == "DE89370400440532013000")
            // replace: another RUM
            form[0] = ("reference", "RUM-B")
            #expect(try await admin.post(DuesURL.saveMandate(sid), form: form).status == .seeOther)
            all = try await DuesMandate.query(on: app.db).all()
            #expect(all.count == 2)
            #expect(all.first { $0.id == old.id }?.status == "revoked")
            #expect(all.first { $0.reference == "RUM-B" }?.lastUsedOn == nil)
            // revoke: a confirmation page, then revoked
            let ask = try await admin.post(DuesURL.saveMandate(sid), form: [("action", "revoke")])
            #expect(ask.status == .ok)
            #expect(ask.body.contains("Révoquer le mandat RUM-B ?"))
            #expect(try await DuesMandate.query(on: app.db).filter(\.$status == "active").count() == 1)
            let done = try await admin.post(DuesURL.saveMandate(sid), form: [("action", "revoke"), ("confirm", "1")])
            #expect(done.status == .seeOther)
            #expect(try await DuesMandate.query(on: app.db).filter(\.$status == "active").count() == 0)
        }
    }

    @Test("a member manager sees its own mandate read-only, IBAN masked but its last 4; another member's answers 404")
    func memberView() async throws {
        try await withMaillage { app in
            let f = try await Self.setUp(app)
            try await DuesFactory.makeMandate(on: app.db, structure: f.inPDL, reference: "RUM-OWN")
            try await DuesFactory.makeMandate(on: app.db, structure: f.otherPDL, reference: "RUM-OTHER")
            let member = try await f.browser(app, as: .member)
            // MUT
            let own = try await member.get(DuesURL.mandate(f.inPDL.id!))
            let other = try await member.get(DuesURL.mandate(f.otherPDL.id!))
            let nor = try await member.get(DuesURL.mandate(f.gesNOR.id!))
            let post = try await member.post(DuesURL.saveMandate(f.inPDL.id!), form: Self.valid)
            // validate
            #expect(own.status == .ok)
            #expect(own.body.contains("RUM-OWN"))
            #expect(own.body.contains("•••• 0189"))
            #expect(!own.body.contains("FR7630006"))
            #expect(!own.body.contains("3000 6000"))
            #expect(!own.body.contains("id=\"mandate-form\""))
            #expect(other.status == .notFound)
            #expect(!other.body.contains("RUM-OTHER"))
            #expect(nor.status == .notFound)
            #expect(post.status == .forbidden)
            // the delegate sees the delegation's member, read-only
            let delegate = try await f.browser(app, as: .delegate)
            let seen = try await delegate.get(DuesURL.mandate(f.otherPDL.id!))
            #expect(seen.status == .ok)
            #expect(seen.body.contains("RUM-OTHER"))
            #expect(!seen.body.contains("id=\"mandate-form\""))
            #expect(try await delegate.get(DuesURL.mandate(f.gesNOR.id!)).status == .notFound)
        }
    }

    @Test("the national list shows every mandate, IBAN masked, sortable and exportable; only for national admins")
    func list() async throws {
        try await withMaillage { app in
            let f = try await Self.setUp(app)
            try await DuesFactory.makeMandate(on: app.db, structure: f.inPDL, reference: "RUM-1")
            let m = try await DuesFactory.makeMandate(on: app.db, structure: f.otherPDL, reference: "RUM-2")
            m.status = "revoked"
            try await m.save(on: app.db)
            let admin = try await f.browser(app, as: .admin)
            let page = try await admin.get(.dues(.mandates))
            #expect(page.status == .ok)
            #expect(page.body.contains("2 mandats"))
            #expect(page.body.contains("RUM-1"))
            #expect(page.body.contains("révoqué"))
            #expect(page.body.contains("Chantier Nature Vendée"))
            #expect(!page.body.contains("FR7630006"))
            let csv = try await admin.get(.dues(.mandates), query: ["format": "csv"])
            #expect(csv.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(csv.body.contains("RUM-2"))
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(.dues(.mandates)).status == .forbidden)
        }
    }
}

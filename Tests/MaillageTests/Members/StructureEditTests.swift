import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Structure pages and forms")
struct StructureEditTests {
    @Test("an invalid SIRET is reported next to its field, typed values are kept, nothing is saved")
    func invalidFieldKeepsInput() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let id = f.inPDL.id!
            // MUT
            let page = try await b.post("/adherents/\(id)/modifier", form: [
                ("name", "Relais Emploi Nantes"), ("siret", "12345678901234"), ("commune", "Nantes"),
                ("department", "44"), ("types[]", "AI"), ("website", "https://nouveau-site.fr"),
            ])
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"siret-error\""))
            #expect(page.body.contains("clé de contrôle"))
            #expect(page.body.contains("value=\"12345678901234\""))
            #expect(page.body.contains("value=\"https://nouveau-site.fr\""))
            #expect(page.body.contains("aria-invalid=\"true\" aria-describedby=\"siret-error\""))
            let stored = try await Structure.find(id, on: app.db)!
            #expect(stored.website == nil)
            #expect(stored.siret == f.inPDL.siret)
        }
    }

    @Test("a valid edit is saved, audited with before and after, and flashed")
    func validEditIsAudited() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .delegate)
            let id = f.inPDL.id!
            let page = try await b.post("/adherents/\(id)/modifier", form: [
                ("name", "Relais Emploi Nantes Métropole"), ("siret", SIRET(f.inPDL.siret)!.formatted), ("commune", "Nantes"),
                ("department", "44"), ("types[]", "AI"), ("types[]", "ACI"), ("website", "https://relais.exemple.fr"),
            ])
            #expect(page.status == .seeOther)
            #expect(page.location == "/adherents/\(id)")
            let shown = try await b.get("/adherents/\(id)")
            #expect(shown.body.contains("Modifications enregistrées."))
            #expect(shown.body.contains("https://relais.exemple.fr"))
            let s = try await Structure.find(id, on: app.db)!
            #expect(s.name == "Relais Emploi Nantes Métropole")
            #expect(s.types == [.ai, .aci])
            let entry = try await AuditEntry.query(on: app.db).filter(\.$entityID == id.uuidString).filter(\.$action == "update").first()
            #expect(entry?.actorID == f.users[.delegate])
            #expect(Audit.decode(entry?.before)["nom"] == "Relais Emploi Nantes")
            #expect(Audit.decode(entry?.after)["nom"] == "Relais Emploi Nantes Métropole")
        }
    }

    @Test("structures outside a person's sight are not found, not merely forbidden")
    func outOfScopeIsNotFound() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let ges = f.gesNOR.id!
            for who in [Fixtures.Who.delegate, .member] {
                let b = try await f.browser(app, as: who)
                #expect(try await b.get("/adherents/\(ges)").status == .notFound, "\(who)")
            }
            let delegate = try await f.browser(app, as: .delegate)
            #expect(try await delegate.get("/adherents/\(ges)/modifier").status == .notFound)
            let jurist = try await f.browser(app, as: .jurist)
            let page = try await jurist.get("/adherents/\(ges)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Tempo Emploi Caen"))  // the GES lists its entity
            #expect(!page.body.contains("id=\"edit-structure\""))
        }
    }

    @Test("creating: duplicate SIRET and a department outside the delegation are refused")
    func createChecks() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .delegate)
            let before = try await Structure.query(on: app.db).count()
            let page = try await b.post("/adherents", form: [
                ("name", "Nouvelle AI"), ("siret", f.inPDL.siret), ("commune", "Caen"), ("department", "14"), ("types[]", "AI"),
            ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"siret-error\""))
            #expect(page.body.contains("id=\"department-error\""))
            #expect(try await Structure.query(on: app.db).count() == before)
            let fresh = SIRET.makeValid(siren9: "200000009", nic4: "0001").digits
            let ok = try await b.post("/adherents", form: [
                ("name", "Nouvelle AI"), ("siret", fresh), ("commune", "Cholet"), ("department", "49"), ("types[]", "AI"),
                ("status", "associe"), ("joined_on", "15/03/2026"),
            ])
            #expect(ok.status == .seeOther)
            let s = try await Structure.query(on: app.db).filter(\.$siret == fresh).first()
            #expect(s?.status == "associe")
            #expect(s?.joinedOn == "2026-03-15")
        }
    }

    @Test("closing a membership needs a date and a reason; the structure then shows as former member")
    func closeMembership() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let path = "/adherents/\(f.inPDL.id!)/adhesions/\(f.membershipInPDL.id!)/cloturer"
            let confirm = try await b.get(path)
            #expect(confirm.body.contains("Confirmer la sortie"))
            let bad = try await b.post(path, form: [("left_on", "31/12/2025"), ("leave_reason", "")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("id=\"leave_reason-error\""))
            let early = try await b.post(path, form: [("left_on", "31/12/2019"), ("leave_reason", "Fusion")])
            #expect(early.body.contains("précède"))
            let ok = try await b.post(path, form: [("left_on", "31/12/2025"), ("leave_reason", "Fusion avec une autre structure")])
            #expect(ok.status == .seeOther)
            let s = try await Structure.find(f.inPDL.id!, on: app.db)!
            #expect(s.status == DirectoryStatus.former.rawValue)
            #expect(s.leftOn == "2025-12-31")
            let list = try await b.get("/adherents?status=ancien")
            #expect(list.body.contains("Relais Emploi Nantes"))
            #expect(list.body.contains("1 structure"))
            // a new membership can now be opened
            let reopen = try await b.post("/adherents/\(f.inPDL.id!)/adhesions/nouvelle", form: [("status", "actif"), ("joined_on", "01/01/2026")])
            #expect(reopen.status == .seeOther)
            #expect(try await Structure.find(f.inPDL.id!, on: app.db)!.status == "actif")
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14, items 5 and 6: who sees and records members' supports. A member manager reads its
/// own supports, and another structure's supports and support ids are out of sight (404); a
/// delegate records for their delegation's members only; an edit carries its version.
@Suite("Support: access and recording")
struct SupportAccessTests {
    static func clock(_ app: Application) {
        app.services = AppServices(config: app.config, clock: FixedClock(Day(iso: "2026-12-01")!.noonInParis))
    }

    @Test("a member manager reads its own supports; another structure's supports and support ids are 404; it records nothing")
    func memberReadsOwn() async throws {
        try await withMaillage { app in
            // setup
            Self.clock(app)
            let f = try await Fixtures.load(on: app)
            let own = try await SupportFactory.makeSupport(on: app.db, structure: f.inPDL, programme: "COODIAG", outcome: "Plan de consolidation rédigé.")
            let other = try await SupportFactory.makeSupport(on: app.db, structure: f.otherPDL, programme: "POEC")
            let nor = try await SupportFactory.makeSupport(on: app.db, structure: f.gesNOR, programme: "CAP")
            try await SupportFactory.makeDay(on: app.db, delegation: "PDL", day: "2026-03-04", halfDays: 3, structure: f.inPDL, support: own)
            let member = try await f.browser(app, as: .member)
            let a = try f.inPDL.requireID(), b = try f.otherPDL.requireID(), g = try f.gesNOR.requireID()
            // MUT
            let page = try await member.get(SupportURL.structure(a))
            let mine = try await member.get(SupportURL.support(a, own.requireID()))
            let otherStructure = try await member.get(SupportURL.structure(b))
            let otherSupport = try await member.get(SupportURL.support(b, other.requireID()))
            let smuggled = try await member.get(SupportURL.support(a, other.requireID()))
            let smuggledNOR = try await member.get(SupportURL.support(a, nor.requireID()))
            let norPage = try await member.get(SupportURL.structure(g))
            let unknown = try await member.get(SupportURL.structure(UUID()))
            let newForm = try await member.get(SupportURL.newSupport(a))
            let create = try await member.post(SupportURL.createSupport(a), form: [
                ("support_programme", try await SupportFactory.programme("CAP", on: app.db).requireID().uuidString),
                ("support_started", "01/12/2026"), ("support_delegate", f.users[.member]!.uuidString)])
            let edit = try await member.get(SupportURL.editSupport(a, own.requireID()))
            let update = try await member.post(SupportURL.updateSupport(a, own.requireID()), form: [("support_status", "dropped"),
                                                                                                 ("support_ended", "01/12/2026"), ("version", "1")])
            let list = try await member.get(.support(.home))
            let days = try await member.get(.support(.days))
            // validate
            #expect(page.status == .ok && page.body.contains("COODIAG") && page.body.contains("1,5\u{202F}j"))
            #expect(!page.body.contains("id=\"support-new\""))
            #expect(mine.status == .ok && mine.body.contains("Plan de consolidation rédigé.") && !mine.body.contains("id=\"support-edit\""))
            #expect(otherStructure.status == .notFound && otherSupport.status == .notFound)
            #expect(smuggled.status == .notFound && smuggledNOR.status == .notFound && norPage.status == .notFound && unknown.status == .notFound)
            #expect(newForm.status == .forbidden && create.status == .forbidden)
            #expect(edit.status == .forbidden && update.status == .forbidden)
            #expect(list.status == .forbidden && days.status == .forbidden)
            #expect(try await MemberSupport.query(on: app.db).count() == 3)
            #expect(try await MemberSupport.find(own.requireID(), on: app.db)?.status == SupportStatus.ongoing.rawValue)
        }
    }

    @Test("a delegate starts a support for a member of their delegation, audited; outside it, 404 and nothing saved")
    func delegateCreates() async throws {
        try await withMaillage { app in
            // setup
            Self.clock(app)
            let f = try await Fixtures.load(on: app)
            let delegate = try await f.browser(app, as: .delegate)
            let admin = try await f.browser(app, as: .admin)
            let coodiag = try await SupportFactory.programme("COODIAG", on: app.db).requireID().uuidString
            let a = try f.inPDL.requireID(), g = try f.gesNOR.requireID()
            let form: [(String, String)] = [("support_programme", coodiag), ("support_started", "02/02/2026"),
                                            ("support_delegate", f.users[.delegate]!.uuidString), ("support_outcome", "Diagnostic en cours.")]
            // MUT
            let newForm = try await delegate.get(SupportURL.newSupport(a))
            let created = try await delegate.post(SupportURL.createSupport(a), form: form)
            let again = try await delegate.post(SupportURL.createSupport(a), form: form)
            let outside = try await delegate.post(SupportURL.createSupport(g), form: form)
            let outsideForm = try await delegate.get(SupportURL.newSupport(g))
            let forgedDelegate = try await admin.post(SupportURL.createSupport(g), form: [("support_programme", coodiag), ("support_started", "02/02/2026"),
                                                                                        ("support_delegate", f.users[.delegate]!.uuidString)])
            let byAdmin = try await admin.post(SupportURL.createSupport(g), form: [("support_programme", coodiag), ("support_started", "02/02/2026"),
                                                                                 ("support_delegate", f.users[.admin]!.uuidString)])
            let bad = try await delegate.post(SupportURL.createSupport(a), form: [("support_programme", "nimporte"), ("support_started", "31/02/2026"),
                                                                                ("support_delegate", UUID().uuidString), ("support_outcome", "a\u{7}b")])
            let early = try await delegate.post(SupportURL.createSupport(a), form: [("support_programme", coodiag), ("support_started", "01/01/1999"),
                                                                                  ("support_delegate", f.users[.delegate]!.uuidString)])
            // validate
            #expect(newForm.status == .ok && newForm.body.contains("Test delegate") && newForm.body.contains("COODIAG"))
            #expect(created.status == .seeOther)
            let saved = try await MemberSupport.query(on: app.db).filter(\.$structure.$id == a).all()
            #expect(saved.count == 1)
            let pdl = try await SupportFactory.delegation("PDL", on: app.db)
            #expect(saved.first?.$delegation.id == pdl.id && saved.first?.delegateName == "Test delegate" && saved.first?.startedOn == "2026-02-02")
            #expect(again.status == .unprocessableEntity && again.body.contains("déjà un suivi en cours dans ce programme"))
            #expect(outside.status == .notFound && outsideForm.status == .notFound)
            #expect(forgedDelegate.status == .unprocessableEntity && forgedDelegate.body.contains("Choisissez le délégué dans la liste."))
            #expect(byAdmin.status == .seeOther)
            let nor = try await MemberSupport.query(on: app.db).filter(\.$structure.$id == g).all()
            let norID = try await SupportFactory.delegation("NOR", on: app.db).id
            #expect(nor.count == 1 && nor.first?.$delegation.id == norID)
            #expect(bad.status == .unprocessableEntity)
            for text in ["Choisissez le programme.", "Date invalide", "caractère de contrôle"] {
                #expect(bad.body.contains(text), "\(text)")
            }
            #expect(early.status == .unprocessableEntity && early.body.contains("La date doit tomber entre 2000 et 2027."))
            #expect(try await MemberSupport.query(on: app.db).count() == 2)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "support.create").count()
            #expect(audit == 2)
        }
    }

    @Test("an edit carries its version: saved once, a stale form is 409 and changes nothing; an end before the start is refused")
    func editWithVersion() async throws {
        try await withMaillage { app in
            // setup
            Self.clock(app)
            let f = try await Fixtures.load(on: app)
            let s = try await SupportFactory.makeSupport(on: app.db, structure: f.inPDL, programme: "CAP", startedOn: "2026-03-01")
            let delegate = try await f.browser(app, as: .delegate)
            let a = try f.inPDL.requireID(), id = try s.requireID()
            // MUT
            let form = try await delegate.get(SupportURL.editSupport(a, id))
            let before = try await delegate.post(SupportURL.updateSupport(a, id), form: [("support_status", "completed"), ("support_ended", "28/02/2026"), ("version", "1")])
            let noEnd = try await delegate.post(SupportURL.updateSupport(a, id), form: [("support_status", "completed"), ("support_ended", ""), ("version", "1")])
            let saved = try await delegate.post(SupportURL.updateSupport(a, id), form: [("support_status", "completed"), ("support_ended", "30/11/2026"),
                                                                                     ("support_outcome", "Label obtenu."), ("version", "1")])
            let stale = try await delegate.post(SupportURL.updateSupport(a, id), form: [("support_status", "dropped"), ("support_ended", "30/11/2026"), ("version", "1")])
            let show = try await delegate.get(SupportURL.support(a, id))
            // validate
            #expect(form.status == .ok && form.body.contains("name=\"version\" value=\"1\""))
            #expect(before.status == .unprocessableEntity && before.body.contains("La fin ne peut précéder le début du suivi (01/03/2026)."))
            #expect(noEnd.status == .unprocessableEntity && noEnd.body.contains("Indiquez la date de fin"))
            #expect(saved.status == .seeOther)
            #expect(stale.status == .conflict && stale.body.contains("modifié entre-temps") && stale.body.contains("name=\"version\" value=\"2\""))
            let now = try await MemberSupport.find(id, on: app.db)
            #expect(now?.status == "completed" && now?.endedOn == "2026-11-30" && now?.outcome == "Label obtenu." && now?.version == 2)
            #expect(show.status == .ok && show.body.contains("Label obtenu.") && show.body.contains("30/11/2026") && show.body.contains("Terminé"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "support.update").all()
            #expect(audit.count == 1)
        }
    }

    @Test("the list followed: a national admin's every delegation (filter), a delegate's own; CSV and XLSX")
    func list() async throws {
        try await withMaillage { app in
            // setup
            Self.clock(app)
            let f = try await Fixtures.load(on: app)
            let s = try await SupportFactory.makeSupport(on: app.db, structure: f.inPDL, programme: "COODIAG", startedOn: "2026-01-15")
            try await SupportFactory.makeSupport(on: app.db, structure: f.gesNOR, programme: "POEC", startedOn: "2025-01-15", endedOn: "2025-12-15")
            try await SupportFactory.makeDay(on: app.db, delegation: "PDL", day: "2026-03-04", halfDays: 5, support: s)
            let admin = try await f.browser(app, as: .admin)
            let delegate = try await f.browser(app, as: .delegate)
            let pdl = try await SupportFactory.delegation("PDL", on: app.db).requireID().uuidString
            // MUT
            let all = try await admin.get(.support(.home))
            let filtered = try await admin.get(.support(.home), query: ["delegation": pdl])
            let year = try await admin.get(.support(.home), query: ["annee": "2026"])
            let mine = try await delegate.get(.support(.home))
            let csv = try await admin.get(.support(.home), query: ["format": "csv"])
            let xlsx = try await delegate.get(.support(.home), query: ["format": "xlsx"])
            // validate
            #expect(all.status == .ok && all.body.contains("Relais Emploi Nantes") && all.body.contains("Groupe Solidaire Caen"))
            #expect(all.body.contains("href=\"/accompagnement/journees\"") && all.body.contains("href=\"/accompagnement/programmes\""))
            #expect(filtered.body.contains("Relais Emploi Nantes") && !filtered.body.contains("Groupe Solidaire Caen"))
            #expect(year.body.contains("Relais Emploi Nantes") && !year.body.contains("Groupe Solidaire Caen"))
            #expect(mine.status == .ok && mine.body.contains("Relais Emploi Nantes") && !mine.body.contains("Groupe Solidaire Caen"))
            #expect(!mine.body.contains("href=\"/accompagnement/programmes\"") && mine.body.contains("Pays de la Loire"))
            let lines = csv.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "Structure;Programme;Délégation;Délégué;Début;Fin;Statut;Journées")
            #expect(lines.contains("Relais Emploi Nantes;COODIAG;Pays de la Loire;Dominique Leroy;15/01/2026;;En cours;2,5"))
            #expect(lines.count == 3)
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
        }
    }
}

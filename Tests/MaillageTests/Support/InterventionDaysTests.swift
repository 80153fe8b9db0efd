import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14, items 5 and 6: intervention days. A delegate logs them for their delegation only —
/// not for a structure outside it, nor for another delegation by a forged id —; amounts are days
/// by halves, bounded; the year's list with its files.
@Suite("Support: intervention days")
struct InterventionDaysTests {
    static func form(_ delegation: UUID, amount: String = "1", structure: String = "", support: String = "",
                     day: String = "04/03/2026", kind: InterventionKind = .individualSupport) -> [(String, String)] {
        [("day_delegation", delegation.uuidString), ("day_on", day), ("day_kind", kind.rawValue), ("day_amount", amount),
         ("day_structure", structure), ("day_support", support), ("day_note", "Point d'étape")]
    }

    @Test("a delegate cannot record a day for a structure or a support outside their delegation, nor for another delegation: 403, nothing saved")
    func outsideRefused() async throws {
        try await withMaillage { app in
            // setup
            SupportAccessTests.clock(app)
            let f = try await Fixtures.load(on: app)
            let delegate = try await f.browser(app, as: .delegate)
            let pdl = try await SupportFactory.delegation("PDL", on: app.db).requireID()
            let nor = try await SupportFactory.delegation("NOR", on: app.db).requireID()
            let norSupport = try await SupportFactory.makeSupport(on: app.db, structure: f.gesNOR, programme: "CAP")
            let pdlSupport = try await SupportFactory.makeSupport(on: app.db, structure: f.otherPDL, programme: "POEC")
            // MUT
            let outsideStructure = try await delegate.post(.support(.createDays), form: Self.form(pdl, structure: f.gesNOR.siret))
            let forged = try await delegate.post(.support(.createDays), form: Self.form(nor))
            let forgedWithStructure = try await delegate.post(.support(.createDays), form: Self.form(nor, structure: f.gesNOR.name))
            let unknownDelegation = try await delegate.post(.support(.createDays), form: Self.form(UUID()))
            let outsideSupport = try await delegate.post(.support(.createDays), form: Self.form(pdl, support: norSupport.requireID().uuidString))
            let otherStructureSupport = try await delegate.post(.support(.createDays), form: Self.form(pdl, structure: f.inPDL.siret,
                                                                                                    support: pdlSupport.requireID().uuidString))
            let nothing = try await InterventionDay.query(on: app.db).count()
            let ok = try await delegate.post(.support(.createDays), form: Self.form(pdl, amount: "2,5", structure: "Relais Emploi Nantes"))
            let viaSupport = try await delegate.post(.support(.createDays), form: Self.form(pdl, amount: "1", support: pdlSupport.requireID().uuidString))
            // validate
            #expect(outsideStructure.status == .forbidden && outsideStructure.body.contains("Cette structure n&#39;est pas dans votre délégation."))
            #expect(forged.status == .forbidden && forged.body.contains("Vous ne saisissez des journées que pour votre délégation."))
            #expect(forgedWithStructure.status == .forbidden && unknownDelegation.status == .forbidden)
            #expect(outsideSupport.status == .forbidden && outsideSupport.body.contains("Ce suivi n&#39;est pas un suivi de votre délégation."))
            #expect(otherStructureSupport.status == .unprocessableEntity && otherStructureSupport.body.contains("Ce suivi est celui d&#39;une autre structure."))
            #expect(nothing == 0)
            #expect(ok.status == .seeOther && viaSupport.status == .seeOther)
            let days = try await InterventionDay.query(on: app.db).sort(\.$halfDays).all()
            #expect(days.map(\.halfDays) == [2, 5])
            #expect(days.allSatisfy { $0.$delegation.id == pdl && $0.$recordedBy.id == f.users[.delegate] })
            #expect(days[1].$structure.id == f.inPDL.id && days[0].$structure.id == f.otherPDL.id && days[0].$support.id == pdlSupport.id)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "support.days.create").count() == 2)
        }
    }

    @Test("amounts: « 0,5 » is saved, « 0,25 », « 100 » and « 1e9 » are refused in French, nothing saved")
    func amounts() async throws {
        try await withMaillage { app in
            // setup
            SupportAccessTests.clock(app)
            let f = try await Fixtures.load(on: app)
            let delegate = try await f.browser(app, as: .delegate)
            let pdl = try await SupportFactory.delegation("PDL", on: app.db).requireID()
            // MUT
            let half = try await delegate.post(.support(.createDays), form: Self.form(pdl, amount: "0,5"))
            var refused: [TestBrowser.Page] = []
            for amount in ["0,25", "100", "1e9", "-1", ""] {
                refused.append(try await delegate.post(.support(.createDays), form: Self.form(pdl, amount: amount)))
            }
            let badDay = try await delegate.post(.support(.createDays), form: Self.form(pdl, day: "2028-01-01"))
            let badKind = try await delegate.post(.support(.createDays), form: [("day_delegation", pdl.uuidString), ("day_on", "04/03/2026"),
                                                                              ("day_kind", "holiday"), ("day_amount", "1")])
            // validate
            #expect(half.status == .seeOther)
            for page in refused.prefix(4) {
                #expect(page.status == .unprocessableEntity && page.body.contains("Durée invalide : écrivez un nombre de jours par demi-journées, de 0,5 à 20"))
                #expect(page.body.contains("aria-describedby=\"day_amount-error\""))
            }
            #expect(refused[4].status == .unprocessableEntity && refused[4].body.contains("Indiquez la durée en jours"))
            #expect(badDay.status == .unprocessableEntity && badDay.body.contains("La date doit tomber entre 2000 et 2027."))
            #expect(badKind.status == .unprocessableEntity && badKind.body.contains("Choisissez la nature de l&#39;intervention."))
            let days = try await InterventionDay.query(on: app.db).all()
            #expect(days.map(\.halfDays) == [1])
        }
    }

    @Test("the year's list, a delegate's own delegation; CSV and XLSX; an admin logs a past year for a former delegation")
    func list() async throws {
        try await withMaillage { app in
            // setup
            SupportAccessTests.clock(app)
            let f = try await Fixtures.load(on: app)
            try await SupportFactory.makeDay(on: app.db, delegation: "PDL", day: "2026-03-04", kind: .training, halfDays: 3, structure: f.inPDL)
            try await SupportFactory.makeDay(on: app.db, delegation: "NOR", day: "2026-05-06", kind: .representation, halfDays: 2)
            try await SupportFactory.makeDay(on: app.db, delegation: "PDL", day: "2025-05-06", halfDays: 2)
            let admin = try await f.browser(app, as: .admin)
            let delegate = try await f.browser(app, as: .delegate)
            let bno = try await SupportFactory.delegation("BNO", on: app.db).requireID()
            let structure = try await MembersFactory.makeStructure(on: app.db, name: "Atelier Bocage", department: "50", commune: "Saint-Lô")
            // MUT
            let mine = try await delegate.get(.support(.days))
            let all = try await admin.get(.support(.days), query: ["annee": "2026"])
            let csv = try await delegate.get(.support(.days), query: ["format": "csv"])
            let xlsx = try await admin.get(.support(.days), query: ["annee": "2026", "format": "xlsx"])
            let past = try await admin.post(.support(.createDays), form: Self.form(bno, amount: "1", structure: "Atelier Bocage", day: "15/06/2011"))
            let tooLate = try await admin.post(.support(.createDays), form: Self.form(bno, day: "15/06/2026"))
            // validate
            #expect(mine.status == .ok && mine.body.contains("Journées d&#39;intervention 2026") && mine.body.contains("Relais Emploi Nantes"))
            #expect(mine.body.contains("Total : 1,5\u{202F}j") && !mine.body.contains("Représentation</td>"))
            #expect(mine.body.contains("id=\"days-form\""))
            #expect(all.body.contains("Total : 2,5\u{202F}j") && all.body.contains("Normandie"))
            let lines = csv.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines == ["Date;Délégation;Nature;Durée;Structure;Suivi;Note", "04/03/2026;Pays de la Loire;Formation;1,5;Relais Emploi Nantes;;"])
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentDisposition)?.contains("journees-intervention") == true)
            #expect(past.status == .seeOther)
            let saved = try await InterventionDay.query(on: app.db).filter(\.$onDay == "2011-06-15").first()
            #expect(saved?.$delegation.id == bno && saved?.$structure.id == structure.id)
            #expect(tooLate.status == .unprocessableEntity && tooLate.body.contains("La délégation Basse-Normandie n&#39;existait pas en 2026"))
        }
    }
}

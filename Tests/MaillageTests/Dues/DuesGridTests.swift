import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Dues grids")
struct DuesGridTests {
    /// A complete, valid grid form (2026 rates of SPEC §3, SMIC 11,88 €).
    static func goodForm(year: String = "2026") -> [(String, String)] {
        [("year", year), ("fixed", "800,00"), ("base_kind", "turnover"), ("reference_year", "2025"), ("smic", "11,88"),
         ("rates[AI]", "0,6"), ("caps[AI]", "400"), ("rates[ACI]", "0,2"), ("caps[ACI]", "400"), ("rates[EI]", "0,35"), ("caps[EI]", ""),
         ("floor", ""), ("split_delegation", "40"), ("split_national", "50"), ("split_fund", "10"), ("rounding_party", "national"),
         ("no_base_rule", "fixed_only"), ("declaration_deadline", "31/03/2026"), ("reminder_days", "15,45"), ("payment_days", "30")]
    }

    static func replacing(_ form: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
        form.map { ($0.0, changes[$0.0] ?? $0.1) }
    }

    @Test("a bad grid form shows each message next to its field, cross-field rules included, and saves nothing")
    func createValidation() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.post(.dues(.createGrid), form: Self.replacing(Self.goodForm(), [
                "year": "1999", "fixed": "abc", "reference_year": "2030", "smic": "0", "rates[AI]": "0,6001",
                "caps[ACI]": "0", "split_fund": "20", "reminder_days": "45,15", "payment_days": "200",
                "declaration_deadline": "31/02/2026", "floor": "-5",
            ]))
            // validate
            #expect(page.status == .unprocessableEntity)
            for field in ["year", "fixed", "smic", "rate-AI", "cap-ACI", "split_fund", "reminder_days", "payment_days",
                          "declaration_deadline", "floor"] {
                #expect(page.body.contains("id=\"\(field)-error\""), "no error next to \(field)")
            }
            #expect(page.body.contains("Les trois parts doivent faire 100"))
            #expect(page.body.contains("Le formulaire contient"))
            #expect(try await DuesGrid.query(on: app.db).count() == 0)
            // reference year after the grid year, and no rated type at all
            var empty = Self.replacing(Self.goodForm(), ["reference_year": "2027", "rates[AI]": "", "rates[ACI]": "", "rates[EI]": ""])
            empty.append(("rates[ETTI]", ""))
            let second = try await admin.post(.dues(.createGrid), form: empty)
            #expect(second.status == .unprocessableEntity)
            #expect(second.body.contains("id=\"reference_year-error\"") && second.body.contains("ne peut pas suivre"))
            #expect(second.body.contains("au moins un type (par exemple 0,6 pour les AI)"))
        }
    }

    @Test("creating a grid stores its terms and rates, audits it, refuses a second grid of the year")
    func create() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.post(.dues(.createGrid), form: Self.goodForm())
            // validate
            #expect(page.status == .seeOther)
            let g = try #require(try await DuesGridService.current(year: 2026, on: app.db))
            #expect(g.version == 1 && g.fixedCents == 80_000 && g.smicCents == 1_188 && g.referenceYear == 2025)
            #expect(g.declarationDeadline == "2026-03-31" && g.reminderDays == "15,45" && !g.isLocked)
            let terms = try await DuesGridService.load(g, on: app.db)
            #expect(terms.terms[.ai] == DuesTypeTerms(rate: DuesRate(milliPercent: 600)!, capHours: 400))
            #expect(terms.terms[.ei]?.capHours == 400)
            #expect(terms.terms[.etti] == nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "bareme_cotisation").count() == 1)
            let again = try await admin.post(.dues(.createGrid), form: Self.goodForm())
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.contains("Un barème 2026 existe déjà"))
        }
    }

    @Test("editing an unused grid updates the same version; a locked grid's edit makes version 2 and leaves version 1 untouched")
    func versioning() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let g = try await DuesFactory.makeGrid(on: app.db, year: 2026)
            // MUT: unlocked
            var page = try await admin.post(DuesURL.updateGrid(g.id!), form: Self.replacing(Self.goodForm(), ["fixed": "850,00"]))
            // validate
            #expect(page.status == .seeOther)
            #expect(try await DuesGrid.query(on: app.db).count() == 1)
            #expect(try await DuesGrid.find(g.id!, on: app.db)?.fixedCents == 85_000)
            // MUT: a call locks it, then the edit page warns and the edit makes version 2
            _ = try await DuesFactory.makeCall(on: app.db, structure: f.inPDL, grid: g, bases: [.ai: Money(cents: 100_000_000)])
            page = try await admin.get(DuesURL.editGrid(g.id!))
            #expect(page.body.contains("Ce barème a servi à des appels : vos modifications créeront la version 2"))
            page = try await admin.post(DuesURL.updateGrid(g.id!), form: Self.replacing(Self.goodForm(), ["fixed": "900,00", "rates[AI]": "0,7"]))
            // validate
            #expect(page.status == .seeOther)
            let v1 = try #require(try await DuesGrid.find(g.id!, on: app.db))
            #expect(v1.version == 1 && v1.fixedCents == 85_000 && v1.isLocked)
            #expect(try await DuesGridService.load(v1, on: app.db).terms[.ai]?.rate.milliPercent == 600)
            let v2 = try #require(try await DuesGridService.current(year: 2026, on: app.db))
            #expect(v2.version == 2 && v2.fixedCents == 90_000 && !v2.isLocked && v2.id != g.id)
            #expect(try await DuesGridService.load(v2, on: app.db).terms[.ai]?.rate.milliPercent == 700)
            #expect(page.headers.first(name: .location) == DuesURL.grid(v2.id!).path)
        }
    }

    @Test("grid pages: the list by year with use counts, a version with its worked example, a form prefilled from another grid")
    func pages() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let g = try await DuesFactory.makeGrid(on: app.db, year: 2025)
            _ = try await DuesFactory.makeCall(on: app.db, structure: f.inPDL, grid: g)
            // MUT
            let list = try await admin.get(.dues(.grids))
            let show = try await admin.get(DuesURL.grid(g.id!))
            let new = try await admin.get(.dues(.newGrid), query: ["depuis": g.id!.uuidString])
            // validate
            #expect(list.status == .ok && list.body.contains("Utilisé par 1 appel") && list.body.contains("Version 1"))
            #expect(show.status == .ok)
            #expect(show.body.contains("Part variable AI 0,6\u{202F}% × 612\u{202F}345,00\u{202F}€ = 3\u{202F}674,07\u{202F}€"))
            #expect(show.body.contains("Total 4\u{202F}474,07\u{202F}€"))
            #expect(show.body.contains("Créer la version 2"))
            #expect(new.status == .ok)
            #expect(new.body.contains("id=\"year\" name=\"year\" type=\"text\" inputmode=\"numeric\" value=\"2026\""))
            #expect(new.body.contains("name=\"rates[EI]\" type=\"text\" inputmode=\"decimal\" size=\"6\" value=\"0,35\""))
            // the reference year keeps the source's offset (2025 on 2023 → 2026 on 2024)
            #expect(new.body.contains("name=\"reference_year\" type=\"text\" inputmode=\"numeric\" value=\"2024\""))
            #expect(new.body.contains("_csrf"))
            let blank = try await admin.get(.dues(.newGrid))
            #expect(blank.status == .ok && blank.body.contains("N−1"))
            // not for a delegate
            let delegate = try await f.browser(app, as: .delegate)
            #expect(try await delegate.get(.dues(.grids)).status == .forbidden)
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import NIOConcurrencyHelpers
import Testing
import Vapor
@testable import Maillage

@Suite("Dues bases")
struct DuesBaseTests {
    static func day(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso + "T08:00:00Z")! }

    /// An answer of `campaign` with the indicator stored as the exact decimal text `value`.
    @discardableResult
    static func answer(_ c: Campaign, _ s: Structure, type: String, status: AnswerStatus, turnover: String,
                       on db: any Database) async throws -> SurveyAnswer {
        let a = try await ObservatoryFactory.makeAnswer(on: db, campaign: c, structure: s, type: type, status: status)
        a.valuesJSON = #"{"insertion_persons":"40","turnover_eur":"\#(turnover)"}"#
        try await a.save(on: db)
        return a
    }

    @Test("prefill: a validated answer of the reference year gives the base exactly (half a cent away from zero); a submitted one is ignored")
    func prefillFromValidatedOnly() async throws {
        try await withMaillage { app in
            // setup: the 2026 grid reads the 2024 turnover
            let f = try await Fixtures.load(on: app)
            let grid = try await DuesFactory.makeGrid(on: app.db, year: 2026, noBase: .fixedOnly)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await Self.answer(c, f.inPDL, type: "AI", status: .validated, turnover: "612345.005", on: app.db)
            try await Self.answer(c, f.otherPDL, type: "ACI", status: .submitted, turnover: "500000.00", on: app.db)
            // MUT
            let all = try await DuesBaseService.resolveAll(grid: grid, structures: [f.inPDL, f.otherPDL, f.gesNOR], on: app.db)
            // validate
            let ai = try #require(all[f.inPDL.id!]?[.ai])
            #expect(ai.amount == Money(cents: 61_234_501))
            #expect(ai.source == .observatory(2024) && ai.sentence == "Observatoire 2024, réponse validée" && !ai.flagged)
            let aci = try #require(all[f.otherPDL.id!]?[.aci])
            #expect(aci.amount == nil && aci.source == .none && aci.flagged)
            #expect(aci.sentence == "Aucune assiette : part fixe seule")
            #expect(all[f.gesNOR.id!]?.isEmpty == true)  // a GES is not rated
        }
    }

    @Test("decimal text converts exactly to cents, never through a binary number")
    func exactConversion() {
        #expect(DuesBaseService.cents(fromDecimal: "612345") == Money(cents: 61_234_500))
        #expect(DuesBaseService.cents(fromDecimal: "0.1") == Money(cents: 10))
        #expect(DuesBaseService.cents(fromDecimal: "1.005") == Money(cents: 101))
        #expect(DuesBaseService.cents(fromDecimal: "1.00499") == Money(cents: 100))
        #expect(DuesBaseService.cents(fromDecimal: "-1.005") == Money(cents: -101))
        #expect(DuesBaseService.cents(fromDecimal: "999999999.99") == Money(cents: 99_999_999_999))
        #expect(DuesBaseService.cents(fromDecimal: "1000000000") == nil)
        #expect(DuesBaseService.cents(fromDecimal: "1e5") == nil)
    }

    @Test("no base: « last year's base » takes the base of last year's call, else last year's row; « fixed part only » flags it")
    func lastYearRule() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let grid2025 = try await DuesFactory.makeGrid(on: app.db, year: 2025)
            let call = try await DuesFactory.makeCall(on: app.db, structure: f.otherPDL, grid: grid2025, bases: [.aci: Money(cents: 40_000_000)],
                                                      issuedOn: "2025-01-15", dueOn: "2025-02-14")
            let row = DuesBase()
            row.year = 2025; row.$structure.id = f.entityNOR.id!; row.type = "ETTI"; row.amountCents = 7_000_000; row.source = "declared"
            try await row.create(on: app.db)
            let grid = try await DuesFactory.makeGrid(on: app.db, year: 2026, noBase: .lastYearBase)
            // MUT
            let all = try await DuesBaseService.resolveAll(grid: grid, structures: [f.inPDL, f.otherPDL, f.entityNOR], on: app.db)
            // validate
            let aci = try #require(all[f.otherPDL.id!]?[.aci])
            #expect(aci.amount == Money(cents: 40_000_000) && aci.source == .lastYear(2025) && aci.flagged)
            #expect(aci.sentence == "Base de l'an dernier (appel \(call.number))")
            let etti = try #require(all[f.entityNOR.id!]?[.etti])
            #expect(etti.amount == Money(cents: 7_000_000) && etti.source == .lastYear(2025))
            let ai = try #require(all[f.inPDL.id!]?[.ai])
            #expect(ai.amount == nil && ai.source == .none && ai.flagged)
        }
    }

    @Test("a member manager declares before the deadline; after it the page is read-only and a post is refused (409)")
    func declarationDeadline() async throws {
        try await withMaillage { app in
            // setup
            let clock = FixedClock(Self.day("2026-03-01"))
            app.services = AppServices(config: app.config, clock: clock)
            let f = try await Fixtures.load(on: app)
            _ = try await DuesFactory.makeGrid(on: app.db, year: 2026, declarationDeadline: "2026-03-31")
            let member = try await f.browser(app, as: .member)
            // MUT
            var page = try await member.get(DuesURL.base(2026, f.inPDL.id!))
            #expect(page.status == .ok && page.body.contains("id=\"base-declare\"") && !page.body.contains("id=\"base-correct\""))
            page = try await member.post(DuesURL.saveBase(2026, f.inPDL.id!), form: [("action", "declare"), ("amounts[AI]", "500 000,00")])
            // validate
            #expect(page.status == .seeOther)
            let b = try #require(try await DuesBase.query(on: app.db).filter(\.$structure.$id == f.inPDL.id!).first())
            #expect(b.amountCents == 50_000_000 && b.source == "declared" && b.year == 2026)
            let resolved = try await DuesBaseService.bases(year: 2026, structure: f.inPDL, on: app.db)
            #expect(resolved[.ai]?.sentence.hasPrefix("Déclarée par la structure le ") == true)
            // MUT: a bad figure, then after the deadline
            page = try await member.post(DuesURL.saveBase(2026, f.inPDL.id!), form: [("action", "declare"), ("amounts[AI]", "1 000 000 000,00")])
            #expect(page.status == .unprocessableEntity && page.body.contains("id=\"amount-AI-error\""))
            clock.advance(by: 32 * 86_400)
            page = try await member.post(DuesURL.saveBase(2026, f.inPDL.id!), form: [("action", "declare"), ("amounts[AI]", "1,00")])
            #expect(page.status == .conflict)
            #expect(page.body.contains("La date limite de déclaration est passée : contactez votre délégation"))
            page = try await member.get(DuesURL.base(2026, f.inPDL.id!))
            #expect(page.body.contains("La date limite de déclaration est passée") && !page.body.contains("id=\"base-declare\""))
            #expect(try await DuesBase.query(on: app.db).first()?.amountCents == 50_000_000)
        }
    }

    @Test("a member confirms the prefilled Observatory figure")
    func confirm() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            _ = try await DuesFactory.makeGrid(on: app.db, year: 2026)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await Self.answer(c, f.inPDL, type: "AI", status: .validated, turnover: "612345.00", on: app.db)
            let member = try await f.browser(app, as: .member)
            // MUT
            let page = try await member.post(DuesURL.saveBase(2026, f.inPDL.id!), form: [("action", "confirm"), ("amounts[AI]", "")])
            // validate
            #expect(page.status == .seeOther)
            let b = try #require(try await DuesBase.query(on: app.db).first())
            #expect(b.amountCents == 61_234_500 && b.source == "confirmed")
        }
    }

    @Test("a delegate's correction needs a reason and is audited old → new; the member cannot declare over it")
    func correction() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            _ = try await DuesFactory.makeGrid(on: app.db, year: 2026)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await Self.answer(c, f.inPDL, type: "AI", status: .validated, turnover: "612345.00", on: app.db)
            let delegate = try await f.browser(app, as: .delegate)
            // MUT: no reason
            var page = try await delegate.post(DuesURL.saveBase(2026, f.inPDL.id!), form: [("action", "correct"), ("amounts[AI]", "600 000,00"), ("reason", " ")])
            // validate
            #expect(page.status == .unprocessableEntity && page.body.contains("id=\"reason-error\""))
            #expect(try await DuesBase.query(on: app.db).count() == 0)
            // MUT: with a reason
            page = try await delegate.post(DuesURL.saveBase(2026, f.inPDL.id!),
                                           form: [("action", "correct"), ("amounts[AI]", "600 000,00"), ("reason", "Bilan certifié reçu")])
            #expect(page.status == .seeOther)
            let b = try #require(try await DuesBase.query(on: app.db).first())
            #expect(b.amountCents == 60_000_000 && b.source == "corrected" && b.note == "Bilan certifié reçu")
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$entity == "assiette_cotisation").first())
            #expect(entry.before?.contains("612345.00") == true && entry.after?.contains("600000.00") == true)
            let resolved = try await DuesBaseService.bases(year: 2026, structure: f.inPDL, on: app.db)
            #expect(resolved[.ai]?.sentence == "Corrigée par la délégation : Bilan certifié reçu")
            let member = try await f.browser(app, as: .member)
            page = try await member.post(DuesURL.saveBase(2026, f.inPDL.id!), form: [("action", "declare"), ("amounts[AI]", "1,00")])
            #expect(page.status == .conflict)
            // a member may not correct
            page = try await member.post(DuesURL.saveBase(2026, f.inPDL.id!), form: [("action", "correct"), ("amounts[AI]", "1,00"), ("reason", "x")])
            #expect(page.status == .forbidden)
            #expect(try await DuesBase.query(on: app.db).first()?.amountCents == 60_000_000)
        }
    }

    @Test("a member cannot see or change another structure's bases (404); an issued call freezes the bases")
    func sightAndIssuedCall() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let grid = try await DuesFactory.makeGrid(on: app.db, year: 2026)
            let member = try await f.browser(app, as: .member)
            // MUT / validate
            #expect(try await member.get(DuesURL.base(2026, f.otherPDL.id!)).status == .notFound)
            #expect(try await member.post(DuesURL.saveBase(2026, f.otherPDL.id!), form: [("action", "declare"), ("amounts[ACI]", "1,00")]).status == .notFound)
            let call = try await DuesFactory.makeCall(on: app.db, structure: f.inPDL, grid: grid)
            var page = try await member.get(DuesURL.base(2026, f.inPDL.id!))
            #expect(page.body.contains("appel \(call.number) est émis : sa base ne change plus ; un avoir corrige un montant"))
            #expect(!page.body.contains("id=\"base-declare\""))
            page = try await member.post(DuesURL.saveBase(2026, f.inPDL.id!), form: [("action", "declare"), ("amounts[AI]", "1,00")])
            #expect(page.status == .conflict)
            #expect(try await DuesBase.query(on: app.db).count() == 0)
        }
    }

    @Test("the bases list: admin sees all members, a delegate their delegation; filters and CSV export")
    func list() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            _ = try await DuesFactory.makeGrid(on: app.db, year: 2026)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await Self.answer(c, f.inPDL, type: "AI", status: .validated, turnover: "612345.00", on: app.db)
            let admin = try await f.browser(app, as: .admin)
            let delegate = try await f.browser(app, as: .delegate)
            // MUT
            let all = try await admin.get(DuesURL.bases(2026))
            let mine = try await delegate.get(DuesURL.bases(2026))
            let flagged = try await admin.get(DuesURL.bases(2026), query: ["sans_assiette": "1"])
            let csv = try await admin.get(DuesURL.bases(2026), query: ["format": "csv"])
            // validate
            #expect(all.status == .ok && all.body.contains("Tempo Emploi Caen") && all.body.contains("Relais Emploi Nantes"))
            #expect(all.body.contains("AI 612\u{202F}345,00\u{202F}€"))
            #expect(mine.status == .ok && mine.body.contains("Relais Emploi Nantes") && !mine.body.contains("Tempo Emploi Caen"))
            #expect(!flagged.body.contains("Relais Emploi Nantes") && flagged.body.contains("Chantier Nature Vendée"))
            #expect(csv.status == .ok && csv.body.contains("Relais Emploi Nantes") && csv.body.contains("Observatoire 2024"))
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(DuesURL.bases(2026)).status == .forbidden)
        }
    }

    @Test("bulk: 240 members resolved in at most 4 queries")
    func bulkQueryCount() async throws {
        try await withMaillage { app in
            // setup
            let grid = try await DuesFactory.makeGrid(on: app.db, year: 2026, noBase: .lastYearBase)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            var structures: [Structure] = []
            for i in 0..<240 {
                let s = try await MembersFactory.makeStructure(on: app.db, name: "Membre \(i)", siren: String(200_000_000 + i),
                                                               types: i % 2 == 0 ? [.ai, .aci] : [.ei], department: "44", commune: "Nantes")
                structures.append(s)
                if i % 3 == 0 {
                    try await Self.answer(c, s, type: i % 2 == 0 ? "AI" : "EI", status: .validated, turnover: "\(100_000 + i).50", on: app.db)
                }
            }
            let counting = CountingDatabase(app.db)
            // MUT
            let all = try await DuesBaseService.resolveAll(grid: grid, structures: structures, on: counting)
            // validate
            #expect(counting.count <= 4, "\(counting.count) queries")
            #expect(all.count == 240)
            #expect(all[structures[0].id!]?[.ai]?.amount == Money(cents: 10_000_050))
            #expect(all[structures[0].id!]?[.aci]?.source == BaseSource.none)
            #expect(all[structures[3].id!]?[.ei]?.amount == Money(cents: 10_000_350))
            let bases: [ResolvedBase] = all.values.flatMap { Array($0.values) }
            let flagged = bases.filter(\.flagged).count
            #expect(bases.count == 360)
            #expect(flagged == 280)  // 360 bases, 80 of them from a validated answer
            // the year-wide reads (used beyond 500 members) give the same bases
            let rated = Set(DuesFactory.rates2026.keys)
            let wide = CountingDatabase(app.db)
            #expect(try await DuesBaseService.resolve(grid: grid, rated: rated, structures: structures, on: wide, inListLimit: 0) == all)
            #expect(wide.count <= 3)
        }
    }
}

/// A database that counts the queries it runs (Fluent queries only).
final class CountingDatabase: Database, @unchecked Sendable {
    let base: any Database
    private let counter = NIOLockedValueBox(0)
    var count: Int { counter.withLockedValue { $0 } }

    init(_ base: any Database) { self.base = base }

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        counter.withLockedValue { $0 += 1 }
        return base.execute(query: query, onOutput: onOutput)
    }
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { base.transaction(closure) }
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { base.withConnection(closure) }
}

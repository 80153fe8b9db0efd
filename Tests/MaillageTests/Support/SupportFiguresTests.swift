import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14, item 5: the yearly support figures read from the database, on the reports' worked
/// examples — Basse-Normandie 2011 (75 intervention days) and Normandie 2019 (members supported per
/// programme) —, the page, its chart and the files.
@Suite("Support figures")
struct SupportFiguresTests {
    /// Basse-Normandie 2011: 10 days of training, 48 of individual support, 17 of collective
    /// facilitation, in entries of whole and half days; plus a Haute-Normandie day and a 2010 day.
    static func basseNormandie(_ app: Application) async throws {
        let db = app.db
        for (day, halfDays) in [("2011-02-10", 8), ("2011-06-14", 12)] {
            try await SupportFactory.makeDay(on: db, delegation: "BNO", day: day, kind: .training, halfDays: halfDays)
        }
        for m in 1...12 { try await SupportFactory.makeDay(on: db, delegation: "BNO", day: String(format: "2011-%02d-05", m), kind: .individualSupport, halfDays: 8) }
        try await SupportFactory.makeDay(on: db, delegation: "BNO", day: "2011-12-20", kind: .collectiveFacilitation, halfDays: 33)
        try await SupportFactory.makeDay(on: db, delegation: "BNO", day: "2011-12-31", kind: .collectiveFacilitation, halfDays: 1)
        try await SupportFactory.makeDay(on: db, delegation: "HNO", day: "2011-04-04", kind: .representation, halfDays: 3)
        try await SupportFactory.makeDay(on: db, delegation: "BNO", day: "2010-12-31", kind: .training, halfDays: 40)
    }

    /// Normandie 2019: COODIAG 2, Open Badges 2, CAP 3, CEDRE ISO 6, POEC 13 members supported,
    /// with supports ended before 2019 or started after it, and a member supported twice.
    static func normandie(_ app: Application) async throws {
        let db = app.db
        let structures = try await SupportFactory.makeStructures(28, department: "14", prefix: "Adhérent normand", on: db)
        var next = 0
        func take(_ n: Int) -> [Structure] { defer { next += n }; return Array(structures[next..<(next + n)]) }
        for (code, count) in [("COODIAG", 2), ("OPEN-BADGES", 2), ("CAP", 3), ("CEDRE-ISO", 6), ("POEC", 13)] {
            for s in take(count) {
                try await SupportFactory.makeSupport(on: db, structure: s, programme: code, delegation: "NOR", startedOn: "2019-03-01",
                                                     endedOn: code == "POEC" ? "2019-11-30" : nil)
            }
        }
        // Out of 2019: ended in 2018, started in 2020; a COODIAG member supported twice counts once.
        try await SupportFactory.makeSupport(on: db, structure: structures[26], programme: "COODIAG", delegation: "NOR", startedOn: "2017-01-01", endedOn: "2018-12-31")
        try await SupportFactory.makeSupport(on: db, structure: structures[27], programme: "COODIAG", delegation: "NOR", startedOn: "2020-01-01")
        try await SupportFactory.makeSupport(on: db, structure: structures[0], programme: "COODIAG", delegation: "NOR", startedOn: "2019-09-01")
    }

    @Test("Basse-Normandie 2011: 10 + 48 + 17 = 75 days, by kind, on the page and in the files")
    func basseNormandie2011() async throws {
        try await withMaillage { app in
            // setup
            SupportAccessTests.clock(app)
            let f = try await Fixtures.load(on: app)
            try await Self.basseNormandie(app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let data = try await SupportQueries.figures(years: 2011...2011, on: app.db)
            let block = SupportFigures.block(supports: data.supports, days: data.days, year: 2011, delegation: "BNO")
            let page = try await admin.get(.support(.figures), query: ["annee": "2011", "delegation": "BNO"])
            let network = try await admin.get(.support(.figures), query: ["annee": "2011"])
            let csv = try await admin.get(SupportURL.figuresFile(2011, "chiffres.csv"))
            let xlsx = try await admin.get(SupportURL.figuresFile(2011, "chiffres.xlsx"))
            // validate
            #expect(block.halfDays(.training) == 20 && block.halfDays(.individualSupport) == 96 && block.halfDays(.collectiveFacilitation) == 34)
            #expect(block.totalHalfDays == 150)
            #expect(page.status == .ok && page.body.contains("Chiffres de l&#39;accompagnement 2011 — Basse-Normandie"))
            for text in ["<th scope=\"row\">Formation</th><td class=\"num\">10\u{202F}j</td>",
                         "<th scope=\"row\">Accompagnement individuel</th><td class=\"num\">48\u{202F}j</td>",
                         "<th scope=\"row\">Animation collective</th><td class=\"num\">17\u{202F}j</td>",
                         "<th scope=\"row\">Total</th><td class=\"num\">75\u{202F}j</td>",
                         "role=\"img\"", "<desc id=\"support-chart-desc\">Formation : 10\u{202F}j ; Accompagnement individuel : 48\u{202F}j ; Animation collective : 17\u{202F}j ; Représentation : 0\u{202F}j ; Autre : 0\u{202F}j.</desc>"] {
                #expect(page.body.contains(text), "\(text)")
            }
            #expect(!page.body.contains("style="))
            #expect(network.body.contains("id=\"figures-delegations\"") && network.body.contains("Haute-Normandie") && network.body.contains("76,5\u{202F}j"))
            let lines = csv.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "Code délégation;Délégation;Rubrique;Clé;Libellé;Valeur")
            for line in ["reseau;Réseau;Journées d'intervention;total;Total;76,5", "BNO;Basse-Normandie;Journées d'intervention;training;Formation;10",
                         "BNO;Basse-Normandie;Journées d'intervention;individual_support;Accompagnement individuel;48",
                         "BNO;Basse-Normandie;Journées d'intervention;collective_facilitation;Animation collective;17",
                         "BNO;Basse-Normandie;Journées d'intervention;total;Total;75", "HNO;Haute-Normandie;Journées d'intervention;representation;Représentation;1,5"] {
                #expect(lines.contains(line), "\(line)")
            }
            #expect(csv.headers.first(name: .contentDisposition)?.contains("chiffres-accompagnement-2011.csv") == true)
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
        }
    }

    @Test("Normandie 2019: COODIAG 2, Open Badges 2, CAP 3, CEDRE ISO 6, POEC 13 members supported")
    func normandie2019() async throws {
        try await withMaillage { app in
            // setup
            SupportAccessTests.clock(app)
            let f = try await Fixtures.load(on: app)
            try await Self.normandie(app)
            let board = try await f.browser(app, as: .board)
            // MUT
            let data = try await SupportQueries.figures(years: 2019...2019, on: app.db)
            let block = SupportFigures.block(supports: data.supports, days: data.days, year: 2019, delegation: "NOR")
            let page = try await board.get(.support(.figures), query: ["annee": "2019", "delegation": "NOR"])
            let csv = try await board.get(SupportURL.figuresFile(2019, "chiffres.csv"))
            // validate
            #expect(["COODIAG", "OPEN-BADGES", "CAP", "CEDRE-ISO", "POEC", "DIAG-FIN"].map(block.members(in:)) == [2, 2, 3, 6, 13, 0])
            #expect(block.members == 26)
            for (label, n) in [("COODIAG", 2), ("Open Badges", 2), ("Accompagnement CAP RSE", 3), ("Accompagnement CEDRE ISO", 6), ("POEC", 13),
                               ("Diagnostic financier", 0)] {
                #expect(page.body.contains("<th scope=\"row\">\(label)</th><td class=\"num\">\(n)</td>"), "\(label)")
            }
            #expect(page.body.contains("Aucune journée d'intervention saisie cette année."))
            let lines = csv.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.contains("NOR;Normandie;Adhérents accompagnés;POEC;POEC;13"))
            #expect(lines.contains("NOR;Normandie;Adhérents accompagnés;total;Adhérents accompagnés (chacun compté une fois);26"))
        }
    }

    @Test("the year and the delegation are bounded: a bad year falls back with a notice; unknown files are 404; members are refused")
    func bounds() async throws {
        try await withMaillage { app in
            // setup
            SupportAccessTests.clock(app)
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let delegate = try await f.browser(app, as: .delegate)
            let member = try await f.browser(app, as: .member)
            // MUT
            let bad = try await admin.get(.support(.figures), query: ["annee": "1999", "delegation": "<script>"])
            let byDefault = try await delegate.get(.support(.figures))
            let pdf = try await admin.get(SupportURL.figuresFile(2026, "chiffres.pdf"))
            let early = try await admin.get(SupportURL.figuresFile(1999, "chiffres.csv"))
            let refused = try await member.get(.support(.figures))
            let refusedFile = try await member.get(SupportURL.figuresFile(2026, "chiffres.csv"))
            // validate
            #expect(bad.status == .ok && bad.body.contains("id=\"figures-notice\"") && bad.body.contains("Chiffres de l&#39;accompagnement 2026<"))
            #expect(byDefault.status == .ok && byDefault.body.contains("Chiffres de l&#39;accompagnement 2026") && !byDefault.body.contains("figures-notice"))
            #expect(pdf.status == .notFound && early.status == .notFound)
            #expect(refused.status == .forbidden && refusedFile.status == .forbidden)
        }
    }
}

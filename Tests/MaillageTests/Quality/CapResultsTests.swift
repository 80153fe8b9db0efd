import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14: the results page compares this year with the two previous transmitted years and with
/// the network's median per axis for the structure's type, under the k rule (k = 5): from fewer than
/// five structures no median is shown anywhere — not in the text, the chart nor the table.
@Suite("CAP results: history, radar, network median under the k rule")
struct CapResultsTests {
    /// Every score of `values` on the five single-question axes of `CapFactory.fivePerAxis`.
    static func network(_ app: Application, _ f: Fixtures, others: Int, type: StructureType = .ai) async throws -> (CapQuestionnaire, [CapQuestion]) {
        let (q, qs) = try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: CapFactory.fivePerAxis)
        // The member's own: 3, 2, 1, 0, nc.
        try await CapFactory.makeAssessment(on: app.db, structure: f.inPDL, questionnaire: q, questions: qs, values: [3, 2, 1, 0, nil])
        for n in 0..<others {
            let s = try await CapFactory.makeStructure(on: app.db, n: n, type: type)
            try await CapFactory.makeAssessment(on: app.db, structure: s, questionnaire: q, questions: qs, values: [n % 4, 1, 1, 3, 3])
        }
        return (q, qs)
    }

    static let hidden = "Médiane du réseau non affichée : moins de 5 structures"

    @Test("four AI structures: no median in the text, the SVG or the table")
    func fewerThanK() async throws {
        try await withMaillage { app in
            // setup: the member (AI) and three other AI structures; two ACI that do not count
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let (q, qs) = try await Self.network(app, f, others: 3)
            for n in 10..<12 {
                let s = try await CapFactory.makeStructure(on: app.db, n: n, type: .aci)
                try await CapFactory.makeAssessment(on: app.db, structure: s, questionnaire: q, questions: qs, values: [0, 0, 0, 0, 0])
            }
            // a draft does not count either
            let draft = try await CapFactory.makeStructure(on: app.db, n: 20, type: .ai)
            try await CapFactory.makeAssessment(on: app.db, structure: draft, questionnaire: q, questions: qs, values: [1, 1, 1, 1, 1], submitted: false)
            let member = try await f.browser(app, as: .member)
            // MUT
            let page = try await member.get(QualityURL.assessmentResults(try f.inPDL.requireID(), 2026))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains(Self.hidden))
            #expect(!page.body.contains("Médiane AI"))
            #expect(!page.body.contains("Médiane du réseau ("))
            #expect(!page.body.contains("Médiane du réseau :"))
            // The SVG draws one series (this year) and its text alternative says why there is no median.
            let svg = try #require(page.body.components(separatedBy: "<svg class=\"radar-chart\"").dropFirst().first?.components(separatedBy: "</svg>").first)
            #expect(svg.components(separatedBy: "class=\"series ").count == 2)
            #expect(svg.contains(Self.hidden))
            #expect(page.body.contains("<svg class=\"radar-chart\" role=\"img\""))
            // The table: this year only.
            let table = try #require(page.body.components(separatedBy: "id=\"cap-scores\"").dropFirst().first?.components(separatedBy: "</table>").first)
            #expect(!table.contains("Médiane"))
            #expect(table.contains("<th scope=\"col\" class=\"num\">2026</th>"))
            #expect(table.contains("100,0\u{202F}%"))
        }
    }

    @Test("five other AI structures: the median per axis is shown, exact, in the text, the chart and the table")
    func kReached() async throws {
        try await withMaillage { app in
            // setup: the member and five others: identity levels 0, 1, 2, 3, 0 → median 1/3; improvement 3 × 5 → 3/3
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            _ = try await Self.network(app, f, others: 5)
            let member = try await f.browser(app, as: .member)
            // MUT
            let page = try await member.get(QualityURL.assessmentResults(try f.inPDL.requireID(), 2026))
            // validate
            #expect(!page.body.contains(Self.hidden))
            #expect(page.body.contains("Médiane du réseau : 5 structures AI ayant transmis leur auto-diagnostic 2026, hors celles dont vous lisez déjà les réponses"))
            #expect(page.body.contains("<th scope=\"col\" class=\"num\">Médiane AI</th>"))
            // identity: the member's own 3 is left out; median of 0, 1, 2, 3, 0 (over 3) = 1/3
            let identity = try #require(page.body.components(separatedBy: "<th scope=\"row\">Identité et démarche RSE</th>").dropFirst().first?
                .components(separatedBy: "</tr>").first)
            #expect(identity.contains("<td class=\"num\">100,0\u{202F}%</td><td class=\"num\">33,3\u{202F}%</td>"))
            // improvement: the member said « non concerné » (—); the five others scored it 3 of 3
            let improvement = try #require(page.body.components(separatedBy: "<th scope=\"row\">Mesure et amélioration</th>").dropFirst().first?
                .components(separatedBy: "</tr>").first)
            #expect(improvement.contains("<td class=\"num\">—</td><td class=\"num\">100,0\u{202F}%</td>"))
            let svg = try #require(page.body.components(separatedBy: "<svg class=\"radar-chart\"").dropFirst().first?.components(separatedBy: "</svg>").first)
            #expect(svg.components(separatedBy: "class=\"series ").count == 3)
            #expect(svg.contains("Médiane du réseau (AI) : Identité et démarche RSE 33,3\u{202F}%"))
        }
    }

    @Test("the member and four others: the member sees no median (its own answers are left out), a national admin sees it")
    func ownLeftOut() async throws {
        try await withMaillage { app in
            // setup: five AI structures in all, one of them the member's: a median would be made of the
            // member's own answers and four others, from which a manager of several of them could narrow one down
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            _ = try await Self.network(app, f, others: 4)
            let member = try await f.browser(app, as: .member)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let seen = try await member.get(QualityURL.assessmentResults(try f.inPDL.requireID(), 2026))
            let read = try await admin.get(QualityURL.assessmentResults(try f.inPDL.requireID(), 2026))
            // validate
            #expect(seen.status == .ok)
            #expect(seen.body.contains(Self.hidden))
            #expect(!seen.body.contains("Médiane AI"))
            #expect(read.status == .ok)
            #expect(read.body.contains("Médiane du réseau : 5 structures AI ayant transmis leur auto-diagnostic 2026"))
            #expect(!read.body.contains("hors celles"))
        }
    }

    @Test("the two previous transmitted years are drawn and tabled; a draft year is not")
    func history() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            for (year, level, submitted) in [(2022, 0, true), (2023, 1, true), (2024, 2, true), (2025, 3, false)] {
                let (q, qs) = try await CapFactory.makeQuestionnaire(on: app.db, year: year, questions: CapFactory.fivePerAxis)
                try await CapFactory.makeAssessment(on: app.db, structure: f.inPDL, questionnaire: q, questions: qs,
                                                    values: Array(repeating: level, count: 5), submitted: submitted)
            }
            let (q, qs) = try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: CapFactory.fivePerAxis)
            try await CapFactory.makeAssessment(on: app.db, structure: f.inPDL, questionnaire: q, questions: qs, values: [3, 3, 3, 3, 3])
            let delegate = try await f.browser(app, as: .delegate)
            let page = try await delegate.get(QualityURL.assessmentResults(try f.inPDL.requireID(), 2026))
            #expect(page.status == .ok)
            let header = try #require(page.body.components(separatedBy: "id=\"cap-scores\"").dropFirst().first?.components(separatedBy: "</thead>").first)
            #expect(header.contains(">2026</th><th scope=\"col\" class=\"num\">2024</th><th scope=\"col\" class=\"num\">2023</th>"))
            #expect(!header.contains("2025") && !header.contains("2022"))
            #expect(page.body.contains("2024 : Identité et démarche RSE 66,7\u{202F}%"))
            #expect(page.body.contains("2023 : Identité et démarche RSE 33,3\u{202F}%"))
        }
    }
}

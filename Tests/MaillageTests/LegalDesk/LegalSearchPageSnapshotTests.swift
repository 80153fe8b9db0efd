import Foundation
import MaillageCore
import SnapshotTesting
import Testing
import Vapor
import Leaf
@testable import Maillage

/// The search page (results with marks, empty query hint) and the suggestions fragment.
@Suite("Legal search page snapshots", .snapshots(record: PageRenderer.record))
struct LegalSearchPageSnapshotTests {
    typealias D = SnapshotData

    static func types(_ jurist: Bool) -> [SearchPage.Option] {
        LegalSearchController.Scope.allCases.filter { jurist || $0 != .question }
            .map { .init(value: $0.rawValue, label: $0.label, selected: $0 == .all) }
    }

    @Test("results: a note and a question with the matched words marked; the empty query's hint")
    func search() async throws {
        let terms = SearchText.terms("licenciements")
        let page = SearchPage(action: "/juridique/recherche", query: "licenciements", types: Self.types(true), hint: nil,
                              summary: "Résultats 21 à 22 pour « licenciements », les plus pertinents d'abord",
                              results: LegalSearchController.resultList([
            ("Fiche", SearchHit(kind: .note, id: D.uuid(1), title: Highlighter.segments("Le licenciement d'un salarié en CDDI", terms: terms, maxLength: 0),
                                snippet: Highlighter.segments("Les règles du licenciement s'appliquent au salarié en CDDI.", terms: terms, maxLength: 240), rank: 2),
             "/juridique/fiches/\(D.uuid(1))"),
            ("Question", SearchHit(kind: .question, id: D.uuid(5), title: Highlighter.segments("Licenciements économiques", terms: terms, maxLength: 0),
                                   snippet: Highlighter.segments("Deux licenciements sont-ils possibles ?", terms: terms, maxLength: 240), rank: 1),
             "/juridique/questions/\(D.uuid(5))"),
        ], start: 21), previous: "/juridique/recherche?q=licenciements", next: nil)
        let html = try await PageRenderer.render("legal/search", title: "Recherche juridique", page, user: LegalNotePageSnapshotTests.jurist)
        assertSnapshot(of: html, as: .lines, named: "results")
        let empty = SearchPage(action: "/juridique/recherche", query: "", types: Self.types(false),
                               hint: "Saisissez un ou plusieurs mots, par exemple « licenciement » ou « réglementation IAE ».",
                               summary: nil, results: nil, previous: nil, next: nil)
        let html2 = try await PageRenderer.render("legal/search", title: "Recherche juridique", empty, user: D.manager)
        assertSnapshot(of: html2, as: .lines, named: "empty")
    }

    @Test("suggestions fragment")
    func suggestions() async throws {
        let page = SuggestionsFragment(heading: LegalSuggestions.heading, notes: [
            .init(title: Highlighter.segments("La période d'essai en CDDI", terms: ["essai"], maxLength: 0), href: "/juridique/fiches/\(D.uuid(1))"),
        ])
        let app = try await Application.make(.testing)
        app.views.use(.leaf)
        app.leaf.configuration.rootDirectory = TestPaths.root + "Resources/Views/"
        app.leaf.cache.isEnabled = false
        let view = try await app.view.render("legal/partials/suggestions", page)
        try await app.asyncShutdown()
        assertSnapshot(of: String(buffer: view.data), as: .lines, named: "fragment")
    }
}

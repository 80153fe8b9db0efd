import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/juridique/recherche`: notes and resources for everyone holding a role, and every question for
/// the jurists (« A-t-on déjà répondu ? »); `/juridique/suggestions`: the notes that may answer a
/// question being typed, as an HTML fragment.
enum LegalSearchController {
    static let maxQuery = 200

    /// The `type` filter of the page.
    enum Scope: String, CaseIterable {
        case all = "", note = "fiches", resource = "ressources", question = "questions"

        var label: String {
            switch self {
            case .all: "Tout"
            case .note: "Fiches"
            case .resource: "Ressources"
            case .question: "Questions"
            }
        }

        var kinds: Set<SearchKind> {
            switch self {
            case .all: Set(SearchKind.allCases)
            case .note: [.note]
            case .resource: [.resource]
            case .question: [.question]
            }
        }
    }

    static func search(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let jurist = user.has(.jurist)
        let query = String(((try? req.query.get(String.self, at: "q")) ?? "").prefix(maxQuery))
        let scope = Scope(rawValue: (try? req.query.get(String.self, at: "type")) ?? "") ?? .all
        let scopes = Scope.allCases.filter { $0 != .question || jurist }
        var kinds = scope.kinds
        if !jurist { kinds.remove(.question) }
        // Published notes and members' resources for everyone holding a role; the jurists also find
        // drafts and every question.
        let audiences: Set<SearchAudience> = jurist ? [.public, .members, .jurists] : [.public, .members]
        let terms = SearchText.terms(query)
        // 20 results a page (one more read to know whether a next page exists).
        let pageNumber = max(1, min((try? req.query.get(Int.self, at: "page")) ?? 1, SearchIndex.maxOffset / perPage))
        let found = terms.isEmpty ? [] : try await SearchIndex.search(query, kinds: kinds, audiences: audiences, mode: .all,
                                                                      limit: perPage + 1, offset: (pageNumber - 1) * perPage, on: req.db)
        let hits = Array(found.prefix(perPage))
        let first = (pageNumber - 1) * perPage + 1
        let hint: String? = terms.isEmpty
            ? (query.trimmingCharacters(in: .whitespaces).isEmpty
                ? "Saisissez un ou plusieurs mots, par exemple « licenciement » ou « réglementation IAE »."
                : "Votre recherche ne contient aucun mot à chercher : essayez des mots plus précis (au moins deux lettres).")
            : nil
        let summary: String? = terms.isEmpty ? nil : hits.isEmpty
            ? (pageNumber == 1 ? "Aucun résultat pour « \(query) »." : "Plus de résultats pour « \(query) ».")
            : pageNumber == 1 && found.count <= perPage
            ? "\(FrenchFormat.integer(hits.count)) résultat\(hits.count > 1 ? "s" : "") pour « \(query) »"
            : "Résultats \(FrenchFormat.integer(first)) à \(FrenchFormat.integer(first + hits.count - 1)) pour « \(query) », les plus pertinents d'abord"
        let path = SiteURL.legal(.search)
        func pageLink(_ n: Int) -> String { path.path(query: ["q": query, "type": scope == .all ? nil : scope.rawValue, "page": n == 1 ? nil : String(n)]) }
        let page = SearchPage(
            action: SiteURL.legal(.search).path, query: query,
            types: scopes.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == scope) },
            hint: hint, summary: summary,
            results: hits.isEmpty ? nil : resultList(hits.map { (label($0.kind), $0, href(req, $0)) }, start: first),
            previous: pageNumber > 1 ? pageLink(pageNumber - 1) : nil,
            next: found.count > perPage && pageNumber < SearchIndex.maxOffset / perPage ? pageLink(pageNumber + 1) : nil)
        return try await req.renderPage("legal/search", title: "Recherche juridique", page)
    }

    static func suggestions(_ req: Request) async throws -> Response {
        let query = String(((try? req.query.get(String.self, at: "q")) ?? "").prefix(maxQuery))
        let notes = try await LegalSuggestions.notes(matching: query, on: req.db)
        let view = try await req.view.render("legal/partials/suggestions",
                                             SuggestionsFragment(heading: LegalSuggestions.heading, notes: notes.isEmpty ? nil : notes))
        let response = try await view.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static let perPage = 20

    /// The hits as one fragment: built in Swift rather than by Leaf loops over each highlight
    /// segment, the search page's main cost (docs/PERFORMANCE.md). Text is escaped by `HTML`.
    static func resultList(_ hits: [(kind: String, hit: SearchHit, href: String?)], start: Int) -> HTML {
        func marked(_ segments: [Highlight]) -> [HTML] {
            segments.map { $0.mark ? HTML.element("mark", [:], HTML.text($0.text)) : HTML.text($0.text) }
        }
        let items = hits.map { kind, hit, href -> HTML in
            let title = href.map { HTML.element("a", ["href": $0], marked(hit.title)) } ?? HTML(marked(hit.title))
            return HTML.element("li", [:], HTML.element("span", ["class": "badge"], HTML.text(kind)), HTML.text(" "),
                                HTML.element("h2", [:], title), HTML.element("p", [:], marked(hit.snippet)))
        }
        return HTML.element("ol", ["class": "search-results", "id": "search-results", "start": String(start)], items)
    }

    static func label(_ kind: SearchKind) -> String {
        switch kind {
        case .note: "Fiche"
        case .resource: "Ressource"
        case .question: "Question"
        }
    }

    private static func href(_ req: Request, _ hit: SearchHit) -> String? {
        switch hit.kind {
        case .note: req.link(to: LegalURL.note(hit.id))
        case .resource: req.link(to: LibraryURL.resource(hit.id))
        case .question: req.link(to: LegalURL.question(hit.id))
        }
    }
}

import Foundation
import MaillageCore
import SnapshotTesting
import Testing
import Vapor
@testable import Maillage

/// The library's list rendered from a page model built by hand: as a publisher (audience filter,
/// « Ajouter une ressource ») and as an anonymous visitor with an empty search.
@Suite("Library home page snapshots", .snapshots(record: PageRenderer.record))
struct LibraryHomePageSnapshotTests {
    typealias D = SnapshotData

    static func page(staff: Bool, empty: Bool) -> LibraryHomePage {
        let query: [String: String] = empty ? ["q": "marchés"] : ["theme": "legal"]
        let filters = LibraryFilters(query, audienceAllowed: staff)
        let state = ListState(query, columns: LibraryController.columns, defaultSort: ListSort("title"))
        let list = ListView(.library(.home), columns: LibraryController.columns, state: state, filters: filters.items,
                            total: empty ? 0 : 2, noun: ("ressource", "ressources"))
        let rows: [LibraryHomePage.Row] = empty ? [] : [
            .init(title: "Guide des marchés publics", href: LibraryURL.resource(D.uuid(1)).path, kind: "Guide", theme: "Juridique",
                  audience: "Public", membersOnly: false, updated: "02/03/2026", file: "PDF, 1,2\(FrenchFormat.thinSpace)Mo",
                  downloadHref: LibraryURL.download(D.uuid(1)).path),
            .init(title: "Modèle de contrat CDDI", href: LibraryURL.resource(D.uuid(2)).path, kind: "Modèle de contrat", theme: "Juridique",
                  audience: "Adhérents", membersOnly: true, updated: "15/01/2026", file: "Word (DOCX), 48\(FrenchFormat.thinSpace)Ko",
                  downloadHref: LibraryURL.download(D.uuid(2)).path),
        ]
        return LibraryHomePage(
            action: SiteURL.library(.home).path, q: filters.q,
            themes: LibraryOption.options(ResourceTheme.allCases, selected: filters.theme?.rawValue) { (t: ResourceTheme) in t.label },
            kinds: LibraryOption.options(ResourceKind.allCases, selected: nil) { (k: ResourceKind) in k.label },
            audiences: staff ? LibraryOption.options(ResourceAudience.allCases, selected: nil) { (a: ResourceAudience) in a.label } : nil,
            newHref: staff ? SiteURL.library(.newResource).path : nil, list: list, rows: rows)
    }

    @Test("list: a publisher filtering by theme; an anonymous search without result")
    func home() async throws {
        let staff = try await PageRenderer.render("library/home", title: "Bibliothèque de ressources", Self.page(staff: true, empty: false),
                                                  user: D.admin, path: SiteURL.library(.home).path)
        #expect(staff.contains("id=\"library-new\"") && staff.contains("id=\"audience\"") && staff.contains("Modèle de contrat CDDI"))
        let anonymous = try await PageRenderer.render("library/home", title: "Bibliothèque de ressources", Self.page(staff: false, empty: true),
                                                      path: SiteURL.library(.home).path)
        #expect(!anonymous.contains("id=\"audience\"") && !anonymous.contains("library-table"))
        assertSnapshot(of: staff, as: .lines, named: "publisher")
        assertSnapshot(of: anonymous, as: .lines, named: "anonymous-empty-search")
    }
}

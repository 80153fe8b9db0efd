import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("List component")
struct ListViewTests {
    static let columns = [ListColumn("name", "Nom"), ListColumn("roles", "Rôles", sortable: false), ListColumn("count", "Nombre", numeric: true)]

    static func view(_ query: [String: String], total: Int, filters: [(String, String?)] = [("q", "relais")]) -> ListView {
        let state = ListState(query, columns: columns, defaultSort: ListSort("name"))
        return ListView(.users, columns: columns, state: state, filters: filters, total: total, exportable: true)
    }

    @Test("a header link toggles its sort, keeps the filters and starts again at page 1; aria-sort on the sorted column")
    func headerLinks() {
        // MUT
        let list = Self.view(["q": "relais", "page": "3", "per_page": "100"], total: 305)
        let sorted = Self.view(["q": "relais", "sort": "-count", "page": "2"], total: 305)
        // validate
        #expect(list.headers[0].ariaSort == "ascending")
        #expect(list.headers[0].href == "/admin/utilisateurs?q=relais&sort=-name&per_page=100")
        #expect(list.headers[0].hint == "trier par ordre décroissant")
        #expect(list.headers[1].href == nil && list.headers[1].ariaSort == nil)
        #expect(list.headers[2].href == "/admin/utilisateurs?q=relais&sort=count&per_page=100")
        #expect(list.headers[2].ariaSort == nil && list.headers[2].numeric)
        #expect(sorted.headers[2].ariaSort == "descending")
        #expect(sorted.headers[2].href == "/admin/utilisateurs?q=relais&sort=count")
        #expect(sorted.headers[0].href == "/admin/utilisateurs?q=relais")  // the default sort is left out
        #expect(sorted.hidden.map(\.name) == ["sort"])
    }

    @Test("pages: « 305 résultats », « Page 2 sur 7 », previous and next keep sort and filters")
    func pager() {
        // MUT
        let list = Self.view(["q": "relais", "sort": "-name", "page": "2"], total: 305)
        // validate
        #expect(list.countLabel == "305 résultats")
        #expect(list.pageLabel == "Page 2 sur 7")
        #expect(list.prev == "/admin/utilisateurs?q=relais&sort=-name")
        #expect(list.next == "/admin/utilisateurs?q=relais&sort=-name&page=3")
        #expect(list.range == 50..<100)
        #expect(list.sizes.map(\.label) == ["50", "100", "200"])
        #expect(list.sizes[1].href == "/admin/utilisateurs?q=relais&sort=-name&per_page=100")
        #expect(list.exportCSV == "/admin/utilisateurs?q=relais&sort=-name&format=csv")
        #expect(Self.view([:], total: 1, filters: []).countLabel == "1 résultat")
    }

    @Test("bounded input: unknown sort, page past the end, odd page sizes and pages never fail")
    func bounds() {
        let unknown = Self.view(["sort": "-password_hash"], total: 10)
        #expect(unknown.headers[0].ariaSort == "ascending")
        let unsortable = Self.view(["sort": "roles"], total: 10)
        #expect(unsortable.headers[0].ariaSort == "ascending")
        let past = Self.view(["page": "999999999999"], total: 305)
        #expect(past.page == 7 && past.range == 300..<305 && past.next == nil)
        let size = Self.view(["per_page": "7"], total: 305)
        #expect(size.perPage == 50)
        let words = Self.view(["page": "deux", "per_page": "-1"], total: 305)
        #expect(words.page == 1 && words.perPage == 50)
        let empty = Self.view(["page": "4"], total: 0)
        #expect(empty.page == 1 && empty.range == 0..<0 && empty.pages == 1)
    }

    @Test("empty state: a reset link when filters are set, the sort kept")
    func emptyState() {
        let filtered = Self.view(["sort": "-name"], total: 0)
        #expect(filtered.isEmpty && filtered.emptyMessage == "Aucun résultat pour ces filtres.")
        #expect(filtered.resetHref == "/admin/utilisateurs?sort=-name")
        let bare = Self.view([:], total: 0, filters: [("q", nil), ("status", "")])
        #expect(bare.resetHref == nil && bare.emptyMessage == "Aucun résultat.")
    }

    @Test("the export's file name says the list, its filters and the day, in plain ASCII")
    func fileName() {
        let day = Day(year: 2026, month: 12, day: 6)!
        #expect(ListView.fileName("adherents", filters: [("delegation", "BRE"), ("type", nil)], day: day, format: .csv)
            == "adherents-delegation-bre-2026-12-06.csv")
        #expect(ListView.fileName("adherents", filters: [("q", "Château \"Gontier\"/../")], day: day, format: .xlsx)
            == "adherents-recherche-chateau-gontier-2026-12-06.xlsx")
        #expect(ListView.fileName("utilisateurs", filters: [], day: day, format: .csv) == "utilisateurs-2026-12-06.csv")
    }

    // MARK: the directory through HTTP

    @Test("the directory: sortable headers with aria-sort, pager, empty state with a reset link")
    func directoryPage() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            // MUT
            let page = try await b.get(.directory, query: ["sort": "-name", "delegation": "NOR"])
            let empty = try await b.get(.directory, query: ["q": "introuvable", "sort": "commune"])
            let bounded = try await b.get(.directory, query: ["sort": "nope", "page": "99", "per_page": "1000"])
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<th scope="col" aria-sort="descending"><a class="sort-link" href="/adherents?delegation=NOR">Nom"#))
            #expect(page.body.contains(#"href="/adherents?delegation=NOR&amp;sort=-name&amp;format=csv""#))
            #expect(page.body.range(of: "Tempo Emploi Caen")!.lowerBound < page.body.range(of: "Groupe Solidaire Caen")!.lowerBound)
            #expect(empty.body.contains("Aucun résultat pour ces filtres."))
            #expect(empty.body.contains(#"<a href="/adherents?sort=commune" class="list-reset">Réinitialiser</a>"#))
            #expect(bounded.status == .ok)
            #expect(bounded.body.contains(#"aria-sort="ascending"><a class="sort-link" href="/adherents?sort=-name">Nom"#))
            #expect(bounded.body.contains("4 structures"))
        }
    }

    @Test("the directory's export is exactly the filtered rows, every page, in French order, with a file name saying the filter")
    func directoryExport() async throws {
        try await withMaillage { app in
            // setup: 60 structures in Normandy (two pages of 50), accented names
            let f = try await Fixtures.load(on: app)
            let prefixes = ["Évreux", "Cherbourg", "Château", "Île", "Ifs", "Vire"]
            for i in 0..<56 {
                try await MembersFactory.makeStructure(on: app.db, name: "\(prefixes[i % prefixes.count]) Relais \(i)", department: "14", commune: "Caen")
            }
            try await MembersFactory.makeStructure(on: app.db, name: "Évreux Hors Champ", department: "44")
            app.services = AppServices(config: app.config, clock: FixedClock(Date(timeIntervalSince1970: 1_796_551_200)))  // 6 Dec 2026, 10:00 UTC
            let b = try await f.browser(app, as: .admin)
            // MUT
            let page1 = try await b.get(.directory, query: ["delegation": "NOR", "sort": "-name"])
            let page2 = try await b.get(.directory, query: ["delegation": "NOR", "sort": "-name", "page": "2"])
            let csv = try await b.get(.directory, query: ["delegation": "NOR", "sort": "-name", "format": "csv"])
            let xlsx = try await b.get(.directory, query: ["delegation": "NOR", "sort": "-name", "format": "xlsx"])
            // validate
            #expect(page1.body.contains("Page 1 sur 2") && page1.body.contains("58 structures"))
            let shown = Self.names(page1.body) + Self.names(page2.body)
            #expect(shown.count == 58)
            let lines = String(decoding: Data(csv.body.utf8), as: UTF8.self).split(separator: "\r\n").map(String.init)
            #expect(lines.first?.hasSuffix("Nom;SIRET;Types;Commune;Département;Délégation;Statut;Date d'adhésion") == true)
            let exported = lines.dropFirst().map { String($0.split(separator: ";").first!) }
            #expect(exported == shown)
            #expect(exported == FrenchCollation.sorted(exported).reversed())
            #expect(!exported.contains("Évreux Hors Champ"))
            #expect(csv.headers.first(name: .contentDisposition) == #"attachment; filename="adherents-delegation-nor-2026-12-06.csv""#)
            #expect(xlsx.headers.first(name: .contentDisposition) == #"attachment; filename="adherents-delegation-nor-2026-12-06.xlsx""#)
            #expect(xlsx.headers.first(name: .contentType) == Download.xlsxType)
        }
    }

    @Test("follow-up: the late answers are paginated with their total, filtered in the URL, exported exactly")
    func followUpLateList() async throws {
        try await withMaillage { app in
            // setup: 4 fixture structures + 116 more, none answered (fixtures' GES does not answer)
            let f = try await Fixtures.load(on: app)
            for i in 0..<116 {
                try await MembersFactory.makeStructure(on: app.db, name: (i % 2 == 0 ? "Évry Relais " : "Cherbourg Relais ") + String(i),
                                                       department: i % 3 == 0 ? "14" : "44")
            }
            try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let first = try await admin.get(.campaign(2024))
            let last = try await admin.get(.campaign(2024), query: ["page": "40"])
            let nor = try await admin.get(.campaign(2024), query: ["delegation": "NOR", "sort": "-structure"])
            let csv = try await admin.get(.campaign(2024), query: ["delegation": "NOR", "sort": "-structure", "format": "csv"])
            // validate
            let late = try #require(first.body.components(separatedBy: "id=\"late-count\"").last)
            let total = Int(late.components(separatedBy: ">")[1].components(separatedBy: " ")[0].replacingOccurrences(of: "\u{00A0}", with: ""))!
            #expect(total > 100)
            #expect(first.body.contains("Page 1 sur \((total + 49) / 50)"))
            #expect(Self.lateRows(first.body).count == 50)
            #expect(Self.lateRows(last.body).count == total - 50 * ((total - 1) / 50))
            #expect(first.body.contains(#"aria-sort="ascending"><a class="sort-link" href="/observatoire/2024?sort=-structure">Structure"#))
            let shown = Self.lateRows(nor.body)
            #expect(shown.count == 40)  // 39 from the loop, Groupe Solidaire Caen's ETTI entity Tempo Emploi Caen
            let lines = csv.body.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ";")[0]) }
            #expect(lines == shown)
            #expect(lines == FrenchCollation.sorted(lines).reversed())
            #expect(csv.headers.first(name: .contentDisposition)?.contains("reponses-non-transmises-2024-delegation-nor-") == true)
            #expect(first.body.contains(#"id="send-reminders" href="/observatoire/2024/relances""#))
        }
    }

    @Test("users: French order, sortable by e-mail, paginated, exported")
    func usersList() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            for name in ["Émilie Zola", "Élodie Abadie", "Zoé Martin", "éric petit", "Ève Durand"] {
                try await AccountsFactory.makeUser(on: app, displayName: name)
            }
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.get(.users, query: ["q": "e", "per_page": "200"])
            let csv = try await admin.get(.users, query: ["q": "e", "format": "csv"])
            // validate
            let names = page.body.components(separatedBy: "<tr><td><a href=\"/admin/utilisateurs/").dropFirst()
                .map { $0.components(separatedBy: "\">")[1].components(separatedBy: "</a>")[0] }
            let accented = names.filter { ["Émilie Zola", "Élodie Abadie", "Zoé Martin", "éric petit", "Ève Durand"].contains($0) }
            #expect(accented == ["Élodie Abadie", "Émilie Zola", "éric petit", "Ève Durand", "Zoé Martin"])
            #expect(names == FrenchCollation.sorted(names))
            let exported = csv.body.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ";")[0]) }
            #expect(exported == names)
            #expect(page.body.contains(#"<input type="hidden" name="per_page" value="200">"#))
        }
    }

    /// The structure names of the follow-up's late answers table, in order.
    static func lateRows(_ html: String) -> [String] {
        let table = html.components(separatedBy: "id=\"late-answers\"")[1].components(separatedBy: "</table>")[0]
        return table.components(separatedBy: "<tr><td><a href=\"").dropFirst().map {
            $0.components(separatedBy: "\">")[1].components(separatedBy: "</a>")[0].replacingOccurrences(of: "&#39;", with: "'")
        }
    }

    /// The structure names of a directory page, in order.
    static func names(_ html: String) -> [String] {
        let tbody = html.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0]
        return tbody.components(separatedBy: "<tr><td><a href=\"").dropFirst().map {
            let afterTag = $0.components(separatedBy: "\">")[1]
            return afterTag.components(separatedBy: "</a>")[0]
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}

import Foundation
import MaillageCore
import Vapor

/// One column of a list: its key in the URL (`sort=name`, `sort=-name`), its French header.
struct ListColumn: Sendable {
    let key: String
    let label: String
    let sortable: Bool
    /// Right-aligned, and typed as a number in the XLSX export.
    let numeric: Bool

    init(_ key: String, _ label: String, sortable: Bool = true, numeric: Bool = false) {
        self.key = key
        self.label = label
        self.sortable = sortable
        self.numeric = numeric
    }
}

/// A column and a direction; in the URL `name` (ascending) or `-name` (descending).
struct ListSort: Sendable, Equatable {
    var key: String
    var descending: Bool

    init(_ key: String, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    init?(value: String) {
        let descending = value.hasPrefix("-")
        let key = descending ? String(value.dropFirst()) : value
        guard !key.isEmpty else { return nil }
        self.init(key, descending: descending)
    }

    var value: String { (descending ? "-" : "") + key }

    /// Sorts `items` by an ascending comparison: descending is the exact reverse, so the
    /// order is total both ways when the comparison breaks every tie.
    func apply<T>(_ items: inout [T], by areInIncreasingOrder: (T, T) -> Bool) {
        items.sort(by: areInIncreasingOrder)
        if descending { items.reverse() }
    }
}

/// An export of a list: every filtered row, all pages, in the list's order.
enum ListFormat: String, Sendable {
    case csv, xlsx
}

/// The sort, page, page size and export format asked in the query string, bounded: an unknown
/// sort key gives the default sort, a page size outside `pageSizes` the default size, a page
/// that is not a number page 1 (a page past the end is brought back by `ListView`). Never an error.
///
/// A page with two lists gives the second one a `prefix` (`r_sort`, `r_page`, …).
struct ListState: Sendable, Equatable {
    static let pageSizes = [50, 100, 200]
    static let defaultPageSize = 50

    var sort: ListSort
    var defaultSort: ListSort
    /// As asked (1 or more); `ListView.page` is the page actually shown.
    var page: Int
    var perPage: Int
    var format: ListFormat?
    var prefix: String

    init(_ query: [String: String], columns: [ListColumn], defaultSort: ListSort, prefix: String = "") {
        self.prefix = prefix
        self.defaultSort = defaultSort
        let sortable = Set(columns.filter(\.sortable).map(\.key))
        if let asked = query[prefix + "sort"].flatMap({ ListSort(value: $0) }), sortable.contains(asked.key) {
            sort = asked
        } else {
            sort = defaultSort
        }
        page = query[prefix + "page"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { max(1, min($0, 1_000_000)) } ?? 1
        perPage = query[prefix + "per_page"].flatMap { Int($0) }.flatMap { Self.pageSizes.contains($0) ? $0 : nil } ?? Self.defaultPageSize
        format = query[prefix + "format"].flatMap(ListFormat.init(rawValue:))
    }

    /// The query items of this state that differ from the defaults (sort, size, page).
    func queryItems(sort: ListSort? = nil, page: Int? = nil, perPage: Int? = nil) -> [(String, String?)] {
        let sort = sort ?? self.sort
        let perPage = perPage ?? self.perPage
        var items: [(String, String?)] = []
        if sort != defaultSort { items.append((prefix + "sort", sort.value)) }
        if perPage != Self.defaultPageSize { items.append((prefix + "per_page", String(perPage))) }
        if let page, page > 1 { items.append((prefix + "page", String(page))) }
        return items
    }
}

/// A list page's header, pager, empty state and export links: one component for every list.
///
/// A controller reads the state, filters and sorts its rows (French order, `FrenchSortKey`),
/// builds the view with the total, shows `rows[list.range]` (or queries `offset`/`limit`), and
/// answers an export when `state.format` is set:
///
///     static let columns = [ListColumn("name", "Nom"), ListColumn("email", "Adresse e-mail"),
///                           ListColumn("roles", "Rôles", sortable: false)]
///
///     static func index(_ req: Request) async throws -> Response {
///         let raw = try req.query.decode([String: String].self)
///         let state = ListState(raw, columns: columns, defaultSort: ListSort("name"))
///         let filters: [(String, String?)] = [("q", q.isEmpty ? nil : q)]   // the list's filters, as in the URL
///         var users = try await …                                          // every matching row
///         state.sort.apply(&users) { … ascending comparison, every tie broken … }
///         if let format = state.format {
///             return ListExport.response(format, name: ListView.fileName("utilisateurs", filters: filters, on: req, format: format),
///                                        headers: columns.map(\.label), rows: users.map { … [XLSXCell] … })
///         }
///         let list = ListView(.users, columns: columns, state: state, filters: filters, total: users.count,
///                             exportable: true, noun: ("utilisateur", "utilisateurs"))
///         let page = UsersPage(list: list, lines: users[list.range].map(…))
///         return try await req.renderPage("admin/users", title: "Utilisateurs", page)
///     }
///
/// The template (the partials take the list as their whole context):
///
///     <div class="table-scroll"><table class="data" id="users-table">
///       <thead>#extend("partials/list-header", page.list)</thead>
///       <tbody>…</tbody>
///     </table></div>
///     #extend("partials/list-pager", page.list)
///
/// and keeps sort and page size in its filter form with
/// `#for(h in page.list.hidden):<input type="hidden" name="#(h.name)" value="#(h.value)">#endfor`.
struct ListView: Encodable, Sendable {
    struct Header: Encodable, Sendable {
        let key: String
        let label: String
        /// "ascending" or "descending" on the sorted column, nil elsewhere.
        let ariaSort: String?
        /// Nil for a column that does not sort.
        let href: String?
        /// What following the link does, for screen readers.
        let hint: String?
        /// ▲ or ▼ on the sorted column.
        let arrow: String?
        let numeric: Bool
    }
    struct SizeLink: Encodable, Sendable {
        let label: String
        let href: String
        let current: Bool
    }
    struct Hidden: Encodable, Sendable {
        let name: String
        let value: String
    }

    let headers: [Header]
    let total: Int
    /// « 305 résultats ».
    let countLabel: String
    /// The page shown: the one asked, brought back within 1…pages.
    let page: Int
    let pages: Int
    /// « Page 2 sur 7 ».
    let pageLabel: String
    let prev: String?
    let next: String?
    let sizes: [SizeLink]
    /// Back to the list without filters; nil when there is none.
    let resetHref: String?
    let isEmpty: Bool
    let emptyMessage: String
    let exportCSV: String?
    let exportXLSX: String?
    /// Sort and page size, to keep when the filter form is sent (it starts again at page 1).
    let hidden: [Hidden]
    let perPage: Int

    /// The positions of the page's rows among all the matching rows.
    var range: Range<Int> { offset..<min(total, offset + perPage) }
    var offset: Int { (page - 1) * perPage }
    var limit: Int { perPage }

    private enum CodingKeys: String, CodingKey {
        case headers, total, countLabel, page, pages, pageLabel, prev, next, sizes, resetHref, isEmpty, emptyMessage,
             exportCSV, exportXLSX, hidden, perPage
    }

    /// - Parameters:
    ///   - url: the list's route (its filters, sort and page go in the query string).
    ///   - filters: the list's own filters as query items, nil when unset, in URL order.
    ///   - exportable: whether the list offers its CSV/XLSX export (same route, `format=`).
    ///   - noun: singular and plural of what the list counts (« 305 résultats »).
    init(_ url: SiteURL, columns: [ListColumn], state: ListState, filters: [(String, String?)], total: Int,
         exportable: Bool = false, noun: (String, String) = ("résultat", "résultats")) {
        let filters = filters.filter { $0.1.map { !$0.isEmpty } ?? false }
        let pages = max(1, (total + state.perPage - 1) / state.perPage)
        let page = min(state.page, pages)
        self.total = total
        self.page = page
        self.pages = pages
        self.perPage = state.perPage
        countLabel = FrenchFormat.plural(total, noun.0, noun.1)
        pageLabel = "Page \(page) sur \(pages)"

        func link(_ items: [(String, String?)]) -> String { url.path(query: filters + items) }
        headers = columns.map { c in
            guard c.sortable else {
                return Header(key: c.key, label: c.label, ariaSort: nil, href: nil, hint: nil, arrow: nil, numeric: c.numeric)
            }
            let current = state.sort.key == c.key
            let next = ListSort(c.key, descending: current && !state.sort.descending)
            return Header(key: c.key, label: c.label,
                          ariaSort: current ? (state.sort.descending ? "descending" : "ascending") : nil,
                          href: link(state.queryItems(sort: next)),
                          hint: next.descending ? "trier par ordre décroissant" : "trier par ordre croissant",
                          arrow: current ? (state.sort.descending ? "▼" : "▲") : nil, numeric: c.numeric)
        }
        prev = page > 1 ? link(state.queryItems(page: page - 1)) : nil
        self.next = page < pages ? link(state.queryItems(page: page + 1)) : nil
        sizes = ListState.pageSizes.map { size in
            SizeLink(label: String(size), href: link(state.queryItems(perPage: size)), current: size == state.perPage)
        }
        resetHref = filters.isEmpty ? nil : url.path(query: state.queryItems())
        isEmpty = total == 0
        emptyMessage = filters.isEmpty ? "Aucun résultat." : "Aucun résultat pour ces filtres."
        let exportItems = filters + (state.sort != state.defaultSort ? [(state.prefix + "sort", state.sort.value)] : [])
        exportCSV = exportable ? url.path(query: exportItems + [(state.prefix + "format", "csv")]) : nil
        exportXLSX = exportable ? url.path(query: exportItems + [(state.prefix + "format", "xlsx")]) : nil
        var hidden: [Hidden] = []
        if state.sort != state.defaultSort { hidden.append(Hidden(name: state.prefix + "sort", value: state.sort.value)) }
        if state.perPage != ListState.defaultPageSize { hidden.append(Hidden(name: state.prefix + "per_page", value: String(state.perPage))) }
        self.hidden = hidden
    }

    /// `adherents-delegation-bre-2026-12-06.csv`: the list, its filters (`q` is « recherche »),
    /// the day, in plain lowercase ASCII (no quote can break the Content-Disposition header).
    static func fileName(_ base: String, filters: [(String, String?)], day: Day, format: ListFormat) -> String {
        var parts = [slug(base)]
        for (key, value) in filters {
            guard let value, !value.isEmpty else { continue }
            parts.append(slug(key == "q" ? "recherche" : key))
            parts.append(String(slug(value).prefix(40)))
        }
        parts.append(day.iso)
        return parts.filter { !$0.isEmpty }.joined(separator: "-") + "." + format.rawValue
    }

    static func fileName(_ base: String, filters: [(String, String?)], on req: Request, format: ListFormat) -> String {
        fileName(base, filters: filters, day: Day.today(now: req.services.clock.now), format: format)
    }

    /// « Délégation Bretagne » → `delegation-bretagne`.
    static func slug(_ s: String) -> String {
        let folded = FrenchCollation.fold(s).unicodeScalars.map { scalar -> Character in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "-"
        }
        return String(folded).split(separator: "-").joined(separator: "-")
    }
}

/// The CSV and XLSX of a list: French headers, the rows as the list shows them, every page.
enum ListExport {
    /// CSV for French Excel (`;`, BOM, formulas neutralised); XLSX with typed cells, widths,
    /// a frozen header row and filters.
    /// `headers` are the French column titles (often the list's labels, spelled out: « Département »
    /// for « Dép. »); each row has one cell per header.
    static func response(_ format: ListFormat, name: String, headers: [String], rows: [[XLSXCell]],
                         sheet: String = "Liste") -> Response {
        switch format {
        case .csv:
            return Download.response(csv(headers: headers, rows: rows), type: Download.csvType, name: name)
        case .xlsx:
            return Download.response(xlsx(headers: headers, rows: rows, sheet: sheet), type: Download.xlsxType, name: name)
        }
    }

    static func csv(headers: [String], rows: [[XLSXCell]]) -> Data {
        FrenchCSV.exportData([headers] + rows.map { $0.map(\.csvText) })
    }

    static func xlsx(headers: [String], rows: [[XLSXCell]], sheet: String = "Liste") -> Data {
        XLSX.workbook([XLSXSheet(name: sheet, rows: [headers.map { .text($0) }] + rows,
                                 widths: XLSXSheet.widths(header: headers, rows: rows), frozenRows: 1, autoFilter: true)])
    }
}

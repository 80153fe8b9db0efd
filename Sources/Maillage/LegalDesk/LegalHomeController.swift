import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/juridique`: the questions in the person's scope (`LegalScope`) — a member's own, a delegate's
/// members' (metadata; the subject when shared), the jurists' whole queue — filtered, sorted,
/// a page at a time or as CSV/XLSX (`format=`). Never a body or an internal note.
enum LegalHomeController {
    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let scope = LegalScope.of(user, map: map)
        let jurists = try await LegalListQueries.jurists(on: req.db)
        let names = Dictionary(jurists.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let filters = LegalListFilters.parse(raw, map: map, jurists: Set(names.keys))
        let state = ListState(raw, columns: LegalHomePage.columns, defaultSort: ListSort("asked", descending: true))
        var lines = try await LegalListQueries.lines(scope: scope, on: req.db).filter { filters.matches($0, map: map, today: today) }
        sort(&lines, state.sort, names: names, today: today)
        let assignee = { (l: LegalQuestionLine) in l.assigneeID.flatMap { names[$0] } ?? "" }
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("questions-juridiques", filters: filters.items, on: req, format: format),
                                       headers: LegalHomePage.exportHeaders,
                                       rows: lines.map { LegalHomePage.exportRow($0, assignee: assignee($0), today: today) }, sheet: "Questions")
        }
        let list = ListView(.legal(.home), columns: LegalHomePage.columns, state: state, filters: filters.items,
                            total: lines.count, exportable: true, noun: ("question", "questions"))
        let rows = lines[list.range].map { l in
            LegalHomePage.Row(askedOn: FrenchFormat.date(l.askedOn), structure: l.structureName, category: l.category.label,
                              subject: l.subject ?? LegalHomePage.hiddenSubject, hidden: l.subject == nil,
                              href: req.link(to: LegalURL.question(l.id)), status: l.statusLabel, statusKey: l.status.rawValue,
                              assignee: assignee(l).isEmpty ? "—" : assignee(l), dueOn: FrenchFormat.date(l.dueOn),
                              overdue: l.isOverdue(today: today))
        }
        let page = LegalHomePage(
            heading: "Appui juridique", intro: intro(user), action: SiteURL.legal(.home).path,
            statuses: QuestionStatus.allCases.map { .init(value: $0.rawValue, label: user.has(.jurist) ? $0.label : $0.memberLabel, selected: $0 == filters.status) },
            categories: LegalCategory.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == filters.category) },
            delegations: delegationOptions(user, scope: scope, map: map, selected: filters.delegation),
            assignees: user.has(.jurist) ? [.init(value: "aucun", label: "Non attribuée", selected: filters.assignee == "aucun")]
                + jurists.map { .init(value: $0.id.uuidString, label: $0.name, selected: filters.assignee == $0.id.uuidString) } : nil,
            overdue: filters.overdue, list: list, rows: Array(rows), askHref: req.link(to: .legal(.newQuestion)),
            links: [("Fiches juridiques", SiteURL.legal(.notes)), ("Rechercher", .legal(.search)), ("Ressources", .library(.home)),
                    ("Statistiques", .legal(.statistics))].compactMap { label, url in req.link(to: url).map { .init(label: label, href: $0) } })
        return try await req.renderPage("legal/home", title: page.heading, page)
    }

    static func intro(_ user: CurrentUser) -> String {
        if user.has(.jurist) { return "Toutes les questions des adhérents : prenez en charge les nouvelles, suivez les délais promis." }
        if !user.delegatedDelegationIDs.isEmpty && user.managedStructureIDs.isEmpty {
            return "Les questions des adhérents de votre délégation. L'objet et les échanges ne s'affichent que si l'adhérent les a partagés avec la délégation."
        }
        return "Les questions de votre structure aux juristes du réseau, et leurs réponses."
    }

    static func delegationOptions(_ user: CurrentUser, scope: LegalScope, map: NetworkMap, selected: String?) -> [LegalHomePage.Option]? {
        let entries = scope.all ? map.delegations : map.delegations.filter { !scope.departments.isDisjoint(with: $0.departments) }
        guard entries.count > 1 else { return nil }
        return entries.map { .init(value: $0.code, label: $0.name, selected: $0.code == selected) }
    }

    /// French order on text columns; every tie broken by the asking day then the id.
    static func sort(_ lines: inout [LegalQuestionLine], _ sort: ListSort, names: [UUID: String], today: Day) {
        func tie(_ a: LegalQuestionLine, _ b: LegalQuestionLine) -> Bool {
            a.askedOn != b.askedOn ? a.askedOn < b.askedOn : a.id.uuidString < b.id.uuidString
        }
        func text(_ x: String, _ y: String, _ a: LegalQuestionLine, _ b: LegalQuestionLine) -> Bool {
            let kx = FrenchSortKey(x), ky = FrenchSortKey(y)
            return kx != ky ? kx < ky : tie(a, b)
        }
        sort.apply(&lines) { a, b in
            switch sort.key {
            case "structure": text(a.structureName, b.structureName, a, b)
            case "category": text(a.category.label, b.category.label, a, b)
            case "status": text(a.statusLabel, b.statusLabel, a, b)
            case "assignee": text(a.assigneeID.flatMap { names[$0] } ?? "", b.assigneeID.flatMap { names[$0] } ?? "", a, b)
            case "due": a.dueOn != b.dueOn ? a.dueOn < b.dueOn : tie(a, b)
            case "overdue":
                a.isOverdue(today: today) != b.isOverdue(today: today) ? !a.isOverdue(today: today) : tie(a, b)
            default: tie(a, b)
            }
        }
    }
}

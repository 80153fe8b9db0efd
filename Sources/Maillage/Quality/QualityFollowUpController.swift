import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/qualite/echeances?mois=&quoi=&delegation=`: the certifications to follow — expiries and
/// audits in the next 3, 6 (default) or 12 months, lapses of the last twelve — nationwide for a
/// national admin (with a delegation filter), the delegation's for a regional delegate; sorted,
/// a page at a time, or every row as CSV/XLSX (`format=`).
enum QualityFollowUpController {
    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let followed = user.isNationalAdmin ? map.delegations : user.delegatedDelegationIDs.compactMap { map.delegation(id: $0) }
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let filters = QualityFollowUpPage.Filters(raw, allowed: followed)
        let state = ListState(raw, columns: QualityFollowUpPage.columns, defaultSort: QualityFollowUpPage.defaultSort)
        let departments: Set<String>? = filters.delegation.map { Set($0.departments) }
            ?? (user.isNationalAdmin ? nil : Set(followed.flatMap(\.departments)))
        let all = try await QualityFollowUpQueries.items(today: today, months: filters.months, departments: departments, map: map, on: req.db)
        var items = all.filter { filters.what == nil || $0.what == filters.what }
        QualityFollowUpPage.sort(&items, state.sort)
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("echeances-qualite", filters: filters.items, on: req, format: format),
                                       headers: QualityFollowUpPage.exportHeaders, rows: items.map(QualityFollowUpPage.exportCells),
                                       sheet: "Échéances")
        }
        let url = SiteURL.quality(.followUp)
        let list = ListView(url, columns: QualityFollowUpPage.columns, state: state, filters: filters.items, total: items.count,
                            exportable: true, noun: ("échéance", "échéances"))
        let scope = user.isNationalAdmin ? "du réseau" : followed.count == 1 ? "de la délégation \(followed[0].name)" : "de vos délégations"
        let page = QualityFollowUpPage(
            heading: "Échéances des certifications",
            intro: "Les certifications \(scope) qui arrivent à échéance ou attendent un audit d'ici \(filters.months) mois, "
                + "et celles échues ces douze derniers mois.",
            action: url.path, counts: QualityFollowUpPage.counts(all, months: filters.months),
            horizons: QualityFollowUpQueries.horizons.sorted().map { .init(value: String($0), label: "\($0) mois", selected: $0 == filters.months) },
            whats: QualityFollowUpItem.What.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == filters.what) },
            delegations: followed.count > 1 ? followed.map { .init(value: $0.code, label: $0.name, selected: $0.code == filters.delegation?.code) } : nil,
            rows: items[list.range].map { QualityFollowUpPage.row($0, href: req.link(to: QualityURL.certification($0.structureID, $0.certificationID))) },
            list: list,
            links: [("Chiffres des certifications", SiteURL.quality(.figures)), ("Qualité", QualityURL.start)].compactMap { label, url in
                req.link(to: url).map { HomePage.Link(label: label, href: $0, note: nil) }
            })
        return try await req.renderPage("quality/follow-up", title: page.heading, page)
    }
}

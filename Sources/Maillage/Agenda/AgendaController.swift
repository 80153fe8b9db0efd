import Foundation
import MaillageCore
import Vapor

/// `/agenda`: the coming events by day (list) or a month's table, filtered by delegation, kind and
/// month through a GET form. A value that is not understood falls back, with a French notice.
enum AgendaController {
    static func index(_ req: Request) async throws -> Response {
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let f = AgendaFilters.parse(raw, map: map, today: today)
        var selection = AgendaSelection(audiences: AgendaAccess.audiences(of: req.currentUser), from: today, through: nil,
                                        delegationIDs: nil, kindKey: f.kind)
        if let d = f.delegation { selection.delegationIDs = try await AgendaQueries.delegationIDs(code: d.code, on: req.db) }
        let month = f.month ?? (today.year, today.month)
        if f.month != nil || f.monthView {
            selection.from = Day(year: month.year, month: month.month, day: 1)
            selection.through = Day(year: month.year, month: month.month, day: AgendaDates.daysIn(year: month.year, month: month.month))
        }
        var items = try await AgendaQueries.items(selection, on: req.db)
        // The list of coming events stops at `listLimit`: the month filter shows the rest.
        var more: String? = nil
        if !f.monthView, f.month == nil, items.count > AgendaPageBuilder.listLimit {
            more = "Seuls les \(AgendaPageBuilder.listLimit) prochains événements sont affichés : choisissez un mois pour voir la suite."
            items = Array(items.prefix(AgendaPageBuilder.listLimit))
        }
        let names = try await AgendaQueries.delegationNames(of: items, map: map, on: req.db)
        let page = AgendaPageBuilder(filters: f, items: items, names: names, today: today, month: month, map: map,
                                     newHref: req.link(to: .agenda(.newEvent)), more: more).page()
        return try await req.renderPage("agenda/index", title: "Agenda du réseau", page)
    }
}

/// The agenda's filters as read from the query string.
struct AgendaFilters: Sendable {
    var delegation: NetworkMap.Entry?
    var kind: String?
    var month: (year: Int, month: Int)?
    var monthView: Bool
    var notices: [String] = []

    static func parse(_ raw: [String: String], map: NetworkMap, today: Day) -> AgendaFilters {
        var f = AgendaFilters(monthView: raw["vue"] == "mois")
        if let v = raw["vue"], !v.isEmpty, v != "mois", v != "liste" { f.notices.append("Vue inconnue : la liste est affichée.") }
        if let code = raw["delegation"]?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
            if let d = map.delegation(code: code.uppercased()) { f.delegation = d }
            else { f.notices.append("Délégation inconnue : toutes les délégations sont affichées.") }
        }
        if let k = raw["type"]?.trimmingCharacters(in: .whitespaces), !k.isEmpty {
            if k == EventKind.trainingKey || EventKind(rawValue: k) != nil { f.kind = k }
            else { f.notices.append("Type d'événement inconnu : tous les types sont affichés.") }
        }
        if let m = raw["mois"]?.trimmingCharacters(in: .whitespaces), !m.isEmpty {
            if let parsed = AgendaDates.parseMonth(m) { f.month = parsed }
            else { f.notices.append("Mois non reconnu (attendu AAAA-MM) : \(f.monthView ? "le mois en cours" : "les événements à venir") sont affichés.") }
        }
        return f
    }

    /// The filters as query items (the view's own key apart).
    func query(view: String?, month: (year: Int, month: Int)?) -> [(String, String?)] {
        [("vue", view), ("mois", month.map { AgendaDates.monthKey(year: $0.year, month: $0.month) }),
         ("delegation", delegation?.code.lowercased()), ("type", kind)].filter { $0.1 != nil }
    }
}

/// Builds `AgendaPage` from the items (no database: snapshot tests call it too).
struct AgendaPageBuilder {
    let filters: AgendaFilters
    let items: [AgendaItem]
    let names: [UUID: String]
    let today: Day
    let month: (year: Int, month: Int)
    let map: NetworkMap
    let newHref: String?
    var more: String? = nil

    static let listLimit = 200

    func row(_ i: AgendaItem) -> AgendaPage.Row {
        let place = i.place ?? (i.onlineURL != nil ? "En ligne" : nil)
        return .init(title: i.title, href: i.url.path, kind: i.kindLabel, scope: i.delegationID.flatMap { names[$0] } ?? "National",
                     place: place, hours: AgendaDates.hours(allDay: i.allDay, startsAt: i.startsAt, endsAt: i.endsAt),
                     audience: i.audience == .public ? nil : i.audience.label, cancelled: i.cancelled)
    }

    func page() -> AgendaPage {
        let f = filters
        let delegations = [AgendaOption(value: "", label: "Toutes (et nationales)", selected: f.delegation == nil)]
            + map.delegations.map { AgendaOption(value: $0.code.lowercased(), label: $0.name, selected: $0.code == f.delegation?.code) }
        let kinds = [AgendaOption(value: "", label: "Tous les types", selected: f.kind == nil)]
            + EventKind.allCases.map { AgendaOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == f.kind) }
            + [AgendaOption(value: EventKind.trainingKey, label: EventKind.trainingLabel, selected: f.kind == EventKind.trainingKey)]
        let months = [AgendaOption(value: "", label: f.monthView ? "Mois en cours" : "À venir", selected: f.month == nil)]
            + (-3...12).map { n in
                let m = AgendaDates.shifted(year: today.year, month: today.month, by: n)
                let key = AgendaDates.monthKey(year: m.year, month: m.month)
                return AgendaOption(value: key, label: AgendaDates.monthHeading(year: m.year, month: m.month),
                                    selected: f.month.map { $0 == m } ?? false)
            }
        let shownMonth = f.month ?? month
        let listHref = AgendaURL.start.path(query: f.query(view: nil, month: f.month))
        let monthHref = AgendaURL.start.path(query: f.query(view: "mois", month: f.month))
        let groups = listGroups(items)
        var calendar: AgendaPage.Calendar? = nil
        let heading: String
        if f.monthView {
            heading = "Agenda de " + AgendaDates.month(year: shownMonth.year, month: shownMonth.month)
            calendar = monthCalendar(shownMonth)
        } else {
            heading = f.month.map { "Agenda de " + AgendaDates.month(year: $0.year, month: $0.month) } ?? "Événements à venir"
        }
        return AgendaPage(action: AgendaURL.start.path, view: f.monthView ? "mois" : "liste", delegations: delegations, kinds: kinds,
                          months: months, notices: f.notices.isEmpty ? nil : f.notices, listHref: listHref, monthHref: monthHref,
                          heading: heading, groups: groups, calendar: calendar,
                          empty: items.isEmpty ? "Aucun événement pour ces critères." : nil, more: more, newHref: newHref,
                          feedsHref: SiteURL.agenda(.feeds).path)
    }

    /// The items by month and by day of their start (an item that began earlier shows on its first day of the window).
    func listGroups(_ items: [AgendaItem]) -> [AgendaPage.MonthGroup]? {
        guard !items.isEmpty else { return nil }
        var out: [AgendaPage.MonthGroup] = []
        var byDay: [(Day, [AgendaItem])] = []
        for i in items {
            let day = max(i.firstDay, filters.month == nil && !filters.monthView ? min(today, i.lastDay) : i.firstDay)
            if let last = byDay.last, last.0 == day { byDay[byDay.count - 1].1.append(i) } else { byDay.append((day, [i])) }
        }
        byDay.sort { $0.0 < $1.0 }
        for (day, dayItems) in byDay {
            let group = AgendaPage.DayGroup(heading: AgendaDates.long(day).prefix(1).uppercased() + AgendaDates.long(day).dropFirst(),
                                            rows: dayItems.map(row))
            let monthHeading = AgendaDates.monthHeading(year: day.year, month: day.month)
            if out.last?.heading == monthHeading {
                let last = out.removeLast()
                out.append(.init(heading: monthHeading, days: last.days + [group]))
            } else {
                out.append(.init(heading: monthHeading, days: [group]))
            }
        }
        return out
    }

    /// The month's table, Monday first; each day lists the items that take place that day.
    func monthCalendar(_ m: (year: Int, month: Int)) -> AgendaPage.Calendar {
        let first = Day(year: m.year, month: m.month, day: 1)!
        let count = AgendaDates.daysIn(year: m.year, month: m.month)
        let start = first.adding(days: -(first.weekday - 1))
        var weeks: [AgendaPage.Week] = []
        var day = start
        repeat {
            var cells: [AgendaPage.Cell] = []
            for _ in 0..<7 {
                if day.month == m.month && day.year == m.year {
                    let dayItems = items.filter { $0.firstDay <= day && $0.lastDay >= day }
                    cells.append(.init(number: String(day.day), label: AgendaDates.long(day), today: day == today,
                                       rows: dayItems.isEmpty ? nil : dayItems.map(row)))
                } else {
                    cells.append(.init(number: nil, label: nil, today: false, rows: nil))
                }
                day = day.adding(days: 1)
            }
            weeks.append(.init(cells: cells))
        } while day <= Day(year: m.year, month: m.month, day: count)!
        let prev = AgendaDates.shifted(year: m.year, month: m.month, by: -1)
        let next = AgendaDates.shifted(year: m.year, month: m.month, by: 1)
        func href(_ x: (year: Int, month: Int)) -> String { AgendaURL.start.path(query: filters.query(view: "mois", month: x)) }
        return .init(caption: "Agenda de " + AgendaDates.month(year: m.year, month: m.month)
                        + " : \(FrenchFormat.plural(items.count, "événement", "événements"))",
                     previousHref: href(prev), previousLabel: "Mois précédent : " + AgendaDates.month(year: prev.year, month: prev.month),
                     nextHref: href(next), nextLabel: "Mois suivant : " + AgendaDates.month(year: next.year, month: next.month),
                     weeks: weeks)
    }
}

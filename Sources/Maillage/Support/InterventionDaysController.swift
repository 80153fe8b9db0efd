import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/accompagnement/journees`: a year's intervention days (a national admin's of every delegation,
/// a delegate's of their own), with CSV and XLSX, and the form to log some (POST, same address),
/// written through `InterventionDayService`.
enum InterventionDaysController {
    static let columns = [ListColumn("date", "Date"), ListColumn("delegation", "Délégation"), ListColumn("kind", "Nature"),
                          ListColumn("amount", "Durée", numeric: true), ListColumn("structure", "Structure"),
                          ListColumn("programme", "Suivi"), ListColumn("note", "Note", sortable: false)]

    static func index(_ req: Request) async throws -> Response {
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let user = try req.requireUser()
        var form = ["day_on": Day.today(now: req.services.clock.now).french, "day_kind": InterventionKind.individualSupport.rawValue]
        if let only = user.delegatedDelegationIDs.first, !user.isNationalAdmin { form["day_delegation"] = only.uuidString }
        // From a support's page: its delegation, structure and support.
        if let id = raw["suivi"].flatMap(UUID.init(uuidString:)), let s = try await MemberSupport.find(id, on: req.db),
           SupportAccess.inScope(s.$delegation.id, SupportAccess.delegationScope(user)) {
            form["day_support"] = id.uuidString
            form["day_delegation"] = s.$delegation.id.uuidString
        }
        return try await render(req, raw: raw, form: form, errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let values = SupportForms.values((try? req.content.decode([String: String].self)) ?? [:], DayInput.fields)
        let outcome: Result<InterventionDay, SupportRefusal>
        switch DayInput.parse(values, today: Day.today(now: req.services.clock.now)) {
        case .failure(let refusal): outcome = .failure(.form(refusal.errors))
        case .success(let input): outcome = try await InterventionDayService.record(input, by: user, map: try await req.networkMap(), on: req.db)
        }
        switch outcome {
        case .success(let day):
            req.flash("Intervention du \(FrenchFormat.date(day.onDay)) enregistrée : \(SupportFigures.daysText(day.halfDays)) (\(day.kindValue.label.lowercased())).")
            return req.redirect(to: SiteURL.support(.days).path(query: ["annee": String(day.onDayValue?.year ?? 2000)]), redirectType: .normal)
        case .failure(let refusal):
            return try await render(req, raw: [:], form: values, errors: refusal.errors, status: refusal.status)
        }
    }

    private static func render(_ req: Request, raw: [String: String], form: [String: String], errors: FieldErrors,
                               status: HTTPStatus) async throws -> Response {
        let user = try req.requireUser()
        let today = Day.today(now: req.services.clock.now)
        let scope = SupportAccess.delegationScope(user)
        let state = ListState(raw, columns: columns, defaultSort: ListSort("date", descending: true))
        let year = raw["annee"].flatMap { SupportFiguresController.year($0) } ?? today.year
        let all = try await Delegation.query(on: req.db).all().sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
        let mine = all.filter { SupportAccess.inScope($0.id!, scope) }
        let delegation = raw["delegation"].flatMap(UUID.init(uuidString:)).flatMap { id in mine.contains { $0.id == id } ? id : nil }
        var rows = try await SupportQueries.days(year: year, scope: scope, delegation: delegation, on: req.db)
        state.sort.apply(&rows) { a, b in
            let tie = (a.day.onDay, a.day.id!.uuidString) < (b.day.onDay, b.day.id!.uuidString)
            func text(_ x: String, _ y: String) -> Bool { x != y ? FrenchSortKey(x) < FrenchSortKey(y) : tie }
            switch state.sort.key {
            case "delegation": return text(a.delegationName, b.delegationName)
            case "kind": return text(a.day.kindValue.label, b.day.kindValue.label)
            case "amount": return a.day.halfDays != b.day.halfDays ? a.day.halfDays < b.day.halfDays : tie
            case "structure": return text(a.structureName ?? "", b.structureName ?? "")
            case "programme": return text(a.programmeName ?? "", b.programmeName ?? "")
            default: return tie
            }
        }
        let filters: [(String, String?)] = [("annee", String(year)), ("delegation", delegation?.uuidString)]
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("journees-intervention", filters: filters, on: req, format: format),
                                       headers: columns.map(\.label), rows: rows.map(exportCells), sheet: "Journées \(year)")
        }
        let list = ListView(.support(.days), columns: columns, state: state, filters: filters, total: rows.count,
                            exportable: true, noun: ("saisie", "saisies"))
        let page = DaysPage(
            heading: "Journées d'intervention \(year)",
            scopeNote: scope == nil ? nil : "Les journées de votre délégation : \(mine.map(\.name).joined(separator: ", ")).",
            action: SiteURL.support(.days).path, lines: rows[list.range].map(SupportPages.dayLine), list: list,
            totalDays: "Total : " + SupportFigures.daysText(rows.map(\.day.halfDays).reduce(0, +)),
            years: ((today.year - 5)...(today.year + 1)).reversed().map { SupportOption(value: String($0), label: String($0), selected: $0 == year) },
            delegations: mine.count > 1 ? SupportPages.options(mine, value: { $0.id!.uuidString }, label: \.name, selected: delegation?.uuidString) : nil,
            form: try await dayForm(req, values: form, errors: errors, delegations: mine, scope: scope, today: today),
            supportsHref: req.link(to: .support(.home)), figuresHref: req.link(to: .support(.figures)))
        return try await req.renderPage("support/days", title: page.heading, page, status: status)
    }

    /// The form: the delegations the person records for (those in force this year, or the one
    /// already chosen), the kinds, the supports still running in those delegations.
    private static func dayForm(_ req: Request, values: [String: String], errors: FieldErrors, delegations: [Delegation],
                             scope: Set<UUID>?, today: Day) async throws -> DaysPage.Form? {
        guard let action = req.link(to: .support(.createDays)) else { return nil }
        let chosen = values["day_delegation"]
        // Today's delegations first; former ones (a past year's entries) after, with their last year.
        let offered = delegations.sorted { ($0.validTo == nil ? 0 : 1, FrenchSortKey($0.name)) < ($1.validTo == nil ? 0 : 1, FrenchSortKey($1.name)) }
        let running = try await SupportQueries.supports(scope: scope, status: .ongoing, on: req.db)
            .sorted { (FrenchSortKey($0.structureName), $0.programmePosition) < (FrenchSortKey($1.structureName), $1.programmePosition) }
        return DaysPage.Form(
            action: action, values: values, errors: errors,
            delegations: SupportPages.options(offered, value: { $0.id!.uuidString },
                                              label: { d in d.validTo.map { "\(d.name) (jusqu'en \($0))" } ?? d.name }, selected: chosen),
            kinds: InterventionKind.allCases.map { SupportOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == values["day_kind"]) },
            supports: running.map { r in
                SupportOption(value: r.support.id!.uuidString,
                              label: "\(r.structureName) — \(r.programmeName) (depuis le \(SupportPages.date(r.support.startedOn)))",
                              selected: r.support.id?.uuidString == values["day_support"])
            },
            notice: nil)
    }

    private static func exportCells(_ r: SupportQueries.DayRow) -> [XLSXCell] {
        [r.day.onDayValue.map { .date($0) } ?? .empty, .text(r.delegationName), .text(r.day.kindValue.label),
         .number(SupportFigures.daysDecimal(r.day.halfDays)), .text(r.structureName ?? ""), .text(r.programmeName ?? ""), .text(r.day.note)]
    }
}

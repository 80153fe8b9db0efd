import Fluent
import Foundation
import MaillageCore
import Vapor

/// `/formations/sessions`: every session for training admins, a plain trainer's own sessions;
/// filters year, status, course, delegation; CSV and XLSX of every filtered row.
extension SessionController {
    static let columns = [ListColumn("first_day", "Dates"), ListColumn("course", "Cours"), ListColumn("kind", "Type"),
                          ListColumn("place", "Lieu"), ListColumn("delegation", "Délégation"), ListColumn("status", "Statut"),
                          ListColumn("registered", "Inscrits", numeric: true), ListColumn("waiting", "En attente", numeric: true)]

    struct Row: Sendable {
        let session: TrainingSession
        let line: SessionsPage.Line
        let registered: Int
        let waiting: Int
        let courseKey: FrenchSortKey
    }

    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let raw = (try? req.query.decode([String: String].self)) ?? [:]
        let state = ListState(raw, columns: columns, defaultSort: ListSort("first_day", descending: true))
        let year = raw["annee"].flatMap { Int($0) }.flatMap { (2000...2100).contains($0) ? $0 : nil }
        let status = raw["statut"].flatMap(SessionStatus.init(rawValue:))
        let courseID = raw["cours"].flatMap(UUID.init(uuidString:))
        let delegationID = raw["delegation"].flatMap(UUID.init(uuidString:))
        let onlyMine = !TrainingAccess.isTrainingAdmin(user)
        var query = TrainingSession.query(on: req.db)
        if onlyMine {
            let mine = try await TrainingSessionTrainer.query(on: req.db).filter(\.$userID == user.id).all().map(\.$session.id)
            query = query.filter(\.$id ~~ mine)
        }
        if let year { query = query.filter(\.$firstDay >= "\(year)-01-01").filter(\.$firstDay <= "\(year)-12-31") }
        if let status { query = query.filter(\.$status == status.rawValue) }
        if let courseID { query = query.filter(\.$course.$id == courseID) }
        if let delegationID { query = query.filter(\.$delegation.$id == delegationID) }
        let sessions = try await query.all()
        let courses = Dictionary(uniqueKeysWithValues: try await TrainingCourse.query(on: req.db).all().map { ($0.id!, $0) })
        let delegations = Dictionary(uniqueKeysWithValues: try await Delegation.query(on: req.db).all().map { ($0.id!, $0) })
        let counts = try await SessionQueries.counts(of: sessions.compactMap(\.id), on: req.db)
        var rows = sessions.map { s in
            let course = courses[s.$course.id]
            let c = counts[s.id!] ?? (0, 0)
            return Row(session: s, line: .init(
                dates: SessionQueries.dates(s), course: course.map { "\($0.code) — \($0.title)" } ?? "",
                href: TrainingURL.session(s.id!).path, kind: s.kindValue.label, place: CoursePage.place(s),
                delegation: s.$delegation.id.flatMap { delegations[$0]?.name } ?? "Nationale", status: s.statusValue.label,
                registered: "\(c.confirmed) / \(s.capacity)", waiting: FrenchFormat.integer(c.waiting)),
                registered: c.confirmed, waiting: c.waiting, courseKey: FrenchSortKey(course?.title ?? ""))
        }
        state.sort.apply(&rows) { a, b in
            let tie = (a.session.firstDay, a.session.id!.uuidString) < (b.session.firstDay, b.session.id!.uuidString)
            switch state.sort.key {
            case "course": return a.courseKey != b.courseKey ? a.courseKey < b.courseKey : tie
            case "kind": return a.session.kind != b.session.kind ? a.session.kind < b.session.kind : tie
            case "place": return a.line.place != b.line.place ? FrenchSortKey(a.line.place) < FrenchSortKey(b.line.place) : tie
            case "delegation": return a.line.delegation != b.line.delegation ? FrenchSortKey(a.line.delegation) < FrenchSortKey(b.line.delegation) : tie
            case "status": return a.line.status != b.line.status ? a.line.status < b.line.status : tie
            case "registered": return a.registered != b.registered ? a.registered < b.registered : tie
            case "waiting": return a.waiting != b.waiting ? a.waiting < b.waiting : tie
            default: return tie
            }
        }
        let filters: [(String, String?)] = [("annee", year.map(String.init)), ("statut", status?.rawValue),
                                            ("cours", courseID?.uuidString), ("delegation", delegationID?.uuidString)]
        if let format = state.format {
            return ListExport.response(format, name: ListView.fileName("sessions-formation", filters: filters, on: req, format: format),
                                       headers: columns.map(\.label), rows: rows.map(exportCells), sheet: "Sessions")
        }
        let list = ListView(.training(.sessions), columns: columns, state: state, filters: filters, total: rows.count,
                            exportable: true, noun: ("session", "sessions"))
        let years = Set(try await TrainingSession.query(on: req.db).all(\.$firstDay).compactMap { Int($0.prefix(4)) })
            .union([Day.today(now: req.services.clock.now).year]).sorted(by: >)
        let page = SessionsPage(
            action: SiteURL.training(.sessions).path, lines: rows[list.range].map(\.line), list: list,
            years: years.map { .init(value: String($0), label: String($0), selected: $0 == year) },
            statuses: SessionStatus.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == status) },
            courses: courses.values.sorted { (FrenchSortKey($0.title), $0.code) < (FrenchSortKey($1.title), $1.code) }
                .map { .init(value: $0.id!.uuidString, label: "\($0.code) — \($0.title)", selected: $0.id == courseID) },
            delegations: delegations.values.filter { $0.validTo == nil }.sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
                .map { .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id == delegationID) },
            newHref: req.link(to: .training(.newSession)), catalogueHref: req.link(to: TrainingURL.start), onlyMine: onlyMine)
        return try await req.renderPage("training/sessions", title: "Sessions de formation", page)
    }

    private static func exportCells(_ r: Row) -> [XLSXCell] {
        [.text(r.line.dates), .text(r.line.course), .text(r.line.kind), .text(r.line.place), .text(r.line.delegation),
         .text(r.line.status), .integer(r.registered), .integer(r.waiting)]
    }
}

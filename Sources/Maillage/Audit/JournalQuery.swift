import Fluent
import FluentSQL
import Foundation
import MaillageCore

/// The journal's filters as typed in its form (GET, kept in the URL): who, what kind of
/// record, which action, between which days, about which record.
struct JournalFilters: Sendable, Equatable {
    var who = ""
    var kind = ""
    var action = ""
    var from = ""
    var to = ""
    var record = ""
    /// The validated days (ISO), nil when empty or refused.
    var fromDay: String? = nil
    var toDay: String? = nil

    static let invalidFrom = "Date de début invalide : saisissez une date comme 23/11/2026."
    static let invalidTo = "Date de fin invalide : saisissez une date comme 23/11/2026."

    /// Reads the query string; a bad day is reported next to its field and not applied.
    static func parse(_ query: [String: String]) -> (JournalFilters, FieldErrors) {
        func text(_ key: String, max: Int = 200) -> String {
            String((query[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(max))
        }
        var f = JournalFilters(who: text("qui"), kind: text("quoi", max: 60), action: text("action", max: 20),
                               from: text("du", max: 30), to: text("au", max: 30), record: text("entite", max: 60))
        var errors = FieldErrors()
        if AuditAction(rawValue: f.action) == nil { f.action = "" }
        if !f.from.isEmpty {
            f.fromDay = FrenchFormat.parseDay(f.from)
            if f.fromDay == nil { errors.add("du", invalidFrom) }
        }
        if !f.to.isEmpty {
            f.toDay = FrenchFormat.parseDay(f.to)
            if f.toDay == nil { errors.add("au", invalidTo) }
        }
        if let from = f.fromDay, let to = f.toDay, to < from {
            errors.add("au", "La date de fin précède la date de début (\(FrenchFormat.date(from))).")
            f.toDay = nil
        }
        return (f, errors)
    }

    var isEmpty: Bool { who.isEmpty && kind.isEmpty && action.isEmpty && from.isEmpty && to.isEmpty && record.isEmpty }

    /// The filters as query items, in the form's order; empty ones are left out.
    var queryItems: [(String, String?)] {
        [("qui", who), ("quoi", kind), ("action", action), ("du", from), ("au", to), ("entite", record)]
            .map { ($0.0, $0.1.isEmpty ? nil : $0.1) }
    }
}

/// The journal's reads: the filtered entries, newest first, counted, paged or all (export).
enum JournalQuery {
    static func filtered(_ f: JournalFilters, on db: any Database) -> QueryBuilder<AuditEntry> {
        let q = AuditEntry.query(on: db)
        if !f.who.isEmpty {
            // LOWER on both sides: the same case-insensitive match on SQLite and PostgreSQL.
            q.filter(.sql(embed: "LOWER(\(ident: "actor_label")) LIKE \(bind: likePattern(f.who.lowercased())) ESCAPE '!'"))
        }
        if !f.kind.isEmpty { q.filter(\.$entity == f.kind) }
        if !f.action.isEmpty { q.filter(\.$action == f.action) }
        if let day = f.fromDay, let start = startOfDay(day) { q.filter(\.$at >= start) }
        if let day = f.toDay, let start = startOfDay(day) { q.filter(\.$at < nextDay(start)) }
        if !f.record.isEmpty {
            // The record itself, and the entries whose snapshot names it (a structure's memberships).
            let record = f.record
            if UUID(uuidString: record) != nil {
                let pattern = likePattern(record)
                q.group(.or) { g in
                    g.filter(\.$entityID == record)
                    g.filter(.sql(embed: "\(ident: "before") LIKE \(bind: pattern) ESCAPE '!'"))
                    g.filter(.sql(embed: "\(ident: "after") LIKE \(bind: pattern) ESCAPE '!'"))
                }
            } else {
                q.filter(\.$entityID == record)
            }
        }
        return q
    }

    /// The filtered entries in the list's order; ties (and the default) newest first.
    static func sorted(_ f: JournalFilters, by sort: ListSort, on db: any Database) -> QueryBuilder<AuditEntry> {
        let q = filtered(f, on: db)
        let direction: DatabaseQuery.Sort.Direction = sort.descending ? .descending : .ascending
        switch sort.key {
        case "auteur": q.sort(\.$actorLabel, direction)
        case "action": q.sort(\.$action, direction)
        case "objet": q.sort(\.$entity, direction)
        default: break
        }
        return q.sort(\.$at, sort.key == "date" && !sort.descending ? .ascending : .descending)
            .sort(\.$id, sort.key == "date" && !sort.descending ? .ascending : .descending)
    }

    /// `%text%` with LIKE's wildcards in `text` taken literally (escape character `!`).
    static func likePattern(_ text: String) -> String {
        var out = "%"
        for c in text {
            if c == "%" || c == "_" || c == "!" { out.append("!") }
            out.append(c)
        }
        return out + "%"
    }

    static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    /// Midnight in Paris at the start of an ISO day: the journal's days are French days.
    static func startOfDay(_ isoDay: String) -> Date? {
        let parts = isoDay.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// Midnight of the next day in Paris (23 or 25 hours later on the days the clocks change).
    static func nextDay(_ start: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(24 * 3600)
    }
}

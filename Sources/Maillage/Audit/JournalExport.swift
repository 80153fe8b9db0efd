import Fluent
import Foundation
import MaillageCore

/// The journal as a spreadsheet (`ListExport`): exactly the entries the filters keep, every
/// page, in the list's order, one row per entry, its changed fields one per line
/// « Champ : avant → après ».
enum JournalExport {
    static let headers = ["Date", "Auteur", "Action", "Objet", "Identifiant", "Résumé", "Modifications"]

    static func rows(_ f: JournalFilters, sort: ListSort = JournalController.defaultSort, on db: any Database) async throws -> [[XLSXCell]] {
        let entries = try await JournalQuery.sorted(f, by: sort, on: db).all()
        var rows: [[XLSXCell]] = []
        rows.reserveCapacity(entries.count)
        // Names by batches: a bounded number of ids per lookup, whatever the export's size.
        for start in stride(from: 0, to: entries.count, by: 500) {
            let batch = Array(entries[start..<min(start + 500, entries.count)])
            let names = try await AuditNames.load(for: batch, on: db)
            for e in batch {
                let changes = AuditPresentation.changes(of: e.entity, before: Audit.decode(e.before), after: Audit.decode(e.after), names: names)
                rows.append([
                    .text(FrenchFormat.dateTime(e.at)), .text(e.actorLabel), .text(AuditAction(rawValue: e.action)?.label ?? e.action),
                    .text(AuditPresentation.kindLabel(e.entity)), .text(e.entityID), .text(e.summary),
                    .text(changes.map { "\($0.field) : \($0.before.text) → \($0.after.text)" }.joined(separator: "\n")),
                ])
            }
        }
        return rows
    }
}

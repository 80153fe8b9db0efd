import Fluent
import Foundation
import MaillageCore
import SQLKit

/// What the certification figures are computed from (SQLKit, one read each): every
/// certification's events with its structure's department and its standard's code (the pure
/// inputs of `CertificationFigures`), the members active at a day, the names to list.
enum QualityFiguresQueries {
    /// The certifications with their events up to 31 December of `year`, in recorded order.
    static func records(through year: Int, on db: any Database) async throws -> [CertificationFigures.Record] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw("""
            SELECT c.id AS cid, c.structure_id AS sid, s.department_code AS department, q.code AS standard,
                   e.action AS action, e.to_status AS to_status, e.on_day AS on_day, e.expires_on AS expires_on
              FROM quality_certification_events e
              JOIN quality_certifications c ON c.id = e.certification_id
              JOIN structures s ON s.id = c.structure_id
              JOIN quality_standards q ON q.id = c.standard_id
             WHERE e.on_day <= \(bind: "\(year)-12-31")
             ORDER BY e.on_day, e.created_at, e.id
            """).all()
        var order: [UUID] = []
        var heads: [UUID: (sid: UUID, department: String, standard: String)] = [:]
        var events: [UUID: [CertificationFigures.Event]] = [:]
        for row in rows {
            let cid = try row.decode(column: "cid", as: UUID.self)
            guard let day = Day(iso: try row.decode(column: "on_day", as: String.self)),
                  let to = CertificationStatus(rawValue: try row.decode(column: "to_status", as: String.self)) else { continue }
            if heads[cid] == nil {
                order.append(cid)
                heads[cid] = (try row.decode(column: "sid", as: UUID.self), try row.decode(column: "department", as: String.self),
                              try row.decode(column: "standard", as: String.self))
            }
            events[cid, default: []].append(.init(action: try row.decode(column: "action", as: String.self), to: to, day: day,
                                                  expiresOn: try row.decode(column: "expires_on", as: String?.self).flatMap(Day.init(iso:))))
        }
        return order.compactMap { cid in
            heads[cid].map { .init(id: cid, structureID: $0.sid, department: $0.department, standard: $0.standard, events: events[cid] ?? []) }
        }
    }

    /// The members active on 31 December of `year` (a membership period covering the day), as
    /// the Observatory counts them (`ObservatoryData.activeStructures`).
    static func members(at year: Int, on db: any Database) async throws -> [CertificationFigures.Member] {
        try await ObservatoryData.activeStructures(on: db, at: "\(year)-12-31").map { .init(structureID: $0.id, department: $0.departmentCode) }
    }

    /// The standards in their order (code → name), and the names of some structures.
    static func standards(on db: any Database) async throws -> [QualityStandard] {
        try await QualityStandard.query(on: db).sort(\.$position).sort(\.$code).all()
    }

    static func names(of ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let list = try await Structure.query(on: db).filter(\.$id ~~ Array(ids)).field(\.$id).field(\.$name).all()
        return Dictionary(list.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })
    }
}

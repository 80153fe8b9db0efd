import Fluent
import FluentKit
import Foundation
import MaillageCore
import NIOConcurrencyHelpers
import SQLKit

/// The whole register as directory rows, kept in memory while the register version does not
/// move (one small query per page instead of a count and a page of rows; docs/PERFORMANCE.md).
/// Filters and sort here mirror `DirectoryQuery` exactly; `DirectorySnapshotTests` compares both.
struct DirectorySnapshot: Sendable {
    let version: Int
    let rows: [DirectoryRow]  // sorted by name, then id

    func run(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, currentOnly: Bool) -> (rows: [DirectoryRow], total: Int) {
        let departments = scope.all ? nil : Set(scope.departments)
        let ids = Set(scope.structureIDs)
        let key = f.q.isEmpty ? nil : DirectoryQuery.searchPattern(f.q)
        let delegationDeps = f.delegation.flatMap { map.delegation(code: $0) }.map { Set($0.departments) }
        let typeToken = f.type.map { ",\($0.rawValue)," }
        let current: Set<String> = [DirectoryStatus.active.rawValue, DirectoryStatus.associate.rawValue]
        var matched = rows.filter { r in
            if let departments, !departments.contains(r.department_code), !ids.contains(r.id) { return false }
            if let key, !r.search_text.contains(key) { return false }
            if let delegationDeps, !delegationDeps.contains(r.department_code) { return false }
            if let dep = f.department, r.department_code != dep { return false }
            if let typeToken, !r.types.contains(typeToken) { return false }
            if let s = f.status, r.status != s.rawValue { return false }
            if currentOnly, !current.contains(r.status) { return false }
            return true
        }
        switch f.sort {
        case .name: break
        case .nameDesc: matched.reverse()
        case .commune: matched.sort { ($0.commune, $0.name) < ($1.commune, $1.name) }
        case .department: matched.sort { ($0.department_code, $0.name) < ($1.department_code, $1.name) }
        case .joined: matched.sort { ($1.joined_on ?? "", $0.name) < ($0.joined_on ?? "", $1.name) }
        }
        let start = min((f.page - 1) * f.perPage, matched.count)
        let end = min(start + f.perPage, matched.count)
        return (Array(matched[start..<end]), matched.count)
    }
}

final class DirectorySnapshots: Sendable {
    private let current = NIOLockedValueBox<DirectorySnapshot?>(nil)

    func snapshot(on db: any Database) async throws -> DirectorySnapshot {
        let version = try await RegisterVersion.current(on: db)
        if let s = current.withLockedValue({ $0 }), s.version == version { return s }
        let rows = try await DirectoryQuery.everything(on: db).sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        let fresh = DirectorySnapshot(version: version, rows: rows)
        current.withLockedValue { $0 = fresh }
        return fresh
    }
}

enum RegisterVersion {
    static func current(on db: any Database) async throws -> Int {
        struct Row: Decodable { let version: Int }
        return try await (db as! any SQLDatabase).select().column("version").from("register_version")
            .first(decoding: Row.self)?.version ?? 0
    }

    static func bump(on db: any Database) async throws {
        try await (db as! any SQLDatabase).update("register_version")
            .set(SQLIdentifier("version"), to: SQLBinaryExpression(left: SQLIdentifier("version"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1")))
            .run()
    }
}

/// Every create, update or delete of a structure or a membership moves the register version,
/// inside the same transaction as the change.
struct RegisterVersionMiddleware<M: FluentKit.Model>: AsyncModelMiddleware {
    func create(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await RegisterVersion.bump(on: db)
    }

    func update(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await RegisterVersion.bump(on: db)
    }

    func delete(model: M, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.delete(model, force: force, on: db)
        try await RegisterVersion.bump(on: db)
    }
}

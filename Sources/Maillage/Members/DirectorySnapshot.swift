import Fluent
import FluentKit
import Foundation
import MaillageCore
import NIOConcurrencyHelpers
import SQLKit

/// The whole register as directory rows, kept in memory while the register version does not
/// move (one small query per page instead of a count and a page of rows; docs/PERFORMANCE.md),
/// with each row's table line rendered once: a page is then a filter and a concatenation.
/// Filters and sort here mirror `DirectoryQuery` exactly; `DirectorySnapshotTests` compares both.
struct DirectorySnapshot: Sendable {
    let version: Int
    let rows: [DirectoryRow]  // in French name order, then id (`DirectoryOrder.byName`)
    /// `lines[i]` is `rows[i]`'s line of the directory table.
    let lines: [DirectoryLine]
    /// `communeKeys[i]` is `rows[i]`'s commune French key, computed once.
    let communeKeys: [String]

    /// `rows` must be in `DirectoryOrder.byName` order.
    init(version: Int, rows: [DirectoryRow]) {
        self.version = version
        self.rows = rows
        self.lines = rows.map(DirectoryLine.init)
        self.communeKeys = rows.map { DirectoryOrder.key($0.commune) }
    }

    func run(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, currentOnly: Bool) -> (rows: [DirectoryRow], total: Int) {
        let matched = matching(f, scope: scope, map: map, currentOnly: currentOnly)
        let start = min((f.page - 1) * f.perPage, matched.count)
        return (matched[start..<min(start + f.perPage, matched.count)].map { rows[$0] }, matched.count)
    }

    /// Positions (in `rows` and `lines`) of every matching row, in the filters' order, all pages.
    func matching(_ f: DirectoryFilters, scope: DirectoryScope, map: NetworkMap, currentOnly: Bool) -> [Int] {
        let departments = scope.all ? nil : Set(scope.departments)
        let ids = Set(scope.structureIDs)
        let key = f.q.isEmpty ? nil : DirectoryQuery.searchPattern(f.q)
        let delegationDeps = f.delegation.flatMap { map.delegation(code: $0) }.map { Set($0.departments) }
        let typeToken = f.type.map { ",\($0.rawValue)," }
        let current: Set<String> = [DirectoryStatus.active.rawValue, DirectoryStatus.associate.rawValue]
        let matched = rows.indices.filter { i in
            let r = rows[i]
            if let departments, !departments.contains(r.department_code), !ids.contains(r.id) { return false }
            if let key, !r.search_text.contains(key) { return false }
            if let delegationDeps, !delegationDeps.contains(r.department_code) { return false }
            if let dep = f.department, r.department_code != dep { return false }
            if let typeToken, !r.types.contains(typeToken) { return false }
            if let s = f.status, r.status != s.rawValue { return false }
            if currentOnly, !current.contains(r.status) { return false }
            return true
        }
        return DirectoryOrder.order(matched, of: rows, by: f.sort, map: map, communeKeys: communeKeys)
    }
}

final class DirectorySnapshots: Sendable {
    private let current = NIOLockedValueBox<DirectorySnapshot?>(nil)

    func snapshot(on db: any Database) async throws -> DirectorySnapshot {
        let version = try await RegisterVersion.current(on: db)
        if let s = current.withLockedValue({ $0 }), s.version == version { return s }
        let rows = DirectoryOrder.byName(try await DirectoryQuery.everything(on: db))
        let fresh = DirectorySnapshot(version: version, rows: rows)
        current.withLockedValue { $0 = fresh }
        return fresh
    }
}

/// The register's row of `cache_versions` (`CacheVersions`).
enum RegisterVersion {
    static func current(on db: any Database) async throws -> Int {
        try await CacheVersions.current(.register, on: db)
    }

    static func bump(on db: any Database) async throws {
        try await CacheVersions.bump(.register, on: db)
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

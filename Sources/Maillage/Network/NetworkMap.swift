import Fluent
import Foundation
import MaillageCore

/// The delegation map in force for a year. Pages read it through `services.networkMaps`
/// (cached while the map's version does not move); `load` is the database read itself.
struct NetworkMap: Sendable {
    struct Entry: Sendable {
        let delegationID: UUID
        let code: String
        let name: String
        let departments: [String]
    }
    let year: Int
    let delegations: [Entry]
    private let byDepartment: [String: Int]

    init(year: Int, delegations: [Entry]) {
        self.year = year
        self.delegations = delegations.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        var index: [String: Int] = [:]
        for (i, d) in self.delegations.enumerated() { for dep in d.departments { index[dep] = i } }
        self.byDepartment = index
    }

    func delegation(ofDepartment code: String) -> Entry? {
        byDepartment[code].map { delegations[$0] }
    }

    func delegation(code: String) -> Entry? { delegations.first { $0.code == code } }
    func delegation(id: UUID) -> Entry? { delegations.first { $0.delegationID == id } }

    static func currentYear() -> Int { Calendar(identifier: .gregorian).component(.year, from: Date()) }

    /// The map as the database holds it now, uncached: for the cache, for commands, and for
    /// writes that freeze it (publishing a release).
    static func load(on db: any Database, year: Int = NetworkMap.currentYear()) async throws -> NetworkMap {
        let entries = try await MapEntry.query(on: db)
            .filter(\.$validFrom <= year)
            .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo >= year) }
            .with(\.$delegation)
            .all()
        var grouped: [UUID: (Delegation, [String])] = [:]
        for e in entries {
            let d = e.delegation
            grouped[d.id!, default: (d, [])].1.append(e.departmentCode)
        }
        return NetworkMap(year: year, delegations: grouped.values.map {
            Entry(delegationID: $0.0.id!, code: $0.0.code, name: $0.0.name, departments: $0.1.sorted())
        })
    }
}

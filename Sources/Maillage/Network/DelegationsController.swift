import Fluent
import Foundation
import MaillageCore
import Vapor

/// The delegations of the current map, their departments and commissions, with member counts.
enum DelegationsController {
    struct Line: Encodable, Sendable {
        let code: String
        let name: String
        let departments: String
        let commissions: [String]
        /// The count of members, formatted ("1 234").
        let members: String
        let href: String
    }
    struct DelegationsPage: Encodable, Sendable {
        let year: Int
        let lines: [Line]
        let unassigned: String
    }

    static func index(_ req: Request) async throws -> Response {
        let map = try await req.networkMap()
        let members = try await NetworkCounts.members(on: req.db)
        var perDelegation: [String: Int] = [:]
        for m in members { if let d = map.delegation(ofDepartment: m.department) { perDelegation[d.code, default: 0] += m.count } }
        let commissions = try await Commission.query(on: req.db).filter(\.$delegation.$id ~~ map.delegations.map(\.delegationID)).all()
        let assigned = Set(map.delegations.flatMap(\.departments))
        let page = DelegationsPage(
            year: map.year,
            lines: map.delegations.map { d in
                Line(code: d.code, name: d.name, departments: d.departments.joined(separator: ", "),
                     commissions: commissions.filter { $0.$delegation.id == d.delegationID }.map(\.name),
                     members: FrenchFormat.integer(perDelegation[d.code] ?? 0), href: SiteURL.directory.path(query: ["delegation": d.code]))
            },
            unassigned: Departments.all.filter { !assigned.contains($0.code) }.map(\.code).joined(separator: ", "))
        return try await req.renderPage("network/delegations", title: "Délégations", page)
    }
}

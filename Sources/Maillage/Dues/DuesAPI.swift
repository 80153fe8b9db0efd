import Fluent
import Foundation
import MaillageCore
import Vapor

/// `GET /api/v1/cotisations/{year}/appels`: the calls of a year in the token owner's perimeter
/// (`DuesScope`: every call for a national admin, their delegation's for a delegate, its own for a
/// member manager), by number, a page at a time. Amounts are strings "4474.07" (exact cents).
enum DuesAPI {
    struct CallDTO: Content, Sendable {
        let number: String
        let issued_on: String
        let due_on: String
        let siret: String
        let name: String
        let delegation: String?
        let grid_version: Int
        let total_eur: String
        let credited_eur: String
        let paid_eur: String
        let outstanding_eur: String
        let status: String
        let explanation: [String]

        enum CodingKeys: String, CodingKey {
            case number, issued_on, due_on, siret, name, delegation, grid_version, total_eur, credited_eur, paid_eur
            case outstanding_eur, status, explanation
        }

        /// Every key always present (`delegation` null outside any delegation).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(issued_on, forKey: .issued_on)
            try c.encode(due_on, forKey: .due_on)
            try c.encode(siret, forKey: .siret)
            try c.encode(name, forKey: .name)
            try c.encode(delegation, forKey: .delegation)
            try c.encode(grid_version, forKey: .grid_version)
            try c.encode(total_eur, forKey: .total_eur)
            try c.encode(credited_eur, forKey: .credited_eur)
            try c.encode(paid_eur, forKey: .paid_eur)
            try c.encode(outstanding_eur, forKey: .outstanding_eur)
            try c.encode(status, forKey: .status)
            try c.encode(explanation, forKey: .explanation)
        }
    }

    struct ListDTO: Content, Sendable {
        let year: Int
        let items: [CallDTO]
        let page: Int
        let per_page: Int
        let total: Int
    }

    static let maxPerPage = 200
    static let defaultPerPage = 50

    static func calls(_ req: Request) async throws -> ListDTO {
        guard let year = DuesFollowUp.year(req.parameters.get("year")) else {
            throw Abort(.notFound, reason: "Année de cotisation inconnue : une année entre 2000 et 2100 est attendue.")
        }
        let (page, perPage) = try paging(req)
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let calls = try await DuesFollowUp.calls(year: year, scope: .of(user, map: map), map: map, on: req.db)
        let versions = try await DuesGrid.query(on: req.db).filter(\.$year == year).all()
            .reduce(into: [UUID: Int]()) { $0[$1.id!] = $1.version }
        let start = min((page - 1) * perPage, calls.count)
        let slice = calls[start..<min(start + perPage, calls.count)]
        return ListDTO(year: year, items: slice.map { l in
            let c = l.call
            return CallDTO(number: c.number, issued_on: c.issuedOn, due_on: c.dueOn, siret: c.siret, name: c.structureName,
                           delegation: l.delegationCode.isEmpty ? nil : l.delegationCode, grid_version: versions[c.$grid.id] ?? 0,
                           total_eur: c.total.plain, credited_eur: c.credited.plain, paid_eur: c.paid.plain,
                           outstanding_eur: c.outstanding.plain, status: DuesFollowUp.status(of: c, today: today),
                           explanation: c.amount?.explanation ?? [])
        }, page: page, per_page: perPage, total: calls.count)
    }

    /// `page` (≥ 1) and `per_page` (1…200); any other parameter, or a bad value, is a 400.
    static func paging(_ req: Request) throws -> (Int, Int) {
        let items = URLComponents(string: req.url.string)?.queryItems ?? []
        var page = 1, perPage = defaultPerPage
        var invalid: [String] = []
        for item in items {
            switch item.name {
            case "page":
                if let n = Int(item.value ?? ""), (1...1_000_000).contains(n) { page = n } else { invalid.append("page") }
            case "per_page":
                if let n = Int(item.value ?? ""), (1...maxPerPage).contains(n) { perPage = n } else { invalid.append("per_page") }
            default:
                invalid.append(item.name)
            }
        }
        guard invalid.isEmpty else {
            throw Abort(.badRequest, reason: "\(invalid.count == 1 ? "Paramètre invalide" : "Paramètres invalides") : \(invalid.joined(separator: ", ")).")
        }
        return (page, perPage)
    }
}

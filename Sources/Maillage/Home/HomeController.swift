import Fluent
import Foundation
import MaillageCore
import Vapor

/// The home page differs by role: the national view, a delegation's view, a member's own space.
enum HomeController {
    struct CountsTable: Encodable, Sendable {
        let caption: String
        let firstColumn: String
        let headers: [String]
        let lines: [NetworkCounts.Line]
        let totals: NetworkCounts.Line
    }
    struct Card: Encodable, Sendable {
        let name: String
        let href: String
        let types: String
        let commune: String
        let status: String
    }
    struct HomePage: Encodable, Sendable {
        let heading: String
        let intro: String
        let table: CountsTable?
        let cards: [Card]
    }

    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let page: HomePage
        if user.isNationalAdmin {
            let members = try await NetworkCounts.members(on: req.db)
            let counts = NetworkCounts.group(members, by: { dep in
                map.delegation(ofDepartment: dep).map { ($0.code, $0.name) } ?? ("—", "Hors délégation")
            }, order: map.delegations.map(\.code))
            page = HomePage(heading: "Tableau de bord national",
                            intro: "\(FrenchFormat.plural(counts.totals.total, "adhérent", "adhérents")) en cours d'adhésion dans \(map.delegations.count) délégations.",
                            table: table("Adhérents par délégation et par type", "Délégation", counts), cards: [])
        } else if let delegationID = user.delegatedDelegationIDs.first, let delegation = map.delegation(id: delegationID) {
            let members = try await NetworkCounts.members(on: req.db, departments: delegation.departments)
            let counts = NetworkCounts.group(members, by: { dep in
                (dep, Departments.named(dep).map { "\($0.name) (\(dep))" } ?? dep)
            }, order: delegation.departments)
            page = HomePage(heading: "Délégation \(delegation.name)",
                            intro: "\(FrenchFormat.plural(counts.totals.total, "adhérent", "adhérents")) en cours d'adhésion dans votre délégation.",
                            table: table("Adhérents par département et par type", "Département", counts), cards: [])
        } else if user.has(.memberManager) {
            let mine = try await Structure.query(on: req.db).filter(\.$id ~~ Array(user.managedStructureIDs)).sort(\.$name).all()
            page = HomePage(heading: "Mon espace adhérent",
                            intro: mine.count > 1 ? "Vous gérez \(mine.count) structures." : "Votre structure dans le réseau.",
                            table: nil, cards: mine.map {
                                Card(name: $0.name, href: SiteURL.structure($0.id!).path, types: $0.types.map(\.shortLabel).joined(separator: ", "),
                                     commune: $0.commune, status: (DirectoryStatus(rawValue: $0.status) ?? .none).label)
                            })
        } else {
            let members = try await NetworkCounts.members(on: req.db)
            let counts = NetworkCounts.group(members, by: { _ in ("ALL", "Réseau national") }, order: ["ALL"])
            page = HomePage(heading: "Accueil",
                            intro: "Le réseau compte \(FrenchFormat.plural(counts.totals.total, "adhérent", "adhérents")) en cours d'adhésion.",
                            table: table("Adhérents par type", "Périmètre", counts), cards: [])
        }
        return try await req.renderPage("home/index", title: page.heading, page)
    }

    private static func table(_ caption: String, _ first: String, _ counts: NetworkCounts) -> CountsTable {
        CountsTable(caption: caption, firstColumn: first, headers: counts.types.map(\.shortLabel) + ["Autres"],
                    lines: counts.lines, totals: counts.totals)
    }
}

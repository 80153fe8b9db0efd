import Foundation
import Leaf
import MaillageCore
import SnapshotTesting
import Vapor
@testable import Maillage

/// Renders a page template with a page model, without a database or a request: a bare
/// application with only Leaf, reading the checkout's `Resources/Views`, and a layout of fixed
/// values (CSRF token "csrf-token"), so that the same model always gives the same HTML.
enum PageRenderer {
    static let federation = "Fédération d'essai"

    static func render<Body: Encodable & Sendable>(_ template: String, title: String, _ body: Body,
                                                   user: CurrentUser? = nil, path: String = "/",
                                                   flash: Layout.Flash? = nil) async throws -> String {
        let app = try await Application.make(.testing)
        do {
            app.views.use(.leaf)
            app.leaf.configuration.rootDirectory = TestPaths.root + "Resources/Views/"
            app.leaf.cache.isEnabled = false
            // The menu is the one the person would get at `path` (`Navigation`, `req.link(to:)`).
            let req = Request(application: app, method: .GET, url: URI(path: path), on: app.eventLoopGroup.next())
            req.currentUser = user
            let layout = Layout(
                title: title, federation: federation, userName: user?.displayName,
                roles: user.map { Array(Set($0.grants.map(\.role.label))).sorted() } ?? [],
                nav: Navigation.items(req), csrf: "csrf-token", flash: flash)
            let view = try await app.view.render(template, Page(layout: layout, page: body))
            try await app.asyncShutdown()
            return String(buffer: view.data)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Record mode: `SNAPSHOT_TESTING_RECORD=all|missing|failed|never` when set; otherwise
    /// `never` under CI (a missing snapshot fails without being written), else the library's
    /// default `missing` (a missing snapshot is written, and the test fails once).
    static var record: SnapshotTestingConfiguration.Record {
        let env = ProcessInfo.processInfo.environment
        if let value = env["SNAPSHOT_TESTING_RECORD"], let mode = SnapshotTestingConfiguration.Record(rawValue: value) { return mode }
        return env["CI"].map { !$0.isEmpty } == true ? .never : .missing
    }
}

/// Fixed values for page models: no clock, no random ids.
enum SnapshotData {
    static func uuid(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    static let admin = CurrentUser(id: uuid(901), email: "camille.admin@exemple.fr", displayName: "Camille Martin",
                                   grants: [.init(role: .nationalAdmin, delegationID: nil, structureID: nil)],
                                   managedStructureIDs: [])

    static let delegate = CurrentUser(id: uuid(902), email: "dominique.delegue@exemple.fr", displayName: "Dominique Leroy",
                                      grants: [.init(role: .regionalDelegate, delegationID: uuid(801), structureID: nil)],
                                      managedStructureIDs: [])

    static let manager = CurrentUser(id: uuid(903), email: "alex.responsable@exemple.fr", displayName: "Alex Bernard",
                                     grants: [.init(role: .memberManager, delegationID: nil, structureID: uuid(1))],
                                     managedStructureIDs: [uuid(1)])

    static let pdl = NetworkMap.Entry(delegationID: uuid(801), code: "PDL", name: "Pays de la Loire", departments: ["44", "49", "53", "72", "85"])
    static let nor = NetworkMap.Entry(delegationID: uuid(802), code: "NOR", name: "Normandie", departments: ["14", "27", "50", "61", "76"])

    /// A structure held in memory only (never saved).
    static func structure(_ n: Int, _ name: String, types: [StructureType], department: String, commune: String) -> Structure {
        let s = Structure()
        s.id = uuid(n)
        s.name = name
        s.siret = SIRET.makeValid(siren9: String(100_000_000 + n), nic4: "0001").digits
        s.types = types
        s.departmentCode = department
        s.commune = commune
        s.status = DirectoryStatus.active.rawValue
        return s
    }

    /// The 2024 campaign (answers from 1 April to 31 May 2025), held in memory only.
    static func campaign(open: Bool = true) -> Campaign {
        let c = Campaign()
        c.id = uuid(701)
        c.year = 2024
        c.opensOn = "2025-04-01"
        c.closesOn = "2025-05-31"
        c.status = (open ? CampaignStatus.open : .closed).rawValue
        c.k = 5
        return c
    }
}

import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

/// A small network for app tests: one account per role, structures inside and outside
/// the Pays de la Loire delegation, a GES with an entity.
struct Fixtures {
    static let password = "motdepasse-test"

    enum Who: String, CaseIterable, Sendable {
        case anonymous, admin, delegate, member, jurist, trainer, board
        var email: String { "\(rawValue)@test.maillage.test" }
    }

    var users: [Who: UUID] = [:]
    var tokens: [Who: String] = [:]
    /// In PDL (44), managed by `member`.
    var inPDL: Structure
    /// In PDL (85), no manager.
    var otherPDL: Structure
    /// A GES in Normandie (14), outside the delegate's and member's sight.
    var gesNOR: Structure
    var entityNOR: Structure
    var membershipInPDL: Membership

    static func load(on app: Application) async throws -> Fixtures {
        let db = app.db
        let map = try await NetworkMap.load(on: db)
        let a = try await structure("Relais Emploi Nantes", siren: "100000001", types: [.ai], dep: "44", commune: "Nantes", on: db)
        let c = try await structure("Chantier Nature Vendée", siren: "100000002", types: [.aci], dep: "85", commune: "La Roche-sur-Yon", on: db)
        let g = try await structure("Groupe Solidaire Caen", siren: "100000003", types: [.ges], dep: "14", commune: "Caen", on: db)
        let e = try await structure("Tempo Emploi Caen", siren: "100000004", types: [.etti], dep: "14", commune: "Caen", parent: g, on: db)
        let m = try await Membership.query(on: db).filter(\.$structure.$id == a.requireID()).first()!
        var f = Fixtures(inPDL: a, otherPDL: c, gesNOR: g, entityNOR: e, membershipInPDL: m)
        let hash = try app.password.hash(password)
        for who in Who.allCases where who != .anonymous {
            let user = User(email: who.email, displayName: "Test \(who.rawValue)", passwordHash: hash)
            try await user.create(on: db)
            let uid = try user.requireID()
            f.users[who] = uid
            switch who {
            case .admin: try await RoleGrant(userID: uid, role: .nationalAdmin).create(on: db)
            case .delegate: try await RoleGrant(userID: uid, role: .regionalDelegate, delegationID: map.delegation(code: "PDL")!.delegationID).create(on: db)
            case .member: try await RoleGrant(userID: uid, role: .memberManager, structureID: a.id).create(on: db)
            case .jurist: try await RoleGrant(userID: uid, role: .jurist).create(on: db)
            case .trainer: try await RoleGrant(userID: uid, role: .trainer).create(on: db)
            case .board: try await RoleGrant(userID: uid, role: .boardMember).create(on: db)
            case .anonymous: break
            }
            let secret = "mlg_test_\(who.rawValue)"
            try await APIToken(userID: uid, name: "test", tokenHash: SecretToken.hash(secret), prefix: "mlg_test").create(on: db)
            f.tokens[who] = secret
        }
        return f
    }

    static func structure(_ name: String, siren: String, types: [StructureType], dep: String, commune: String,
                          parent: Structure? = nil, on db: any Database) async throws -> Structure {
        let s = Structure()
        s.siret = SIRET.makeValid(siren9: siren, nic4: "0001").digits
        s.name = name
        s.types = types
        s.commune = commune
        s.departmentCode = dep
        s.status = DirectoryStatus.none.rawValue
        s.$gesParent.id = parent?.id
        s.refreshSearchText()
        try await s.create(on: db)
        try await Membership(structureID: s.requireID(), status: .active, joinedOn: "2020-01-01").create(on: db)
        try await MembershipSummary.refresh(s, on: db)
        try await s.save(on: db)
        return s
    }

    func browser(_ app: Application, as who: Who) async throws -> TestBrowser {
        let b = TestBrowser(app)
        if who != .anonymous { try await b.login(who.email) }
        return b
    }
}

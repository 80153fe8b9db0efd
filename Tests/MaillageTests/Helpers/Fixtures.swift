import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

/// A small network for app tests: one account per role, structures inside and outside
/// the Pays de la Loire delegation, a GES with an entity. Built from the capabilities'
/// factories (`Helpers/Factories`); a test that needs other records adds them with those.
struct Fixtures {
    static let password = AccountsFactory.password

    enum Who: String, CaseIterable, Sendable {
        case anonymous, admin, delegate, member, jurist, trainer, board, trainingAdmin
        var email: String { "\(rawValue.lowercased())@test.maillage.test" }

        /// The role the account holds (none for `anonymous`).
        var role: Role? {
            switch self {
            case .anonymous: nil
            case .admin: .nationalAdmin
            case .delegate: .regionalDelegate
            case .member: .memberManager
            case .jurist: .jurist
            case .trainer: .trainer
            case .board: .boardMember
            case .trainingAdmin: .trainingAdmin
            }
        }
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
        let a = try await structure("Relais Emploi Nantes", siren: "100000001", types: [.ai], dep: "44", commune: "Nantes", on: db)
        let c = try await structure("Chantier Nature Vendée", siren: "100000002", types: [.aci], dep: "85", commune: "La Roche-sur-Yon", on: db)
        let g = try await structure("Groupe Solidaire Caen", siren: "100000003", types: [.ges], dep: "14", commune: "Caen", on: db)
        let e = try await structure("Tempo Emploi Caen", siren: "100000004", types: [.etti], dep: "14", commune: "Caen", parent: g, on: db)
        let m = try await Membership.query(on: db).filter(\.$structure.$id == a.requireID()).first()!
        var f = Fixtures(inPDL: a, otherPDL: c, gesNOR: g, entityNOR: e, membershipInPDL: m)
        for who in Who.allCases where who != .anonymous {
            let scope: AccountsFactory.Scope = switch who {
            case .delegate: .delegation(code: "PDL")
            case .member: .structure(a)
            default: .none
            }
            let user = try await AccountsFactory.makeUser(on: app, email: who.email, displayName: "Test \(who.rawValue)",
                                                          role: who.role, scope: scope)
            f.users[who] = try user.requireID()
            let secret = "mlg_test_\(who.rawValue)"
            try await AccountsFactory.makeToken(on: db, user: user, secret: secret)
            f.tokens[who] = secret
        }
        return f
    }

    /// A member structure with an active membership since 1 January 2020 (`MembersFactory.makeStructure`).
    static func structure(_ name: String, siren: String, types: [StructureType], dep: String, commune: String,
                          parent: Structure? = nil, on db: any Database) async throws -> Structure {
        try await MembersFactory.makeStructure(on: db, name: name, siren: siren, types: types, department: dep,
                                               commune: commune, parent: parent)
    }

    func browser(_ app: Application, as who: Who) async throws -> TestBrowser {
        let b = TestBrowser(app)
        if who != .anonymous { try await b.login(who.email) }
        return b
    }
}

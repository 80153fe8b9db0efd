import Foundation

/// Every path of the site, so that no template or redirect types a URL by hand.
enum SiteURL {
    case home, health, publicDirectory, login, logout, logoutEverywhere
    case forgotPassword, tokenLink(String)
    case account, accountPassword, accountTokens, revokeToken(UUID)
    case directory, newStructure, structures, structure(UUID), editStructure(UUID)
    case newMembership(UUID), editMembership(UUID, UUID), closeMembership(UUID, UUID)
    case delegations
    case exportMembers(String), importMembers, applyImport(UUID)
    case users, newUser, user(UUID), userGrants(UUID), revokeGrant(UUID, UUID), userStatus(UUID)
    case auditLog, outbox
    case openAPI

    var path: String {
        switch self {
        case .home: "/"
        case .health: "/health"
        case .publicDirectory: "/annuaire"
        case .login: "/connexion"
        case .logout: "/deconnexion"
        case .logoutEverywhere: "/deconnexion-partout"
        case .forgotPassword: "/mot-de-passe-oublie"
        case .tokenLink(let token): "/lien/\(token)"
        case .account: "/compte"
        case .accountPassword: "/compte/mot-de-passe"
        case .accountTokens: "/compte/jetons"
        case .revokeToken(let id): "/compte/jetons/\(id)/revoquer"
        case .directory, .structures: "/adherents"
        case .newStructure: "/adherents/nouveau"
        case .structure(let id): "/adherents/\(id)"
        case .editStructure(let id): "/adherents/\(id)/modifier"
        case .newMembership(let id): "/adherents/\(id)/adhesions/nouvelle"
        case .editMembership(let s, let m): "/adherents/\(s)/adhesions/\(m)/modifier"
        case .closeMembership(let s, let m): "/adherents/\(s)/adhesions/\(m)/cloturer"
        case .delegations: "/delegations"
        case .exportMembers(let ext): "/export/adherents.\(ext)"
        case .importMembers: "/import/adherents"
        case .applyImport(let id): "/import/adherents/\(id)/appliquer"
        case .users: "/admin/utilisateurs"
        case .newUser: "/admin/utilisateurs/nouveau"
        case .user(let id): "/admin/utilisateurs/\(id)"
        case .userGrants(let id): "/admin/utilisateurs/\(id)/roles"
        case .revokeGrant(let u, let g): "/admin/utilisateurs/\(u)/roles/\(g)/supprimer"
        case .userStatus(let id): "/admin/utilisateurs/\(id)/statut"
        case .auditLog: "/admin/journal"
        case .outbox: "/admin/courriels"
        case .openAPI: "/api/openapi.json"
        }
    }
}

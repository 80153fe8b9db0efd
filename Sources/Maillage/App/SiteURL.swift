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
    case observatory, newCampaign, campaigns, campaign(Int), campaignSettings(Int), closeCampaign(Int)
    case reminders(Int), validationQueue(Int)
    case answer(Int, UUID, String), validateAnswer(Int, UUID, String), returnAnswer(Int, UUID, String), reopenAnswer(Int, UUID, String)
    case answersImport(Int), applyAnswersImport(Int, UUID), answersExport(Int, String)
    case report(Int), delegationReport(Int, String), portrait(Int, String), reportTable(Int, String, String)
    case figuresJSON(Int), benchmark(Int, UUID)
    case releases(Int), newRelease(Int), releaseFigures(Int, Int)

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
        case .observatory: "/observatoire"
        case .newCampaign: "/observatoire/campagnes/nouvelle"
        case .campaigns: "/observatoire/campagnes"
        case .campaign(let y): "/observatoire/\(y)"
        case .campaignSettings(let y): "/observatoire/\(y)/parametres"
        case .closeCampaign(let y): "/observatoire/\(y)/cloturer"
        case .reminders(let y): "/observatoire/\(y)/relances"
        case .validationQueue(let y): "/observatoire/\(y)/validation"
        case .answer(let y, let s, let t): "/observatoire/\(y)/reponses/\(s)/\(t)"
        case .validateAnswer(let y, let s, let t): "/observatoire/\(y)/reponses/\(s)/\(t)/valider"
        case .returnAnswer(let y, let s, let t): "/observatoire/\(y)/reponses/\(s)/\(t)/renvoyer"
        case .reopenAnswer(let y, let s, let t): "/observatoire/\(y)/reponses/\(s)/\(t)/rouvrir"
        case .answersImport(let y): "/observatoire/\(y)/import"
        case .applyAnswersImport(let y, let b): "/observatoire/\(y)/import/\(b)/appliquer"
        case .answersExport(let y, let ext): "/observatoire/\(y)/export/reponses.\(ext)"
        case .report(let y): "/observatoire/\(y)/rapport"
        case .delegationReport(let y, let code): "/observatoire/\(y)/rapport/\(code)"
        case .portrait(let y, let type): "/observatoire/\(y)/portrait/\(type)"
        case .reportTable(let y, let scope, let file): "/observatoire/\(y)/tableaux/\(scope)/\(file)"
        case .figuresJSON(let y): "/observatoire/\(y)/chiffres.json"
        case .benchmark(let y, let s): "/observatoire/\(y)/positionnement/\(s)"
        case .releases(let y): "/observatoire/\(y)/publications"
        case .newRelease(let y): "/observatoire/\(y)/publications/nouvelle"
        case .releaseFigures(let y, let n): "/observatoire/\(y)/publications/\(n)/chiffres.json"
        }
    }
}

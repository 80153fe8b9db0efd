import Fluent
import Foundation
import Vapor

/// The one authorization policy: every route names a `Rule`, checked by `PolicyMiddleware`
/// before its handler runs; handlers then ask the record-level questions below.
enum Rule: String, Sendable, CaseIterable {
    /// Anyone, signed in or not (login, public directory, health check, OpenAPI document).
    case everyone
    /// Any signed-in person, whatever their roles (home, account page, logout).
    case signedIn
    /// People who work with the register: admins, delegates, member managers, jurists,
    /// trainers and board members. Member managers only see their own structures.
    case readRegister
    /// Admins and regional delegates (delegates within their delegation).
    case manageRegister
    /// National administration only: users and roles, audit log, outbox, imports, campaigns.
    case administer
    /// Observatory answers: admins, regional delegates and member managers (record-level
    /// checks then keep each one to the structures they answer for or follow).
    case answerSurvey
    /// Validation queue and campaign follow-up: admins, and delegates for their delegation.
    case followSurvey
    /// Aggregated Observatory figures (reports, portraits), always under statistical secrecy:
    /// anyone who holds a role.
    case readFigures
}

enum Access: Equatable { case allowed, signInRequired, forbidden }

enum Policy {
    static func decide(_ rule: Rule, for user: CurrentUser?) -> Access {
        switch rule {
        case .everyone: return .allowed
        case .signedIn: return user == nil ? .signInRequired : .allowed
        case .readRegister:
            guard let user else { return .signInRequired }
            return user.grants.isEmpty ? .forbidden : .allowed
        case .manageRegister:
            guard let user else { return .signInRequired }
            return user.isNationalAdmin || user.has(.regionalDelegate) ? .allowed : .forbidden
        case .administer:
            guard let user else { return .signInRequired }
            return user.isNationalAdmin ? .allowed : .forbidden
        case .answerSurvey:
            guard let user else { return .signInRequired }
            return user.isNationalAdmin || user.has(.regionalDelegate) || user.has(.memberManager) ? .allowed : .forbidden
        case .followSurvey:
            guard let user else { return .signInRequired }
            return user.isNationalAdmin || user.has(.regionalDelegate) ? .allowed : .forbidden
        case .readFigures:
            guard let user else { return .signInRequired }
            return user.grants.isEmpty ? .forbidden : .allowed
        }
    }

    /// May see a structure's register page: admins, jurists, trainers and board members see all;
    /// a delegate sees their delegation; a member manager their own structures (and GES entities).
    static func canView(_ structure: Structure, by user: CurrentUser, map: NetworkMap) -> Bool {
        if user.isNationalAdmin || user.has(.jurist) || user.has(.trainer) || user.has(.boardMember) { return true }
        if let id = structure.id, user.managedStructureIDs.contains(id) { return true }
        return isInDelegation(structure.departmentCode, of: user, map: map)
    }

    /// May edit a structure and its memberships: admins everywhere, delegates in their delegation.
    static func canEdit(_ structure: Structure, by user: CurrentUser, map: NetworkMap) -> Bool {
        user.isNationalAdmin || isInDelegation(structure.departmentCode, of: user, map: map)
    }

    /// May create a structure in this department (same rule as editing).
    static func canManage(department code: String, by user: CurrentUser, map: NetworkMap) -> Bool {
        user.isNationalAdmin || isInDelegation(code, of: user, map: map)
    }

    /// May read and fill a structure's survey answers: nobody sees a structure's individual
    /// answers but the national admin, its regional delegate and its own managers (SPEC §1).
    static func canAnswer(for structure: Structure, by user: CurrentUser, map: NetworkMap) -> Bool {
        if user.isNationalAdmin { return true }
        if let id = structure.id, user.managedStructureIDs.contains(id) { return true }
        return isInDelegation(structure.departmentCode, of: user, map: map)
    }

    /// May validate, return or follow a structure's answers: admins, and its regional delegate.
    static func canValidate(_ structure: Structure, by user: CurrentUser, map: NetworkMap) -> Bool {
        user.isNationalAdmin || isInDelegation(structure.departmentCode, of: user, map: map)
    }

    /// May follow a campaign's live figures, provisional and recomputed at each answer: the
    /// national admins for every scope; a regional delegate for their own delegation's
    /// figures (its report, tables and JSON), whose answers they see one by one anyway.
    /// Everything else comes from published releases, for delegates too: watching the
    /// network's figures move answer by answer would let anyone difference the structures of
    /// other delegations (secrecy over time, docs/OBSERVATORY.md).
    static func mayFollowLiveFigures(_ user: CurrentUser, delegation code: String?, map: NetworkMap) -> Bool {
        if user.isNationalAdmin { return true }
        guard let code, let entry = map.delegation(code: code) else { return false }
        return user.delegatedDelegationIDs.contains(entry.delegationID)
    }

    static func isInDelegation(_ department: String, of user: CurrentUser, map: NetworkMap) -> Bool {
        guard let d = map.delegation(ofDepartment: department) else { return false }
        return user.delegatedDelegationIDs.contains(d.delegationID)
    }

    /// Throws 404 when the structure is out of sight (its register data must not leak),
    /// 403 when it is visible but not editable.
    static func require(view structure: Structure, _ req: Request) async throws -> CurrentUser {
        let user = try req.requireUser()
        guard canView(structure, by: user, map: try await req.networkMap()) else { throw Abort(.notFound) }
        return user
    }

    static func require(edit structure: Structure, _ req: Request) async throws -> CurrentUser {
        let user = try await require(view: structure, req)
        guard canEdit(structure, by: user, map: try await req.networkMap()) else { throw Abort(.forbidden) }
        return user
    }
}

extension Route {
    /// Declares which rule guards this route; a route without one is refused to everybody.
    @discardableResult
    func rule(_ rule: Rule) -> Route {
        userInfo["rule"] = rule
        return self
    }

    var policyRule: Rule? { userInfo["rule"] as? Rule }
}

struct PolicyMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = req.route else {
            // The API is read-only so far: another method on it is 405, saying what is allowed.
            if req.isAPI, ![.GET, .HEAD].contains(req.method) {
                throw Abort(.methodNotAllowed, headers: ["Allow": "GET"], reason: "Méthode non autorisée : cette API est en lecture seule.")
            }
            return try await next.respond(to: req)
        }
        guard let rule = route.policyRule else {
            req.logger.error("Route without an authorization rule: \(route.description)")
            throw Abort(.forbidden)
        }
        switch Policy.decide(rule, for: req.currentUser) {
        case .allowed:
            return try await next.respond(to: req)
        case .signInRequired:
            if req.isAPI { throw Abort(.unauthorized, reason: "Jeton d'API manquant, inconnu ou révoqué.") }
            return req.redirect(to: SiteURL.login.path + "?retour=" + LoginController.encodeReturn(req.method == .GET ? req.url.string : "/"))
        case .forbidden:
            throw Abort(.forbidden)
        }
    }
}

extension Request {
    func networkMap() async throws -> NetworkMap {
        try await application.networkMaps.current(on: db)
    }
}

import Fluent
import Foundation
import Vapor

/// An authorization rule: who may take a route at all (`who`, checked by `PolicyMiddleware`
/// before the handler runs) and, for routes about one structure, what relation to that
/// structure they need (`record`, checked by the handler through `req.authorize(_:)` once the
/// structure is loaded). Rules are defined with their business sentence: the network-wide ones
/// in `Policy+Rules.swift`, the others in each capability's `+Permissions.swift`.
struct Rule: Sendable, CustomStringConvertible {
    enum Who: Sendable, Equatable {
        case everyone
        case signedIn
        /// Anyone who holds at least one role.
        case anyRole
        case roles(Set<Role>)
    }

    let name: String
    let who: Who
    /// The record-level part, for routes about one structure; nil when the route has none.
    let record: (@Sendable (CurrentUser, Relation) -> Bool)?

    init(_ name: String, who: Who, record: (@Sendable (CurrentUser, Relation) -> Bool)? = nil) {
        self.name = name
        self.who = who
        self.record = record
    }

    var description: String { name }
}

extension Rule: Equatable {
    static func == (a: Rule, b: Rule) -> Bool { a.name == b.name }
}

/// How the signed-in person stands to one structure, computed once per request and
/// structure (`req.relation(to:)`). Empty: another structure, out of their perimeter.
struct Relation: OptionSet, Sendable, Hashable {
    let rawValue: Int
    /// They manage it (member manager of the structure, or of its GES parent).
    static let own = Relation(rawValue: 1)
    /// It lies in a delegation they are the regional delegate of.
    static let delegation = Relation(rawValue: 2)
}

enum Access: Equatable { case allowed, signInRequired, forbidden }

enum Policy {
    /// The route-level decision: does the person's set of roles let them take the route?
    static func decide(_ rule: Rule, for user: CurrentUser?) -> Access {
        switch rule.who {
        case .everyone: return .allowed
        case .signedIn: return user == nil ? .signInRequired : .allowed
        case .anyRole:
            guard let user else { return .signInRequired }
            return user.grants.isEmpty ? .forbidden : .allowed
        case .roles(let roles):
            guard let user else { return .signInRequired }
            return user.grants.contains { roles.contains($0.role) } ? .allowed : .forbidden
        }
    }

    /// The record-level decision for a rule on one structure.
    static func allows(_ rule: Rule, _ user: CurrentUser, _ relation: Relation) -> Bool {
        guard decide(rule, for: user) == .allowed else { return false }
        return rule.record?(user, relation) ?? true
    }

    /// The rule on a structure, outside a request (imports, forms checked against a map).
    static func allows(_ rule: Rule, _ user: CurrentUser, on structure: Structure, map: NetworkMap) -> Bool {
        allows(rule, user, relation(of: user, to: structure.id, department: structure.departmentCode, map: map))
    }

    /// The rule on a structure that does not exist yet, in `department` (creating one,
    /// moving one there, attaching it to a GES there).
    static func allows(_ rule: Rule, _ user: CurrentUser, inDepartment department: String, map: NetworkMap) -> Bool {
        allows(rule, user, relation(of: user, to: nil, department: department, map: map))
    }

    static func relation(of user: CurrentUser, to structureID: UUID?, department: String, map: NetworkMap) -> Relation {
        var relation: Relation = []
        if let structureID, user.managedStructureIDs.contains(structureID) { relation.insert(.own) }
        if isInDelegation(department, of: user, map: map) { relation.insert(.delegation) }
        return relation
    }

    static func isInDelegation(_ department: String, of user: CurrentUser, map: NetworkMap) -> Bool {
        guard let d = map.delegation(ofDepartment: department) else { return false }
        return user.delegatedDelegationIDs.contains(d.delegationID)
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
            return req.redirect(to: SiteURL.login.path(query: ["retour": req.method == .GET ? req.url.string : "/"]))
        case .forbidden:
            throw Abort(.forbidden)
        }
    }
}

extension Request {
    private struct NetworkMapKey: StorageKey { typealias Value = NetworkMap }

    /// This year's delegation map, read once per request (its version check included).
    func networkMap() async throws -> NetworkMap {
        if let map = storage[NetworkMapKey.self] { return map }
        let map = try await services.networkMaps.current(on: db)
        storage[NetworkMapKey.self] = map
        return map
    }

    private struct RelationsKey: StorageKey { typealias Value = [UUID: Relation] }

    /// The signed-in person's relation to a structure, computed once per request.
    func relation(to structure: Structure) async throws -> Relation {
        guard let user = currentUser else { return [] }
        if let id = structure.id, let known = storage[RelationsKey.self]?[id] { return known }
        let relation = Policy.relation(of: user, to: structure.id, department: structure.departmentCode, map: try await networkMap())
        if let id = structure.id {
            var known = storage[RelationsKey.self] ?? [:]
            known[id] = relation
            storage[RelationsKey.self] = known
        }
        return relation
    }

    /// Checks the current route's rule on the structure it is about: 404 when the structure
    /// is out of the person's sight (its register data must not leak), 403 when it is in sight
    /// but the rule asks for more. Returns the signed-in person.
    @discardableResult
    func authorize(_ structure: Structure, _ rule: Rule? = nil) async throws -> CurrentUser {
        let user = try requireUser()
        guard let rule = rule ?? route?.policyRule else { throw Abort(.forbidden) }
        let relation = try await relation(to: structure)
        guard Policy.allows(.seeStructure, user, relation) else { throw Abort(.notFound) }
        guard Policy.allows(rule, user, relation) else { throw Abort(.forbidden) }
        return user
    }

    /// Whether the person may take `rule` on the structure (for a button, a link, a list).
    func may(_ rule: Rule, on structure: Structure) async throws -> Bool {
        guard let user = currentUser else { return false }
        return Policy.allows(rule, user, try await relation(to: structure))
    }

    /// The link to `url` when the signed-in person may follow it, nil otherwise: pages ask
    /// this for every link and button, so they never show what would answer 403.
    func link(to url: SiteURL) -> String? {
        Policy.decide(url.rule, for: currentUser) == .allowed ? url.path : nil
    }

    /// The link to a route about one structure, when the person may take it on that structure.
    func link(to url: SiteURL, on structure: Structure) async throws -> String? {
        try await may(url.rule, on: structure) ? url.path : nil
    }

    /// The link with a query string, when the person may follow it.
    func link(to url: SiteURL, query: KeyValuePairs<String, String?>) -> String? {
        link(to: url).map { _ in url.path(query: query) }
    }

    /// What the signed-in person is to a structure, for workflows: national admin, its
    /// regional delegate, one of its managers. Empty for anyone else (and when signed out).
    func parties(to structure: Structure) async throws -> Set<Party> {
        guard let user = currentUser else { return [] }
        return Policy.parties(of: user, relation: try await relation(to: structure))
    }
}

extension Policy {
    static func parties(of user: CurrentUser, relation: Relation) -> Set<Party> {
        var parties: Set<Party> = []
        if user.isNationalAdmin { parties.insert(.nationalAdmin) }
        if relation.contains(.own) { parties.insert(.manager) }
        if relation.contains(.delegation) { parties.insert(.delegate) }
        if user.has(.jurist) { parties.insert(.jurist) }
        return parties
    }
}

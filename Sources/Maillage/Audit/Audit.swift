import MaillageCore
import Fluent
import Foundation

/// A record whose state is written to the audit log as a flat dictionary.
protocol Auditable {
    static var auditEntity: String { get }
    var auditSnapshot: [String: String] { get }
}

enum AuditAction: String, Sendable {
    case create, update, delete

    var label: String {
        switch self {
        case .create: "Création"
        case .update: "Modification"
        case .delete: "Suppression"
        }
    }
}

enum Audit {
    /// Writes one entry in the same database (pass the transaction) as the change itself,
    /// so a change and its trace are committed or rolled back together.
    static func record(
        _ action: AuditAction, _ entity: String, id: String, summary: String,
        before: [String: String]? = nil, after: [String: String]? = nil,
        actor: CurrentUser?, on db: any Database
    ) async throws {
        if action == .update, before == after { return }
        let entry = AuditEntry()
        entry.at = Date()
        entry.actorID = actor?.id
        entry.actorLabel = actor.map { "\($0.displayName) <\($0.email)>" } ?? "système"
        entry.action = action.rawValue
        entry.entity = entity
        entry.entityID = id
        entry.summary = summary
        entry.before = before.map(encode)
        entry.after = after.map(encode)
        try await entry.create(on: db)
    }

    static func record<T: Model & Auditable>(
        _ action: AuditAction, _ model: T, summary: String, before: [String: String]? = nil,
        actor: CurrentUser?, on db: any Database
    ) async throws where T.IDValue: CustomStringConvertible {
        try await record(
            action, T.auditEntity, id: model.id.map(\.description) ?? "", summary: summary,
            before: before, after: action == .delete ? nil : model.auditSnapshot, actor: actor, on: db)
    }

    private static func encode(_ snapshot: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(snapshot)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }
}

extension Structure: Auditable {
    static var auditEntity: String { "structure" }
    var auditSnapshot: [String: String] {
        [
            "siret": siret, "nom": name, "types": types.map(\.rawValue).joined(separator: ","),
            "adresse": address ?? "", "code_postal": postalCode ?? "", "commune": commune,
            "departement": departmentCode, "site_web": website ?? "",
            "ges_parent": $gesParent.id?.uuidString ?? "",
        ]
    }
}

extension Membership: Auditable {
    static var auditEntity: String { "adhesion" }
    var auditSnapshot: [String: String] {
        [
            "structure": $structure.id.uuidString, "statut": status, "date_adhesion": joinedOn,
            "date_sortie": leftOn ?? "", "motif_sortie": leaveReason ?? "",
        ]
    }
}

extension User: Auditable {
    static var auditEntity: String { "utilisateur" }
    var auditSnapshot: [String: String] {
        ["email": email, "nom": displayName, "actif": isActive ? "oui" : "non"]
    }
}

extension RoleGrant: Auditable {
    static var auditEntity: String { "role" }
    var auditSnapshot: [String: String] {
        [
            "utilisateur": $user.id.uuidString, "role": role,
            "delegation": $delegation.id?.uuidString ?? "", "structure": $structure.id?.uuidString ?? "",
        ]
    }
}

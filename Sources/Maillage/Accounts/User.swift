import Fluent
import Foundation

/// A person known to Maillage. With a password (or a pending invitation) it is also an account.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    /// Bumped by "log out everywhere" and password changes: older sessions stop being valid.
    @Field(key: "session_epoch") var sessionEpoch: Int
    @Field(key: "is_active") var isActive: Bool
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?

    // relationships
    @Children(for: \.$user) var grants: [RoleGrant]

    init() {}
    init(email: String, displayName: String, passwordHash: String?) {
        self.email = email.lowercased()
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.sessionEpoch = 1
        self.isActive = true
    }
}

enum Role: String, CaseIterable, Codable, Sendable {
    case nationalAdmin = "national_admin"
    case regionalDelegate = "regional_delegate"
    case memberManager = "member_manager"
    case jurist
    case trainer
    /// A trainer with the grant to manage the training catalogue (courses, packs, sessions).
    case trainingAdmin = "training_admin"
    case boardMember = "board_member"

    var label: String {
        switch self {
        case .nationalAdmin: "Administration nationale"
        case .regionalDelegate: "Délégation régionale"
        case .memberManager: "Responsable d'adhérent"
        case .jurist: "Juriste"
        case .trainer: "Formation"
        case .trainingAdmin: "Administration de la formation"
        case .boardMember: "Membre du conseil d'administration"
        }
    }
}

/// One role held by a user, scoped to a delegation (delegate) or a structure (member manager).
final class RoleGrant: Model, @unchecked Sendable {
    static let schema = "role_grants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: String
    @OptionalParent(key: "delegation_id") var delegation: Delegation?
    @OptionalParent(key: "structure_id") var structure: Structure?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(userID: UUID, role: Role, delegationID: UUID? = nil, structureID: UUID? = nil) {
        self.$user.id = userID
        self.role = role.rawValue
        self.$delegation.id = delegationID
        self.$structure.id = structureID
    }
}

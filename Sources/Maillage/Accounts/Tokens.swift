import Crypto
import Fluent
import Foundation
import Vapor

/// A one-time link token (password reset or invitation). Only its SHA-256 is stored.
final class OneTimeToken: Model, @unchecked Sendable {
    static let schema = "one_time_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "purpose") var purpose: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
    init(userID: UUID, purpose: Purpose, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.purpose = purpose.rawValue
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }

    enum Purpose: String { case reset, invitation }
}

/// A personal access token for the JSON API, scoped to its owner's rights.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "prefix") var prefix: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
    init(userID: UUID, name: String, tokenHash: String, prefix: String) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
    }
}

/// One login try, kept to throttle guessing (see `LoginThrottle`); `ip` is `req.clientAddress`.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @Field(key: "email") var email: String
    @Field(key: "ip") var ip: String
    @Field(key: "succeeded") var succeeded: Bool

    init() {}
    init(email: String, ip: String, succeeded: Bool, at: Date) {
        self.at = at
        self.email = email
        self.ip = ip
        self.succeeded = succeeded
    }
}

enum SecretToken {
    /// A random URL-safe secret, e.g. `mlg_…` for API tokens.
    static func generate(prefix: String = "") -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let b64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + b64
    }

    /// Hex SHA-256 (run on every request for the session key: no `String(format:)` here).
    static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

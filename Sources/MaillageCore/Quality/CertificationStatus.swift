/// Where a structure's certification stands (SPEC §6): engaged in the approach, its first audit
/// planned, certified (and renewed at the end of each cycle), or stopped: suspended by the body,
/// withdrawn, or lapsed when its expiry passed without renewal.
public enum CertificationStatus: String, Sendable, Codable, CaseIterable {
    case engaged, auditPlanned = "audit_planned", certified, renewed, suspended, withdrawn, lapsed

    /// « Engagé », « Audit programmé », « Certifié », « Renouvelé », « Suspendu », « Retiré », « Échu ».
    public var label: String {
        switch self {
        case .engaged: "Engagé dans la démarche"
        case .auditPlanned: "Audit programmé"
        case .certified: "Certifié"
        case .renewed: "Renouvelé"
        case .suspended: "Suspendu"
        case .withdrawn: "Retiré"
        case .lapsed: "Échu"
        }
    }

    /// Holds a valid certificate (certified or renewed).
    public var holdsCertificate: Bool { self == .certified || self == .renewed }

    /// Still in the approach (engaged, in audit, certified, renewed or suspended).
    public var isLive: Bool { self != .withdrawn && self != .lapsed }
}

/// The kinds of audit a certification goes through.
public enum AuditKind: String, Sendable, Codable, CaseIterable {
    case initial, surveillance, renewal

    /// « Audit initial », « Audit de surveillance », « Audit de renouvellement ».
    public var label: String {
        switch self {
        case .initial: "Audit initial"
        case .surveillance: "Audit de surveillance"
        case .renewal: "Audit de renouvellement"
        }
    }
}

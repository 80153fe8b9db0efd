import Foundation

/// A member's status (SPEC §2): full member or associated member.
public enum MembershipStatus: String, Codable, Sendable, CaseIterable {
    case active = "actif"
    case associate = "associe"

    public var label: String {
        switch self {
        case .active: "Actif"
        case .associate: "Associé"
        }
    }

    /// Reads "actif", "Associé", "ASSOCIE"… in any case, with or without accents,
    /// feminine forms included ("active", "associée"). Nil for an empty or unknown value.
    public static func parse(_ s: String) -> MembershipStatus? {
        let key = s.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .lowercased()
        switch key {
        case "actif", "active": return .active
        case "associe", "associee": return .associate
        default: return nil
        }
    }
}

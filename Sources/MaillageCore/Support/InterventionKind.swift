/// The kinds of a delegation's intervention days (SPEC §7; Basse-Normandie 2011: 75 days =
/// 10 training, 48 individual support, 17 collective facilitation).
public enum InterventionKind: String, Sendable, Codable, CaseIterable {
    case training, individualSupport = "individual_support", collectiveFacilitation = "collective_facilitation",
         representation, other

    /// « Formation », « Accompagnement individuel », « Animation collective », « Représentation », « Autre ».
    public var label: String {
        switch self {
        case .training: "Formation"
        case .individualSupport: "Accompagnement individuel"
        case .collectiveFacilitation: "Animation collective"
        case .representation: "Représentation"
        case .other: "Autre"
        }
    }
}

/// Where a member's support stands.
public enum SupportStatus: String, Sendable, Codable, CaseIterable {
    case ongoing, completed, dropped

    /// « En cours », « Terminé », « Abandonné ».
    public var label: String {
        switch self {
        case .ongoing: "En cours"
        case .completed: "Terminé"
        case .dropped: "Abandonné"
        }
    }
}

/// The five axes of the CAP RSE self-assessment (SPEC §6), in the questionnaire's order.
public enum CapAxis: String, Sendable, Codable, CaseIterable {
    case identity, people, environment, offer, improvement

    /// The axis as the questionnaire names it.
    public var label: String {
        switch self {
        case .identity: "Identité et démarche RSE"
        case .people: "Ressources humaines et personnes en insertion"
        case .environment: "Environnement"
        case .offer: "Offre de services"
        case .improvement: "Mesure et amélioration"
        }
    }

    /// A short label for the radar chart and narrow tables.
    public var shortLabel: String {
        switch self {
        case .identity: "Identité RSE"
        case .people: "RH et insertion"
        case .environment: "Environnement"
        case .offer: "Offre de services"
        case .improvement: "Amélioration"
        }
    }
}

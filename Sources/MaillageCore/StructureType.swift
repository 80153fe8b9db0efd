/// A member structure's conventionnement (SPEC §2). Raw values are the codes
/// shared with outside tools (SPEC §8): add cases, never rename them.
public enum StructureType: String, CaseIterable, Codable, Sendable, Comparable {
    case ai = "AI"
    case aci = "ACI"
    case ei = "EI"
    case etti = "ETTI"
    case ettEss = "ETT_ESS"
    case eiti = "EITI"
    case ges = "GES"
    case ebe = "EBE"
    case proxim = "PROXIM"
    case of = "OF"
    case other = "OTHER"

    /// The French long label, as printed in the federation's reports.
    public var label: String {
        switch self {
        case .ai: "Association intermédiaire"
        case .aci: "Atelier et chantier d'insertion"
        case .ei: "Entreprise d'insertion"
        case .etti: "Entreprise de travail temporaire d'insertion"
        case .ettEss: "Entreprise de travail temporaire de l'ESS"
        case .eiti: "Entreprise d'insertion par le travail indépendant"
        case .ges: "Groupe économique solidaire"
        case .ebe: "Entreprise à but d'emploi"
        case .proxim: "Proxim'Services"
        case .of: "Organisme de formation"
        case .other: "Autre adhérent associé"
        }
    }

    /// The short label used in tables and badges.
    public var shortLabel: String {
        switch self {
        case .ai: "AI"
        case .aci: "ACI"
        case .ei: "EI"
        case .etti: "ETTI"
        case .ettEss: "ETT-ESS"
        case .eiti: "EITI"
        case .ges: "GES"
        case .ebe: "EBE"
        case .proxim: "Proxim'"
        case .of: "OF"
        case .other: "Autre"
        }
    }

    /// Types sort in the order the federation's reports list them (declaration order).
    public static func < (lhs: StructureType, rhs: StructureType) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        Self.allCases.firstIndex(of: self)!
    }
}

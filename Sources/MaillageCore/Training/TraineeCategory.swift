/// The trainee categories of the training body's yearly declaration (bilan pédagogique et financier).
public enum TraineeCategory: String, Sendable, Codable, CaseIterable {
    case privateEmployee = "private_employee", jobseeker, other

    /// « Salariés d'employeurs privés », « Demandeurs d'emploi », « Autres stagiaires ».
    public var label: String {
        switch self {
        case .privateEmployee: "Salariés d'employeurs privés"
        case .jobseeker: "Demandeurs d'emploi"
        case .other: "Autres stagiaires"
        }
    }
}

/// Who pays for a trainee, as the yearly declaration counts it.
public enum TrainingFunding: String, Sendable, Codable, CaseIterable {
    case skillsOperator = "opco", employer, other

    /// « Opérateur de compétences (OPCO) », « Employeur », « Autres financements ».
    public var label: String {
        switch self {
        case .skillsOperator: "Opérateur de compétences (OPCO)"
        case .employer: "Employeur"
        case .other: "Autres financements"
        }
    }
}

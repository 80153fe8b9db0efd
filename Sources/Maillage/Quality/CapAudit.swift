import Foundation
import MaillageCore

/// How the journal reads the CAP entries (`AuditPresentation` asks here, as it asks `TrainingAudit`):
/// the labels of the services' snapshot keys and the values read better as words (the kinds' names are in
/// `QualityAudit.kinds`, the one table of quality, CAP and support kinds).
enum CapAudit {
    static let questionnaireLabels: [String: String] = [
        "annee": "Année", "titre": "Titre", "echelle": "Niveaux de l'échelle", "nombre_questions": "Nombre de questions",
        "questions": "Questions",
    ]
    static let assessmentLabels: [String: String] = {
        var out = ["structure": "Structure", "annee": "Année", "statut": "État", "version": "Version", "reponses": "Questions répondues",
                   "score_global": "Score global"]
        for axis in CapAxis.allCases { out["score_" + axis.rawValue] = "Score : " + axis.label }
        return out
    }()
    static let actionLabels: [String: String] = [
        "structure": "Structure", "axe": "Axe", "titre": "Action", "responsable": "Responsable", "echeance": "Échéance",
        "statut": "État", "annee": "Année d'ajout", "fait_le": "Close le",
    ]

    /// The labels of every CAP kind of entry.
    static var labels: [String: [String: String]] {
        ["cap.questionnaire.create": questionnaireLabels, "cap.questionnaire.update": questionnaireLabels,
         "cap.assessment.save": assessmentLabels, "cap.assessment.submit": assessmentLabels,
         "cap.action.create": actionLabels, "cap.action.update": actionLabels]
    }

    /// A value in French, nil when the journal's general rules read it well.
    static func value(_ raw: String, key: String, of entity: String, names: AuditNames) -> String? {
        switch (entity, key) {
        case (_, "structure"): UUID(uuidString: raw).flatMap { names.structures[$0] }
        case (_, "axe"): CapAxis(rawValue: raw)?.label
        case (_, "statut") where entity.hasPrefix("cap.assessment."): CapAssessmentStatus(rawValue: raw)?.label
        case (_, "statut") where entity.hasPrefix("cap.action."): CapActionStatus(rawValue: raw)?.label
        case (_, "echeance"), (_, "fait_le"): raw.isEmpty ? "—" : FrenchFormat.date(raw)
        default: nil
        }
    }
}

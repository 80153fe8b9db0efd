import Foundation
import MaillageCore

/// How the journal reads the quality and support entries (`AuditPresentation` asks here): each
/// kind's name, the labels of the French keys of the services' snapshots, and the values people
/// read better as words. SUPPORT and CAP kinds are named here too (one table of kinds).
enum QualityAudit {
    static let kinds: [(code: String, label: String)] = [
        ("quality.standard.create", "Référentiel qualité ajouté"),
        ("quality.standard.update", "Référentiel qualité modifié"),
        ("quality.certification.create", "Certification engagée"),
        ("quality.certification.plan_audit", "Audit de certification programmé"),
        ("quality.certification.certify", "Certification obtenue"),
        ("quality.certification.surveillance", "Audit de surveillance enregistré"),
        ("quality.certification.renew", "Certification renouvelée"),
        ("quality.certification.suspend", "Certification suspendue"),
        ("quality.certification.reinstate", "Certification rétablie"),
        ("quality.certification.withdraw", "Certification retirée"),
        ("quality.certification.lapse", "Échéance de certification constatée"),
        ("quality.certification.document", "Document de certification ajouté"),
        ("quality.mock_audit.create", "Audit blanc enregistré"),
        ("cap.questionnaire.create", "Questionnaire CAP préparé"),
        ("cap.questionnaire.update", "Questionnaire CAP modifié"),
        ("cap.assessment.save", "Auto-diagnostic CAP enregistré (brouillon)"),
        ("cap.assessment.submit", "Auto-diagnostic CAP transmis"),
        ("cap.action.create", "Action ajoutée au plan d'actions"),
        ("cap.action.update", "Action du plan d'actions modifiée"),
        ("support.create", "Suivi d'accompagnement commencé"),
        ("support.update", "Suivi d'accompagnement modifié"),
        ("support.days.create", "Journées d'intervention saisies"),
        ("support.programme.create", "Programme d'accompagnement ajouté"),
        ("support.programme.update", "Programme d'accompagnement modifié"),
    ]

    static let standardLabels: [String: String] = [
        "code": "Code", "nom": "Nom", "description": "Description", "cycle_annees": "Durée du cycle (années)",
        "surveillance_mois": "Audits de surveillance (mois)", "groupe": "Certification de groupe",
        "label_public": "Label dans l'annuaire public", "relances": "Rappels (jours avant)", "actif": "Actif", "position": "Ordre d'affichage",
    ]
    static let certificationLabels: [String: String] = [
        "structure": "Structure", "referentiel": "Référentiel", "statut": "État", "engagement": "Engagement",
        "audit": "Prochain audit", "type_audit": "Type d'audit", "certification": "Première certification",
        "decision": "Dernière décision", "echeance": "Échéance", "renouvellements": "Renouvellements",
        "organisme": "Organisme certificateur", "auditeur": "Auditeur ou auditrice", "note": "Note", "version": "Version",
        "etape_note": "Note de l'étape",
    ]
    static let documentLabels: [String: String] = [
        "structure": "Structure", "certification": "Certification", "type": "Type de document", "titre": "Titre",
        "fichier": "Fichier", "taille": "Taille (octets)", "sha256": "Empreinte SHA-256",
    ]
    static let mockAuditLabels: [String: String] = [
        "structure": "Structure", "referentiel": "Référentiel", "date": "Date", "auditeur": "Conduit par",
        "preparation": "Préparation", "points_forts": "Points forts", "ecarts": "Écarts constatés", "recommandations": "Recommandations",
    ]

    /// The labels of every quality kind of entry, by entity (CAP and support kinds label their own keys when they add them).
    static var labels: [String: [String: String]] {
        var out: [String: [String: String]] = ["quality.standard.create": standardLabels, "quality.standard.update": standardLabels,
                                               "quality.certification.document": documentLabels,
                                               "quality.mock_audit.create": mockAuditLabels]
        for action in CertificationAction.allCases { out[action.auditKind] = certificationLabels }
        return out.merging(CapAudit.labels) { a, _ in a }.merging(SupportAudit.labels) { a, _ in a }
    }

    /// A value in French, nil when the journal's general rules read it well.
    static func value(_ raw: String, key: String, of entity: String, names: AuditNames) -> String? {
        if entity.hasPrefix("cap.") { return CapAudit.value(raw, key: key, of: entity, names: names) }
        if entity.hasPrefix("support.") { return SupportAudit.value(raw, key: key, of: entity, names: names) }
        return switch (entity, key) {
        case (_, "structure"): UUID(uuidString: raw).flatMap { names.structures[$0] }
        case (let e, "statut") where e.hasPrefix("quality.certification."): CertificationStatus(rawValue: raw)?.label
        case (let e, "type_audit") where e.hasPrefix("quality.certification."): AuditKind(rawValue: raw)?.label
        case ("quality.certification.document", "type"): CertificationDocumentKind(rawValue: raw)?.label
        case ("quality.mock_audit.create", "preparation"): MockAuditReadiness(rawValue: raw)?.label
        default: nil
        }
    }
}

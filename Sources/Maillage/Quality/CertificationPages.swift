import Foundation
import MaillageCore

/// A choice of a `<select>` or a radio group.
struct QualityOption: Encodable, Sendable, Equatable {
    let value: String
    let label: String
    let selected: Bool
}

/// A link with its words.
struct QualityLink: Encodable, Sendable, Equatable {
    let href: String
    let label: String
}

/// « Engager une certification » for a structure.
struct CertificationNewPage: Encodable, Sendable {
    let heading: String
    let structureName: String
    let backHref: String?
    let action: String?
    let form: [String: String]
    var errors: FieldErrors
    let standards: [QualityOption]
}

/// A certification's page: its state, dates, steps, history and documents.
struct CertificationPage: Encodable, Sendable {
    struct Fact: Encodable, Sendable, Equatable { let label: String; let value: String }
    struct Event: Encodable, Sendable, Equatable {
        let day: String
        let label: String
        let status: String
        let note: String?
        let by: String
    }
    struct Document: Encodable, Sendable, Equatable {
        let title: String
        let kind: String
        let fileName: String
        let size: String
        let date: String
        let href: String?
    }
    struct Upload: Encodable, Sendable {
        let action: String
        let kinds: [QualityOption]
        let form: [String: String]
        var errors: FieldErrors
        let maxSize: String
    }

    let structureName: String
    let qualityHref: String?
    let standardName: String
    let status: String
    /// « Certification CEDRE échue depuis le 13/03/2026 », when lapsed.
    let lapsedNotice: String?
    /// A stopped or lapsing certification's warning (expiry passed, renewal audit to plan).
    let warning: String?
    let facts: [Fact]
    let steps: [QualityLink]?
    let events: [Event]
    let documents: [Document]?
    let upload: Upload?
}

/// A step's form: what it does, its fields, its button.
struct CertificationStepPage: Encodable, Sendable {
    let heading: String
    let structureName: String
    let standardName: String
    let status: String
    let consequences: [String]
    /// nil when the step is not possible now (the notice says why).
    let action: String?
    let button: String
    let fields: CertificationForms.StepFields
    let form: [String: String]
    var errors: FieldErrors
    let auditKinds: [QualityOption]?
    let expiryHint: String?
    let version: String
    let backHref: String?
    var notice: String? = nil
}

extension CertificationStepPage {
    static func heading(_ action: CertificationAction) -> String {
        switch action {
        case .planAudit: "Programmer un audit"
        case .certify: "Enregistrer la certification"
        case .recordSurveillance: "Enregistrer un audit de surveillance"
        case .renew: "Renouveler la certification"
        case .suspend: "Suspendre la certification"
        case .reinstate: "Rétablir la certification"
        case .withdraw: "Retirer la certification"
        case .lapse: "Constater l'échéance"
        case .create: "Engager une certification"
        }
    }

    /// What the step does, in sentences (`standard`: its cycle and surveillance interval).
    static func consequences(_ action: CertificationAction, standard: QualityStandard) -> [String] {
        let cycle = FrenchFormat.plural(standard.cycleYears, "an", "ans")
        let surveillance = standard.surveillanceMonths > 0
            ? "Le prochain audit de surveillance est programmé \(FrenchFormat.plural(standard.surveillanceMonths, "mois", "mois")) après, s'il tombe avant l'échéance."
            : "Ce référentiel n'a pas d'audit de surveillance."
        return switch action {
        case .planAudit:
            ["La date de l'audit est enregistrée ; une certification engagée passe à « Audit programmé ».",
             "Les rappels partent avant l'audit, selon le référentiel."]
        case .certify:
            ["La certification passe à « Certifié ».", "L'échéance est par défaut la date de décision plus \(cycle) ; vous pouvez la corriger.", surveillance,
             "Les responsables de la structure reçoivent un message."]
        case .recordSurveillance:
            ["L'audit est ajouté à l'historique ; la certification garde son état.", surveillance]
        case .renew:
            ["La certification passe à « Renouvelé » et reçoit une nouvelle échéance (décision plus \(cycle) par défaut).", surveillance,
             "Les responsables de la structure reçoivent un message."]
        case .suspend:
            ["La certification passe à « Suspendu » : le label n'est plus affiché dans l'annuaire public.",
             "Les responsables de la structure reçoivent un message avec le motif."]
        case .reinstate:
            ["La certification redevient « Certifié » (ou « Renouvelé » après un renouvellement) et son label réapparaît."]
        case .withdraw:
            ["La certification passe à « Retiré » : c'est définitif ; une nouvelle démarche se fera par une nouvelle certification.",
             "Les responsables de la structure reçoivent un message avec le motif."]
        case .lapse:
            ["L'échéance est passée sans renouvellement : la certification passe à « Échu », au lendemain de l'échéance.",
             "Les responsables de la structure reçoivent un message."]
        case .create:
            []
        }
    }

    static func flash(_ action: CertificationAction, _ c: Certification) -> String {
        switch action {
        case .planAudit: "Audit programmé" + (c.auditOnValue.map { " le \($0.french)." } ?? ".")
        case .certify: "Certification enregistrée" + (c.expiresOnValue.map { ", jusqu'au \($0.french)." } ?? ".")
        case .recordSurveillance: "Audit de surveillance enregistré."
        case .renew: "Certification renouvelée" + (c.expiresOnValue.map { ", jusqu'au \($0.french)." } ?? ".")
        case .suspend: "Certification suspendue."
        case .reinstate: "Certification rétablie."
        case .withdraw: "Certification retirée."
        case .lapse: "Échéance constatée : la certification est échue."
        case .create: "Certification engagée."
        }
    }
}

import Foundation
import MaillageCore

/// The steps of a certification's life (SPEC §6). Each is audited as `quality.certification.<rawValue>`.
enum CertificationAction: String, Sendable, Hashable, CaseIterable, Codable {
    case create, planAudit = "plan_audit", certify, recordSurveillance = "surveillance", renew, suspend, reinstate, withdraw, lapse

    /// The step as its URL names it (nil for `create`, which has its own route).
    var stepName: CertificationStepName? {
        switch self {
        case .create: nil
        case .planAudit: .planAudit
        case .certify: .certify
        case .recordSurveillance: .recordSurveillance
        case .renew: .renew
        case .suspend: .suspend
        case .reinstate: .reinstate
        case .withdraw: .withdraw
        case .lapse: .lapse
        }
    }

    init?(step: CertificationStepName) {
        guard let action = Self.allCases.first(where: { $0.stepName == step }) else { return nil }
        self = action
    }

    /// The button's words: « Programmer un audit », « Certifier »…
    var label: String {
        switch self {
        case .create: "Engager une certification"
        case .planAudit: "Programmer un audit"
        case .certify: "Certifier"
        case .recordSurveillance: "Audit de surveillance"
        case .renew: "Renouveler"
        case .suspend: "Suspendre"
        case .reinstate: "Rétablir"
        case .withdraw: "Retirer"
        case .lapse: "Constater l'échéance"
        }
    }

    /// The audit kind of the journal.
    var auditKind: String { "quality.certification.\(rawValue)" }

    /// The steps the structure's managers hear of by e-mail.
    var mailsManagers: Bool { [.certify, .renew, .suspend, .withdraw, .lapse].contains(self) }
}

/// A certification's workflow, as data. `CertificationService` checks it for every entry point
/// (pages, the daily job). `to` is where the step leads from the states that change; an audit
/// planned or a surveillance audit on a certified record keeps its state, and reinstating leads
/// back to « renouvelé » after a renewal (`CertificationWorkflow.target`).
enum CertificationWorkflow {
    static let live: Set<CertificationStatus> = [.engaged, .auditPlanned, .certified, .renewed, .suspended]
    static let people: Set<Party> = [.nationalAdmin, .delegate]

    static let table = Workflow<CertificationStatus, CertificationAction>([
        // Starts from nothing: only its parties are checked.
        Transition(action: .create, from: [], to: .engaged, by: people, records: "Certification engagée"),
        // Initial audit from the approach (or a new date for it); surveillance or renewal audit once certified.
        Transition(action: .planAudit, from: [.engaged, .auditPlanned, .certified, .renewed, .suspended], to: .auditPlanned,
                   by: people, records: "Audit programmé"),
        Transition(action: .certify, from: [.auditPlanned], to: .certified, by: people, records: "Certification obtenue"),
        Transition(action: .recordSurveillance, from: [.certified, .renewed], to: .certified, by: people,
                   records: "Audit de surveillance enregistré"),
        Transition(action: .renew, from: [.certified, .renewed, .suspended], to: .renewed, by: people, records: "Certification renouvelée"),
        Transition(action: .suspend, from: [.certified, .renewed], to: .suspended, by: people, records: "Certification suspendue"),
        Transition(action: .reinstate, from: [.suspended], to: .certified, by: people, records: "Certification rétablie"),
        Transition(action: .withdraw, from: live, to: .withdrawn, by: people, records: "Certification retirée"),
        // The day after the expiry; the daily job takes it as `system`.
        Transition(action: .lapse, from: [.certified, .renewed, .suspended], to: .lapsed, by: people.union([.system]),
                   records: "Échéance constatée"),
    ])

    /// The state a step leads to from `from` (`renewals`: the record's renewals so far).
    static func target(_ action: CertificationAction, from: CertificationStatus, renewals: Int) -> CertificationStatus {
        switch action {
        case .planAudit: from == .engaged || from == .auditPlanned ? .auditPlanned : from
        case .recordSurveillance: from
        case .reinstate: renewals > 0 ? .renewed : .certified
        default: table.transition(action).to
        }
    }

    /// The steps a page offers (`create` excepted).
    static func actions(from state: CertificationStatus, by parties: Set<Party>) -> [CertificationAction] {
        table.actions(from: state, by: parties).filter { $0 != .create }
    }
}

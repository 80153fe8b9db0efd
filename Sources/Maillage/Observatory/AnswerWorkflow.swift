import Foundation

/// The steps of an answer's life (SPEC §4): the member drafts and submits it, the regional
/// delegate validates it or returns it with a comment, a national admin reopens a validated
/// one, an import writes it whole. `AnswerService` takes every step, checking this table.
enum AnswerAction: String, Sendable, Hashable, CaseIterable {
    /// Save a draft: an answer not yet transmitted, kept as it is for later.
    case saveDraft
    /// Save a returned answer being corrected: it stays returned, with its comment, until resubmitted.
    case saveCorrection
    /// Transmit the answer to the regional delegation.
    case submit
    case validate
    /// Return a transmitted answer to the member, with a comment.
    case sendBack
    /// Take back a validation: the answer is a draft the member may change again.
    case reopen
    /// An import line: the answer is transmitted (a validated one stays validated).
    case importSubmitted
    /// An import line marked validated (`--validate`, "import as validated").
    case importValidated

    /// A closed campaign is read-only everywhere (issue #9): no step changes its answers,
    /// from a page, an import or a command, until a national admin reopens the campaign.
    /// Every action writes an answer, so every action needs it open.
    var needsOpenCampaign: Bool {
        switch self {
        case .saveDraft, .saveCorrection, .submit, .validate, .sendBack, .reopen, .importSubmitted, .importValidated: true
        }
    }
}

enum AnswerWorkflow {
    /// Those who fill an answer: its structure's managers, and on their behalf its regional
    /// delegate and the national admins (the same people who may read it).
    static let answering: Set<Party> = [.manager, .delegate, .nationalAdmin]
    /// Those who validate or return it: its regional delegate and the national admins.
    static let validating: Set<Party> = [.delegate, .nationalAdmin]

    /// An answer not yet saved is a draft. `records` begins the audit entry's summary
    /// ("Validation de la réponse de …").
    static let table = Workflow<AnswerStatus, AnswerAction>([
        Transition(action: .saveDraft, from: [.draft], to: .draft, by: answering, records: "Enregistrement"),
        Transition(action: .saveCorrection, from: [.returned], to: .returned, by: answering, records: "Enregistrement"),
        Transition(action: .submit, from: [.draft, .returned], to: .submitted, by: answering, records: "Transmission"),
        Transition(action: .validate, from: [.submitted], to: .validated, by: validating, records: "Validation"),
        Transition(action: .sendBack, from: [.submitted], to: .returned, by: validating, records: "Renvoi pour correction"),
        Transition(action: .reopen, from: [.validated], to: .draft, by: [.nationalAdmin], records: "Réouverture"),
        Transition(action: .importSubmitted, from: [.draft, .submitted, .returned], to: .submitted, by: [.system], records: "Import"),
        Transition(action: .importValidated, from: Set(AnswerStatus.allCases), to: .validated, by: [.system], records: "Import"),
    ])

    /// The form's "save" button: the save row starting from `state` (a draft stays a draft,
    /// a returned answer stays returned); from any other state, the one the table refuses.
    static func saveAction(from state: AnswerStatus) -> AnswerAction {
        [AnswerAction.saveDraft, .saveCorrection].first { table.transition($0).from.contains(state) } ?? .saveDraft
    }

    /// An import line's step: an import never takes a validation back.
    static func importAction(from state: AnswerStatus?, validate: Bool) -> AnswerAction {
        validate || state == .validated ? .importValidated : .importSubmitted
    }
}

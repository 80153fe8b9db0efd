import Foundation

/// The steps of a question's life. Internal notes are not steps (jurists only, any status).
enum QuestionAction: String, Sendable, Hashable, CaseIterable, Codable {
    case ask, take, assign, requestInfo = "request_info", reply, answer, close, reopen
}

/// A question's workflow, as data: from which statuses, to which, who may, what the journal says.
/// `QuestionService` checks it for every entry point (pages, API, commands, the daily job).
enum QuestionWorkflow {
    static let table = Workflow<QuestionStatus, QuestionAction>([
        Transition(action: .ask, from: [], to: .new, by: [.manager], records: "Question posée"),
        Transition(action: .take, from: [.new, .inProgress, .waiting], to: .inProgress, by: [.jurist], records: "Prise en charge"),
        Transition(action: .assign, from: [.new, .inProgress, .waiting], to: .inProgress, by: [.jurist], records: "Attribution"),
        Transition(action: .requestInfo, from: [.new, .inProgress], to: .waiting, by: [.jurist], records: "Demande de précisions"),
        // From `new` a member's message leaves the question new (the service keeps it).
        Transition(action: .reply, from: [.new, .inProgress, .waiting], to: .inProgress, by: [.manager], records: "Message de l'adhérent"),
        Transition(action: .answer, from: [.new, .inProgress, .waiting], to: .answered, by: [.jurist], records: "Réponse"),
        Transition(action: .close, from: [.answered], to: .closed, by: [.manager, .jurist, .system], records: "Clôture"),
        // Within `LegalSettingsRecord.reopenDays` of the answer (the service checks the date).
        Transition(action: .reopen, from: [.answered, .closed], to: .inProgress, by: [.manager], records: "Réouverture"),
    ])
}

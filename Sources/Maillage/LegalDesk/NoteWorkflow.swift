import Foundation

/// The steps of a note's life; the raw values are the URL segments of `LegalURL.noteStep`.
enum NoteAction: String, Sendable, Hashable, CaseIterable, Codable {
    case submit = "relecture", publish = "publier", sendBack = "renvoyer", archive = "archiver"

    /// The audit kind of the step (`legal.note.<step>`).
    var auditKind: String {
        switch self {
        case .submit: "legal.note.review"
        case .publish: "legal.note.publish"
        case .sendBack: "legal.note.return"
        case .archive: "legal.note.archive"
        }
    }

    /// The button that takes the step.
    var buttonLabel: String {
        switch self {
        case .submit: "Envoyer en relecture"
        case .publish: "Publier la fiche"
        case .sendBack: "Renvoyer en brouillon"
        case .archive: "Archiver la fiche"
        }
    }
}

/// A note's workflow: draft → review → published, review → draft (renvoyer), published → archived;
/// a jurist may publish a draft straight away. Publishing from review must be done by another
/// jurist than the author (`LegalNoteService` checks it: « Une autre juriste doit relire cette fiche »).
enum NoteWorkflow {
    static let table = Workflow<NoteStatus, NoteAction>([
        Transition(action: .submit, from: [.draft], to: .review, by: [.jurist], records: "Envoi en relecture"),
        Transition(action: .publish, from: [.draft, .review], to: .published, by: [.jurist], records: "Publication"),
        Transition(action: .sendBack, from: [.review], to: .draft, by: [.jurist], records: "Renvoi en brouillon"),
        Transition(action: .archive, from: [.published], to: .archived, by: [.jurist], records: "Archivage"),
    ])
}

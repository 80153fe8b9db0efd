import Foundation
import MaillageCore
import Vapor

/// The posted forms of the question pages, read and bounded where they enter.
enum QuestionForms {
    /// The ask form as posted (multipart, or url-encoded without files).
    struct AskInput: Content {
        var structure: String?
        var category: String?
        var subject: String?
        var body: String?
        var shared: String?
        var chercher: String?
        var attachments: [File]?
    }

    /// A step's form: its text, the page's version, the chosen jurist, the share box, its files.
    struct StepInput: Content {
        var text: String?
        var version: String?
        var assignee: String?
        var shared: String?
        var attachments: [File]?
    }

    /// The form's text values, for re-rendering what was posted (bounded).
    static func values(_ i: AskInput) -> [String: String] {
        ["structure": String((i.structure ?? "").prefix(64)), "category": String((i.category ?? "").prefix(40)),
         "subject": String((i.subject ?? "").prefix(QuestionService.maxSubject + 100)),
         "body": String((i.body ?? "").prefix(QuestionService.maxText + 1000)), "shared": i.shared == nil ? "" : "1"]
    }

    /// Reads the ask form against the structures the person manages; every problem at once, by field.
    static func parseAsk(_ i: AskInput, managed: [UUID]) -> (ask: QuestionService.Ask?, errors: FieldErrors) {
        var errors = FieldErrors()
        let structureID: UUID?
        if managed.count == 1, (i.structure ?? "").isEmpty {
            structureID = managed[0]
        } else if let id = UUID(uuidString: i.structure ?? ""), managed.contains(id) {
            structureID = id
        } else {
            structureID = nil
            errors.add("ask_structure", "Choisissez la structure pour laquelle vous posez la question.")
        }
        let category = LegalCategory(rawValue: i.category ?? "")
        if category == nil { errors.add("ask_category", "Choisissez le domaine de la question.") }
        let subject = (i.subject ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if subject.isEmpty { errors.add("ask_subject", "Indiquez l'objet de la question.") }
        else if subject.count > QuestionService.maxSubject {
            errors.add("ask_subject", "L'objet ne peut dépasser 200 caractères (il en compte \(FrenchFormat.integer(subject.count))).")
        }
        let body = (i.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty { errors.add("ask_body", "Écrivez votre question.") }
        else if body.count > QuestionService.maxText {
            errors.add("ask_body", "La question ne peut dépasser 10 000 caractères (elle en compte \(FrenchFormat.integer(body.count))).")
        }
        guard errors.isEmpty, let structureID, let category else { return (nil, errors) }
        return (QuestionService.Ask(structureID: structureID, category: category, subject: subject, body: body, shared: i.shared != nil), errors)
    }

    /// The page's version (nil when absent: a client without the page, which then takes the step as
    /// the question stands). A version that is not a number is stale whatever it says (-1 matches no
    /// question): a forged form is refused, 409.
    static func version(_ i: StepInput) -> Int? { i.version.map { Int($0.prefix(12)) ?? -1 } }

    /// The text of a step, bounded so that a huge post never reaches the service whole.
    static func text(_ i: StepInput) -> String { String((i.text ?? "").prefix(QuestionService.maxText + 1000)) }
}

import Fluent
import Foundation
import MaillageCore

/// The note editor, shared by a new note, an edit and a note made from a question.
struct NoteFormPage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }
    struct Removed: Encodable, Sendable { let original: String; let replacement: String; let count: String }
    struct Source: Encodable, Sendable { let subject: String; let href: String? }

    let heading: String
    let notesHref: String?
    let action: String?
    let cancelHref: String?
    var form: [String: String]
    var errors: FieldErrors
    let themes: [Option]
    /// The note is published: the edit is a « mise à jour » and needs its summary.
    let published: Bool
    /// What the anonymiser took out of the answer (note from a question), nil otherwise.
    var removals: [Removed]?
    var removalsNote: String?
    var source: Source?
    var allAnswersHref: String?
    let submitLabel: String
    /// The note's `LegalNoteService.stamp` when the page was read (hidden field of an edit), nil for a new note.
    var stamp: String? = nil

    static func themes(selected: String?) -> [Option] {
        LegalCategory.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    static func removed(_ removals: [Anonymization.Removal]) -> [Removed] {
        removals.map { Removed(original: $0.original, replacement: $0.replacement, count: occurrences($0.count)) }
    }

    static func occurrences(_ n: Int) -> String { n > 1 ? "\(FrenchFormat.integer(n)) fois" : "1 fois" }

    /// The form fields of a stored note.
    static func fields(_ note: LegalNote) -> [String: String] {
        ["title": note.title, "theme": note.theme, "body": note.body,
         "valid_until": note.validUntil.map(FrenchFormat.date) ?? "", "summary": ""]
    }
}

/// The starting text of a note made from a question: its answer(s) with the structure's names,
/// SIRET and persons' names taken out (`Anonymizer`).
enum NoteFromQuestion {
    struct Draft: Sendable {
        var title: String
        var theme: LegalCategory
        var anonymization: Anonymization
    }

    /// `allAnswers`: every answer of the question, oldest first; otherwise the last one.
    static func draft(_ question: LegalQuestion, allAnswers: Bool, on db: any Database) async throws -> Draft {
        let questionID = try question.requireID()
        let messages = try await LegalMessage.query(on: db).filter(\.$question.$id == questionID)
            .sort(\.$createdAt).all()
        let answers = messages.filter { $0.kind == MessageKind.answer.rawValue }
        let texts = allAnswers ? answers.map(\.body) : answers.last.map { [$0.body] } ?? []
        let structures = try await structureNames(of: question, on: db)
        var names = [question.askerName]
        names += try await managerNames(structureID: question.$structure.id, on: db)
        names += messages.filter { $0.side == MessageSide.member.rawValue }.map(\.authorName)
        names = uniqued(names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let title = Anonymizer.anonymize(question.subject, structures: structures.names, names: names).text
        var anonymization = Anonymizer.anonymize(texts.joined(separator: "\n\n"), structures: structures.names, names: names)
        // The structure's SIRET as stored (the anonymiser also catches any other 14 or 9 digits).
        if let siret = structures.siret, anonymization.text.contains(siret) {
            let count = anonymization.text.components(separatedBy: siret).count - 1
            anonymization.text = anonymization.text.replacingOccurrences(of: siret, with: "[SIRET]")
            anonymization.removals.append(.init(original: siret, replacement: "[SIRET]", count: count))
        }
        return Draft(title: String(title.prefix(LegalNoteService.maxTitle)), theme: question.categoryValue,
                     anonymization: anonymization)
    }

    /// The structure's name and its GES parent's, and its SIRET.
    static func structureNames(of question: LegalQuestion, on db: any Database) async throws -> (names: [String], siret: String?) {
        guard let structure = try await Structure.find(question.$structure.id, on: db) else { return ([], nil) }
        var names = [structure.name]
        if let parentID = structure.$gesParent.id, let parent = try await Structure.find(parentID, on: db) {
            names.append(parent.name)
        }
        return (names, structure.siret)
    }

    /// The display names of the users who manage the structure.
    static func managerNames(structureID: UUID, on db: any Database) async throws -> [String] {
        let grants = try await RoleGrant.query(on: db).filter(\.$structure.$id == structureID)
            .filter(\.$role == Role.memberManager.rawValue).all()
        let ids = grants.map(\.$user.id)
        guard !ids.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$id ~~ ids).all().map(\.displayName)
    }

    private static func uniqued(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert(SearchText.fold($0)).inserted }
    }
}

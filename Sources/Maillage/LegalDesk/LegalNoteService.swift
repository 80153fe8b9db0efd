import Fluent
import Foundation
import MaillageCore
import SQLKit

/// Why a note's step or edit was refused; the controller shows it next to the note (422/409/403).
enum NoteRefusal: Error, Sendable {
    case form(FieldErrors)
    case wrongState(NoteStatus)
    case notPermitted
    /// Publishing from review by the note's own author.
    case sameAuthor
    /// The page's `stamp` is not the note's any more (or missing): someone saved it in between (409).
    /// `by`: who saved it last, when the journal says so.
    case stale(by: String?)

    var isStale: Bool { if case .stale = self { true } else { false } }

    static let sameAuthorMessage = "Une autre juriste doit relire cette fiche avant sa publication."

    var message: String {
        switch self {
        case .form: "Le formulaire contient des erreurs."
        case .wrongState(let s): "Cette action n'est pas possible sur une fiche « \(s.label) » : la page a peut-être changé entre-temps."
        case .notPermitted: "Vous ne pouvez pas faire cette action sur cette fiche."
        case .sameAuthor: Self.sameAuthorMessage
        case .stale(let by): "Cette fiche a été modifiée entre-temps par \(by ?? "une autre personne") : rechargez la page."
        }
    }
}

/// Writes notes: creation (blank or from a question), edits (a « mise à jour » once published),
/// and the steps of `NoteWorkflow`. Each change writes the note, its audit entry and its search
/// index row in one transaction.
enum LegalNoteService {
    static let maxTitle = 200
    static let maxBody = 20_000
    static let maxSummary = 200

    /// A posted note.
    struct Form: Sendable, Equatable {
        var title: String
        var theme: LegalCategory
        var body: String
        var validUntil: Day?
        /// What changed (« Objet de la mise à jour »): required when the note is published.
        var summary: String

        /// Reads and bounds the form; every problem at once, by field. `published`: the summary is required.
        static func parse(_ v: [String: String], published: Bool) -> Result<Form, NoteRefusal> {
            var errors = FieldErrors()
            let title = v["title", default: ""].trimmingCharacters(in: .whitespacesAndNewlines)
            if title.isEmpty { errors.add("title", "Indiquez le titre de la fiche.") }
            else if title.count > maxTitle { errors.add("title", "Le titre ne peut dépasser \(maxTitle) caractères.") }
            let theme = LegalCategory(rawValue: v["theme", default: ""])
            if theme == nil { errors.add("theme", "Choisissez le thème de la fiche.") }
            let body = v["body", default: ""].replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if body.isEmpty { errors.add("body", "Écrivez le texte de la fiche.") }
            else if body.count > maxBody { errors.add("body", "Le texte ne peut dépasser \(FrenchFormat.integer(maxBody)) caractères.") }
            let validText = v["valid_until", default: ""].trimmingCharacters(in: .whitespaces)
            var validUntil: Day?
            if !validText.isEmpty {
                if let day = Day(typed: validText) {
                    if (2000...2100).contains(day.year) { validUntil = day }
                    else { errors.add("valid_until", "Date hors des années 2000 à 2100.") }
                } else {
                    errors.add("valid_until", "Date invalide : écrivez-la jj/mm/aaaa (par exemple 31/12/2026).")
                }
            }
            let summary = v["summary", default: ""].trimmingCharacters(in: .whitespacesAndNewlines)
            if published, summary.isEmpty {
                errors.add("summary", "Indiquez l'objet de la mise à jour : les adhérents le liront dans l'historique de la fiche.")
            } else if summary.count > maxSummary {
                errors.add("summary", "L'objet de la mise à jour ne peut dépasser \(maxSummary) caractères.")
            }
            guard errors.isEmpty, let theme else { return .failure(.form(errors)) }
            return .success(Form(title: title, theme: theme, body: body, validUntil: validUntil, summary: summary))
        }
    }

    /// A new draft note (from `sourceQuestionID` when made from a question).
    static func create(_ form: Form, sourceQuestionID: UUID? = nil, by actor: CurrentUser, now: Date,
                       on db: any Database) async throws -> LegalNote {
        try await db.writeTransaction { tx in
            let note = LegalNote()
            note.title = form.title
            note.theme = form.theme.rawValue
            note.body = form.body
            note.validUntil = form.validUntil?.iso
            note.sourceQuestionID = sourceQuestionID
            note.authorID = actor.id
            note.authorName = actor.displayName
            note.updatedAt = now
            try await note.create(on: tx)
            try await audit("legal.note.create", note, summary: "Fiche « \(note.title) » créée", before: nil, actor: actor, on: tx)
            try await index(note, on: tx)
            return note
        }
    }

    // MARK: stale pages

    /// The note's version as its pages carry it (hidden `stamp` of the edit and step forms):
    /// `updated_at` in milliseconds since 1970. Every write moves it on (`touch`).
    static func stamp(_ note: LegalNote) -> String {
        String(Int64((note.updatedAt.timeIntervalSince1970 * 1000).rounded()))
    }

    /// Sets `updated_at` to `now`, and at least one millisecond after the stored one, so that the
    /// stamp changes on every write even when two saves share a clock reading.
    static func touch(_ note: LegalNote, now: Date) {
        note.updatedAt = max(now, note.updatedAt.addingTimeInterval(0.001))
    }

    /// Reads the note for a change inside `tx`. PostgreSQL: locks its row first, so concurrent saves
    /// take turns and the second reads the first's result (SQLite: one writer, `writeTransaction`).
    /// Refuses a page whose `stamp` is missing or not the note's any more.
    static func lockedNote(_ id: UUID, stamp: String?, on tx: any Database) async throws -> Result<LegalNote, NoteRefusal> {
        if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
            _ = try await sql.select().column("id").from(LegalNote.schema).where("id", .equal, SQLBind(id)).for(.update).all()
        }
        guard let note = try await LegalNote.find(id, on: tx) else { return .failure(.notPermitted) }
        guard let stamp, stamp == Self.stamp(note) else { return .failure(.stale(by: try await lastEditor(id, on: tx))) }
        return .success(note)
    }

    /// The display name of whoever changed the note last (the journal), nil when unknown.
    static func lastEditor(_ id: UUID, on db: any Database) async throws -> String? {
        guard let entry = try await AuditEntry.query(on: db).filter(\.$entityID == id.uuidString)
            .sort(\.$at, .descending).first() else { return nil }
        if let uid = entry.actorID, let user = try await User.find(uid, on: db) { return user.displayName }
        return entry.actorLabel.components(separatedBy: " <").first
    }

    // MARK: changes

    /// Saves an edit. A published note gets a « mise à jour »: its revision goes up and the replaced
    /// text is kept in `legal_note_revisions` with the update's summary. `stamp`: the edit page's
    /// (`stamp(_:)`); a missing or outdated one is refused (`.stale`, nothing written).
    static func update(noteID: UUID, stamp: String?, _ form: Form, by actor: CurrentUser, now: Date,
                       on db: any Database) async throws -> Result<LegalNote, NoteRefusal> {
        try await db.writeTransaction { tx in
            let note: LegalNote
            switch try await lockedNote(noteID, stamp: stamp, on: tx) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let n): note = n
            }
            if note.statusValue == .archived { return .failure(.wrongState(.archived)) }
            let before = snapshot(note)
            let published = note.statusValue == .published
            if published {
                let revision = LegalNoteRevision()
                revision.$note.id = noteID
                revision.revision = note.revision + 1
                revision.title = note.title
                revision.body = note.body
                revision.summary = form.summary
                revision.changedBy = actor.id
                revision.changedByName = actor.displayName
                revision.changedAt = now
                try await revision.create(on: tx)
                note.revision += 1
            }
            note.title = form.title
            note.theme = form.theme.rawValue
            note.body = form.body
            note.validUntil = form.validUntil?.iso
            touch(note, now: now)
            try await note.save(on: tx)
            let kind = published ? "legal.note.revision" : "legal.note.update"
            let summary = published ? "Mise à jour n° \(note.revision) de la fiche « \(note.title) » : \(form.summary)"
                : "Fiche « \(note.title) » modifiée"
            try await audit(kind, note, summary: summary, before: before, actor: actor, on: tx)
            try await index(note, on: tx)
            return .success(note)
        }
    }

    /// Takes a step of `NoteWorkflow`. Publishing from review must be done by another jurist than the author.
    /// `stamp`: the note page's (`stamp(_:)`); a missing or outdated one is refused (`.stale`).
    static func step(_ action: NoteAction, noteID: UUID, stamp: String?, parties: Set<Party>, by actor: CurrentUser, now: Date,
                     on db: any Database) async throws -> Result<LegalNote, NoteRefusal> {
        try await db.writeTransaction { tx in
            let note: LegalNote
            switch try await lockedNote(noteID, stamp: stamp, on: tx) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let n): note = n
            }
            let from = note.statusValue
            let step: Transition<NoteStatus, NoteAction>
            do throws(WorkflowRefusal<NoteStatus>) {
                step = try NoteWorkflow.table.check(action, from: from, by: parties)
            } catch {
                switch error {
                case .wrongState(let s): return .failure(.wrongState(s))
                case .notPermitted: return .failure(.notPermitted)
                }
            }
            if action == .publish, from == .review, note.authorID == actor.id { return .failure(.sameAuthor) }
            let before = snapshot(note)
            note.status = step.to.rawValue
            if action == .publish {
                if from == .review { note.reviewerID = actor.id }
                if note.publishedAt == nil { note.publishedAt = now }
            }
            touch(note, now: now)
            try await note.save(on: tx)
            try await audit(action.auditKind, note, summary: "\(step.records) de la fiche « \(note.title) »", before: before,
                            actor: actor, on: tx)
            try await index(note, on: tx)
            return .success(note)
        }
    }

    /// The note's row of the search index: published notes are found by everyone holding a role,
    /// the others by the jurists only.
    static func index(_ note: LegalNote, on db: any Database) async throws {
        try await SearchIndex.upsert(SearchDocument(
            id: try note.requireID(), kind: .note, title: note.title, body: note.body,
            audience: note.statusValue == .published ? .members : .jurists, updatedAt: note.updatedAt), on: db)
    }

    static func snapshot(_ note: LegalNote) -> [String: String] {
        ["titre": note.title, "theme": note.theme, "statut": note.status, "valable_jusqu_au": note.validUntil ?? "",
         "revision": String(note.revision), "texte": note.body]
    }

    private static func audit(_ kind: String, _ note: LegalNote, summary: String, before: [String: String]?,
                              actor: CurrentUser, on db: any Database) async throws {
        try await Audit.record(before == nil ? .create : .update, kind, id: try note.requireID().uuidString, summary: summary,
                               before: before, after: snapshot(note), actor: actor, on: db)
    }
}

import Fluent
import Foundation
import MaillageCore
import Vapor

/// Notes (« fiches »): the list, one note, the editor (blank, edit, from a question) and the steps
/// of `NoteWorkflow` (`LegalNoteService`). Unpublished notes are the jurists' only: 404 for others.
enum LegalNoteController {
    // MARK: list and page

    static func index(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let jurist = user.has(.jurist)
        let today = Day.today(now: req.services.clock.now)
        let notes = try await LegalNote.query(on: req.db).all()
        func row(_ n: LegalNote, status: Bool) -> NotesPage.Row {
            let v = NotePage.validity(n.validUntil, today: today)
            return .init(title: n.title, href: req.link(to: LegalURL.note(n.id!)), validity: v.text, stale: v.stale,
                         status: status ? n.statusValue.label : nil)
        }
        let byTitle: (LegalNote, LegalNote) -> Bool = { FrenchSortKey($0.title) < FrenchSortKey($1.title) }
        let published = notes.filter { $0.statusValue == .published }
        let themes = LegalCategory.allCases.compactMap { theme -> NotesPage.Theme? in
            let rows = published.filter { $0.themeValue == theme }.sorted(by: byTitle).map { row($0, status: false) }
            return rows.isEmpty ? nil : .init(label: theme.label, notes: rows)
        }
        let others = jurist ? notes.filter { $0.statusValue != .published }.sorted(by: byTitle).map { row($0, status: true) } : []
        let page = NotesPage(searchAction: req.link(to: .legal(.search)), newHref: req.link(to: .legal(.newNote)),
                             themes: themes, unpublished: others.isEmpty ? nil : others, empty: themes.isEmpty && others.isEmpty)
        return try await req.renderPage("legal/notes", title: "Fiches juridiques", page)
    }

    static func show(_ req: Request) async throws -> Response {
        let note = try await loadNote(req)
        return try await render(req, note, refusal: nil, status: .ok)
    }

    // MARK: editor

    static func new(_ req: Request) async throws -> Response {
        try await renderForm(req, note: nil, form: ["theme": LegalCategory.labour.rawValue], errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let values = try formValues(req)
        switch LegalNoteService.Form.parse(values, published: false) {
        case .failure(let refusal):
            return try await renderForm(req, note: nil, form: values, errors: errors(refusal), status: .unprocessableEntity)
        case .success(let form):
            let note = try await LegalNoteService.create(form, by: user, now: req.services.clock.now, on: req.db)
            req.flash("Fiche « \(note.title) » enregistrée en brouillon.")
            return req.redirect(to: LegalURL.note(try note.requireID()).path, redirectType: .normal)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let note = try await loadNote(req)
        return try await renderForm(req, note: note, form: NoteFormPage.fields(note), stamp: LegalNoteService.stamp(note),
                                    errors: FieldErrors(), status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let note = try await loadNote(req)
        let values = try formValues(req)
        let stamp = postedStamp(req)
        let outcome: Result<LegalNote, NoteRefusal>
        switch LegalNoteService.Form.parse(values, published: note.statusValue == .published) {
        case .failure(let refusal): outcome = .failure(refusal)
        case .success(let form):
            outcome = try await LegalNoteService.update(noteID: try note.requireID(), stamp: stamp, form, by: user,
                                                        now: req.services.clock.now, on: req.db)
        }
        switch outcome {
        case .failure(.form(let errors)):
            // The posted stamp goes back with the form: a page read before someone else's save stays stale.
            return try await renderForm(req, note: note, form: values, stamp: stamp, errors: errors, status: .unprocessableEntity)
        case .failure(let refusal) where refusal.isStale:
            // Someone saved in between: the note as it is now, with the message (the edit is not saved).
            return try await render(req, try await LegalNote.find(note.requireID(), on: req.db) ?? note, refusal: refusal.message,
                                    status: .conflict)
        case .failure(let refusal):
            return try await render(req, note, refusal: refusal.message, status: .conflict)
        case .success(let saved):
            req.flash(saved.statusValue == .published ? "Mise à jour n° \(saved.revision) publiée." : "Fiche enregistrée.")
            return req.redirect(to: LegalURL.note(try saved.requireID()).path, redirectType: .normal)
        }
    }

    static func step(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let note = try await loadNote(req)
        guard let action = NoteAction(rawValue: req.parameters.get("step") ?? "") else { throw Abort(.notFound) }
        let parties = Policy.parties(of: user, relation: [])
        switch try await LegalNoteService.step(action, noteID: try note.requireID(), stamp: postedStamp(req), parties: parties,
                                               by: user, now: req.services.clock.now, on: req.db) {
        case .failure(let refusal):
            let status: HTTPStatus = switch refusal {
            case .notPermitted: .forbidden
            case .sameAuthor, .form: .unprocessableEntity
            case .wrongState, .stale: .conflict
            }
            // A stale page: show the note as it is now.
            let shown = refusal.isStale ? try await LegalNote.find(note.requireID(), on: req.db) ?? note : note
            return try await render(req, shown, refusal: refusal.message, status: status)
        case .success(let saved):
            req.flash("Fiche « \(saved.title) » : \(saved.statusValue.label.lowercased()).")
            return req.redirect(to: LegalURL.note(try saved.requireID()).path, redirectType: .normal)
        }
    }

    // MARK: from a question

    static func fromQuestion(_ req: Request) async throws -> Response {
        let question = try await loadQuestion(req)
        let all = (try? req.query.get(String.self, at: "reponses")) == "toutes"
        let draft = try await NoteFromQuestion.draft(question, allAnswers: all, on: req.db)
        let form = ["title": draft.title, "theme": draft.theme.rawValue, "body": draft.anonymization.text, "valid_until": ""]
        return try await renderFromQuestion(req, question, form: form, removals: draft.anonymization.removals,
                                            errors: FieldErrors(), status: .ok)
    }

    static func createFromQuestion(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let question = try await loadQuestion(req)
        let values = try formValues(req)
        switch LegalNoteService.Form.parse(values, published: false) {
        case .failure(let refusal):
            let draft = try await NoteFromQuestion.draft(question, allAnswers: false, on: req.db)
            return try await renderFromQuestion(req, question, form: values, removals: draft.anonymization.removals,
                                                errors: errors(refusal), status: .unprocessableEntity)
        case .success(let form):
            let note = try await LegalNoteService.create(form, sourceQuestionID: try question.requireID(), by: user,
                                                         now: req.services.clock.now, on: req.db)
            req.flash("Fiche « \(note.title) » enregistrée en brouillon.")
            return req.redirect(to: LegalURL.note(try note.requireID()).path, redirectType: .normal)
        }
    }

    // MARK: rendering

    static func render(_ req: Request, _ note: LegalNote, refusal: String?, status: HTTPStatus) async throws -> Response {
        let user = try req.requireUser()
        let id = try note.requireID()
        let today = Day.today(now: req.services.clock.now)
        let validity = NotePage.validity(note.validUntil, today: today)
        let revisions = try await LegalNoteRevision.query(on: req.db).filter(\.$note.$id == id)
            .sort(\.$revision, .descending).all()
        let parties = Policy.parties(of: user, relation: [])
        let actions = NoteWorkflow.table.actions(from: note.statusValue, by: parties)
        let steps: [NotePage.Step] = req.link(to: LegalURL.noteStep(id, NoteAction.publish.rawValue)) == nil ? [] : actions.map {
            .init(action: LegalURL.noteStep(id, $0.rawValue).path, label: $0.buttonLabel, primary: $0 == .publish)
        }
        var page = NotePage(
            notesHref: req.link(to: .legal(.notes)), title: note.title, theme: note.themeValue.label,
            status: note.statusValue.label, published: note.statusValue == .published,
            paragraphs: TextParagraphs.split(note.body), validity: validity.text, stale: validity.stale,
            author: note.authorName, publishedOn: note.publishedAt.map { FrenchFormat.dateTime($0) },
            revisions: revisions.isEmpty ? nil : revisions.map {
                .init(number: "Mise à jour n° \($0.revision)", date: FrenchFormat.dateTime($0.changedAt), by: $0.changedByName,
                      summary: $0.summary)
            },
            editHref: note.statusValue == .archived ? nil : req.link(to: LegalURL.editNote(id)),
            steps: steps.isEmpty ? nil : steps,
            sourceHref: note.sourceQuestionID.flatMap { user.has(.jurist) ? req.link(to: LegalURL.question($0)) : nil })
        page.refusal = refusal
        page.stamp = LegalNoteService.stamp(note)
        return try await req.renderPage("legal/note", title: note.title, page, status: status)
    }

    private static func renderForm(_ req: Request, note: LegalNote?, form: [String: String], stamp: String? = nil,
                                   errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let published = note?.statusValue == .published
        var page = NoteFormPage(
            heading: note == nil ? "Nouvelle fiche" : "Modifier la fiche",
            notesHref: req.link(to: .legal(.notes)),
            action: note.map { req.link(to: LegalURL.updateNote($0.id!)) } ?? req.link(to: .legal(.createNote)),
            cancelHref: note.map { LegalURL.note($0.id!).path } ?? req.link(to: .legal(.notes)),
            form: form, errors: errors, themes: NoteFormPage.themes(selected: form["theme"]), published: published,
            submitLabel: published ? "Publier la mise à jour" : "Enregistrer")
        page.stamp = note == nil ? nil : stamp ?? ""
        return try await req.renderPage("legal/note-form", title: page.heading, page, status: status)
    }

    private static func renderFromQuestion(_ req: Request, _ question: LegalQuestion, form: [String: String],
                                           removals: [Anonymization.Removal], errors: FieldErrors,
                                           status: HTTPStatus) async throws -> Response {
        let qid = try question.requireID()
        var page = NoteFormPage(
            heading: "Nouvelle fiche à partir d'une question", notesHref: req.link(to: .legal(.notes)),
            action: req.link(to: LegalURL.createNoteFromQuestion(qid)), cancelHref: req.link(to: LegalURL.question(qid)),
            form: form, errors: errors, themes: NoteFormPage.themes(selected: form["theme"]), published: false,
            submitLabel: "Enregistrer le brouillon")
        page.removals = NoteFormPage.removed(removals)
        page.removalsNote = removals.isEmpty ? "Rien n'a été retiré : relisez le texte avant de l'enregistrer." : nil
        page.source = .init(subject: question.subject, href: req.link(to: LegalURL.question(qid)))
        page.allAnswersHref = req.link(to: LegalURL.noteFromQuestion(qid)).map { _ in
            LegalURL.noteFromQuestion(qid).path(query: ["reponses": "toutes"])
        }
        return try await req.renderPage("legal/note-form", title: page.heading, page, status: status)
    }

    // MARK: loading

    /// The note of the path; an unpublished one is 404 for anyone but a jurist.
    static func loadNote(_ req: Request) async throws -> LegalNote {
        guard let id = req.parameters.get("noteID", as: UUID.self), let note = try await LegalNote.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        if note.statusValue != .published, req.currentUser?.has(.jurist) != true { throw Abort(.notFound) }
        return note
    }

    private static func loadQuestion(_ req: Request) async throws -> LegalQuestion {
        guard let id = req.parameters.get("questionID", as: UUID.self),
              let question = try await LegalQuestion.find(id, on: req.db) else { throw Abort(.notFound) }
        return question
    }

    private static func formValues(_ req: Request) throws -> [String: String] {
        let all = (try? req.content.decode([String: String].self)) ?? [:]
        var values: [String: String] = [:]
        for key in ["title", "theme", "body", "valid_until", "summary"] { values[key] = all[key] }
        return values
    }

    /// The hidden `stamp` of the edit and step forms (`LegalNoteService.stamp`), nil when missing.
    private static func postedStamp(_ req: Request) -> String? {
        let value = (try? req.content.get(String.self, at: "stamp"))?.trimmingCharacters(in: .whitespaces)
        return value?.isEmpty == false ? value : nil
    }

    private static func errors(_ refusal: NoteRefusal) -> FieldErrors {
        if case .form(let errors) = refusal { return errors }
        var errors = FieldErrors()
        errors.add("title", refusal.message)
        return errors
    }
}

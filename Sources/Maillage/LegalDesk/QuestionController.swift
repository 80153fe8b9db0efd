import Fluent
import Foundation
import MaillageCore
import Vapor

/// Asking a question, one question's page, its files and the steps of its life (`QuestionService`).
enum QuestionController {
    // MARK: asking

    static func new(_ req: Request) async throws -> Response {
        let preselected = (try? req.query.get(String.self, at: "structure")) ?? ""
        return try await renderNew(req, form: ["structure": String(preselected.prefix(64))], errors: FieldErrors(), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try req.uploadForm(QuestionForms.AskInput.self)
        let values = QuestionForms.values(input)
        // « Chercher des fiches » without the script: the same form, with the notes that may answer.
        if input.chercher != nil {
            var page = try await newPage(req, form: values, errors: FieldErrors())
            let notes = try await LegalSuggestions.notes(matching: values["subject"] ?? "", on: req.db)
            page.suggestions = .init(notes: notes.isEmpty ? nil : notes, heading: LegalSuggestions.heading)
            page.suggestionsAsked = true
            page.hasSuggestions = !notes.isEmpty
            return try await req.renderPage("legal/question-new", title: "Poser une question", page)
        }
        let managed = try await managedStructures(req, user: user).map { $0.id! }
        let parsed = QuestionForms.parseAsk(input, managed: managed)
        let ask = parsed.ask
        var errors = parsed.errors
        var checked: [CheckedFile] = []
        switch StoredFiles.check(UploadedFile.chosen(input.attachments), max: LegalURL.maxFiles, limit: LegalURL.maxFileSize) {
        case .success(let files): checked = files
        case .failure(let refusal): errors.add("ask_attachments", refusal.message)
        }
        guard errors.isEmpty, let ask, let structure = try await Structure.find(ask.structureID, on: req.db) else {
            return try await renderNew(req, form: values, errors: errors, status: .unprocessableEntity)
        }
        try await req.authorize(structure)
        let actor = QuestionService.Actor(user: user, parties: try await req.parties(to: structure))
        let stored = try StoredFiles.put(checked, into: req.services.files)
        do {
            let q = try await QuestionService.ask(ask, files: stored, by: actor, context: context(req), on: req.db)
            req.flash("Votre question est envoyée aux juristes. Réponse promise le \(FrenchFormat.date(q.dueOn)).")
            return req.redirect(to: LegalURL.question(try q.requireID()).path, redirectType: .normal)
        } catch {
            StoredFiles.discard(stored, from: req.services.files)
            throw error
        }
    }

    // MARK: one question

    static func show(_ req: Request) async throws -> Response {
        let access = try await QuestionAccess.load(req)
        return try await render(req, access, errors: FieldErrors(), form: [:], status: .ok)
    }

    /// A file of the question: 404 unless the person may read it (texts, internal for jurists only, this question's).
    static func attachment(_ req: Request) async throws -> Response {
        let access = try await QuestionAccess.load(req)
        guard let id = req.parameters.get("attachmentID", as: UUID.self),
              let a = try await LegalAttachment.find(id, on: req.db), access.mayDownload(a),
              let key = FileKey(a.fileKey), let data = try req.services.files.get(key) else { throw Abort(.notFound) }
        return FileDownload.response(data: data, name: a.fileName, contentType: FileKind(rawValue: a.kind)?.contentType ?? "application/octet-stream")
    }

    // MARK: steps

    static func postMessage(_ req: Request) async throws -> Response { try await step(req, form: "reply", uploads: true) { .reply(QuestionForms.text($0)) } }
    static func reopen(_ req: Request) async throws -> Response { try await step(req, form: "reopen", uploads: false) { _ in .reopen } }
    static func share(_ req: Request) async throws -> Response { try await step(req, form: "share", uploads: false) { .share($0.shared != nil) } }
    static func take(_ req: Request) async throws -> Response { try await step(req, form: "take", uploads: false) { _ in .take } }
    static func close(_ req: Request) async throws -> Response { try await step(req, form: "close", uploads: false) { _ in .close } }
    static func requestInfo(_ req: Request) async throws -> Response { try await step(req, form: "request", uploads: true) { .requestInfo(QuestionForms.text($0)) } }
    static func answer(_ req: Request) async throws -> Response { try await step(req, form: "answer", uploads: true) { .answer(QuestionForms.text($0)) } }
    static func internalNote(_ req: Request) async throws -> Response { try await step(req, form: "internal", uploads: true) { .internalNote(QuestionForms.text($0)) } }

    static func assign(_ req: Request) async throws -> Response {
        try await step(req, form: "assign", uploads: false) { input in
            // An unknown id is refused by the service (« Choisissez une ou un juriste… »).
            .assign(UUID(uuidString: input.assignee ?? "") ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        }
    }

    /// One step: load and authorize, check the files, store them, take the step, discard them if it failed.
    private static func step(_ req: Request, form: String, uploads: Bool,
                             _ make: (QuestionForms.StepInput) -> QuestionService.Step) async throws -> Response {
        let access = try await QuestionAccess.load(req)
        let user = try await req.authorize(access.structure)
        // An upload cut short is refused whole (400): the parser would drop its unfinished file.
        let input = uploads ? try req.uploadForm(QuestionForms.StepInput.self)
            : (try? req.content.decode(QuestionForms.StepInput.self)) ?? QuestionForms.StepInput()
        let step = make(input)
        let values = ["\(form)_text": QuestionForms.text(input)]
        var checked: [CheckedFile] = []
        if uploads {
            switch StoredFiles.check(UploadedFile.chosen(input.attachments), max: LegalURL.maxFiles, limit: LegalURL.maxFileSize) {
            case .success(let files): checked = files
            case .failure(let refusal):
                var errors = FieldErrors()
                errors.add("\(form)_attachments", refusal.message)
                return try await render(req, access, errors: errors, form: values, status: .unprocessableEntity)
            }
        }
        let stored = try StoredFiles.put(checked, into: req.services.files)
        let actor = QuestionService.Actor(user: user, parties: access.parties)
        let id = try access.question.requireID()
        do {
            try await QuestionService.perform(step, on: id, version: QuestionForms.version(input), files: stored, by: actor,
                                              context: context(req), on: req.db)
        } catch let refusal as QuestionService.Refusal {
            StoredFiles.discard(stored, from: req.services.files)
            switch refusal {
            case .invalid(let fields):
                var errors = FieldErrors()
                for item in fields.summary { errors.add("\(form)_\(item.field)", item.message) }
                return try await render(req, access, errors: errors, form: values, status: .unprocessableEntity)
            case .notPermitted: throw Abort(.forbidden)
            default: throw Abort(.conflict, reason: refusal.message)
            }
        } catch {
            StoredFiles.discard(stored, from: req.services.files)
            throw error
        }
        req.flash(flash(step))
        return req.redirect(to: LegalURL.question(id).path, redirectType: .normal)
    }

    private static func flash(_ step: QuestionService.Step) -> String {
        switch step {
        case .take: "Vous avez pris la question en charge."
        case .assign: "Question attribuée."
        case .requestInfo: "Demande de précisions envoyée : le délai est suspendu jusqu'à la réponse de l'adhérent."
        case .reply: "Message envoyé aux juristes."
        case .answer: "Réponse envoyée à l'adhérent."
        case .close: "Question clôturée."
        case .reopen: "Question rouverte : les juristes sont prévenus."
        case .share(let on): on ? "La question est partagée avec votre délégation." : "La question n'est plus partagée avec votre délégation."
        case .internalNote: "Note interne ajoutée (visible des seuls juristes)."
        }
    }

    static func context(_ req: Request) -> QuestionService.Context {
        .init(now: req.services.clock.now, baseURL: req.application.config.baseURL, outbox: req.services.outbox)
    }

    // MARK: pages

    private static func managedStructures(_ req: Request, user: CurrentUser) async throws -> [Structure] {
        guard !user.managedStructureIDs.isEmpty else { return [] }
        return try await Structure.query(on: req.db).filter(\.$id ~~ user.managedStructureIDs).all()
            .sorted { FrenchSortKey($0.name) < FrenchSortKey($1.name) }
    }

    private static func renderNew(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let page = try await newPage(req, form: form, errors: errors)
        return try await req.renderPage("legal/question-new", title: "Poser une question", page, status: status)
    }

    private static func newPage(_ req: Request, form: [String: String], errors: FieldErrors) async throws -> QuestionNewPage {
        let user = try req.requireUser()
        let structures = try await managedStructures(req, user: user)
        let chosen = form["structure"] ?? ""
        let options = structures.map { QuestionOption(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == chosen) }
        let categories = LegalCategory.allCases.map { QuestionOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["category"]) }
        var page = QuestionNewPage(action: req.link(to: .legal(.createQuestion)), homeHref: req.link(to: LegalURL.start),
                                   structures: options, onlyStructure: options.count == 1 ? options[0] : nil,
                                   categories: categories, suggestURL: req.link(to: .legal(.suggestions)),
                                   maxFiles: LegalURL.maxFiles, maxFileSize: "10 Mo",
                                   accepted: ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg")
        page.form = form
        page.errors = errors
        return page
    }

    static func render(_ req: Request, _ access: QuestionAccess, errors: FieldErrors, form: [String: String],
                       status: HTTPStatus) async throws -> Response {
        let page = try await questionPage(req, access, errors: errors, form: form)
        return try await req.renderPage("legal/question", title: page.subject, page, status: status)
    }

    static func questionPage(_ req: Request, _ a: QuestionAccess, errors: FieldErrors, form: [String: String]) async throws -> QuestionPage {
        let q = a.question
        let id = try q.requireID()
        let today = Day.today(now: req.services.clock.now)
        let status = q.statusValue
        let jurist = a.isJurist
        let messages = try await a.messages(on: req.db)
        let files = try await a.attachments(on: req.db)
        let byMessage = Dictionary(grouping: files, by: { $0.$message.id })
        func shown(_ f: LegalAttachment) -> QuestionPage.Attachment {
            .init(name: f.fileName, href: req.link(to: LegalURL.attachment(id, f.id!)),
                  detail: "\(FileKind(rawValue: f.kind)?.label ?? f.kind), \(FileSniffer.frenchSize(f.size))")
        }
        var names: [UUID: String] = [:]
        let jurists = try await QuestionService.juristList(on: req.db)
        for j in jurists { names[j.id] = j.name }
        if let assignee = q.assigneeID, names[assignee] == nil {
            names[assignee] = try await User.find(assignee, on: req.db)?.displayName
        }
        let waiting = status == .waiting
        let due = q.waitingSince.map { "suspendue : en attente de l'adhérent depuis le \(FrenchFormat.date($0))" } ?? FrenchFormat.date(q.dueOn)
        let overdue = status.isOpenForJurists && Day(iso: q.dueOn).map { today > $0 } == true && !waiting
        let events = try await LegalQuestionEvent.query(on: req.db).filter(\.$question.$id == id).sort(\.$at).all()
        var page = QuestionPage(
            // Unshared, a delegate reads no text of the question, its subject included.
            id: id.uuidString, subject: a.readsTexts ? q.subject : "Question du \(FrenchFormat.date(q.askedOn)) (non partagée)",
            structure: a.structure.name,
            structureHref: try await req.link(to: SiteURL.structure(.value(a.structure.id!)), on: a.structure),
            category: q.categoryValue.label, status: jurist || !a.isManager ? status.label : status.memberLabel,
            statusCode: status.rawValue, askedOn: FrenchFormat.date(q.askedOn), asker: q.askerName, dueOn: due,
            overdue: overdue, assignee: q.assigneeID.flatMap { names[$0] } ?? "Personne pour l'instant",
            shared: q.sharedWithDelegation,
            sharedLabel: q.sharedWithDelegation ? "Partagée avec la délégation" : "Non partagée avec la délégation",
            homeHref: req.link(to: LegalURL.start), version: q.version, textsHidden: !a.readsTexts,
            paragraphs: a.readsTexts ? paragraphs(q.body) : [],
            attachments: (byMessage[nil] ?? []).map(shown),
            messages: messages.map { m in
                let kind = MessageKind(rawValue: m.kind) ?? .message
                return .init(id: m.id!.uuidString, author: m.authorName, side: m.side, kindLabel: label(kind),
                             isInternal: kind == .internal, isAnswer: kind == .answer, at: FrenchFormat.dateTime(m.createdAt),
                             paragraphs: paragraphs(m.body), attachments: (byMessage[m.id] ?? []).map(shown))
            },
            events: events.map { e in
                .init(at: FrenchFormat.dateTime(e.at), label: QuestionAction(rawValue: e.action).map { QuestionWorkflow.table.transition($0).records } ?? e.action,
                      by: e.byName)
            },
            maxFiles: LegalURL.maxFiles)
        page.errors = errors
        page.form = form
        let actions = Set(QuestionWorkflow.table.actions(from: status, by: a.workflowParties))
        func offer(_ url: SiteURL, _ action: QuestionAction?, uploads: Bool) -> QuestionPage.Form? {
            if let action, !actions.contains(action) { return nil }
            return req.link(to: url).map { .init(action: $0, uploads: uploads) }
        }
        if a.isManager {
            page.reply = offer(LegalURL.postMessage(id), .reply, uploads: true)
            let settings = try await QuestionService.settings(on: req.db)
            if let answered = q.answeredAt, today - Day.today(now: answered) <= settings.reopenDays {
                page.reopen = offer(LegalURL.reopen(id), .reopen, uploads: false)
                page.reopenUntil = page.reopen == nil ? nil : FrenchFormat.date(Day.today(now: answered).adding(days: settings.reopenDays).iso)
            }
            page.share = offer(LegalURL.share(id), nil, uploads: false)
        }
        page.close = offer(LegalURL.close(id), .close, uploads: false)
        if jurist {
            if q.assigneeID != req.currentUser?.id {
                page.take = offer(LegalURL.take(id), .take, uploads: false)
            }
            page.assign = offer(LegalURL.assign(id), .assign, uploads: false)
            page.jurists = jurists.map { QuestionOption(value: $0.id.uuidString, label: $0.name, selected: $0.id == q.assigneeID) }
            page.requestInfo = offer(LegalURL.requestInfo(id), .requestInfo, uploads: true)
            page.answer = offer(LegalURL.answer(id), .answer, uploads: true)
            page.internalNote = offer(LegalURL.internalNote(id), nil, uploads: true)
            if status == .answered || status == .closed { page.noteHref = req.link(to: LegalURL.noteFromQuestion(id)) }
        }
        return page
    }

    static func label(_ kind: MessageKind) -> String {
        switch kind {
        case .message: "Message de l'adhérent"
        case .request: "Demande de précisions"
        case .answer: "Réponse"
        case .internal: "Note interne (juristes seulement)"
        }
    }

    /// The text's paragraphs (blank lines), each shown escaped.
    static func paragraphs(_ text: String) -> [String] {
        TextParagraphs.split(text)
    }
}

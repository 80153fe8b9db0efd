import Fluent
import Foundation
import MaillageCore
import SQLKit

/// The parts of a question's step: its event row, its files, its e-mails, its search document,
/// its audit snapshot, the desk's settings and the people it concerns.
extension QuestionService {
    // MARK: parts of a step

    static func auditKind(_ word: String) -> String { "legal.question.\(word)" }

    static func event(_ q: LegalQuestion, action: QuestionAction, from: QuestionStatus?, to: QuestionStatus,
                              actor: Actor, context: Context, on tx: any Database) async throws {
        let e = LegalQuestionEvent()
        e.$question.id = try q.requireID()
        e.action = action.rawValue
        e.fromStatus = from?.rawValue
        e.toStatus = to.rawValue
        e.at = context.now
        e.onDay = context.today.iso
        e.byUser = actor.user?.id
        e.byName = actor.name
        try await e.create(on: tx)
    }

    static func attach(_ files: [StoredFile], to q: LegalQuestion, message: LegalMessage?, internal: Bool,
                               actor: Actor, context: Context, on tx: any Database) async throws {
        for f in files {
            let a = LegalAttachment()
            a.$question.id = try q.requireID()
            a.$message.id = try message?.requireID()
            a.fileKey = f.key.value
            a.fileName = f.name
            a.contentType = f.contentType
            a.kind = f.kind.rawValue
            a.size = f.size
            a.sha256 = f.sha256
            a.internal = `internal`
            a.uploadedBy = actor.user?.id
            a.createdAt = context.now
            try await a.create(on: tx)
        }
    }

    /// E-mails to the other side: who, which question (date, domain), a link; never a text of the
    /// question (internal notes notify nobody).
    static func notify(_ step: Step, question q: LegalQuestion, structureName: String, actor: Actor,
                               context: Context, on tx: any Database) async throws {
        let recipients: [String]
        let subject: String
        var intro: String
        switch step {
        case .take, .assign:
            guard let assignee = q.assigneeID, assignee != actor.user?.id else { return }
            recipients = try await emails(of: [assignee], on: tx)
            subject = "Question juridique attribuée : \(structureName)"
            intro = "\(actor.name) vous a attribué la question de \(structureName)."
        case .requestInfo:
            recipients = try await managers(of: q.$structure.id, on: tx)
            subject = "Précisions demandées sur votre question juridique"
            intro = "Les juristes ont besoin de précisions pour répondre à votre question. Le délai de réponse est suspendu jusqu'à votre réponse."
        case .answer:
            recipients = try await managers(of: q.$structure.id, on: tx)
            subject = "Réponse à votre question juridique"
            intro = "Les juristes ont répondu à votre question."
        case .reply, .reopen:
            if let assignee = q.assigneeID { recipients = try await emails(of: [assignee], on: tx) } else { recipients = try await jurists(on: tx) }
            if case .reopen = step {
                subject = "Question rouverte : \(structureName)"
                intro = "\(structureName) a rouvert sa question."
            } else {
                subject = "Nouveau message de l'adhérent : \(structureName)"
                intro = "\(structureName) a écrit un message sur sa question."
            }
        case .close, .share, .internalNote:
            return
        }
        try await context.outbox.queue(to: recipients, subject: subject,
                                       body: mailBody(intro: intro, question: q, context: context), on: tx)
    }

    static func mailBody(intro: String, question q: LegalQuestion, context: Context) -> String {
        // No text of the question in e-mails: they pass through the outbox, which national admins
        // read, and through mail servers. The member and the jurists read the texts after signing in.
        var body = "Bonjour,\n\n\(intro)\n\nQuestion du \(FrenchFormat.date(q.askedOn)), \(q.categoryValue.label).\n"
        body += "\nVoir la question : \(context.baseURL)\(LegalURL.question(q.id!).path)\n"
        return body
    }

    /// The search document of a question: for jurists, its body and every message that is not internal.
    static func index(_ q: LegalQuestion, on tx: any Database) async throws {
        let id = try q.requireID()
        let messages = try await LegalMessage.query(on: tx).filter(\.$question.$id == id)
            .filter(\.$kind != MessageKind.internal.rawValue).sort(\.$createdAt).all()
        let body = ([q.body] + messages.map(\.body)).joined(separator: "\n\n")
        try await SearchIndex.upsert(SearchDocument(id: id, kind: .question, title: q.subject, body: body, audience: .jurists,
                                                    structureID: q.$structure.id, updatedAt: q.lastActivityAt), on: tx)
    }

    static func snapshot(_ q: LegalQuestion) -> [String: String] {
        ["structure": q.$structure.id.uuidString, "categorie": q.categoryValue.label,
         "statut": q.statusValue.label, "juriste": q.assigneeID?.uuidString ?? "", "echeance": q.dueOn,
         "partage": q.sharedWithDelegation ? "oui" : "non", "attente_depuis": q.waitingSince ?? "",
         "jours_attente": String(q.waitedDays), "version": String(q.version)]
    }

    /// The desk's settings, or their defaults before the first save.
    static func settings(on db: any Database) async throws -> LegalSettingsRecord {
        try await LegalSettingsRecord.query(on: db).filter(\.$key == LegalSettingsRecord.key).first() ?? LegalSettingsRecord()
    }

    // MARK: people

    /// The active jurists' ids and names, by name.
    static func juristList(on db: any Database) async throws -> [(id: UUID, name: String, email: String)] {
        try await LegalListQueries.jurists(on: db)
    }

    static func isJurist(_ id: UUID, on db: any Database) async throws -> Bool {
        try await juristList(on: db).contains { $0.id == id }
    }

    static func jurists(on db: any Database) async throws -> [String] {
        try await juristList(on: db).map(\.email)
    }

    static func emails(of ids: [UUID], on db: any Database) async throws -> [String] {
        try await User.query(on: db).filter(\.$id ~~ ids).filter(\.$isActive == true).all().map(\.email)
    }

    /// The active managers of a structure (and of its GES parent).
    static func managers(of structureID: UUID, on db: any Database) async throws -> [String] {
        var ids = [structureID]
        if let s = try await Structure.find(structureID, on: db), let parent = s.$gesParent.id { ids.append(parent) }
        let users = try await RoleGrant.query(on: db).filter(\.$role == Role.memberManager.rawValue)
            .filter(\.$structure.$id ~~ ids).all().map(\.$user.id)
        return try await emails(of: users, on: db)
    }
}

import Fluent
import Foundation
import MaillageMail
import Vapor

/// `mail.send`: sends one outbox message through SMTP. Registered only when
/// `MAILLAGE_SMTP_URL` is set; without it the jobs wait and the outbox page says so.
/// A message already sent is never sent again; a refusal (5xx) stops it with the server's
/// answer; anything else is retried with the queue's back-off, up to `maxAttempts`.
enum MailDelivery {
    static let kind = "mail.send"
    static let maxAttempts = 8

    struct Payload: Codable, Sendable { let message: UUID }

    /// Checks the settings (throws their French reason) and registers the kind when configured.
    static func register(_ app: Application, config: AppConfig) throws {
        guard let settings = try MailSettings(config) else { return }
        let client = SMTPClient(configuration: settings.smtp, eventLoopGroup: app.eventLoopGroup)
        app.jobs.register(kind, maxAttempts: maxAttempts) { context in
            try await send(context, client: client, settings: settings)
        }
    }

    static func send(_ context: JobContext, client: SMTPClient, settings: MailSettings) async throws -> String? {
        let payload: Payload
        do { payload = try context.decode(Payload.self) } catch { throw JobError.permanent(reason: "contenu de tâche illisible") }
        guard let message = try await OutboxMessage.find(payload.message, on: context.db) else {
            throw JobError.permanent(reason: "courriel introuvable")
        }
        // Never twice: a message sent (or refused) is left as it is.
        guard message.sentAt == nil, message.status == OutboxMessage.Status.pending.rawValue else { return message.messageID }
        let messageID = message.messageID ?? MailComposer.messageID(settings)
        message.messageID = messageID
        message.attempts += 1
        try await message.save(on: context.db)
        do {
            let mail = try MailComposer.compose(recipient: message.recipient, subject: message.subject, body: message.body,
                                                messageID: messageID, date: Date(), settings: settings)
            try await client.send(mail)
        } catch let error as MailAddressError {
            try await fail(message, because: String(describing: error), on: context.db)
            throw JobError.permanent(reason: String(describing: error))
        } catch SMTPError.permanent(_, let answer) {
            try await fail(message, because: answer, on: context.db)
            throw JobError.permanent(reason: answer)
        } catch {
            let reason = String(describing: error)
            message.lastError = reason
            // The queue stops after the last attempt: the message shows failed with the reason.
            if context.attempt >= maxAttempts { message.status = OutboxMessage.Status.failed.rawValue }
            try await message.save(on: context.db)
            throw JobError.retry(after: nil, reason: reason)
        }
        message.sentAt = context.application.services.clock.now
        message.status = OutboxMessage.Status.sent.rawValue
        message.lastError = nil
        try await message.save(on: context.db)
        context.logger.info("mail sent", metadata: ["outbox": .string(payload.message.uuidString), "message_id": .string(messageID)])
        return messageID
    }

    private static func fail(_ message: OutboxMessage, because answer: String, on db: any Database) async throws {
        message.status = OutboxMessage.Status.failed.rawValue
        message.lastError = String(answer.prefix(1000))
        try await message.save(on: db)
    }

    /// Gives a refused message another go (the outbox's « Renvoyer », national admins): back to
    /// pending with a new job, audited, in one transaction. False when it was not refused.
    static func retry(_ id: UUID, actor: CurrentUser, on db: any Database) async throws -> Bool {
        try await db.transaction { tx in
            guard let message = try await OutboxMessage.find(id, on: tx),
                  message.status == OutboxMessage.Status.failed.rawValue, message.sentAt == nil else { return false }
            let before = ["statut": message.status, "erreur": message.lastError ?? ""]
            message.status = OutboxMessage.Status.pending.rawValue
            try await message.save(on: tx)
            try await Outbox.enqueueDelivery(of: id, on: tx)
            try await Audit.record(.update, "courriel", id: id.uuidString,
                                   summary: "Nouvel envoi du courriel « \(message.subject) » à \(message.recipient)",
                                   before: before, after: ["statut": message.status, "erreur": message.lastError ?? ""],
                                   actor: actor, on: tx)
            return true
        }
    }
}

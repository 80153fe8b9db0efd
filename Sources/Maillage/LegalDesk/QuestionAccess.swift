import Fluent
import Foundation
import Vapor

/// What a person may see of one question. The route rule (`seeQuestion`) lets jurists, managers
/// and delegates in; this decides, for the loaded question, whether it is in sight at all (404
/// otherwise), whether its texts are readable (jurists and the structure's managers always, the
/// delegate only when the member shared the question) and whether internal notes show (jurists only).
struct QuestionAccess: Sendable {
    let question: LegalQuestion
    let structure: Structure
    let parties: Set<Party>

    var isJurist: Bool { parties.contains(.jurist) }
    var isManager: Bool { parties.contains(.manager) }
    var isDelegate: Bool { parties.contains(.delegate) }
    /// The body, the messages and their attachments.
    var readsTexts: Bool { isJurist || isManager || (isDelegate && question.sharedWithDelegation) }
    /// Internal notes and their attachments.
    var readsInternal: Bool { isJurist }
    /// The workflow's parties for the page's buttons (a jurist who also manages sees both sides).
    var workflowParties: Set<Party> { parties.intersection([.manager, .jurist]) }

    /// Loads the question of the route's `questionID` and checks that the person may see it: 404 otherwise,
    /// the same answer as for an id that does not exist.
    static func load(_ req: Request) async throws -> QuestionAccess {
        guard let id = req.parameters.get("questionID", as: UUID.self),
              let q = try await LegalQuestion.find(id, on: req.db),
              let s = try await Structure.find(q.$structure.id, on: req.db) else { throw Abort(.notFound) }
        _ = try req.requireUser()
        let parties = try await req.parties(to: s)
        guard !parties.isDisjoint(with: [.jurist, .manager, .delegate]) else { throw Abort(.notFound) }
        return QuestionAccess(question: q, structure: s, parties: parties)
    }

    /// Whether the attachment may be downloaded by this person.
    func mayDownload(_ a: LegalAttachment) -> Bool {
        guard a.$question.id == question.id, readsTexts else { return false }
        return !a.internal || readsInternal
    }

    /// The question's messages this person may read, oldest first.
    func messages(on db: any Database) async throws -> [LegalMessage] {
        guard readsTexts else { return [] }
        let id = try question.requireID()
        var query = LegalMessage.query(on: db).filter(\.$question.$id == id)
        if !readsInternal { query = query.filter(\.$kind != MessageKind.internal.rawValue) }
        return try await query.sort(\.$createdAt).sort(\.$id).all()
    }

    /// The attachments this person may download, oldest first.
    func attachments(on db: any Database) async throws -> [LegalAttachment] {
        guard readsTexts else { return [] }
        let id = try question.requireID()
        var query = LegalAttachment.query(on: db).filter(\.$question.$id == id)
        if !readsInternal { query = query.filter(\.$internal == false) }
        return try await query.sort(\.$createdAt).sort(\.$fileName).all()
    }
}

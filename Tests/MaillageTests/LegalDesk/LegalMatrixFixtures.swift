import Fluent
import Foundation
import MaillageCore
import Vapor
@testable import Maillage

/// The legal desk and library records the route × role and record matrices put in their paths:
/// a question per structure (not shared with the delegation) with the member's message and its
/// attachment, a published note, a members-only resource with two versions.
enum LegalMatrixFixtures {
    /// The question of `structure` and the attachment of its member's message (made once per structure).
    static func question(for structure: Structure, on app: Application) async throws -> (question: LegalQuestion, attachment: LegalAttachment) {
        let db = app.db
        let q: LegalQuestion
        if let existing = try await LegalQuestion.query(on: db).filter(\.$structure.$id == structure.requireID()).first() {
            q = existing
        } else {
            try await LegalFactory.makeSettings(on: db)
            q = try await LegalFactory.makeQuestion(on: db, structure: structure)
        }
        if let a = try await LegalAttachment.query(on: db).filter(\.$question.$id == q.requireID()).first() { return (q, a) }
        let m = try await LegalFactory.makeMessage(on: db, question: q, kind: .message, body: "Voici le contrat.", authorName: "Camille Adhérente")
        let a = try await LegalFactory.makeAttachment(on: db, files: app.services.files, question: q, message: m)
        return (q, a)
    }

    /// Replaces the parameters of a `/juridique`, `/ressources` or legal API pattern (question-scoped
    /// ones on `structure`).
    static func fill(_ path: String, structure: Structure, on app: Application) async throws -> String {
        guard path.contains("/juridique") || path.contains("/ressources") else { return path }
        var p = path
        if p.contains(":questionID") || p.contains(":attachmentID") {
            let (q, a) = try await question(for: structure, on: app)
            p = p.replacingOccurrences(of: ":questionID", with: try q.requireID().uuidString)
                .replacingOccurrences(of: ":attachmentID", with: try a.requireID().uuidString)
        }
        if p.contains(":noteID") {
            var note = try await LegalNote.query(on: app.db).first()
            if note == nil { note = try await LegalFactory.makeNote(on: app.db) }
            let n = note!
            p = p.replacingOccurrences(of: ":noteID", with: try n.requireID().uuidString)
                .replacingOccurrences(of: ":step", with: "relecture")
        }
        if p.contains(":resourceID") {
            var resource = try await LibraryResource.query(on: app.db).first()
            if resource == nil { resource = try await LegalFactory.makeResource(on: app.db, files: app.services.files, audience: .members, versions: 2) }
            let r = resource!
            let v = try await LibraryVersion.query(on: app.db).filter(\.$resource.$id == r.requireID()).sort(\.$number).first()!
            p = p.replacingOccurrences(of: ":resourceID", with: try r.requireID().uuidString)
                .replacingOccurrences(of: ":versionID", with: try v.requireID().uuidString)
        }
        if p.contains("/juridique/statistiques/") {
            p = p.replacingOccurrences(of: ":year", with: "2026").replacingOccurrences(of: ":file", with: "statistiques.csv")
        }
        return p
    }
}

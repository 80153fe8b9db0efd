import Fluent
import Foundation
import MaillageCore

/// Published notes that may answer a question being typed (« Ces fiches répondent peut-être à
/// votre question »): any of the words, best first. Used by `/juridique/suggestions` and by the
/// question form without JavaScript.
enum LegalSuggestions {
    static let heading = "Ces fiches répondent peut-être à votre question"
    static let defaultLimit = 5

    struct Note: Encodable, Sendable, Equatable {
        let title: [Highlight]
        let href: String
    }

    /// Up to `limit` published notes matching any word of `text`.
    static func notes(matching text: String, limit: Int = defaultLimit, on db: any Database) async throws -> [Note] {
        let hits = try await SearchIndex.search(String(text.prefix(500)), kinds: [.note], audiences: [.members, .public],
                                                mode: .any, limit: min(limit, defaultLimit), on: db)
        return hits.map { Note(title: $0.title, href: LegalURL.note($0.id).path) }
    }
}

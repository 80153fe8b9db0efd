import Fluent
import Foundation
import MaillageCore
import SQLKit

// French full-text search over notes, resources and questions, the same on both databases:
// SQLite FTS5 (`search_fts`, folded and stemmed text) and PostgreSQL's `french` text search
// (`search_documents.tsv`, over the same folded and lightly stemmed text, since Snowball leaves
// some plurals alone: « essais »). Highlighting is done in Swift from the original text, so both
// databases show the same marks. User text never reaches SQL except as bind parameters, and the
// query's terms (`SearchText.terms`) are letters and digits only.

/// What an indexed record is.
enum SearchKind: String, Codable, CaseIterable, Sendable {
    case note, resource, question
}

/// Who may find an indexed record: anyone, anyone holding a role, the jurists only.
enum SearchAudience: String, Codable, CaseIterable, Sendable {
    case `public`, members, jurists
}

/// How the terms of a query combine: every term (search page) or any term (suggestions).
enum SearchMode: Sendable {
    case all, any
}

/// One record as the index keeps it. `structureID` is set for questions (the asking structure).
struct SearchDocument: Sendable, Equatable {
    var id: UUID
    var kind: SearchKind
    var title: String
    var body: String
    var audience: SearchAudience
    var structureID: UUID?
    var updatedAt: Date

    init(id: UUID, kind: SearchKind, title: String, body: String, audience: SearchAudience,
         structureID: UUID? = nil, updatedAt: Date = Date()) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.audience = audience
        self.structureID = structureID
        self.updatedAt = updatedAt
    }
}

/// A found record: its title and a snippet of its body, with the matched words marked.
struct SearchHit: Sendable, Equatable, Encodable {
    var kind: SearchKind
    var id: UUID
    var title: [Highlight]
    var snippet: [Highlight]
    /// Higher is better (bm25 negated on SQLite, ts_rank_cd on PostgreSQL): only the order matters.
    var rank: Double
    var plainTitle: String { title.map(\.text).joined() }
}

enum SearchIndex {
    /// Characters of body shown around the first match.
    static let snippetLength = 240
    /// At most this many hits are returned, whatever the caller asks.
    static let maxLimit = 200
    /// The deepest page a search goes (results past it are never worth reading).
    static let maxOffset = 1_000
    /// Weights of bm25 on SQLite (doc_id, title, body): a title match counts ten body matches.
    static let titleWeight = 10.0

    /// Columns of the index that PostgreSQL holds and computes from the others (not copied by
    /// `maillage copy-database`, which calls `rebuildVectors` instead).
    static let derivedColumns: [String: Set<String>] = [SearchDocumentRecord.schema: ["tsv"]]

    /// Recomputes every document's search vector on PostgreSQL (after a copy from SQLite).
    static func rebuildVectors(on sql: any SQLDatabase) async throws {
        guard isPostgres(sql) else { return }
        let rows = try await sql.raw("SELECT id, title, body FROM search_documents").all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let title = try row.decode(column: "title", as: String.self)
            let body = try row.decode(column: "body", as: String.self)
            try await sql.raw("""
                UPDATE search_documents SET tsv = setweight(to_tsvector('french', \(bind: stemmedText(title))), 'A') || \
                setweight(to_tsvector('french', \(bind: stemmedText(body))), 'B') WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Adds or replaces a record in the index. Call it in the transaction that changes the record.
    static func upsert(_ document: SearchDocument, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if isPostgres(sql) {
            try await sql.raw("DELETE FROM search_documents WHERE id = \(bind: document.id)").run()
            try await sql.raw("""
                INSERT INTO search_documents (id, kind, title, body, audience, structure_id, updated_at, tsv)
                VALUES (\(bind: document.id), \(bind: document.kind.rawValue), \(bind: document.title), \
                \(bind: document.body), \(bind: document.audience.rawValue), \(bind: document.structureID), \
                \(bind: document.updatedAt), \
                setweight(to_tsvector('french', \(bind: stemmedText(document.title))), 'A') || \
                setweight(to_tsvector('french', \(bind: stemmedText(document.body))), 'B'))
                """).run()
        } else {
            try await removeFTS(id: document.id, on: sql)
            try await sql.raw("DELETE FROM search_documents WHERE id = \(bind: document.id)").run()
            try await sql.raw("""
                INSERT INTO search_documents (id, kind, title, body, audience, structure_id, updated_at)
                VALUES (\(bind: document.id), \(bind: document.kind.rawValue), \(bind: document.title), \
                \(bind: document.body), \(bind: document.audience.rawValue), \(bind: document.structureID), \
                \(bind: document.updatedAt))
                """).run()
            // The FTS row shares the document's rowid: the search joins on it.
            try await sql.raw("""
                INSERT INTO search_fts (rowid, doc_id, title, body)
                SELECT rowid, \(bind: document.id.uuidString), \(bind: stemmedText(document.title)), \
                \(bind: stemmedText(document.body)) FROM search_documents WHERE id = \(bind: document.id)
                """).run()
        }
    }

    /// Takes a record out of the index (nothing happens when it is not there).
    static func remove(id: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if !isPostgres(sql) { try await removeFTS(id: id, on: sql) }
        try await sql.raw("DELETE FROM search_documents WHERE id = \(bind: id)").run()
    }

    /// The records matching `query` among `kinds` and `audiences`, best first. With `structureIDs`,
    /// a record tied to a structure (a question) is kept only when its structure is in the set.
    /// A query without any searchable word finds nothing.
    static func search(_ query: String, kinds: Set<SearchKind>, audiences: Set<SearchAudience>,
                       structureIDs: Set<UUID>? = nil, mode: SearchMode = .all, limit: Int = 50, offset: Int = 0,
                       on db: any Database) async throws -> [SearchHit] {
        let terms = SearchText.terms(query)
        guard !terms.isEmpty, !kinds.isEmpty, !audiences.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        let limit = max(1, min(limit, maxLimit))
        let offset = max(0, min(offset, maxOffset))
        let kindValues: [any Encodable & Sendable] = kinds.map(\.rawValue).sorted()
        let audienceValues: [any Encodable & Sendable] = audiences.map(\.rawValue).sorted()
        var filter: SQLQueryString = "d.kind IN (\(binds: kindValues)) AND d.audience IN (\(binds: audienceValues))"
        if let structureIDs {
            if structureIDs.isEmpty {
                filter += " AND d.structure_id IS NULL"
            } else {
                let ids: [any Encodable & Sendable] = structureIDs.sorted { $0.uuidString < $1.uuidString }
                filter += " AND (d.structure_id IS NULL OR d.structure_id IN (\(binds: ids)))"
            }
        }
        let rows: [any SQLRow]
        if isPostgres(sql) {
            // Our light stem first, then the `french` configuration's: the same on both sides, and
            // plurals Snowball leaves alone (essais, accès) meet their singular.
            let tsquery = terms.map(FrenchStemmer.stem).joined(separator: mode == .all ? " & " : " | ")
            rows = try await sql.raw("""
                SELECT d.id, d.kind, d.title, d.body, ts_rank_cd(d.tsv, q.query)::float8 AS rank
                FROM search_documents d, to_tsquery('french', \(bind: tsquery)) AS q(query)
                WHERE d.tsv @@ q.query AND \(filter)
                ORDER BY rank DESC, d.updated_at DESC
                LIMIT \(literal: limit) OFFSET \(literal: offset)
                """).all()
        } else {
            let quoted = terms.map { "\"" + FrenchStemmer.stem($0) + "\"" }
            let match = quoted.joined(separator: mode == .all ? " " : " OR ")
            rows = try await sql.raw("""
                SELECT d.id, d.kind, d.title, d.body, -bm25(search_fts, 0.0, \(literal: titleWeight), 1.0) AS rank
                FROM search_fts JOIN search_documents d ON d.rowid = search_fts.rowid
                WHERE search_fts MATCH \(bind: match) AND \(filter)
                ORDER BY rank DESC, d.updated_at DESC
                LIMIT \(literal: limit) OFFSET \(literal: offset)
                """).all()
        }
        return try rows.compactMap { row in
            let kind = try row.decode(column: "kind", as: String.self)
            guard let kind = SearchKind(rawValue: kind) else { return nil }
            let title = try row.decode(column: "title", as: String.self)
            let body = try row.decode(column: "body", as: String.self)
            return SearchHit(
                kind: kind,
                id: try row.decode(column: "id", as: UUID.self),
                title: Highlighter.segments(title, terms: terms, maxLength: 0),
                snippet: Highlighter.segments(body, terms: terms, maxLength: snippetLength),
                rank: (try? row.decode(column: "rank", as: Double.self)) ?? 0)
        }
    }

    /// The text as the SQLite index holds it: folded words, each stemmed, separated by spaces.
    static func stemmedText(_ text: String) -> String {
        SearchText.fold(text)
            .split(whereSeparator: { c in
                guard let first = c.unicodeScalars.first else { return true }
                return !(first.properties.isAlphabetic || first.properties.numericType != nil)
            })
            .map { FrenchStemmer.stem(String($0)) }
            .joined(separator: " ")
    }

    private static func isPostgres(_ sql: any SQLDatabase) -> Bool { sql.dialect.name == "postgresql" }

    private static func removeFTS(id: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_documents WHERE id = \(bind: id))").run()
    }
}

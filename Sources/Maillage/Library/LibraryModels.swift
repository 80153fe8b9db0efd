import Fluent
import Foundation
import MaillageCore

// The resource library's records (migration 017).

enum ResourceKind: String, Codable, CaseIterable, Sendable {
    case guide, model, note, template

    var label: String {
        switch self {
        case .guide: "Guide"
        case .model: "Modèle de contrat"
        case .note: "Note"
        case .template: "Modèle de document"
        }
    }
}

enum ResourceTheme: String, Codable, CaseIterable, Sendable {
    case legal, economic, quality, communication

    var label: String {
        switch self {
        case .legal: "Juridique"
        case .economic: "Développement économique"
        case .quality: "Qualité"
        case .communication: "Communication"
        }
    }
}

/// Who may read a resource: anyone, or the people who hold a role in the network.
enum ResourceAudience: String, Codable, CaseIterable, Sendable {
    case `public`, members

    var label: String {
        switch self {
        case .public: "Public"
        case .members: "Adhérents"
        }
    }
}

/// A document of the library; its files are its versions, the last one is current.
final class LibraryResource: Model, @unchecked Sendable {
    static let schema = "library_resources"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    /// `ResourceKind` raw value.
    @Field(key: "kind") var kind: String
    /// `ResourceTheme` raw value.
    @Field(key: "theme") var theme: String
    /// `ResourceAudience` raw value.
    @Field(key: "audience") var audience: String
    /// The number of the current version (the last uploaded).
    @Field(key: "current_version") var currentVersion: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() { currentVersion = 1 }

    var kindValue: ResourceKind { ResourceKind(rawValue: kind) ?? .guide }
    var themeValue: ResourceTheme { ResourceTheme(rawValue: theme) ?? .legal }
    var audienceValue: ResourceAudience { ResourceAudience(rawValue: audience) ?? .members }
}

/// One uploaded file of a resource; versions are never deleted.
final class LibraryVersion: Model, @unchecked Sendable {
    static let schema = "library_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "resource_id") var resource: LibraryResource
    @Field(key: "number") var number: Int
    @Field(key: "file_key") var fileKey: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    /// `FileKind` raw value, from the bytes.
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    /// What changed in this version (may be empty).
    @Field(key: "comment") var comment: String
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Field(key: "uploaded_by_name") var uploadedByName: String
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}
}

/// A row of the search index (`SearchIndex`): what is searched and who may find it.
final class SearchDocumentRecord: Model, @unchecked Sendable {
    static let schema = "search_documents"

    /// The indexed record's id (a note, a resource, a question).
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "audience") var audience: String
    @OptionalField(key: "structure_id") var structureID: UUID?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

import Foundation
import MaillageCore
import Vapor

/// A resource's description as typed in the new and edit forms; the new form also carries the
/// first file and its comment. Every problem is reported at once, next to its field.
struct LibraryResourceForm: Decodable, Sendable {
    var title: String?
    var description: String?
    var kind: String?
    var theme: String?
    var audience: String?
    var comment: String?
    var file: File?

    enum CodingKeys: String, CodingKey {
        case title = "resource_title", description = "resource_description", kind = "resource_kind", theme = "resource_theme"
        case audience = "resource_audience", comment = "resource_comment", file = "resource_file"
    }

    static let maxTitle = 200
    static let maxDescription = 2000
    static let maxComment = 200

    struct Clean: Sendable, Equatable {
        var title: String
        var description: String
        var kind: ResourceKind
        var theme: ResourceTheme
        var audience: ResourceAudience
    }

    init(title: String? = nil, description: String? = nil, kind: String? = nil, theme: String? = nil,
         audience: String? = nil, comment: String? = nil) {
        self.title = title
        self.description = description
        self.kind = kind
        self.theme = theme
        self.audience = audience
        self.comment = comment
    }

    /// The form showing a stored resource.
    init(_ r: LibraryResource) {
        self.init(title: r.title, description: r.description, kind: r.kind, theme: r.theme, audience: r.audience)
    }

    static func trimmed(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The description fields, checked.
    func validate() -> (Clean?, FieldErrors) {
        var errors = FieldErrors()
        let title = Self.trimmed(title)
        if title.isEmpty {
            errors.add("resource_title", "Indiquez le titre de la ressource.")
        } else if title.count > Self.maxTitle {
            errors.add("resource_title", "Le titre fait \(title.count) caractères : \(Self.maxTitle) au plus.")
        }
        let description = Self.trimmed(description).replacingOccurrences(of: "\r\n", with: "\n")
        if description.count > Self.maxDescription {
            errors.add("resource_description", "La description fait \(FrenchFormat.integer(description.count)) caractères : \(FrenchFormat.integer(Self.maxDescription)) au plus.")
        }
        let kind = ResourceKind(rawValue: Self.trimmed(kind))
        if kind == nil { errors.add("resource_kind", "Choisissez le type de ressource.") }
        let theme = ResourceTheme(rawValue: Self.trimmed(theme))
        if theme == nil { errors.add("resource_theme", "Choisissez le thème.") }
        let audience = ResourceAudience(rawValue: Self.trimmed(audience))
        if audience == nil { errors.add("resource_audience", "Choisissez qui peut consulter la ressource : tout le monde ou les adhérents.") }
        guard errors.isEmpty, let kind, let theme, let audience else { return (nil, errors) }
        return (Clean(title: title, description: description, kind: kind, theme: theme, audience: audience), errors)
    }

    /// The version comment, checked into `errors` (under `field`).
    static func comment(_ s: String?, field: String = "resource_comment", errors: inout FieldErrors) -> String {
        let comment = trimmed(s)
        if comment.count > maxComment {
            errors.add(field, "Le commentaire fait \(comment.count) caractères : \(maxComment) au plus.")
        }
        return comment
    }

    /// The one file of a library upload, checked from its bytes into `errors` (under `field`).
    static func checkedFile(_ file: File?, field: String = "resource_file", errors: inout FieldErrors) -> CheckedFile? {
        let chosen = UploadedFile.chosen(file.map { [$0] })
        guard !chosen.isEmpty else {
            errors.add(field, "Choisissez le fichier à déposer (PDF, Word, Excel, OpenDocument, PNG ou JPEG ; \(FileSniffer.frenchSize(LibraryURL.maxFileSize)) au plus).")
            return nil
        }
        switch StoredFiles.check(chosen, max: 1, limit: LibraryURL.maxFileSize) {
        case .success(let checked): return checked.first
        case .failure(let refusal):
            errors.add(field, refusal.message)
            return nil
        }
    }

    /// The values shown back in the form (never the file).
    var shown: [String: String] {
        ["title": title ?? "", "description": description ?? "", "kind": kind ?? "", "theme": theme ?? "",
         "audience": audience ?? "", "comment": comment ?? ""]
    }
}

/// The « Nouvelle version » form of a resource's page.
struct LibraryVersionForm: Decodable, Sendable {
    var comment: String?
    var file: File?

    enum CodingKeys: String, CodingKey { case comment = "version_comment", file = "version_file" }
}

/// The list's filters (`/ressources?q=&theme=&kind=&audience=`): unknown values are ignored.
struct LibraryFilters: Sendable, Equatable {
    var q: String
    var theme: ResourceTheme?
    var kind: ResourceKind?
    var audience: ResourceAudience?

    init(_ query: [String: String], audienceAllowed: Bool) {
        q = String(LibraryResourceForm.trimmed(query["q"]).prefix(200))
        theme = query["theme"].flatMap(ResourceTheme.init(rawValue:))
        kind = query["kind"].flatMap(ResourceKind.init(rawValue:))
        audience = audienceAllowed ? query["audience"].flatMap(ResourceAudience.init(rawValue:)) : nil
    }

    /// As in the URL, for the list's links and export names.
    var items: [(String, String?)] {
        [("q", q.isEmpty ? nil : q), ("theme", theme?.rawValue), ("kind", kind?.rawValue), ("audience", audience?.rawValue)]
    }
}

import Foundation

/// What an uploaded file really is, from its bytes.
public enum FileKind: String, Sendable, CaseIterable, Codable {
    case pdf, docx, xlsx, odt, png, jpeg

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        }
    }

    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .docx: ["docx"]
        case .xlsx: ["xlsx"]
        case .odt: ["odt"]
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        }
    }

    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .docx: "Word (DOCX)"
        case .xlsx: "Excel (XLSX)"
        case .odt: "OpenDocument texte (ODT)"
        case .png: "image PNG"
        case .jpeg: "image JPEG"
        }
    }

    /// The kind a file name's extension announces (any case), or nil.
    public static func named(_ name: String) -> FileKind? {
        let ext = FileSniffer.fileExtension(name)
        return allCases.first { $0.extensions.contains(ext) }
    }

    /// « un PDF », « une image PNG »: the label with its article.
    var withArticle: String {
        switch self {
        case .png, .jpeg: "une \(label)"
        default: "un \(label)"
        }
    }
}

public enum FileCheckError: Error, Equatable {
    case empty, tooLarge(limit: Int), unknownType, truncated(FileKind), nameMismatch(actual: FileKind, named: String), badName

    /// One French sentence: « « contrat.png » est un PDF, pas une image PNG : renommez-le ou choisissez le bon fichier. »
    /// Only `nameMismatch` carries the file's name; `french(name:)` names it for every case.
    public var french: String {
        if case .nameMismatch(_, let named) = self { return french(name: named) }
        return french(name: nil)
    }

    /// The sentence naming the file `name` (« Le fichier » when nil).
    public func french(name: String?) -> String {
        let file = name.map { "« \($0) »" } ?? "Le fichier"
        switch self {
        case .empty:
            return "\(file) est vide : choisissez un autre fichier."
        case .tooLarge(let limit):
            return "\(file) dépasse \(FileSniffer.frenchSize(limit)), la taille maximale : réduisez-le ou choisissez un autre fichier."
        case .unknownType:
            return "\(file) n'est ni un PDF, ni un document Word, Excel ou OpenDocument, ni une image PNG ou JPEG : ce type de fichier n'est pas accepté."
        case .truncated(let kind):
            return "\(file) est \(kind.withArticle) incomplet ou abîmé : enregistrez-le à nouveau puis réessayez."
        case .nameMismatch(let actual, let named):
            let shown = name.map { "« \($0) »" } ?? "« \(named) »"
            let announced = FileKind.named(named).map { "pas \($0.withArticle)" }
                ?? extensionPhrase(named)
            return "\(shown) est \(actual.withArticle), \(announced) : renommez-le ou choisissez le bon fichier."
        case .badName:
            return "\(file == "Le fichier" ? "Le nom du fichier" : "Le nom \(file)") n'est pas utilisable : renommez le fichier puis réessayez."
        }
    }

    private func extensionPhrase(_ named: String) -> String {
        let ext = FileSniffer.fileExtension(named)
        return ext.isEmpty ? "mais son nom n'a pas d'extension" : "pas un fichier .\(ext)"
    }
}

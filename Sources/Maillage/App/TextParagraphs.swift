import Foundation

/// A stored text as the pages show it: one paragraph per non-blank line (Windows and old Mac line
/// ends too), each trimmed; the template escapes each one. The one place for note bodies, library
/// descriptions and the legal desk's messages.
enum TextParagraphs {
    static func split(_ text: String) -> [String] {
        text.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A fragment of HTML built in Swift for the hot parts of big pages (the directory's table
/// rows and filter options), where Leaf's loops cost most of the page's CPU (docs/PERFORMANCE.md).
///
/// The rule: a template inserts raw (`#unsafeHTML`) only a page-context field of type
/// `HTML`, never a `String`. An `HTML` value can only be made here, from text (always
/// escaped) and elements whose names and attribute names are literals of the code and whose
/// attribute values are escaped; there is no way to make one from a raw string. Everything
/// else on a page is Leaf (`#(...)` escapes).
struct HTML: Sendable, Equatable, Encodable, CustomStringConvertible {
    /// The markup; private so that no caller can build it from a string.
    private let markup: String

    private init(markup: String) {
        self.markup = markup
    }

    static let empty = HTML(markup: "")

    /// Text, escaped exactly as Leaf's `#(...)` escapes (`& < > " '`).
    static func text(_ text: String) -> HTML {
        HTML(markup: escape(text))
    }

    /// `<name attr="value"… flag…>children</name>`. Names are literals of the code; values are
    /// escaped; a flag (`selected`) is written when true.
    static func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:],
                        flags: KeyValuePairs<StaticString, Bool> = [:], _ children: HTML...) -> HTML {
        element(name, attributes, flags: flags, children)
    }

    static func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:],
                        flags: KeyValuePairs<StaticString, Bool> = [:], _ children: [HTML]) -> HTML {
        var out = "<" + name.description
        for (attribute, value) in attributes {
            out += " " + attribute.description + "=\"" + escape(value) + "\""
        }
        for (flag, on) in flags where on {
            out += " " + flag.description
        }
        out += ">"
        for child in children { out += child.markup }
        out += "</" + name.description + ">"
        return HTML(markup: out)
    }

    /// Fragments one after the other.
    init(_ fragments: [HTML]) {
        var out = ""
        for f in fragments { out += f.markup }
        markup = out
    }

    static func + (a: HTML, b: HTML) -> HTML {
        HTML(markup: a.markup + b.markup)
    }

    var description: String { markup }

    /// A page context carries the markup as a string, for `#unsafeHTML` (see the rule above).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(markup)
    }

    private static func escape(_ s: String) -> String {
        // Most cells have nothing to escape: return them as they are.
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `<option>` elements, the selected one marked (about 130 on the directory's filters).
    static func options(_ options: [SelectOption]) -> HTML {
        HTML(options.map { element("option", ["value": $0.value], flags: ["selected": $0.selected], text($0.label)) })
    }
}

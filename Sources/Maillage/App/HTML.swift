/// Hot loops of big pages, rendered in Swift: Leaf spends about 60 % of the directory page's
/// CPU in its loops and expressions (docs/PERFORMANCE.md). Everything is escaped here; the
/// template inserts the result with `#unsafeHTML`.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
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

    /// `<option>` elements, the selected one marked.
    static func options(_ options: [SelectOption]) -> String {
        var out = ""
        for o in options {
            out += "<option value=\"\(escape(o.value))\"\(o.selected ? " selected" : "")>\(escape(o.label))</option>"
        }
        return out
    }
}

/// Text as the SEPA rulebooks let it travel: the EPC basic Latin set only
/// (a–z A–Z 0–9 / - ? : ( ) . , ' + space). French letters are spelled without
/// their accents (é → e, ç → c, œ → oe); any other sign becomes a space, so
/// no bank down the line rejects or mangles a name.
enum SEPAText {
    /// Transliterated, spaces collapsed, trimmed, cut to `maxLength` characters.
    static func clean(_ s: String, maxLength: Int) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        let scalars = Array(s.decomposedStringWithCanonicalMapping.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            var replacement = replacements[scalar] ?? (isAllowed(scalar) ? String(scalar) : " ")
            // « Œuvre » → "Oeuvre", « ŒUVRE » → "OEUVRE".
            if scalar == "Œ" || scalar == "Æ", i + 1 < scalars.count, scalars[i + 1].properties.isLowercase {
                replacement = replacement.prefix(1) + replacement.dropFirst().lowercased()
            }
            for r in replacement.unicodeScalars {
                if r == " " {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(" ") }
                    pendingSpace = false
                    out.append(r)
                }
            }
        }
        return String(String(out).prefix(maxLength))
    }

    /// An identifier (message, payment, end-to-end, mandate): the same set, and no
    /// leading, trailing or double slash (EPC rule for references).
    static func identifier(_ s: String, maxLength: Int = 35) -> String {
        var text = clean(s, maxLength: Int.max)
        while text.contains("//") { text = text.replacingOccurrences(of: "//", with: "/") }
        text = String(text.drop { $0 == "/" || $0 == " " })
        while let last = text.last, last == "/" || last == " " { text.removeLast() }
        return String(text.prefix(maxLength))
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "/", "-", "?", ":", "(", ")", ".", ",", "'", "+", " ": true
        default: false
        }
    }

    /// Letters that do not decompose into a base letter and a mark, and the French
    /// quotation marks, which the basic set spells with an apostrophe (it has no `"`).
    private static let replacements: [Unicode.Scalar: String] = [
        "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
        "«": "'", "»": "'", "“": "'", "”": "'", "\"": "'", "’": "'", "‘": "'", "‹": "'", "›": "'",
        "&": "+", "–": "-", "—": "-", "‐": "-", "_": "-",
        "\u{00A0}": " ", "\u{202F}": " ",
    ]
}

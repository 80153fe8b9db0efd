import Foundation

/// Anonymising an answer before it becomes a note.
public struct Anonymization: Sendable, Equatable {
    public struct Removal: Sendable, Equatable, Codable {
        public var original: String
        public var replacement: String
        public var count: Int
        public init(original: String, replacement: String, count: Int) {
            self.original = original
            self.replacement = replacement
            self.count = count
        }
    }

    public var text: String
    public var removals: [Removal]                  // what was removed, in order of first appearance

    public init(text: String, removals: [Removal]) {
        self.text = text
        self.removals = removals
    }
}

public enum Anonymizer {
    public static let person = "[personne]"
    public static let structure = "[structure]"
    public static let siret = "[SIRET]"
    public static let email = "[adresse e-mail]"
    public static let phone = "[téléphone]"

    /// Replaces, case- and accent-insensitively and on word boundaries: each of `names` (persons) by « [personne] »,
    /// each of `structures` by « [structure] », every SIRET (14 digits, spaces allowed) and SIREN (9) by « [SIRET] »,
    /// e-mail addresses by « [adresse e-mail] », French phone numbers by « [téléphone] ».
    /// A person given as « Jean Martin » is also removed where « Martin » stands alone.
    public static func anonymize(_ text: String, structures: [String], names: [String]) -> Anonymization {
        let chars = Array(text)
        let folded = FoldedText(chars)
        var matches: [Match] = []
        func add(_ found: [Match]) {
            for m in found where !matches.contains(where: { $0.range.overlaps(m.range) }) { matches.append(m) }
        }
        add(pattern(emailPattern, in: text, replacement: email))
        for s in sorted(structures) { add(folded.occurrences(of: s, replacement: structure)) }
        for n in sorted(personPatterns(names)) { add(folded.occurrences(of: n, replacement: person)) }
        add(pattern(siretPattern, in: text, replacement: siret))
        add(pattern(phonePattern, in: text, replacement: phone))
        matches.sort { $0.range.lowerBound < $1.range.lowerBound }

        var out = ""
        var removals: [Anonymization.Removal] = []
        var position = 0
        for m in matches {
            out += String(chars[position..<m.range.lowerBound]) + m.replacement
            position = m.range.upperBound
            if let i = removals.firstIndex(where: { $0.original == m.original && $0.replacement == m.replacement }) {
                removals[i].count += 1
            } else {
                removals.append(.init(original: m.original, replacement: m.replacement, count: 1))
            }
        }
        out += String(chars[position...])
        return Anonymization(text: out, removals: removals)
    }

    /// A found occurrence: Character offsets in the text, and what the removal list calls it.
    struct Match {
        var range: Range<Int>
        var original: String
        var replacement: String
    }

    /// Longest first, so « Emploi Solidaire 44 » goes before « Emploi Solidaire »; blanks dropped.
    private static func sorted(_ list: [String]) -> [String] {
        var seen: Set<String> = []
        return list.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert(SearchText.fold($0)).inserted }
            .sorted { $0.count > $1.count }
    }

    /// The names, and the last word of each name of several words (« Martin » of « Jean Martin »).
    private static func personPatterns(_ names: [String]) -> [String] {
        var out: [String] = []
        for name in names {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            out.append(trimmed)
            let words = trimmed.split(whereSeparator: \.isWhitespace)
            if words.count > 1, let last = words.last, last.count > 2 { out.append(String(last)) }
        }
        return out
    }

    private static let blank = "[ \\u00A0\\u202F]"
    private static let emailPattern = "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}"
    private static let siretPattern = "(?<![0-9])[0-9]{3}\(blank)?[0-9]{3}\(blank)?[0-9]{3}(?:\(blank)?[0-9]{5})?(?![0-9])"
    private static let phonePattern =
        "(?<![0-9+])(?:(?:\\+|00)33[ .\\-\\u00A0]?(?:\\(0\\)[ .\\-\\u00A0]?)?[1-9]|0[1-9])(?:[ .\\-\\u00A0\\u202F]?[0-9]{2}){4}(?![0-9])"

    /// The matches of a regular expression, as Character offsets.
    private static func pattern(_ pattern: String, in text: String, replacement: String) -> [Match] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { result in
            guard let range = Range(result.range, in: text) else { return nil }
            let lower = text[..<range.lowerBound].count
            let upper = text[..<range.upperBound].count
            guard upper > lower else { return nil }
            return Match(range: lower..<upper, original: String(text[range]), replacement: replacement)
        }
    }
}

/// The text folded character by character, each folded character knowing the original
/// Character it came from: matches are found folded and cut out of the original.
struct FoldedText {
    let chars: [Character]
    let origin: [Int]

    init(_ text: [Character]) {
        var chars: [Character] = []
        var origin: [Int] = []
        for (i, c) in text.enumerated() {
            for f in SearchText.fold(String(c)) {
                chars.append(f)
                origin.append(i)
            }
        }
        self.chars = chars
        self.origin = origin
    }

    /// Where `needle` stands as whole words (any case, any accents; a blank matches any run of blanks).
    func occurrences(of needle: String, replacement: String) -> [Anonymizer.Match] {
        let pattern = Array(SearchText.fold(needle))
        guard !pattern.isEmpty else { return [] }
        var found: [Anonymizer.Match] = []
        var i = 0
        while i < chars.count {
            if (i == 0 || !SearchText.isWordCharacter(chars[i - 1])), let end = match(pattern, at: i),
               end == chars.count || !SearchText.isWordCharacter(chars[end]) {
                found.append(.init(range: origin[i]..<(origin[end - 1] + 1), original: needle, replacement: replacement))
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    /// The end of `pattern` matched at `start`, or nil.
    private func match(_ pattern: [Character], at start: Int) -> Int? {
        var i = start
        var p = 0
        while p < pattern.count {
            if pattern[p].isWhitespace {
                guard i < chars.count, chars[i].isWhitespace else { return nil }
                while i < chars.count, chars[i].isWhitespace { i += 1 }
                while p < pattern.count, pattern[p].isWhitespace { p += 1 }
            } else {
                guard i < chars.count, chars[i] == pattern[p] else { return nil }
                i += 1
                p += 1
            }
        }
        return i
    }
}

import Foundation

/// Highlighting: segments of `text` where every word whose stem matches a term's stem is marked.
public struct Highlight: Sendable, Equatable, Codable {
    public var text: String
    public var mark: Bool
    public init(text: String, mark: Bool) {
        self.text = text
        self.mark = mark
    }
}

public enum Highlighter {
    /// The text cut to about `maxLength` characters around the first match (« … » at cut ends), as segments.
    /// No match: the beginning of the text. `maxLength` ≤ 0: the whole text. Cuts fall between characters
    /// (never inside one), on a space when there is one near.
    public static func segments(_ text: String, terms: [String], maxLength: Int) -> [Highlight] {
        let chars = Array(text)
        guard !chars.isEmpty else { return [] }
        let stems = Set(terms.map { FrenchStemmer.stem(SearchText.fold($0)) }.filter { !$0.isEmpty })
        let words = wordRanges(chars)
        // Folding and stemming are the cost: each distinct word once, and only the words up to the
        // first match (which places the window) and those inside the window.
        var known: [String: Bool] = [:]
        func matches(_ range: Range<Int>) -> Bool {
            let word = String(chars[range])
            if let hit = known[word] { return hit }
            let hit = stems.contains(FrenchStemmer.stem(SearchText.fold(word)))
            known[word] = hit
            return hit
        }
        let first = stems.isEmpty ? nil : words.first(where: matches)
        let window = self.window(in: chars, around: first, maxLength: maxLength)
        let marked = first == nil ? [] : words.filter { $0.lowerBound >= window.lowerBound && $0.upperBound <= window.upperBound && matches($0) }

        var out: [Highlight] = []
        func append(_ s: String, mark: Bool) {
            guard !s.isEmpty else { return }
            if let last = out.last, last.mark == mark, !mark {
                out[out.count - 1].text += s
            } else {
                out.append(Highlight(text: s, mark: mark))
            }
        }
        if window.lowerBound > 0 { append("… ", mark: false) }
        var position = window.lowerBound
        for range in marked where range.lowerBound >= window.lowerBound && range.upperBound <= window.upperBound {
            append(String(chars[position..<range.lowerBound]), mark: false)
            append(String(chars[range]), mark: true)
            position = range.upperBound
        }
        append(String(chars[position..<window.upperBound]), mark: false)
        if window.upperBound < chars.count { append(" …", mark: false) }
        return out
    }

    /// The ranges of the words (letters and digits) of `chars`.
    static func wordRanges(_ chars: [Character]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (i, c) in chars.enumerated() {
            if SearchText.isWordCharacter(c) {
                if start == nil { start = i }
            } else if let s = start {
                ranges.append(s..<i)
                start = nil
            }
        }
        if let s = start { ranges.append(s..<chars.count) }
        return ranges
    }

    /// About `maxLength` characters: a third before the match, the rest after; moved onto spaces
    /// when one is close, so no word is cut in two when it can be helped.
    static func window(in chars: [Character], around match: Range<Int>?, maxLength: Int) -> Range<Int> {
        guard maxLength > 0, chars.count > maxLength else { return 0..<chars.count }
        var start = 0
        if let match {
            start = max(0, min(match.lowerBound - maxLength / 3, chars.count - maxLength))
        }
        var end = min(chars.count, start + maxLength)
        let slack = max(1, maxLength / 5)
        if start > 0 {
            // Forward to the start of the next word, without passing the match.
            let limit = min(match?.lowerBound ?? end, start + slack)
            var i = start
            while i < limit, !chars[i - 1].isWhitespace { i += 1 }
            if chars[i - 1].isWhitespace { start = i }
            while start < limit, chars[start].isWhitespace { start += 1 }
        }
        if end < chars.count {
            // Back to the end of the previous word, without cutting the match.
            let limit = max(match?.upperBound ?? start, end - slack, start)
            var i = end
            while i > limit, !chars[i].isWhitespace { i -= 1 }
            if i > limit, chars[i].isWhitespace {
                while i > limit, chars[i - 1].isWhitespace { i -= 1 }
                end = i
            }
        }
        return start..<max(start, end)
    }
}

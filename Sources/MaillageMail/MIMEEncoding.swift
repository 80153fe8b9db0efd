import Foundation

/// Header encoding and folding (RFC 5322 §2.2.3, RFC 2047): every line at most 76 characters
/// where the text allows it, non-ASCII text as UTF-8 base64 encoded-words.
enum Header {
    static let maxLine = 76

    /// One line: CR, LF and other controls become spaces (no header injection).
    static func singleLine(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : $0 }))
    }

    static func isPlainASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 32 && $0 < 127 } }

    /// `Name: value` folded: ASCII text folds at spaces; other text becomes encoded-words,
    /// each of them at most `maxLine - 1` long, on continuation lines starting with a space.
    static func field(_ name: String, _ value: String) -> String {
        let v = singleLine(value)
        let tokens = isPlainASCII(v) ? v.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                                     : encodedWords(v, firstLineBudget: maxLine - name.count - 2)
        return fold(name + ":", tokens)
    }

    /// Joins tokens with single spaces, breaking the line (CRLF + space) before a token that would
    /// pass the limit. An ASCII word longer than a line stays whole (RFC 5322 allows 998).
    static func fold(_ start: String, _ tokens: [String]) -> String {
        var out = start, lineLength = start.count
        for (i, token) in tokens.enumerated() {
            if i > 0 && lineLength + 1 + token.count > maxLine && lineLength > 1 {
                out += "\r\n " + token
                lineLength = 1 + token.count
            } else {
                out += " " + token
                lineLength += 1 + token.count
            }
        }
        return out
    }

    /// `=?UTF-8?B?…?=` words, never splitting a character: the first sized for what is left of
    /// the first line, the others for a continuation line (one leading space).
    static func encodedWords(_ s: String, firstLineBudget: Int) -> [String] {
        func bytes(forWordLength length: Int) -> Int { max(3, 3 * ((length - 12) / 4)) }
        var words: [String] = [], chunk: [UInt8] = []
        var limit = bytes(forWordLength: max(firstLineBudget, 16))
        for c in s {
            let utf8 = Array(String(c).utf8)
            if !chunk.isEmpty && chunk.count + utf8.count > limit {
                words.append(word(chunk))
                chunk = []
                limit = bytes(forWordLength: maxLine - 1)
            }
            chunk += utf8
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?=" }

    /// A mailbox for From/To: a plain name quoted, another name encoded, then `<address>`.
    static func mailbox(_ a: MailAddress) -> [String] {
        guard let name = a.name else { return [a.address] }
        let address = "<" + a.address + ">"
        if isPlainASCII(name) {
            let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            return [quoted, address]
        }
        return encodedWords(name, firstLineBudget: maxLine - 7) + [address]
    }

    static func addressField(_ name: String, _ list: [MailAddress]) -> String {
        var tokens: [String] = []
        for (i, a) in list.enumerated() {
            var t = mailbox(a)
            if i < list.count - 1 { t[t.count - 1] += "," }
            tokens += t
        }
        return fold(name + ":", tokens)
    }

    /// RFC 5322 date: `Sun, 6 Dec 2026 05:03:42 +0100`, English names, the zone's offset.
    static func date(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offset = timeZone.secondsFromGMT(for: date) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let zone = (offset < 0 ? "-" : "+") + two(abs(offset) / 60) + two(abs(offset) % 60)
        return "\(days[c.weekday! - 1]), \(c.day!) \(months[c.month! - 1]) \(c.year!) \(two(c.hour!)):\(two(c.minute!)):\(two(c.second!)) \(zone)"
    }
}

/// Quoted-printable body (RFC 2045 §6.7): lines of at most 76 characters, soft breaks (`=`)
/// never inside an `=XX`, trailing spaces and tabs encoded, CRLF line ends.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { encodeLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    static func encodeLine(_ bytes: [UInt8]) -> String {
        var out = "", line = ""
        for (i, b) in bytes.enumerated() {
            let isLast = i == bytes.count - 1
            let literal = (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || ((b == 32 || b == 9) && !isLast)
            let piece = literal ? String(UnicodeScalar(b)) : hex(b)
            // 75 characters leave room for the soft break's `=`; the last piece may use column 76.
            let room = isLast ? 76 : 75
            if line.count + piece.count > room {
                out += line + "=\r\n"
                line = ""
            }
            line += piece
        }
        return out + line
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }
}

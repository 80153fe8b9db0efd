/// The text of a numeric cell as a plain decimal, computed on digits (no
/// binary floating point, which would turn 0.1 into 0.1000000000000000055…).
enum XLSXNumber {
    /// Excel keeps 15 significant digits: anything further in the file is the
    /// noise of its binary doubles ("1234.5599999999999" for a typed 1234,56),
    /// so the value is rounded there, half away from zero, as Excel displays it.
    static let significantDigits = 15

    /// "1234.5" → "1234.5", "1.2345E3" → "1234.5", "-5E-3" → "-0.005",
    /// "0.30000000000000004" → "0.3", "2024.0" → "2024"; nil when `raw` is not
    /// a number.
    static func plain(_ raw: String) -> String? {
        if isAlreadyPlain(raw) { return raw }
        var text = Array(raw.utf8)[...]
        while text.first == 0x20 { text = text.dropFirst() }
        while text.last == 0x20 { text = text.dropLast() }
        let negative = text.first == UInt8(ascii: "-")
        if negative || text.first == UInt8(ascii: "+") { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 | 0x20 == UInt8(ascii: "e") }) {
            // Beyond ±400 no double exists; refusing keeps the output short.
            // (A range, not abs(): abs(Int.min) traps.)
            guard let value = Int(String(decoding: text[(e + 1)...], as: UTF8.self)), (-400...400).contains(value) else { return nil }
            exponent = value
            text = text[..<e]
        }
        // value = digits × 10^exponent
        var digits: [UInt8] = []
        var point = false
        for byte in text {
            if byte == UInt8(ascii: "."), !point {
                point = true
            } else if (48...57).contains(byte) {
                digits.append(byte - 48)
                if point { exponent -= 1 }
            } else {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        digits = Array(digits.drop { $0 == 0 })
        guard !digits.isEmpty else { return "0" }

        if digits.count > significantDigits {
            exponent += digits.count - significantDigits
            let roundUp = digits[significantDigits] >= 5
            digits.removeLast(digits.count - significantDigits)
            if roundUp { increment(&digits) }
        }
        while digits.count > 1, digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        return (negative ? "-" : "") + render(digits, exponent: exponent)
    }

    /// The common case, answered without building anything: "-12", "52340.5",
    /// at most 15 digits, no exponent, no needless zero ("07", "2.50", "-0").
    private static func isAlreadyPlain(_ raw: String) -> Bool {
        let digit: ClosedRange<UInt8> = 48...57
        var body = Substring(raw).utf8
        let negative = body.first == UInt8(ascii: "-")
        if negative { body = body.dropFirst() }
        guard let first = body.first, let last = body.last, digit.contains(first), digit.contains(last) else { return false }
        var digits = 0
        var points = 0
        for byte in body {
            if digit.contains(byte) { digits += 1 } else if byte == UInt8(ascii: ".") { points += 1 } else { return false }
        }
        guard points <= 1, digits <= significantDigits else { return false }
        if first == UInt8(ascii: "0") {
            if body.count == 1 { return !negative }
            if body.dropFirst().first != UInt8(ascii: ".") { return false }
        }
        return points == 0 || last != UInt8(ascii: "0")
    }

    /// Adds one unit in the last place; 999 becomes 1000.
    private static func increment(_ digits: inout [UInt8]) {
        var i = digits.count - 1
        while i >= 0 {
            if digits[i] < 9 {
                digits[i] += 1
                return
            }
            digits[i] = 0
            i -= 1
        }
        digits.insert(1, at: 0)
    }

    private static func render(_ digits: [UInt8], exponent: Int) -> String {
        let zero = UInt8(ascii: "0")
        var out = digits.map { $0 + zero }
        if exponent >= 0 {
            out += repeatElement(zero, count: exponent)
        } else if digits.count + exponent > 0 {
            out.insert(UInt8(ascii: "."), at: digits.count + exponent)
        } else {
            out = [zero, UInt8(ascii: ".")] + repeatElement(zero, count: -(digits.count + exponent)) + out
        }
        return String(decoding: out, as: UTF8.self)
    }
}

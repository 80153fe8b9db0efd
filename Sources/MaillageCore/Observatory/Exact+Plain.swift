extension Exact {
    /// The decimals answers are stored as ("1234.56", "-3", "0,5"): ASCII digits, an optional
    /// sign, one separator, at most 18 digits. Read byte by byte, without Foundation, because
    /// a campaign reads a quarter of a million of them; anything else (spaces, long numbers)
    /// is nil here and left to the general parser, which accepts the same text this does.
    static func plain(_ text: String) -> Exact? {
        var text = text
        return text.withUTF8 { bytes -> Exact? in
            var i = 0, negative = false
            if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                negative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var mantissa: Int64 = 0, digits = 0, fraction = -1
            while i < bytes.count {
                let b = bytes[i]
                if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    guard digits < 18 else { return nil }
                    mantissa = mantissa * 10 + Int64(b - UInt8(ascii: "0"))
                    digits += 1
                    if fraction >= 0 { fraction += 1 }
                } else if (b == UInt8(ascii: ".") || b == UInt8(ascii: ",")) && fraction < 0 {
                    fraction = 0
                } else {
                    return nil
                }
                i += 1
            }
            guard digits > 0, fraction <= 12 else { return nil }
            var scale: Int128 = 1
            for _ in 0..<max(fraction, 0) { scale *= 10 }
            return Exact(Int128(negative ? -mantissa : mantissa), scale)
        }
    }
}

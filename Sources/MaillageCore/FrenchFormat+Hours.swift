extension FrenchFormat {
    /// Minutes shown as hours, up to two decimals (rounded half up on the hundredth), trailing
    /// zeros dropped: 210 → "3,5 h", 180 → "3 h", 45 → "0,75 h", 1 320 000 → "22 000 h"
    /// (U+202F before "h" and between thousands).
    public static func minutesAsHours(_ minutes: Int) -> String {
        let magnitude = minutes.magnitude
        let hundredths = (magnitude * 100 * 2 + 60) / 120                 // minutes / 60 × 100, half up
        let whole = hundredths / 100
        let fraction = hundredths % 100
        var text = (minutes < 0 && hundredths > 0 ? "-" : "") + grouped(String(whole))
        if fraction != 0 {
            text += "," + (fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0" : "") + "\(fraction)")
        }
        return text + thinSpace + "h"
    }
}

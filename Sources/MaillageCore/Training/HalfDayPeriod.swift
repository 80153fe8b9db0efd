/// A training day's half: morning or afternoon. Stored "am" / "pm".
public enum HalfDayPeriod: String, Sendable, Codable, CaseIterable, Comparable {
    case morning = "am", afternoon = "pm"

    /// « matin », « après-midi ».
    public var label: String {
        switch self {
        case .morning: "matin"
        case .afternoon: "après-midi"
        }
    }

    /// The morning comes first.
    public static func < (a: HalfDayPeriod, b: HalfDayPeriod) -> Bool { a == .morning && b == .afternoon }
}

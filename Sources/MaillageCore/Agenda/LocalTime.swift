import Foundation

/// A wall-clock time of day, minute precision: a half-day's start and end, an event's hour.
/// Stored as "HH:MM" (which sorts as the times do); shown the French way ("9 h 30").
public struct LocalTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since midnight, 0..<1440.
    public let minutes: Int

    /// Nil unless it is a real time of day (0–23 h, 0–59 min).
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutes = hour * 60 + minute
    }

    /// A time typed by people: "09:00", "9:00", "9h", "9 h", "9h30", "09 h 30", "9H30";
    /// nil when it is not a real time. Minutes, when given, have two digits.
    public init?(typed: String) {
        let compact = typed.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }
        let text = String(String.UnicodeScalarView(compact))
        let separator: Character
        if text.contains(":") { separator = ":" } else if text.contains("h") { separator = "h" } else { return nil }
        let parts = text.split(separator: separator, maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
              let hour = Int(parts[0]) else { return nil }
        let minutePart = parts[1]
        if minutePart.isEmpty {
            guard separator == "h" else { return nil }   // "9:" is not a time, "9h" is
            self.init(hour: hour, minute: 0)
            return
        }
        guard minutePart.count == 2, minutePart.allSatisfy(\.isASCIIDigit), let minute = Int(minutePart) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// The stored "HH:MM" form, nil unless exactly that shape and a real time.
    public init?(stored: String) {
        let parts = stored.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = FrenchFormat.number(parts[0]), let minute = FrenchFormat.number(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// "09:00": the stored form.
    public var description: String { FrenchFormat.pad(hour) + ":" + FrenchFormat.pad(minute) }

    /// "9 h", "9 h 30": narrow no-break spaces (U+202F) around "h", so the time never breaks.
    public var french: String {
        let h = "\(hour)" + FrenchFormat.thinSpace + "h"
        return minute == 0 ? h : h + FrenchFormat.thinSpace + FrenchFormat.pad(minute)
    }

    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.minutes < b.minutes }

    /// Encoded as its stored text, "09:00".
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = LocalTime(stored: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a HH:MM time: \(text)"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

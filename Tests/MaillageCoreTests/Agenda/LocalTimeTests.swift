import Foundation
import Testing
@testable import MaillageCore

@Suite("Local times of day")
struct LocalTimeTests {
    @Test("typed times people write", arguments: [
        ("09:00", 540), ("9:00", 540), ("9h", 540), ("9 h", 540), ("9h30", 570), ("09 h 30", 570),
        ("9H30", 570), (" 17:45 ", 1065), ("0h", 0), ("23:59", 1439), ("12\u{202F}h\u{202F}30", 750),
    ])
    func typed(text: String, minutes: Int) {
        #expect(LocalTime(typed: text)?.minutes == minutes)
    }

    @Test("not times", arguments: ["", "9", "24:00", "9:60", "9:5", "9h5", "9:", "h30", "123:00", "9h30h", "-1:00",
                                   "9.30", "neuf heures", "٩:٣٠", "+9:00"])
    func notTimes(text: String) {
        #expect(LocalTime(typed: text) == nil)
    }

    @Test("stored, shown and coded forms")
    func forms() throws {
        let t = LocalTime(hour: 9, minute: 5)!
        #expect(t.description == "09:05")
        #expect(t.french == "9\u{202F}h\u{202F}05")
        #expect(LocalTime(hour: 14, minute: 0)!.french == "14\u{202F}h")
        #expect(LocalTime(stored: "09:05") == t)
        #expect(LocalTime(stored: "9:05") == nil)
        #expect(LocalTime(hour: 24, minute: 0) == nil)
        #expect(LocalTime(hour: 8, minute: 59)! < t)
        let data = try JSONEncoder().encode([t])
        #expect(String(decoding: data, as: UTF8.self) == #"["09:05"]"#)
        #expect(try JSONDecoder().decode([LocalTime].self, from: data) == [t])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalTime].self, from: Data(#"["9h"]"#.utf8)) }
    }

    @Test("half-day periods: the morning first, French labels")
    func periods() {
        #expect(HalfDayPeriod.allCases.sorted() == [.morning, .afternoon])
        #expect(HalfDayPeriod.morning < .afternoon && !(HalfDayPeriod.afternoon < .morning))
        #expect(HalfDayPeriod(rawValue: "pm") == .afternoon)
        #expect(HalfDayPeriod.morning.label == "matin" && HalfDayPeriod.afternoon.label == "après-midi")
    }
}

import Foundation
import Testing
@testable import MaillageCore

@Suite("Calendar day")
struct DayTests {
    @Test("a day reads ISO and French text, and is written back both ways")
    func readAndWrite() throws {
        let day = try #require(Day(typed: "3/7/2026"))
        #expect(day == Day(iso: "2026-07-03"))
        #expect(day.iso == "2026-07-03")
        #expect(day.french == "03/07/2026")
        #expect(Day(typed: " 2026-07-03 ") == day)
    }

    @Test("no 30 February, no half-typed day, no ISO day in French clothes")
    func refusals() {
        #expect(Day(iso: "2026-02-30") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2026-7-3") == nil)
        #expect(Day(iso: "03/07/2026") == nil)
        #expect(Day(typed: "31/04/2026") == nil)
        #expect(Day(typed: "") == nil)
    }

    @Test("days sort as the calendar does, and travel as ISO text")
    func orderAndCoding() throws {
        let days = ["2025-12-31", "2025-01-02", "2024-12-31"].compactMap(Day.init(iso:))
        #expect(days.sorted().map(\.iso) == ["2024-12-31", "2025-01-02", "2025-12-31"])
        let json = try JSONEncoder().encode(["on": days[0]])
        #expect(String(decoding: json, as: UTF8.self) == #"{"on":"2025-12-31"}"#)
        #expect(try JSONDecoder().decode([String: Day].self, from: json)["on"] == days[0])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: Day].self, from: Data(#"{"on":"31/12/2025"}"#.utf8)) }
    }

    @Test("today is the Paris day: 23:30 UTC on 31 December is already 1 January in France")
    func todayInParis() {
        let lateUTC = Date(timeIntervalSince1970: 1_767_223_800)  // 2025-12-31 23:30 UTC
        #expect(Day.today(now: lateUTC) == Day(year: 2026, month: 1, day: 1))
    }
}

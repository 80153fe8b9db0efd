import Foundation
import Testing
@testable import MaillageCore

private func at(_ epoch: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(epoch)) }
private func day(_ iso: String) -> Day { Day(iso: iso)! }

/// The physical lines of a calendar, split on CRLF only (a bare LF or CR stays inside a line).
private func physicalLines(_ text: String) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
        if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
            lines.append(current)
            current = []
            i += 2
        } else {
            current.append(bytes[i])
            i += 1
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}

/// Content lines: a CRLF followed by a space is removed (RFC 5545 §3.1 unfolding).
private func contentLines(_ text: String) -> [String] {
    text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
}

@Suite("iCalendar writer (RFC 5545)")
struct ICalendarTests {
    static let longText = "Réunion des comptables — clôture des comptes 2026 🎉👩‍👩‍👧, "
        + String(repeating: "ÉÀÇ 日本語 🇫🇷 ", count: 12) + "fin."

    @Test("TEXT escaping: backslash, semicolon, comma, every line break; control characters dropped")
    func escaping() {
        #expect(ICalendar.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendar.escape("un\ndeux\r\ntrois\rquatre") == #"un\ndeux\ntrois\nquatre"#)
        #expect(ICalendar.escape("tab\tok\u{0}\u{7}\u{7F}") == "tab\tok")
        #expect(ICalendar.escape("Salle « Étoile », 2ᵉ étage") == #"Salle « Étoile »\, 2ᵉ étage"#)
    }

    @Test("folding: physical lines of at most 75 octets, never inside a UTF-8 sequence; unfolding gives the line",
          arguments: [0, 1, 2, 3, 70, 73, 74])
    func folding(prefixLength: Int) {
        let line = "DESCRIPTION:" + String(repeating: "x", count: prefixLength) + ICalendar.escape(Self.longText)
        let folded = ICalendar.fold(line)
        let physical = physicalLines(folded)
        #expect(physical.count > 1)
        for (index, bytes) in physical.enumerated() {
            #expect(bytes.count <= 75)
            #expect(String(validating: bytes, as: UTF8.self) != nil, "line \(index) cut inside a UTF-8 sequence")
            #expect(index == 0 || bytes.first == 32)
        }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendar.fold("SUMMARY:court") == "SUMMARY:court")
        let exactly75 = "SUMMARY:" + String(repeating: "é", count: 33) + "x"   // 8 + 66 + 1 octets
        #expect(ICalendar.fold(exactly75) == exactly75)
        #expect(physicalLines(ICalendar.fold(exactly75 + "y")).map(\.count) == [75, 2])
    }

    static let events = [
        CalendarEvent(uid: "session-1@maillage", sequence: 3, stamp: at(1_796_565_909), lastModified: at(1_796_565_000),
                      when: .timed(start: at(1_774_746_000), end: at(1_774_746_000 + 7 * 3600)),
                      summary: "Formation; management, niveau 1", description: longText + "\nLigne 2",
                      location: "Nantes, salle 3", url: "https://maillage.test/formations/sessions/1",
                      categories: ["Formation", "Réunion, interne"]),
        CalendarEvent(uid: "event-2@maillage", stamp: at(1_796_565_909),
                      when: .allDay(first: day("2026-12-31"), last: day("2027-01-01")),
                      summary: "Assemblée générale", status: .cancelled),
    ]

    @Test("a whole calendar: CRLF everywhere, header, VTIMEZONE, timed and all-day events")
    func calendar() {
        let text = ICalendar.calendar(name: "Réseau, agenda", events: Self.events)
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        // Every LF is preceded by a CR and every CR followed by an LF (Swift sees "\r\n" as one character: count bytes).
        let bytes = Array(text.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != 10 || ($0 > 0 && bytes[$0 - 1] == 13) })
        #expect(bytes.indices.allSatisfy { bytes[$0] != 13 || ($0 + 1 < bytes.count && bytes[$0 + 1] == 10) })
        #expect(bytes.filter { $0 == 10 }.count == physicalLines(text).count)
        for bytes in physicalLines(text) { #expect(bytes.count <= 75) }
        let lines = contentLines(text)
        #expect(Array(lines.prefix(7)) == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Maillage//Agenda//FR", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", #"X-WR-CALNAME:Réseau\, agenda"#, "X-WR-TIMEZONE:Europe/Paris",
        ])
        let zone = Array(lines.drop { $0 != "BEGIN:VTIMEZONE" }.prefix { $0 != "END:VTIMEZONE" })
        #expect(zone.contains("TZID:Europe/Paris"))
        let daylight = Array(zone.drop { $0 != "BEGIN:DAYLIGHT" }.prefix { $0 != "END:DAYLIGHT" })
        #expect(Set(daylight) == ["BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
                                  "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"])
        let standard = Array(zone.drop { $0 != "BEGIN:STANDARD" }.prefix { $0 != "END:STANDARD" })
        #expect(Set(standard) == ["BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
                                  "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"])
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2 && lines.filter { $0 == "END:VEVENT" }.count == 2)

        let timed = Array(lines.drop { $0 != "UID:session-1@maillage" }.prefix { $0 != "END:VEVENT" })
        #expect(timed.contains("SEQUENCE:3"))
        #expect(timed.contains("DTSTAMP:20261206T140509Z"))
        #expect(timed.contains("LAST-MODIFIED:20261206T135000Z"))
        // 29 March 2026 01:00 UTC is 03:00 summer time; seven hours later 10:00.
        #expect(timed.contains("DTSTART;TZID=Europe/Paris:20260329T030000"))
        #expect(timed.contains("DTEND;TZID=Europe/Paris:20260329T100000"))
        #expect(timed.contains(#"SUMMARY:Formation\; management\, niveau 1"#))
        #expect(timed.contains("DESCRIPTION:" + ICalendar.escape(Self.longText) + #"\nLigne 2"#))
        #expect(timed.contains(#"LOCATION:Nantes\, salle 3"#))
        #expect(timed.contains("URL:https://maillage.test/formations/sessions/1"))
        #expect(timed.contains("STATUS:CONFIRMED"))
        #expect(timed.contains(#"CATEGORIES:Formation,Réunion\, interne"#))

        let allDay = Array(lines.drop { $0 != "UID:event-2@maillage" }.prefix { $0 != "END:VEVENT" })
        #expect(allDay.contains("SEQUENCE:0"))
        #expect(allDay.contains("DTSTART;VALUE=DATE:20261231"))
        #expect(allDay.contains("DTEND;VALUE=DATE:20270102"))   // exclusive: the day after the last
        #expect(allDay.contains("STATUS:CANCELLED"))
        #expect(!allDay.contains { $0.hasPrefix("LAST-MODIFIED") || $0.hasPrefix("DESCRIPTION") || $0.hasPrefix("CATEGORIES") })
    }

    @Test("winter times, a one-day all-day event, an end not after the start")
    func edges() {
        let winter = CalendarEvent(uid: "w", stamp: at(0), when: .timed(start: at(1_796_565_909), end: at(1_796_565_909)),
                                   summary: "Webinaire")
        let oneDay = CalendarEvent(uid: "d", stamp: at(0), when: .allDay(first: day("2028-02-28"), last: day("2028-02-28")),
                                   summary: "Journée régionale", status: .tentative)
        let lines = contentLines(ICalendar.calendar(name: "x", events: [winter, oneDay]))
        #expect(lines.contains("DTSTAMP:19700101T000000Z"))
        #expect(lines.contains("DTSTART;TZID=Europe/Paris:20261206T150509"))
        #expect(!lines.contains { $0.hasPrefix("DTEND;TZID") })
        #expect(lines.contains("DTSTART;VALUE=DATE:20280228") && lines.contains("DTEND;VALUE=DATE:20280229"))
        #expect(lines.contains("STATUS:TENTATIVE"))
    }
}

import Foundation

/// RFC 5545 writer (pure): CRLF line ends, content lines folded at 75 octets (never inside a
/// UTF-8 sequence), TEXT values escaped, one VTIMEZONE for Europe/Paris.
public enum ICalendar {
    /// The text/calendar media type of what `calendar` writes.
    public static let contentType = "text/calendar; charset=utf-8"

    /// A whole VCALENDAR: VERSION:2.0, PRODID:-//Maillage//Agenda//FR, CALSCALE:GREGORIAN,
    /// METHOD:PUBLISH, X-WR-CALNAME:name, X-WR-TIMEZONE:Europe/Paris, the VTIMEZONE, the events.
    /// Every line, the last included, ends with CRLF.
    public static func calendar(name: String, events: [CalendarEvent]) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Maillage//Agenda//FR",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name),
            "X-WR-TIMEZONE:Europe/Paris",
        ]
        lines += parisTimeZone
        for event in events { lines += eventLines(event) }
        lines.append("END:VCALENDAR")
        var out = ""
        out.reserveCapacity(lines.count * 40)
        for line in lines {
            out += fold(line)
            out += "\r\n"
        }
        return out
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break
    /// (CRLF, LF or CR) written \n; other control characters (not allowed in TEXT) dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A content line folded (RFC 5545 §3.1): physical lines of at most 75 octets, each
    /// continuation starting with CRLF + one space, never cut inside a UTF-8 sequence.
    /// The result has no final CRLF.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        out.reserveCapacity(line.utf8.count + line.utf8.count / 70 * 3)
        var used = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if used + size > limit {
                out += "\r\n "
                used = 0
                limit = 74      // the leading space takes one octet
            }
            out.unicodeScalars.append(scalar)
            used += size
        }
        return out
    }

    // MARK: - Events

    static func eventLines(_ event: CalendarEvent) -> [String] {
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + escape(event.uid),
            "SEQUENCE:\(max(0, event.sequence))",
            "DTSTAMP:" + utc(event.stamp),
        ]
        if let modified = event.lastModified { lines.append("LAST-MODIFIED:" + utc(modified)) }
        switch event.when {
        case let .timed(start, end):
            lines.append("DTSTART;TZID=Europe/Paris:" + paris(start))
            // RFC 5545 wants DTEND after DTSTART: without it the event ends where it starts.
            if end > start { lines.append("DTEND;TZID=Europe/Paris:" + paris(end)) }
        case let .allDay(first, last):
            lines.append("DTSTART;VALUE=DATE:" + date(first))
            lines.append("DTEND;VALUE=DATE:" + date(max(first, last).adding(days: 1)))
        }
        lines.append("SUMMARY:" + escape(event.summary))
        if let text = event.description, !text.isEmpty { lines.append("DESCRIPTION:" + escape(text)) }
        if let text = event.location, !text.isEmpty { lines.append("LOCATION:" + escape(text)) }
        if let url = event.url, !url.isEmpty { lines.append("URL:" + uri(url)) }
        lines.append("STATUS:" + event.status.rawValue)
        let categories = event.categories.filter { !$0.isEmpty }
        if !categories.isEmpty { lines.append("CATEGORIES:" + categories.map(escape).joined(separator: ",")) }
        if event.status == .cancelled { lines.append("TRANSP:TRANSPARENT") }
        lines.append("END:VEVENT")
        return lines
    }

    /// Europe/Paris as calendar apps expect it: the EU rules since 1996, as two yearly RRULEs.
    static let parisTimeZone = [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "X-LIC-LOCATION:Europe/Paris",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    // MARK: - Values

    /// "20261206T140500Z".
    static func utc(_ instant: Date) -> String {
        let t = ParisTime.epochSeconds(instant)
        let serial = ParisTime.floorDiv(t, 86_400)
        let (y, m, d) = Day.civil(fromSerial: serial)
        let s = t - serial * 86_400
        return digits(y, 4) + digits(m, 2) + digits(d, 2) + "T" + digits(s / 3600, 2) + digits(s % 3600 / 60, 2)
            + digits(s % 60, 2) + "Z"
    }

    /// "20261206T150500": the Paris wall time of an instant (seconds kept).
    static func paris(_ instant: Date) -> String {
        let t = ParisTime.epochSeconds(instant)
        let (day, s) = ParisTime.wall(t)
        return date(day) + "T" + digits(s / 3600, 2) + digits(s % 3600 / 60, 2) + digits(s % 60, 2)
    }

    /// "20261206".
    static func date(_ day: Day) -> String { digits(day.year, 4) + digits(day.month, 2) + digits(day.day, 2) }

    /// A URI value is not TEXT (no escaping), but may hold no control character or space.
    static func uri(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
    }

    static func digits(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

import Foundation

/// One event of an iCalendar feed (RFC 5545 VEVENT), as `ICalendar` writes it. The app keeps the
/// UID stable for the life of the event and raises `sequence` on every change a calendar should see.
public struct CalendarEvent: Sendable, Equatable {
    public enum Status: String, Sendable {
        case confirmed = "CONFIRMED", tentative = "TENTATIVE", cancelled = "CANCELLED"
    }

    public enum When: Sendable, Equatable {
        /// Written DTSTART;TZID=Europe/Paris:YYYYMMDDTHHMMSS (Paris wall time), DTEND likewise.
        case timed(start: Date, end: Date)
        /// Written DTSTART;VALUE=DATE:first and DTEND;VALUE=DATE:last + 1 day (exclusive).
        case allDay(first: Day, last: Day)
    }

    public var uid: String
    public var sequence: Int
    /// DTSTAMP, written in UTC (…Z).
    public var stamp: Date
    /// LAST-MODIFIED, written in UTC (…Z) when known.
    public var lastModified: Date?
    public var when: When
    public var summary: String
    public var description: String?
    public var location: String?
    public var url: String?
    public var status: Status
    public var categories: [String]

    public init(uid: String, sequence: Int = 0, stamp: Date, lastModified: Date? = nil, when: When,
                summary: String, description: String? = nil, location: String? = nil, url: String? = nil,
                status: Status = .confirmed, categories: [String] = []) {
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.lastModified = lastModified
        self.when = when
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.status = status
        self.categories = categories
    }
}

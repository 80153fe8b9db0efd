import Foundation

/// One member's support as the figures read it: which structure, which programme (its code),
/// which delegation ran it (its code), from when to when (no end: still going).
public struct SupportRecord: Sendable, Equatable {
    public let structureID: UUID
    public let programmeCode: String
    public let delegationCode: String
    public let startedOn: Day
    public let endedOn: Day?

    public init(structureID: UUID, programmeCode: String, delegationCode: String, startedOn: Day, endedOn: Day? = nil) {
        self.structureID = structureID
        self.programmeCode = programmeCode
        self.delegationCode = delegationCode
        self.startedOn = startedOn
        self.endedOn = endedOn
    }

    /// The support runs during some of `year`: started by 31 December, not ended before 1 January.
    public func overlaps(_ year: Int) -> Bool {
        startedOn.year <= year && (endedOn.map { $0.year >= year } ?? true)
    }
}

/// Intervention days a delegation logged: a day, a kind, an amount in half-days.
public struct InterventionRecord: Sendable, Equatable {
    public let delegationCode: String
    public let day: Day
    public let kind: InterventionKind
    public let halfDays: Int

    public init(delegationCode: String, day: Day, kind: InterventionKind, halfDays: Int) {
        self.delegationCode = delegationCode
        self.day = day
        self.kind = kind
        self.halfDays = halfDays
    }
}

/// The yearly support figures as the delegations' activity reports give them (SPEC §7): members
/// supported per programme (distinct structures whose support overlaps the year) and intervention
/// days by kind, for one delegation or the network. Exact: days are counted in half-days and only
/// written as days at the end (« 10,5 j »).
public enum SupportFigures {
    /// What one delegation (or the network) did in a year.
    public struct Block: Sendable, Equatable {
        /// Distinct structures supported in the year, by programme code.
        public var membersByProgramme: [String: Int]
        /// Distinct structures supported in the year, whatever the programme (a member in two
        /// programmes counts once).
        public var members: Int
        /// Half-days by kind (every kind present, 0 when none).
        public var halfDaysByKind: [InterventionKind: Int]
        public var totalHalfDays: Int

        public func members(in programme: String) -> Int { membersByProgramme[programme] ?? 0 }
        public func halfDays(_ kind: InterventionKind) -> Int { halfDaysByKind[kind] ?? 0 }
        public var isEmpty: Bool { members == 0 && totalHalfDays == 0 }
    }

    /// The block of `year`, for the delegation `code` or (nil) the network.
    public static func block(supports: [SupportRecord], days: [InterventionRecord], year: Int, delegation code: String? = nil) -> Block {
        let running = supports.filter { $0.overlaps(year) && (code == nil || $0.delegationCode == code) }
        var byProgramme: [String: Set<UUID>] = [:]
        for s in running { byProgramme[s.programmeCode, default: []].insert(s.structureID) }
        var byKind = Dictionary(uniqueKeysWithValues: InterventionKind.allCases.map { ($0, 0) })
        for d in days where d.day.year == year && (code == nil || d.delegationCode == code) { byKind[d.kind, default: 0] += d.halfDays }
        return Block(membersByProgramme: byProgramme.mapValues(\.count), members: Set(running.map(\.structureID)).count,
                     halfDaysByKind: byKind, totalHalfDays: byKind.values.reduce(0, +))
    }

    /// The delegations with something in `year` (a support running or a day logged), by code, sorted.
    public static func delegations(supports: [SupportRecord], days: [InterventionRecord], year: Int) -> [String] {
        Set(supports.filter { $0.overlaps(year) }.map(\.delegationCode) + days.filter { $0.day.year == year }.map(\.delegationCode)).sorted()
    }

    /// Half-days written as days: 20 → « 10 j », 21 → « 10,5 j », 2 001 → « 1 000,5 j ».
    public static func daysText(_ halfDays: Int) -> String {
        daysNumber(halfDays) + FrenchFormat.thinSpace + "j"
    }

    /// Half-days (never negative) as a French number of days: « 10 », « 10,5 ».
    public static func daysNumber(_ halfDays: Int) -> String {
        let whole = FrenchFormat.integer(halfDays / 2)
        guard halfDays % 2 != 0 else { return whole }
        return whole + ",5"
    }

    /// Half-days as a decimal with a point, for files: 21 → "10.5", 20 → "10".
    public static func daysDecimal(_ halfDays: Int) -> String {
        String(halfDays / 2) + (halfDays % 2 != 0 ? ".5" : "")
    }

    /// The amounts a day's entry may take: half a day to 20 days.
    public static let halfDaysRange = 1...40

    /// A typed amount of days with halves: « 1 », « 0,5 », « 2,5 », « 2.5 », « 3 j » → half-days;
    /// nil for anything else (« 0,25 », « 100 », « 1e9 », « -1 », « 0 »).
    public static func halfDays(typed: String) -> Int? {
        var text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        for suffix in ["jours", "jour", "j"] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        guard !text.isEmpty, text.count <= 6 else { return nil }
        let parts = text.split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 3,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let whole = Int(parts[0]) else { return nil }
        var half = 0
        if parts.count == 2 {
            switch parts[1] {
            case "0", "00": half = 0
            case "5", "50": half = 1
            default: return nil
            }
        }
        let total = whole * 2 + half
        return halfDaysRange.contains(total) ? total : nil
    }
}

import Foundation

/// The yearly certification figures as the activity reports publish them (SPEC §6), computed
/// from the certifications' events only, so that a later step never changes a past year:
///
/// - certified at 31 December: the state after the last event on or before that day is
///   certified or renewed, and the expiry it carries is on or after that day;
/// - newly certified / renewed in the year: distinct structures with a `certify` / `renew`
///   event dated in the year;
/// - engaged in the approach: distinct structures whose state at 31 December is live
///   (engaged, audit planned, certified, renewed, suspended — an expiry passed counts as
///   lapsed), the certified included; « en démarche »: engaged but not certified;
/// - share of members certified: distinct certified structures that are active members at
///   31 December over the active members at 31 December (exact, rounded once).
///
/// Network figures count a structure once whatever its standards; a structure's delegation
/// is that of its department in the year's map (`delegationOf`, given by the caller).
public enum CertificationFigures {
    /// The event actions that count as a first certification and a renewal.
    public static let certifyAction = "certify"
    public static let renewAction = "renew"

    /// One step of a certification's history.
    public struct Event: Sendable, Equatable {
        public let action: String
        public let to: CertificationStatus
        public let day: Day
        /// The expiry the step set or confirmed (certify, renew), nil otherwise.
        public let expiresOn: Day?

        public init(action: String, to: CertificationStatus, day: Day, expiresOn: Day? = nil) {
            self.action = action
            self.to = to
            self.day = day
            self.expiresOn = expiresOn
        }
    }

    /// A certification: its structure (with its department), its standard's code, its events
    /// in the order they were recorded.
    public struct Record: Sendable {
        public let id: UUID
        public let structureID: UUID
        public let department: String
        public let standard: String
        public let events: [Event]

        public init(id: UUID, structureID: UUID, department: String, standard: String, events: [Event]) {
            self.id = id
            self.structureID = structureID
            self.department = department
            self.standard = standard
            // Stable by day: two steps of the same day keep their recorded order.
            self.events = events.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        }
    }

    /// An active member at 31 December and its department.
    public struct Member: Sendable, Hashable {
        public let structureID: UUID
        public let department: String

        public init(structureID: UUID, department: String) {
            self.structureID = structureID
            self.department = department
        }
    }

    /// The counts of one standard (or of the network, `key` "total").
    public struct Row: Sendable, Equatable {
        public var key: String
        public var certified = 0
        public var newlyCertified = 0
        public var renewed = 0
        public var engaged = 0
        /// Engaged, not certified.
        public var inProgress: Int { engaged - certified }

        public init(key: String, certified: Int = 0, newlyCertified: Int = 0, renewed: Int = 0, engaged: Int = 0) {
            self.key = key
            self.certified = certified
            self.newlyCertified = newlyCertified
            self.renewed = renewed
            self.engaged = engaged
        }
    }

    /// A year's figures in one scope (the network or one delegation).
    public struct Year: Sendable, Equatable {
        public let year: Int
        /// One row per standard asked, in the order asked, then any other met (by code).
        public let standards: [Row]
        /// Distinct structures over every standard.
        public let total: Row
        /// Active members at 31 December.
        public let members: Int
        /// Distinct certified structures that are active members at 31 December.
        public let certifiedMembers: Int

        /// `certifiedMembers / members`, exact; nil without members.
        public var share: Exact? { members > 0 ? Exact(Int128(certifiedMembers), Int128(members)) : nil }

        /// « 25 % »: the share rounded once, half away from zero, to `places`; « — » without members.
        public func shareText(places: Int = 0) -> String {
            guard let share else { return "—" }
            return (share * Exact(100)).rounded(places: places).replacingOccurrences(of: ".", with: ",") + "\u{202F}%"
        }

        public func row(_ standard: String) -> Row { standards.first { $0.key == standard } ?? Row(key: standard) }
    }

    /// A structure certified or renewed in the year (the report's list).
    public struct Listed: Sendable, Equatable {
        public enum Kind: String, Sendable { case certified, renewed }
        public let structureID: UUID
        public let department: String
        public let standard: String
        public let kind: Kind
        public let day: Day

        public init(structureID: UUID, department: String, standard: String, kind: Kind, day: Day) {
            self.structureID = structureID
            self.department = department
            self.standard = standard
            self.kind = kind
            self.day = day
        }
    }

    // MARK: - States

    /// The state at the end of `day`: the last event on or before it, lapsed when the expiry it
    /// carries has passed; nil before the first event.
    public static func status(of record: Record, at day: Day) -> CertificationStatus? {
        var state: CertificationStatus?
        var expiry: Day?
        for e in record.events where e.day <= day {
            state = e.to
            if let x = e.expiresOn { expiry = x }
        }
        guard let s = state else { return nil }
        if s == .certified || s == .renewed || s == .suspended, let expiry, expiry < day { return .lapsed }
        return s
    }

    /// Holds a valid certificate at the end of `day`.
    public static func isCertified(_ record: Record, at day: Day) -> Bool {
        status(of: record, at: day)?.holdsCertificate ?? false
    }

    // MARK: - A year

    /// The figures of `year` for the records and members given (already cut to the scope, or
    /// cut here to `delegation` by `delegationOf`).
    public static func year(_ year: Int, records: [Record], members: [Member], standards: [String] = [],
                            delegation: String? = nil, delegationOf: (String) -> String? = { _ in nil }) -> Year {
        let records = delegation == nil ? records : records.filter { delegationOf($0.department) == delegation }
        let active = Set((delegation == nil ? members : members.filter { delegationOf($0.department) == delegation }).map(\.structureID))
        guard let end = Day(year: year, month: 12, day: 31), let start = Day(year: year, month: 1, day: 1) else {
            return Year(year: year, standards: [], total: Row(key: "total"), members: active.count, certifiedMembers: 0)
        }
        var certified: [String: Set<UUID>] = [:], engaged: [String: Set<UUID>] = [:]
        var newly: [String: Set<UUID>] = [:], renewed: [String: Set<UUID>] = [:]
        for r in records {
            if let s = status(of: r, at: end), s.isLive {
                engaged[r.standard, default: []].insert(r.structureID)
                if s.holdsCertificate { certified[r.standard, default: []].insert(r.structureID) }
            }
            for e in r.events where start <= e.day && e.day <= end {
                if e.action == certifyAction { newly[r.standard, default: []].insert(r.structureID) }
                if e.action == renewAction { renewed[r.standard, default: []].insert(r.structureID) }
            }
        }
        let met = Set(records.map(\.standard)).subtracting(standards).sorted()
        let rows = (standards + met).map { code in
            Row(key: code, certified: certified[code]?.count ?? 0, newlyCertified: newly[code]?.count ?? 0,
                renewed: renewed[code]?.count ?? 0, engaged: engaged[code]?.count ?? 0)
        }
        func union(_ d: [String: Set<UUID>]) -> Set<UUID> { d.values.reduce(into: Set<UUID>()) { $0.formUnion($1) } }
        let allCertified = union(certified)
        let total = Row(key: "total", certified: allCertified.count, newlyCertified: union(newly).count,
                        renewed: union(renewed).count, engaged: union(engaged).count)
        return Year(year: year, standards: rows, total: total, members: active.count,
                    certifiedMembers: allCertified.intersection(active).count)
    }

    /// The year's figures of each delegation met among the records and members (key: its code;
    /// "" for the departments outside every delegation), by code.
    public static func byDelegation(_ year: Int, records: [Record], members: [Member], standards: [String] = [],
                                    delegationOf: (String) -> String?) -> [(delegation: String, figures: Year)] {
        let codes = Set(records.map { delegationOf($0.department) ?? "" } + members.map { delegationOf($0.department) ?? "" })
        return codes.sorted().map { code in
            (code, Self.year(year, records: records.filter { (delegationOf($0.department) ?? "") == code },
                             members: members.filter { (delegationOf($0.department) ?? "") == code }, standards: standards))
        }
    }

    /// The structures certified (first certification) or renewed in the year, one line per
    /// structure, standard and kind (the latest day of that kind in the year), by day.
    public static func listed(_ year: Int, records: [Record]) -> [Listed] {
        var latest: [String: Listed] = [:]
        for r in records {
            for e in r.events where e.day.year == year {
                let kind: Listed.Kind
                switch e.action {
                case certifyAction: kind = .certified
                case renewAction: kind = .renewed
                default: continue
                }
                let key = "\(r.structureID)|\(r.standard)|\(kind.rawValue)"
                if let known = latest[key], known.day >= e.day { continue }
                latest[key] = Listed(structureID: r.structureID, department: r.department, standard: r.standard, kind: kind, day: e.day)
            }
        }
        return latest.values.sorted { ($0.day, $0.standard, $0.structureID.uuidString, $0.kind.rawValue)
            < ($1.day, $1.standard, $1.structureID.uuidString, $1.kind.rawValue) }
    }
}

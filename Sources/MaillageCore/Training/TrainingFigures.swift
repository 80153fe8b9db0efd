import Foundation

/// Figures of the training body (pure; inputs from the app). Hours are MINUTES (Int) until shown
/// (`FrenchFormat.minutesAsHours`); rates are exact until rounded once.
///
/// Counted: trainees = distinct registrations present at least once (absent all along: counted
/// out); minutes = Σ attended minutes; sessions = distinct sessions with at least one such
/// trainee; rated = such trainees who answered the form; satisfied = those whose mean score is
/// at least 4 (exact: sum ≥ 4 × count). A registration given twice counts once (the first).
public enum TrainingFigures {
    public struct Row: Sendable, Equatable {
        public var key: String
        public var sessions: Int
        public var trainees: Int
        public var minutes: Int
        public var rated: Int
        public var satisfied: Int

        public init(key: String, sessions: Int = 0, trainees: Int = 0, minutes: Int = 0, rated: Int = 0, satisfied: Int = 0) {
            self.key = key
            self.sessions = sessions
            self.trainees = trainees
            self.minutes = minutes
            self.rated = rated
            self.satisfied = satisfied
        }

        /// `satisfied / rated` as a percentage rounded half up to `places`; nil when nothing rated.
        public func satisfactionRate(places: Int) -> Decimal? {
            TrainingFigures.satisfactionRate(satisfied: satisfied, rated: rated, places: places)
        }
    }

    /// One row per key met in the records (a key whose trainees were all absent gets a row of
    /// zeros), sorted by key.
    public static func rows(_ records: [TraineeRecord], by key: (TraineeRecord) -> String) -> [Row] {
        var groups: [String: [TraineeRecord]] = [:]
        for record in distinct(records) { groups[key(record), default: []].append(record) }
        return groups.keys.sorted().map { row(key: $0, groups[$0]!) }
    }

    /// All the records in one row, key "total".
    public static func total(_ records: [TraineeRecord]) -> Row {
        row(key: "total", distinct(records))
    }

    /// Satisfaction as an exact percentage (100 × satisfied / rated), rounded once, half up, to
    /// `places` decimals (0…6); nil when nothing rated.
    public static func satisfactionRate(satisfied: Int, rated: Int, places: Int) -> Decimal? {
        guard rated > 0, satisfied >= 0 else { return nil }
        let places = min(max(places, 0), 6)
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let numerator = 100 * satisfied * scale
        let scaled = (2 * numerator + rated) / (2 * rated)      // half up, all terms non-negative
        return Decimal(sign: .plus, exponent: -places, significand: Decimal(scaled))
    }

    // MARK: - Counting

    static func row(key: String, _ records: [TraineeRecord]) -> Row {
        var result = Row(key: key)
        var sessions = Set<UUID>()
        for record in records where record.attended {
            sessions.insert(record.sessionID)
            result.trainees += 1
            result.minutes += record.attendedMinutes
            if record.rated { result.rated += 1 }
            if record.satisfied { result.satisfied += 1 }
        }
        result.sessions = sessions.count
        return result
    }

    /// One record per registration, the first given.
    static func distinct(_ records: [TraineeRecord]) -> [TraineeRecord] {
        var seen = Set<UUID>()
        return records.filter { seen.insert($0.registrationID).inserted }
    }
}

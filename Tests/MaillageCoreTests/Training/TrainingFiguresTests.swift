import Foundation
import Testing
@testable import MaillageCore

/// The worked example of docs/TRAINING.md « Heures et chiffres ».
enum WorkedExample {
    static let sessionA = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!
    static let sessionB = UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!
    static let halfDay = 210   // 9 h–12 h 30 and 13 h 30–17 h

    static func record(_ n: Int, _ session: UUID, _ category: TraineeCategory, _ funding: TrainingFunding,
                       present halfDays: Int, scores: [Int]?) -> TraineeRecord {
        let a = session == sessionA
        return TraineeRecord(registrationID: UUID(uuidString: "00000000-0000-0000-0001-00000000000\(n)")!, sessionID: session,
                             courseCode: a ? "MGT-01" : "RH-02", theme: a ? "management" : "hr",
                             delegationCode: a ? "PDL" : nil, year: 2026, category: category, funding: funding,
                             attendedMinutes: halfDays * halfDay, scores: scores)
    }

    static let records = [
        record(1, sessionA, .privateEmployee, .skillsOperator, present: 4, scores: [5, 4, 4, 5, 4]),   // Alice
        record(2, sessionA, .jobseeker, .other, present: 3, scores: [4, 3, 4, 4, 4]),                  // Bruno, one afternoon absent
        record(3, sessionA, .privateEmployee, .employer, present: 0, scores: nil),                      // Chloé, absent all along
        record(4, sessionB, .privateEmployee, .skillsOperator, present: 2, scores: [4, 4, 4, 4, 4]),   // David, mean exactly 4
        record(5, sessionB, .other, .other, present: 2, scores: nil),                                    // Emma, not rated
    ]
}

@Suite("Training figures and the yearly declaration")
struct TrainingFiguresTests {
    @Test("the worked example: absences counted out, exact satisfaction")
    func workedExample() {
        let records = WorkedExample.records
        #expect(TrainingFigures.total(records)
            == .init(key: "total", sessions: 2, trainees: 4, minutes: 2310, rated: 3, satisfied: 2))
        #expect(TrainingFigures.rows(records, by: \.courseCode) == [
            .init(key: "MGT-01", sessions: 1, trainees: 2, minutes: 1470, rated: 2, satisfied: 1),
            .init(key: "RH-02", sessions: 1, trainees: 2, minutes: 840, rated: 1, satisfied: 1),
        ])
        #expect(TrainingFigures.rows(records, by: { $0.delegationCode ?? "national" }).map(\.key) == ["PDL", "national"])
        #expect(FrenchFormat.minutesAsHours(2310) == "38,5\u{202F}h")
        #expect(TrainingFigures.total(records).satisfactionRate(places: 2) == Decimal(string: "66.67"))
        #expect(TrainingFigures.satisfactionRate(satisfied: 2, rated: 3, places: 1) == Decimal(string: "66.7"))
        #expect(TrainingFigures.satisfactionRate(satisfied: 1, rated: 2, places: 0) == 50)

        let declaration = TrainingFigures.declaration(records, year: 2026)
        #expect(declaration == .init(
            year: 2026,
            byCategory: [.init(category: .privateEmployee, trainees: 2, minutes: 1260),
                         .init(category: .jobseeker, trainees: 1, minutes: 630),
                         .init(category: .other, trainees: 1, minutes: 420)],
            byFunding: [.init(funding: .skillsOperator, trainees: 2, minutes: 1260),
                        .init(funding: .employer, trainees: 0, minutes: 0),
                        .init(funding: .other, trainees: 2, minutes: 1050)],
            total: .init(trainees: 4, minutes: 2310)))
    }

    @Test("a key whose trainees were all absent keeps a row of zeros; a registration given twice counts once")
    func zerosAndDuplicates() {
        let absent = WorkedExample.record(3, WorkedExample.sessionA, .other, .other, present: 0, scores: [5, 5, 5, 5, 5])
        #expect(TrainingFigures.rows([absent], by: \.courseCode) == [.init(key: "MGT-01")])
        #expect(TrainingFigures.total([]) == .init(key: "total"))
        let twice = WorkedExample.records + [WorkedExample.records[0]]
        #expect(TrainingFigures.total(twice) == TrainingFigures.total(WorkedExample.records))
        #expect(TrainingFigures.declaration(twice, year: 2026) == TrainingFigures.declaration(WorkedExample.records, year: 2026))
    }

    @Test("the declaration has every line at zero for a year without trainees, and leaves other years out")
    func emptyYear() {
        let declaration = TrainingFigures.declaration(WorkedExample.records, year: 2025)
        #expect(declaration.byCategory.map(\.category) == TraineeCategory.allCases)
        #expect(declaration.byFunding.map(\.funding) == TrainingFunding.allCases)
        #expect(declaration.byCategory.allSatisfy { $0.trainees == 0 && $0.minutes == 0 })
        #expect(declaration.byFunding.allSatisfy { $0.trainees == 0 && $0.minutes == 0 })
        #expect(declaration.total == .init(trainees: 0, minutes: 0))
    }

    @Test("satisfied means a mean of at least 4, decided exactly", arguments: [
        ([4, 4, 4, 4, 4], true), ([5, 3], true), ([4, 4, 4, 4, 3], false), ([5, 5, 5, 5, 1], true),
        ([3, 5, 4], true), ([3, 4, 4], false), ([], false),
    ])
    func satisfied(scores: [Int], expected: Bool) {
        let record = WorkedExample.record(1, WorkedExample.sessionA, .other, .other, present: 1, scores: scores)
        #expect(record.satisfied == expected)
        #expect(TrainingFigures.total([record]).satisfied == (expected ? 1 : 0))
        #expect(TrainingFigures.total([record]).rated == (scores.isEmpty ? 0 : 1))
    }

    @Test("satisfaction rates: rounded once, half up; nil when nothing rated", arguments: [
        (2, 3, 2, "66.67"), (1, 3, 2, "33.33"), (1, 8, 1, "12.5"), (1, 8, 0, "13"), (1, 16, 2, "6.25"), (1, 16, 1, "6.3"),
        (5, 6, 0, "83"), (1, 200, 0, "1"), (1, 201, 0, "0"), (3, 3, 2, "100"), (0, 7, 2, "0"),
    ])
    func rates(satisfied: Int, rated: Int, places: Int, expected: String) {
        #expect(TrainingFigures.satisfactionRate(satisfied: satisfied, rated: rated, places: places) == Decimal(string: expected))
    }

    @Test("no rate without ratings")
    func noRate() {
        #expect(TrainingFigures.satisfactionRate(satisfied: 0, rated: 0, places: 1) == nil)
        #expect(TrainingFigures.Row(key: "x").satisfactionRate(places: 1) == nil)
    }

    @Test("property: for random records and every key, the rows add up to the total and the declaration's lines too",
          arguments: 1...20)
    func rowsAddUp(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        let sessions = (0..<6).map { _ in UUID() }
        let records = (0..<Int(generator.next() % 60)).map { _ -> TraineeRecord in
            let session = Int(generator.next() % 6)
            let rated = generator.next() % 3 != 0
            return TraineeRecord(
                registrationID: UUID(), sessionID: sessions[session], courseCode: "C\(session % 4)", theme: "t\(session % 3)",
                delegationCode: session % 2 == 0 ? "D\(session % 3)" : nil, year: 2026 + session % 2,
                category: TraineeCategory.allCases[Int(generator.next() % 3)], funding: TrainingFunding.allCases[Int(generator.next() % 3)],
                attendedMinutes: generator.next() % 4 == 0 ? 0 : Int(generator.next() % 6) * 210,
                scores: rated ? (0..<5).map { _ in Int(generator.next() % 5) + 1 } : nil)
        }
        let total = TrainingFigures.total(records)
        let keys: [(TraineeRecord) -> String] = [\.courseCode, \.theme, { $0.delegationCode ?? "" }, { "\($0.year)" }]
        for key in keys {
            let rows = TrainingFigures.rows(records, by: key)
            #expect(rows.map(\.key) == rows.map(\.key).sorted())
            #expect(rows.map(\.trainees).reduce(0, +) == total.trainees)
            #expect(rows.map(\.minutes).reduce(0, +) == total.minutes)
            #expect(rows.map(\.rated).reduce(0, +) == total.rated)
            #expect(rows.map(\.satisfied).reduce(0, +) == total.satisfied)
        }
        // Sessions add up by session-level keys (course, year), since a session has one of each.
        #expect(TrainingFigures.rows(records, by: \.courseCode).map(\.sessions).reduce(0, +) == total.sessions)
        #expect(total.trainees == records.filter { $0.attendedMinutes > 0 }.count)
        var declared = (trainees: 0, minutes: 0)
        for year in [2026, 2027] {
            let d = TrainingFigures.declaration(records, year: year)
            #expect(d.byCategory.map(\.trainees).reduce(0, +) == d.total.trainees)
            #expect(d.byCategory.map(\.minutes).reduce(0, +) == d.total.minutes)
            #expect(d.byFunding.map(\.trainees).reduce(0, +) == d.total.trainees)
            #expect(d.byFunding.map(\.minutes).reduce(0, +) == d.total.minutes)
            let row = TrainingFigures.rows(records, by: { "\($0.year)" }).first { $0.key == "\(year)" } ?? .init(key: "\(year)")
            #expect(d.total == .init(trainees: row.trainees, minutes: row.minutes))
            declared.trainees += d.total.trainees
            declared.minutes += d.total.minutes
        }
        #expect(declared.trainees == total.trainees && declared.minutes == total.minutes)
    }
}

/// A small deterministic generator, so a failing seed fails again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

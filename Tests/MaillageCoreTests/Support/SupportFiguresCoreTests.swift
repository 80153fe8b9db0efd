import Foundation
import MaillageCore
import Testing

/// Issue #14, item 5: the support figures computed exactly (`SupportFigures`), on the reports'
/// worked examples, and the typed amounts of days.
@Suite("Support figures (core)")
struct SupportFiguresCoreTests {
    static func uuid(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    @Test("Basse-Normandie 2011: 10 training + 48 individual support + 17 collective facilitation = 75 days")
    func basseNormandie2011() {
        // setup: the year's entries, in days and half-days, plus entries of 2010, 2012 and another delegation
        func d(_ iso: String, _ kind: InterventionKind, _ halfDays: Int, _ code: String = "BNO") -> InterventionRecord {
            InterventionRecord(delegationCode: code, day: Self.day(iso), kind: kind, halfDays: halfDays)
        }
        var days: [InterventionRecord] = []
        for m in 1...10 { days.append(d(String(format: "2011-%02d-10", m), .training, 2)) }              // 10 days
        for m in 1...12 { days.append(d(String(format: "2011-%02d-05", m), .individualSupport, 7)) }     // 42 days
        for m in 1...12 { days.append(d(String(format: "2011-%02d-20", m), .individualSupport, 1)) }     // 6 days
        for m in 1...8 { days.append(d(String(format: "2011-%02d-15", m), .collectiveFacilitation, 4)) } // 16 days
        days.append(d("2011-12-31", .collectiveFacilitation, 2))                                          // 1 day
        days += [d("2010-12-31", .training, 40), d("2012-01-01", .training, 40), d("2011-06-01", .training, 40, "HNO")]
        // MUT
        let block = SupportFigures.block(supports: [], days: days, year: 2011, delegation: "BNO")
        let network = SupportFigures.block(supports: [], days: days, year: 2011)
        // validate
        #expect(block.halfDays(.training) == 20 && block.halfDays(.individualSupport) == 96 && block.halfDays(.collectiveFacilitation) == 34)
        #expect(block.halfDays(.representation) == 0 && block.halfDays(.other) == 0)
        #expect(block.totalHalfDays == 150)
        #expect(SupportFigures.daysText(block.totalHalfDays) == "75\u{202F}j")
        #expect(SupportFigures.daysText(block.halfDays(.individualSupport)) == "48\u{202F}j")
        #expect(network.totalHalfDays == 190)
        #expect(SupportFigures.delegations(supports: [], days: days, year: 2011) == ["BNO", "HNO"])
    }

    @Test("Normandie 2019: members supported per programme, distinct structures whose support overlaps the year")
    func normandie2019() {
        // setup
        var n = 0
        var supports: [SupportRecord] = []
        func add(_ code: String, _ count: Int, start: String = "2019-03-01", end: String? = nil, delegation: String = "NOR") {
            for _ in 0..<count {
                n += 1
                supports.append(SupportRecord(structureID: Self.uuid(n), programmeCode: code, delegationCode: delegation,
                                              startedOn: Self.day(start), endedOn: end.map(Self.day)))
            }
        }
        add("COODIAG", 1, start: "2017-05-01")                 // ongoing since 2017
        add("COODIAG", 1, start: "2018-09-01", end: "2019-01-01") // ends on the first day of the year
        add("OPEN-BADGES", 2)
        add("CAP", 2, start: "2019-12-31")
        add("CEDRE-ISO", 6, start: "2018-01-01", end: "2020-06-30")
        add("POEC", 13)
        add("POEC", 2, start: "2017-01-01", end: "2018-12-31")     // ended before 2019
        add("POEC", 2, start: "2020-01-01")                         // starts after
        add("POEC", 4, delegation: "PDL")                           // another delegation
        // the same structure twice in a programme (1), and in two programmes (3: Open Badges and CAP)
        supports.append(SupportRecord(structureID: Self.uuid(1), programmeCode: "COODIAG", delegationCode: "NOR", startedOn: Self.day("2019-06-01")))
        supports.append(SupportRecord(structureID: Self.uuid(3), programmeCode: "CAP", delegationCode: "NOR", startedOn: Self.day("2019-06-01")))
        // MUT
        let nor = SupportFigures.block(supports: supports, days: [], year: 2019, delegation: "NOR")
        let network = SupportFigures.block(supports: supports, days: [], year: 2019)
        // validate
        #expect(nor.members(in: "COODIAG") == 2 && nor.members(in: "OPEN-BADGES") == 2 && nor.members(in: "CAP") == 3)
        #expect(nor.members(in: "CEDRE-ISO") == 6 && nor.members(in: "POEC") == 13 && nor.members(in: "DIAG-FIN") == 0)
        #expect(nor.members == 2 + 2 + 3 + 6 + 13 - 1)   // structure 3 counts once
        #expect(network.members(in: "POEC") == 17)
        #expect(nor.totalHalfDays == 0 && !nor.isEmpty)
    }

    @Test("a support overlaps a year when it starts by 31 December and does not end before 1 January")
    func overlap() {
        let s = SupportRecord(structureID: Self.uuid(1), programmeCode: "CAP", delegationCode: "NOR", startedOn: Self.day("2018-12-31"),
                              endedOn: Self.day("2020-01-01"))
        #expect(!s.overlaps(2017) && s.overlaps(2018) && s.overlaps(2019) && s.overlaps(2020) && !s.overlaps(2021))
        let open = SupportRecord(structureID: Self.uuid(2), programmeCode: "CAP", delegationCode: "NOR", startedOn: Self.day("2019-01-01"))
        #expect(!open.overlaps(2018) && open.overlaps(2019) && open.overlaps(2030))
    }

    @Test("amounts: days with halves, half a day to 20 days; anything else refused")
    func amounts() {
        #expect(SupportFigures.halfDays(typed: "1") == 2)
        #expect(SupportFigures.halfDays(typed: "0,5") == 1)
        #expect(SupportFigures.halfDays(typed: "2,5") == 5)
        #expect(SupportFigures.halfDays(typed: " 2.5 ") == 5)
        #expect(SupportFigures.halfDays(typed: "3 j") == 6)
        #expect(SupportFigures.halfDays(typed: "1,0") == 2)
        #expect(SupportFigures.halfDays(typed: "20") == 40)
        for bad in ["0,25", "100", "1e9", "0", "0,0", "-1", "+1", "20,5", "21", "", "1,", ",5", "1,2", "un", "1 000", "NaN", "1,5,5", "٣"] {
            #expect(SupportFigures.halfDays(typed: bad) == nil, "\(bad)")
        }
    }

    @Test("half-days written as days, the French way")
    func daysText() {
        #expect(SupportFigures.daysText(20) == "10\u{202F}j")
        #expect(SupportFigures.daysText(21) == "10,5\u{202F}j")
        #expect(SupportFigures.daysText(1) == "0,5\u{202F}j")
        #expect(SupportFigures.daysText(0) == "0\u{202F}j")
        #expect(SupportFigures.daysText(2001) == "1\u{202F}000,5\u{202F}j")
        #expect(SupportFigures.daysDecimal(21) == "10.5" && SupportFigures.daysDecimal(20) == "10")
    }
}

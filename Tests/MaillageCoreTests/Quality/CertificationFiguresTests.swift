import Foundation
import Testing
@testable import MaillageCore

/// The 2013 report: 115 members certified at 31 December 2013 — 96 CEDRE and 19 CEDRE ISO 9001 —
/// out of 460 active members, 25 %; 17 newly certified and 29 renewed that year; 250 engaged in
/// the approach. Built from events only, with the noise a real history has.
@Suite("Certification figures")
struct CertificationFiguresTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// Builds records on distinct structures, half in Loire-Atlantique (PDL), half in Calvados (NOR).
    struct Builder {
        var records: [CertificationFigures.Record] = []
        var members: [CertificationFigures.Member] = []
        var n = 0

        mutating func add(_ standard: String, _ events: [CertificationFigures.Event], member: Bool = true, structure: UUID? = nil) {
            n += 1
            let id = structure ?? UUID(uuidString: String(format: "00000000-0000-0000-0001-%012d", n))!
            let department = n % 2 == 0 ? "44" : "14"
            records.append(.init(id: UUID(), structureID: id, department: department, standard: standard, events: events))
            if member && structure == nil { members.append(.init(structureID: id, department: department)) }
        }

        mutating func addMembers(_ count: Int) {
            for _ in 0..<count {
                n += 1
                members.append(.init(structureID: UUID(uuidString: String(format: "00000000-0000-0000-0001-%012d", n))!,
                                     department: n % 2 == 0 ? "44" : "14"))
            }
        }
    }

    typealias E = CertificationFigures.Event

    static func engaged(_ on: String) -> E { E(action: "create", to: .engaged, day: day(on)) }
    static func planned(_ on: String) -> E { E(action: "planAudit", to: .auditPlanned, day: day(on)) }
    static func certify(_ on: String, until: String) -> E { E(action: "certify", to: .certified, day: day(on), expiresOn: day(until)) }
    static func renew(_ on: String, until: String) -> E { E(action: "renew", to: .renewed, day: day(on), expiresOn: day(until)) }

    static func certified(since: String, until: String) -> [E] {
        [engaged("2009-01-15"), planned("2009-06-01"), certify(since, until: until)]
    }

    static func delegationOf(_ department: String) -> String? {
        switch department {
        case "44": "PDL"
        case "14": "NOR"
        default: nil
        }
    }

    static func example2013() -> Builder {
        var b = Builder()
        // CEDRE: 12 newly certified in 2013, 22 renewed in 2013, 62 certified before and still valid.
        for _ in 0..<12 { b.add("CEDRE", certified(since: "2013-04-10", until: "2016-04-10")) }
        for _ in 0..<22 { b.add("CEDRE", certified(since: "2010-05-03", until: "2013-05-03") + [renew("2013-04-28", until: "2016-05-03")]) }
        for _ in 0..<62 { b.add("CEDRE", certified(since: "2012-02-01", until: "2015-02-01")) }
        // CEDRE ISO 9001: 5 newly certified, 7 renewed, 7 older.
        for _ in 0..<5 { b.add("CEDRE-ISO", certified(since: "2013-11-20", until: "2016-11-20")) }
        for _ in 0..<7 { b.add("CEDRE-ISO", certified(since: "2010-09-01", until: "2013-09-01") + [renew("2013-08-30", until: "2016-09-01")]) }
        for _ in 0..<7 { b.add("CEDRE-ISO", certified(since: "2011-12-31", until: "2014-12-31")) }
        // In the approach, not certified: 100 engaged (CEDRE), 25 with an audit planned (ISO), 10 suspended (CEDRE).
        for _ in 0..<100 { b.add("CEDRE", [engaged("2013-03-01")]) }
        for _ in 0..<25 { b.add("CEDRE-ISO", [engaged("2012-10-01"), planned("2013-12-15")]) }
        for _ in 0..<10 {
            b.add("CEDRE", certified(since: "2012-06-01", until: "2015-06-01") + [E(action: "suspend", to: .suspended, day: day("2013-10-01"))])
        }
        // Not counted at the end of 2013: lapsed, withdrawn, expired without the lapse recorded,
        // certified in 2014 (engaged in 2014 too), engaged then withdrawn.
        for _ in 0..<8 { b.add("CEDRE", certified(since: "2010-03-01", until: "2013-03-01") + [E(action: "lapse", to: .lapsed, day: day("2013-03-02"))]) }
        for _ in 0..<4 { b.add("CEDRE", certified(since: "2012-03-01", until: "2015-03-01") + [E(action: "withdraw", to: .withdrawn, day: day("2013-07-01"))]) }
        for _ in 0..<3 { b.add("CEDRE-ISO", certified(since: "2010-06-30", until: "2013-06-30")) }
        for _ in 0..<2 { b.add("CEDRE", [engaged("2014-01-10"), planned("2014-03-01"), certify("2014-05-01", until: "2017-05-01")]) }
        // Members without any certification, up to 460 active members (every structure above is one).
        b.addMembers(460 - b.members.count)
        return b
    }

    @Test("2013: 96 CEDRE + 19 CEDRE ISO = 115 certified of 460 active members = 25 %, 17 new, 29 renewed, 250 engaged")
    func workedExample() {
        // setup
        let b = Self.example2013()
        // MUT
        let y = CertificationFigures.year(2013, records: b.records, members: b.members, standards: ["CEDRE", "CEDRE-ISO", "QUALIOPI"])
        // validate
        #expect(b.members.count == 460)
        #expect(y.row("CEDRE") == .init(key: "CEDRE", certified: 96, newlyCertified: 12, renewed: 22, engaged: 206))
        #expect(y.row("CEDRE").inProgress == 110)
        #expect(y.row("CEDRE-ISO") == .init(key: "CEDRE-ISO", certified: 19, newlyCertified: 5, renewed: 7, engaged: 44))
        #expect(y.row("QUALIOPI") == .init(key: "QUALIOPI"))
        #expect(y.standards.map(\.key) == ["CEDRE", "CEDRE-ISO", "QUALIOPI"])
        #expect(y.total == .init(key: "total", certified: 115, newlyCertified: 17, renewed: 29, engaged: 250))
        #expect(y.total.inProgress == 135)
        #expect(y.members == 460 && y.certifiedMembers == 115)
        #expect(y.share == Exact(1, 4))
        #expect(y.shareText() == "25\u{202F}%")
        #expect(y.shareText(places: 1) == "25,0\u{202F}%")
    }

    @Test("the years around: 2014 counts the 2014 certifications and lets the 2014 expiries go")
    func threeYears() {
        let b = Self.example2013()
        let y2014 = CertificationFigures.year(2014, records: b.records, members: b.members)
        let y2012 = CertificationFigures.year(2012, records: b.records, members: b.members)
        // 2014: the 7 ISO expiring 31/12/2014 are still valid that day; the 62 CEDRE of 2012 expired
        // 01/02/2015 too; the 2 certified 2014 come in.
        #expect(y2014.row("CEDRE").certified == 12 + 22 + 62 + 2)
        #expect(y2014.row("CEDRE").newlyCertified == 2 && y2014.row("CEDRE").renewed == 0)
        #expect(y2014.row("CEDRE-ISO").certified == 19)
        // 2012: the 22 + 7 to renew were certified, the 8 later lapsed too, the 4 withdrawn later,
        // the 3 expiring mid-2013, the 10 suspended later; the 12 + 5 new of 2013 were only engaged.
        #expect(y2012.row("CEDRE").certified == 22 + 62 + 10 + 8 + 4)
        #expect(y2012.row("CEDRE-ISO").certified == 7 + 7 + 3)
        #expect(y2012.row("CEDRE").newlyCertified == 62 + 10 + 4)
        #expect(CertificationFigures.year(2012, records: b.records, members: []).shareText() == "—")
    }

    @Test("state at a date: the last event on or before it; certified up to its expiry day, lapsed the next day")
    func states() {
        let r = CertificationFigures.Record(id: UUID(), structureID: UUID(), department: "44", standard: "CEDRE",
                                            events: Self.certified(since: "2013-04-10", until: "2016-04-10"))
        #expect(CertificationFigures.status(of: r, at: Self.day("2009-01-14")) == nil)
        #expect(CertificationFigures.status(of: r, at: Self.day("2009-01-15")) == .engaged)
        #expect(CertificationFigures.status(of: r, at: Self.day("2013-04-09")) == .auditPlanned)
        #expect(CertificationFigures.status(of: r, at: Self.day("2013-04-10")) == .certified)
        #expect(CertificationFigures.isCertified(r, at: Self.day("2016-04-10")))
        #expect(CertificationFigures.status(of: r, at: Self.day("2016-04-11")) == .lapsed)
        // Events given out of order are read by day; the same day keeps the recorded order.
        let shuffled = CertificationFigures.Record(id: UUID(), structureID: UUID(), department: "44", standard: "CEDRE",
                                                   events: [Self.certify("2013-04-10", until: "2016-04-10"), Self.engaged("2013-01-01"),
                                                            E(action: "suspend", to: .suspended, day: Self.day("2013-04-10"))])
        #expect(CertificationFigures.status(of: shuffled, at: Self.day("2013-12-31")) == .suspended)
    }

    @Test("a structure certified under two standards counts once in the network and in the share")
    func distinctStructures() {
        let s = UUID(), other = UUID()
        let records = [
            CertificationFigures.Record(id: UUID(), structureID: s, department: "44", standard: "CEDRE", events: Self.certified(since: "2013-02-01", until: "2016-02-01")),
            CertificationFigures.Record(id: UUID(), structureID: s, department: "44", standard: "CEDRE-ISO", events: Self.certified(since: "2013-03-01", until: "2016-03-01")),
            // Certified but no longer a member at 31 December: in the standard's count, not in the share.
            CertificationFigures.Record(id: UUID(), structureID: other, department: "44", standard: "CEDRE", events: Self.certified(since: "2012-02-01", until: "2015-02-01")),
        ]
        let members = [CertificationFigures.Member(structureID: s, department: "44"), .init(structureID: UUID(), department: "44"),
                       .init(structureID: UUID(), department: "44")]
        let y = CertificationFigures.year(2013, records: records, members: members)
        #expect(y.row("CEDRE").certified == 2 && y.row("CEDRE-ISO").certified == 1)
        #expect(y.total.certified == 2 && y.total.newlyCertified == 1 && y.total.engaged == 2)
        #expect(y.certifiedMembers == 1 && y.share == Exact(1, 3))
        #expect(y.shareText(places: 1) == "33,3\u{202F}%")
    }

    @Test("per delegation: the department's delegation in the year's map; the delegations add up to the network")
    func delegations() {
        let b = Self.example2013()
        let rows = CertificationFigures.byDelegation(2013, records: b.records, members: b.members, delegationOf: Self.delegationOf)
        #expect(rows.map(\.delegation) == ["NOR", "PDL"])
        #expect(rows.map(\.figures.total.certified).reduce(0, +) == 115)
        #expect(rows.map(\.figures.members).reduce(0, +) == 460)
        #expect(rows.map(\.figures.total.engaged).reduce(0, +) == 250)
        let pdl = CertificationFigures.year(2013, records: b.records, members: b.members, delegation: "PDL", delegationOf: Self.delegationOf)
        #expect(pdl == rows[1].figures)
        #expect(pdl.members == 230)
    }

    @Test("the list of the year: each structure certified or renewed, by day")
    func listed() {
        let b = Self.example2013()
        let list = CertificationFigures.listed(2013, records: b.records)
        #expect(list.count == 17 + 29)
        #expect(list.filter { $0.kind == .certified }.count == 17)
        #expect(list.filter { $0.kind == .renewed && $0.standard == "CEDRE-ISO" }.count == 7)
        #expect(list.first?.day == Self.day("2013-04-10") && list.last?.day == Self.day("2013-11-20"))
        #expect(CertificationFigures.listed(2011, records: b.records).count == 7)
    }
}

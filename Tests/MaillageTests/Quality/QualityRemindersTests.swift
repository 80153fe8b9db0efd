import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14, item 2: reminders to the outbox 90 and 30 days before an expiry or an audit, queued
/// once per step and never twice (the daily job run twice, then the next days), not for withdrawn
/// or lapsed certifications; a record created late mails once; the job then lapses what expired.
@Suite("Quality reminders")
struct QualityRemindersTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// A certification written straight to the database, with its create and certify events.
    @discardableResult
    static func certification(_ app: Application, _ structure: Structure, standard code: String = "CEDRE",
                              status: CertificationStatus = .certified, expiresOn: Day?, auditOn: Day? = nil,
                              auditKind: AuditKind? = nil) async throws -> Certification {
        let standard = try await QualityStandard.query(on: app.db).filter(\.$code == code).first()!
        let c = Certification(structureID: try structure.requireID(), standardID: try standard.requireID(), engagedOn: day("2023-01-10"),
                              body: "AFNOR Certification")
        c.status = status.rawValue
        c.certifiedOn = "2024-03-01"
        c.decisionOn = "2024-03-01"
        c.expiresOn = expiresOn?.iso
        c.auditOn = auditOn?.iso
        c.auditKind = auditKind?.rawValue
        try await c.create(on: app.db)
        try await CertificationEvent(certificationID: c.requireID(), action: "create", from: nil, to: .engaged, on: day("2023-01-10"),
                                     actorID: nil).create(on: app.db)
        try await CertificationEvent(certificationID: c.requireID(), action: "certify", from: .auditPlanned, to: .certified,
                                     on: day("2024-03-01"), expiresOn: expiresOn, actorID: nil).create(on: app.db)
        return c
    }

    static func clock(_ app: Application, _ iso: String) -> FixedClock {
        let clock = FixedClock(day(iso).noonInParis)
        app.services = AppServices(config: app.config, clock: clock)
        return clock
    }

    /// The daily schedules then the quality job, as a worker would run them.
    static func runJob(_ app: Application) async throws {
        try await app.jobs.runSchedules()
        try await app.jobs.runDue(kinds: [QualityReminders.kind])
    }

    static func mails(_ app: Application) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: app.db).all().filter { $0.subject.contains("CEDRE") || $0.subject.contains("Qualiopi") }
    }

    @Test("90 then 30 days before the expiry: one step each, to the managers and the delegates, never twice")
    func oncePerStep() async throws {
        try await withMaillage { app in
            // setup
            let clock = Self.clock(app, "2027-01-01")
            let f = try await Fixtures.load(on: app)
            let c = try await Self.certification(app, f.inPDL, expiresOn: Self.day("2027-04-01"))   // 90 days ahead
            // MUT: the job, twice the same day (a second schedule run and a direct call)
            try await Self.runJob(app)
            try await Self.runJob(app)
            let again = try await QualityReminders.send(today: Self.day("2027-01-01"), now: clock.now, map: try await NetworkMap.load(on: app.db),
                                                        baseURL: "", outbox: Outbox(), on: app.db)
            let first = try await Self.mails(app)
            // the next day, then 30 days before
            clock.advance(by: 86_400)
            try await Self.runJob(app)
            let nextDay = try await Self.mails(app)
            clock.advance(by: 86_400 * Double(Self.day("2027-03-02") - Self.day("2027-01-02")))
            try await Self.runJob(app)
            try await Self.runJob(app)
            // validate
            #expect(again == .init())
            let jobs = try await JobRecord.query(on: app.db).filter(\.$kind == QualityReminders.kind).all()
            #expect(jobs.count == 3 && jobs.allSatisfy { $0.status == "done" && $0.lastError == nil })
            #expect(first.map(\.recipient).sorted() == [Fixtures.Who.delegate.email, Fixtures.Who.member.email])
            #expect(first.allSatisfy { $0.subject == "Certification CEDRE de Relais Emploi Nantes : échéance le 01/04/2027" })
            #expect(first[0].body.contains("arrive à échéance le") && first[0].body.contains("(dans 90 jours)"))
            #expect(first[0].body.contains("/qualite/structures/\(try f.inPDL.requireID())/certifications/\(try c.requireID())"))
            #expect(nextDay.count == 2)
            let reminders = try await QualityReminder.query(on: app.db).sort(\.$daysBefore).all()
            #expect(reminders.map(\.daysBefore) == [30, 90])
            #expect(reminders.allSatisfy { $0.kind == "expiry" && $0.targetOn == "2027-04-01" })
            let all = try await Self.mails(app)
            #expect(all.count == 4)
            #expect(all.filter { $0.body.contains("dans 30 jours") }.count == 2)
        }
    }

    @Test("nothing for a withdrawn or lapsed certification; audits have their own steps")
    func withdrawnAndAudits() async throws {
        try await withMaillage { app in
            // setup
            _ = Self.clock(app, "2027-01-01")
            let f = try await Fixtures.load(on: app)
            try await Self.certification(app, f.inPDL, status: .withdrawn, expiresOn: Self.day("2027-01-20"), auditOn: Self.day("2027-01-15"),
                                         auditKind: .surveillance)
            try await Self.certification(app, f.otherPDL, status: .lapsed, expiresOn: Self.day("2027-01-20"))
            let audited = try await Self.certification(app, f.otherPDL, standard: "QUALIOPI", expiresOn: Self.day("2029-03-01"),
                                                       auditOn: Self.day("2027-01-31"), auditKind: .surveillance)
            // MUT
            try await Self.runJob(app)
            // validate
            let reminders = try await QualityReminder.query(on: app.db).all()
            #expect(reminders.count == 2)   // the audit: 30 days (mails) and 90 days (silent)
            #expect(reminders.allSatisfy { $0.$certification.id == audited.id && $0.kind == "audit" })
            let mails = try await Self.mails(app)
            #expect(mails.map(\.recipient) == [Fixtures.Who.delegate.email])   // no manager for that structure
            #expect(mails.first?.subject == "Audit Qualiopi de Chantier Nature Vendée prévu le 31/01/2027")
            #expect(mails.first?.body.contains("Audit de surveillance de la certification Qualiopi") == true)
        }
    }

    @Test("a record created 20 days before its expiry: both steps recorded, one message each")
    func lateRecord() async throws {
        try await withMaillage { app in
            // setup
            _ = Self.clock(app, "2027-01-01")
            let f = try await Fixtures.load(on: app)
            try await Self.certification(app, f.inPDL, expiresOn: Self.day("2027-01-21"))
            // MUT
            try await Self.runJob(app)
            try await Self.runJob(app)
            // validate
            #expect(try await QualityReminder.query(on: app.db).count() == 2)
            let mails = try await Self.mails(app)
            #expect(mails.count == 2 && mails.allSatisfy { $0.body.contains("dans 20 jours") })
        }
    }

    @Test("the job lapses a certification whose expiry has passed, and sends it no reminder")
    func lapses() async throws {
        try await withMaillage { app in
            // setup
            _ = Self.clock(app, "2027-01-01")
            let f = try await Fixtures.load(on: app)
            let c = try await Self.certification(app, f.inPDL, expiresOn: Self.day("2026-12-31"))
            // MUT
            try await Self.runJob(app)
            // validate
            let after = try await Certification.find(c.id, on: app.db)
            #expect(after?.statusValue == .lapsed)
            #expect(try await QualityReminder.query(on: app.db).count() == 0)
            let job = try await JobRecord.query(on: app.db).filter(\.$kind == QualityReminders.kind).first()
            #expect(job?.status == "done" && job?.lastError == nil)
        }
    }
}

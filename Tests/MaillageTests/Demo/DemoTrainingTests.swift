import Fluent
import Foundation
import MaillageCore
import SQLKit
import Testing
import Vapor
@testable import Maillage

/// The demo's training body (issue #13, « `maillage demo` shows the catalogue, sessions, figures »):
/// the guarantees (a)–(e) of `DemoTraining` the browser tests rely on, and the volumes.
@Suite("Demo training")
struct DemoTrainingTests {
    static func managed(on db: any Database) async throws -> Set<UUID> {
        let member = try await User.query(on: db).filter(\.$email == "adherent@demo.maillage.test").first()!
        let grant = try await RoleGrant.query(on: db).filter(\.$user.$id == member.requireID()).first()!
        let ges = grant.$structure.id!
        let children = try await Structure.query(on: db).filter(\.$gesParent.$id == ges).all().compactMap(\.id)
        return Set([ges] + children)
    }

    static func trainerID(_ email: String, on db: any Database) async throws -> UUID {
        try await User.query(on: db).filter(\.$email == email).first()!.requireID()
    }

    @Test("guarantees (a) to (e), dated from today")
    func guarantees() async throws {
        try await withMaillage { app in
            // setup
            try await DemoNetwork.load(on: app.db, passwordHash: "x")
            let db = app.db, today = Day.today()
            let managed = try await Self.managed(on: db)
            let felix = try await Self.trainerID("formateur@demo.maillage.test", on: db)
            let map = try await NetworkMap.load(on: db, year: NetworkMap.currentYear())
            let sessions = try await TrainingSession.query(on: db).with(\.$course).with(\.$trainers).with(\.$halfDays).all()
            let registrations = try await TrainingRegistration.query(on: db).all()
            let regs = Dictionary(grouping: registrations, by: { $0.$session.id })
            func count(_ s: TrainingSession, _ status: RegistrationStatus) -> Int {
                (regs[s.id!] ?? []).filter { $0.statusValue == status }.count
            }
            func runBy(_ s: TrainingSession, _ user: UUID) -> Bool { s.trainers.contains { $0.userID == user } }
            let coming = sessions.filter { $0.firstDay > today.iso }

            // (a)
            let eti = coming.filter { $0.course.code == "ETI-01" }
            #expect(eti.count == 1)
            if let a = eti.first {
                #expect(a.statusValue == .confirmed && a.kindValue == .inter && a.$delegation.id == map.delegation(code: "PDL")?.delegationID)
                #expect(runBy(a, felix) && a.capacity == 12 && count(a, .confirmed) == 11 && count(a, .waiting) == 0)
                #expect((regs[a.id!] ?? []).allSatisfy { !managed.contains($0.$structure.id) })
                #expect(a.registrationDeadline >= today.iso)
            }
            // (b)
            #expect(coming.contains { $0.statusValue.takesRegistrations && count($0, .confirmed) == $0.capacity && count($0, .waiting) == 2 })
            // (c)
            let over = sessions.filter { s in
                runBy(s, felix) && s.statusValue == .confirmed && !s.halfDays.isEmpty && s.halfDays.allSatisfy { $0.day < today.iso }
            }
            #expect(over.count == 1)
            if let c = over.first {
                #expect(count(c, .confirmed) == 6)
                let marked = try await TrainingAttendance.query(on: db).filter(\.$registration.$id ~~ (regs[c.id!] ?? []).compactMap(\.id)).count()
                #expect(marked == 0)
            }
            // (d)
            let attendance = try await TrainingAttendance.query(on: db).all()
            let present = Set(attendance.filter(\.present).map { $0.$registration.id })
            let rated = Set(try await TrainingRating.query(on: db).all().map { $0.$registration.id })
            let d = sessions.filter { s in
                s.statusValue == .done && runBy(s, felix) && (regs[s.id!] ?? []).contains {
                    managed.contains($0.$structure.id) && present.contains($0.id!) && rated.contains($0.id!)
                }
            }
            #expect(!d.isEmpty)
            // (e)
            let comingIDs = Set(coming.compactMap(\.id))
            let mine = registrations.filter { managed.contains($0.$structure.id) && comingIDs.contains($0.$session.id) }
            #expect(Set(mine.map(\.statusValue)) == [.confirmed, .waiting, .cancelled])
            // Done sessions: every confirmed trainee marked on every half-day.
            for s in sessions where s.statusValue == .done {
                for r in (regs[s.id!] ?? []) where r.statusValue == .confirmed {
                    #expect(attendance.filter { $0.$registration.id == r.id! }.count == s.halfDays.count)
                }
            }
            // Cancelled sessions say why, and hold no live registration.
            for s in sessions where s.statusValue == .cancelled {
                #expect(!(s.cancelReason ?? "").isEmpty && count(s, .confirmed) + count(s, .waiting) == 0)
            }
        }
    }

    @Test("volumes: about 60 courses (13 new), packs, about 1,000 trainees present over two years, whatever the day")
    func volumes() async throws {
        try await withMaillage { app in
            // setup: the demo, then its training part again as if loaded on 15 January
            try await DemoNetwork.load(on: app.db, passwordHash: "x")
            let db = app.db
            let managed = try await Self.managed(on: db)
            let map = try await NetworkMap.load(on: db, year: NetworkMap.currentYear())
            for table in ["training_ratings", "training_attendance", "training_registrations", "training_half_days",
                          "training_session_trainers", "training_sessions", "training_pack_courses", "training_packs", "training_courses"] {
                try await (db as! any SQLDatabase).raw("DELETE FROM \(unsafeRaw: table)").run()
            }
            let january = Day(year: Day.today().year, month: 1, day: 15)!
            // MUT
            // (Its load time is measured with `maillage demo`, docs/PERFORMANCE.md, not timed here.)
            try await db.transaction { tx in try await DemoTraining.load(on: tx, managed: managed, map: map, today: january) }
            // validate
            let courses = try await TrainingCourse.query(on: db).all()
            #expect((55...65).contains(courses.count))
            #expect(courses.filter { $0.introducedYear == january.year }.count == 13)
            #expect(courses.contains(where: \.certifying) && courses.contains { $0.visibilityValue == .members })
            #expect(courses.allSatisfy { $0.priceCents > 0 })
            let packs = try await TrainingPack.query(on: db).count()
            #expect(packs >= 3)
            let data = try await TrainingFiguresQueries.load(years: (january.year - 2)...january.year, map: map, on: db)
            let total = TrainingFigures.total(data.records)
            #expect((800...1200).contains(total.trainees), "\(total.trainees)")
            #expect(total.rated > total.trainees * 3 / 4 && total.satisfied > total.rated / 2)
            #expect(Set(data.records.compactMap(\.delegationCode)).count >= 8 && data.records.contains { $0.delegationCode == nil })
            let decl = TrainingFigures.declaration(data.records, year: january.year - 1)
            #expect(decl.byCategory[0].trainees > decl.byCategory[1].trainees && decl.byFunding[0].trainees > decl.byFunding[2].trainees)
            let sessions = try await TrainingSession.query(on: db).all()
            #expect(sessions.contains { $0.kindValue == .intra && $0.$structure.id != nil })
            #expect(sessions.contains { $0.statusValue == .cancelled } && sessions.contains { $0.firstDay > january.iso })
        }
    }
}

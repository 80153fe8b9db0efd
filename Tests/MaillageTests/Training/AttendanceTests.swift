import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #13, item 4: the trainer marks attendance per half-day and prints the sheet.
@Suite("Training attendance")
struct AttendanceTests {
    struct Setup {
        let f: Fixtures
        let session: TrainingSession
        let halfDays: [TrainingHalfDay]
        let lou: TrainingRegistration
        let zoe: TrainingRegistration
    }

    /// A confirmed session run by the fixtures' trainer on `days` (from today), two confirmed trainees
    /// and one on the waiting list (never on the sheet).
    static func setup(_ app: Application, days: [Int] = [-2, -1], status: SessionStatus = .confirmed, trainer: Bool = true) async throws -> Setup {
        let f = try await Fixtures.load(on: app)
        let course = try await TrainingFactory.makeCourse(on: app.db)
        let today = Day.today()
        let session = try await TrainingFactory.makeSession(on: app.db, course: course, days: days.map { today.adding(days: $0) }, status: status,
                                                            trainers: trainer ? [(f.users[.trainer]!, "Test trainer")] : [(f.users[.trainingAdmin]!, "Autre")])
        let lou = try await TrainingFactory.makeRegistration(on: app.db, session: session, structure: f.inPDL, firstName: "Lou", lastName: "Martin")
        let zoe = try await TrainingFactory.makeRegistration(on: app.db, session: session, structure: f.otherPDL, firstName: "Zoé", lastName: "Abel")
        try await TrainingFactory.makeRegistration(on: app.db, session: session, structure: f.inPDL, firstName: "Wait", lastName: "Ing", status: .waiting)
        let halfDays = try await TrainingHalfDay.query(on: app.db).filter(\.$session.$id == session.requireID()).all()
            .sorted { ($0.day, $0.periodValue) < ($1.day, $1.periodValue) }
        return Setup(f: f, session: session, halfDays: halfDays, lou: lou, zoe: zoe)
    }

    static func form(_ s: Setup, halfDays: [TrainingHalfDay], present: [(TrainingRegistration, TrainingHalfDay)]) throws -> [(String, String)] {
        try halfDays.map { ("h_\(try $0.requireID().uuidString)", "1") }
            + present.map { ("p_\(try $0.0.requireID().uuidString)_\(try $0.1.requireID().uuidString)", "1") }
    }

    @Test("the trainer marks present and absent: one row per trainee and half-day, updated on a second save, audited")
    func saveAttendance() async throws {
        try await withMaillage { app in
            // setup
            let s = try await Self.setup(app)
            let trainer = try await s.f.browser(app, as: .trainer)
            let sid = try s.session.requireID()
            // MUT
            let page = try await trainer.get(TrainingURL.attendance(sid))
            let first = try await trainer.post(TrainingURL.saveAttendance(sid),
                                               form: try Self.form(s, halfDays: s.halfDays, present: [(s.lou, s.halfDays[0]), (s.lou, s.halfDays[1]),
                                                                                                   (s.lou, s.halfDays[2]), (s.zoe, s.halfDays[3])]))
            let second = try await trainer.post(TrainingURL.saveAttendance(sid),
                                                form: try Self.form(s, halfDays: [s.halfDays[3]], present: [(s.lou, s.halfDays[3])]))
            let after = try await trainer.get(TrainingURL.attendance(sid))
            // validate
            #expect(page.status == .ok)
            let abel = try #require(page.body.range(of: "ABEL Zoé")), martin = try #require(page.body.range(of: "MARTIN Lou"))
            #expect(abel.lowerBound < martin.lowerBound, "French order of last names")
            #expect(!page.body.contains("ING Wait"), "the waiting list is not on the attendance")
            #expect(page.body.contains("Présent·e : Lou Martin, \(FrenchFormat.date(s.halfDays[0].day)) matin"))
            #expect(first.status == .seeOther || first.status == .found)
            #expect(second.status == .seeOther || second.status == .found)
            let rows = try await TrainingAttendance.query(on: app.db).all()
            #expect(rows.count == 8)
            func present(_ r: TrainingRegistration) -> [Bool] {
                s.halfDays.map { h in rows.first { $0.$registration.id == r.id && $0.$halfDay.id == h.id }?.present ?? false }
            }
            #expect(present(s.lou) == [true, true, true, true])
            #expect(present(s.zoe) == [false, false, false, false])
            #expect(rows.allSatisfy { $0.markedBy == s.f.users[.trainer] })
            #expect(after.body.contains("14\u{202F}h") && after.body.contains("0\u{202F}h"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "training.attendance").count()
            #expect(audit == 2)
        }
    }

    @Test("a half-day after today cannot be marked: 422 in French, nothing saved; the page shows it « à venir »")
    func futureRefused() async throws {
        try await withMaillage { app in
            let s = try await Self.setup(app, days: [-1, 1])
            let trainer = try await s.f.browser(app, as: .trainer)
            let sid = try s.session.requireID()
            let page = try await trainer.get(TrainingURL.attendance(sid))
            let refused = try await trainer.post(TrainingURL.saveAttendance(sid),
                                                 form: try Self.form(s, halfDays: s.halfDays, present: [(s.lou, s.halfDays[2])]))
            #expect(page.status == .ok && page.body.contains("à venir"))
            #expect(!page.body.contains("name=\"h_\(try s.halfDays[2].requireID().uuidString)\""))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("L&#39;émargement d&#39;une demi-journée à venir n&#39;est pas possible"))
            #expect(try await TrainingAttendance.query(on: app.db).count() == 0)
        }
    }

    @Test("forged ids (another session's trainee or half-day, not an id) are refused with 422 and nothing saved")
    func forgedRefused() async throws {
        try await withMaillage { app in
            let s = try await Self.setup(app)
            let other = try await TrainingFactory.makeSession(on: app.db, course: try await TrainingCourse.query(on: app.db).first()!,
                                                              days: [Day.today().adding(days: -5)], trainers: [(s.f.users[.trainer]!, "T")])
            let stranger = try await TrainingFactory.makeRegistration(on: app.db, session: other, structure: s.f.inPDL, firstName: "Eve", lastName: "Autre")
            let otherHalf = try await TrainingHalfDay.query(on: app.db).filter(\.$session.$id == other.requireID()).first()!
            let waiting = try await TrainingRegistration.query(on: app.db).filter(\.$status == "waiting").first()!
            let trainer = try await s.f.browser(app, as: .trainer)
            let sid = try s.session.requireID()
            let attempts: [[(String, String)]] = [
                try Self.form(s, halfDays: [s.halfDays[0]], present: [(stranger, s.halfDays[0])]),
                try Self.form(s, halfDays: [s.halfDays[0]], present: [(waiting, s.halfDays[0])]),
                try Self.form(s, halfDays: [s.halfDays[0], otherHalf], present: [(s.lou, s.halfDays[0])]),
                try Self.form(s, halfDays: [s.halfDays[0]], present: [(s.lou, s.halfDays[1])]),
                [("h_pas-un-id", "1")],
            ]
            for form in attempts {
                let res = try await trainer.post(TrainingURL.saveAttendance(sid), form: form)
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.contains("Rien n&#39;a été enregistré"))
            }
            #expect(try await TrainingAttendance.query(on: app.db).count() == 0)
        }
    }

    @Test("a trainer of another session gets 403; a training admin may; a cancelled session is read-only (200, then 409)")
    func rights() async throws {
        try await withMaillage { app in
            let s = try await Self.setup(app, trainer: false)
            let sid = try s.session.requireID()
            let trainer = try await s.f.browser(app, as: .trainer)
            #expect(try await trainer.get(TrainingURL.attendance(sid)).status == .forbidden)
            #expect(try await trainer.get(TrainingURL.attendanceSheet(sid)).status == .forbidden)
            #expect(try await trainer.post(TrainingURL.saveAttendance(sid), form: try Self.form(s, halfDays: [s.halfDays[0]], present: [])).status == .forbidden)
            let admin = try await s.f.browser(app, as: .trainingAdmin)
            #expect(try await admin.get(TrainingURL.attendance(sid)).status == .ok)
            s.session.status = SessionStatus.cancelled.rawValue
            try await s.session.save(on: app.db)
            let readOnly = try await admin.get(TrainingURL.attendance(sid))
            #expect(readOnly.status == .ok && readOnly.body.contains("Cette session est annulée") && !readOnly.body.contains("attendance-save"))
            let refused = try await admin.post(TrainingURL.saveAttendance(sid), form: try Self.form(s, halfDays: [s.halfDays[0]], present: []))
            #expect(refused.status == .conflict)
            #expect(try await TrainingAttendance.query(on: app.db).count() == 0)
        }
    }

    @Test("the sheet: one signature box per trainee and half-day, a trainer row; the PDF answers 503 without Chromium")
    func sheet() async throws {
        try await withMaillage { app in
            let s = try await Self.setup(app)
            let sid = try s.session.requireID()
            let trainer = try await s.f.browser(app, as: .trainer)
            let sheet = try await trainer.get(TrainingURL.attendanceSheet(sid))
            #expect(sheet.status == .ok)
            #expect(sheet.body.components(separatedBy: "class=\"signature-box\"").count - 1 == 2 * 4)
            #expect(sheet.body.components(separatedBy: "class=\"signature-box-trainer\"").count - 1 == 4)
            #expect(sheet.body.contains("<h1>Feuille d'émargement</h1>") && sheet.body.contains("MARTIN Lou") && sheet.body.contains("Relais Emploi Nantes"))
            #expect(sheet.body.contains("9\u{202F}h – 12\u{202F}h\u{202F}30") && sheet.body.contains("après-midi"))
            #expect(!sheet.body.contains("ING Wait"))
            let pdf = try await trainer.get(TrainingURL.attendanceSheetPDF(sid))
            if ChromiumPDF(config: app.config).isAvailable {
                #expect(pdf.status == .ok && pdf.headers.contentType == .pdf)
            } else {
                #expect(pdf.status == .serviceUnavailable && pdf.body.contains("La génération PDF n'est pas disponible"))
            }
            // The page's own checks first: an unknown session is a 404 even without Chromium.
            #expect(try await trainer.get(TrainingURL.attendanceSheetPDF(UUID())).status == .notFound)
        }
    }
}

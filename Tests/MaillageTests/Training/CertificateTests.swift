import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #13, item 4: the end-of-training certificate with the hours attended.
@Suite("Training certificate")
struct CertificateTests {
    @Test("worked example: 2 days of 4 half-days × 3 h 30 planned (14 h), absent one half-day → 10,5 h attended")
    func hours() async throws {
        try await withMaillage { app in
            // setup
            let s = try await AttendanceTests.setup(app, status: .done)
            try await TrainingFactory.markAttendance(on: app.db, registration: s.lou, only: Array(s.halfDays.prefix(3)))
            try await TrainingFactory.markAttendance(on: app.db, registration: s.lou, present: false, only: [s.halfDays[3]])
            let member = try await s.f.browser(app, as: .member)
            // MUT
            let page = try await member.get(TrainingURL.certificate(s.lou.requireID()))
            let roster = try await AttendanceController.loadRoster(s.session, on: app.db)
            // validate
            #expect(roster.attendedMinutes(try s.lou.requireID()) == 630 && roster.plannedMinutes == 840)
            #expect(page.status == .ok)
            #expect(page.body.contains("Attestation de fin de formation"))
            #expect(page.body.contains("<strong>10,5\u{202F}h</strong> sur 14\u{202F}h prévues"))
            #expect(page.body.contains("Lou Martin") && page.body.contains("Relais Emploi Nantes"))
            #expect(page.body.contains("Situer sa fonction d&#39;encadrant"), "the course's objectives")
            #expect(page.body.contains("Fédération") || page.body.contains(app.config.federationName))
            // The trainer of the session and a training admin see it too.
            #expect(try await s.f.browser(app, as: .trainer).get(TrainingURL.certificate(s.lou.requireID())).status == .ok)
            #expect(try await s.f.browser(app, as: .trainingAdmin).get(TrainingURL.certificate(s.lou.requireID())).status == .ok)
        }
    }

    @Test("404 for a session not done, a trainee absent all along, another structure's trainee; PDF checks first")
    func notFound() async throws {
        try await withMaillage { app in
            let s = try await AttendanceTests.setup(app, status: .confirmed)
            try await TrainingFactory.markAttendance(on: app.db, registration: s.lou)
            try await TrainingFactory.markAttendance(on: app.db, registration: s.zoe, present: false)
            let member = try await s.f.browser(app, as: .member)
            let lou = try s.lou.requireID(), zoe = try s.zoe.requireID()
            #expect(try await member.get(TrainingURL.certificate(lou)).status == .notFound, "session not done")
            #expect(try await member.get(TrainingURL.certificatePDF(lou)).status == .notFound)
            s.session.status = SessionStatus.done.rawValue
            try await s.session.save(on: app.db)
            #expect(try await member.get(TrainingURL.certificate(lou)).status == .ok)
            let admin = try await s.f.browser(app, as: .trainingAdmin)
            #expect(try await admin.get(TrainingURL.certificate(zoe)).status == .notFound, "absent all along")
            #expect(try await admin.get(TrainingURL.certificatePDF(zoe)).status == .notFound)
            // Zoé's structure is not the member's: out of sight, even present.
            try await TrainingAttendance.query(on: app.db).filter(\.$registration.$id == zoe).set(\.$present, to: true).update()
            #expect(try await member.get(TrainingURL.certificate(zoe)).status == .notFound)
            #expect(try await admin.get(TrainingURL.certificate(zoe)).status == .ok)
            let pdf = try await member.get(TrainingURL.certificatePDF(lou))
            #expect(pdf.status == (ChromiumPDF(config: app.config).isAvailable ? .ok : .serviceUnavailable))
        }
    }
}

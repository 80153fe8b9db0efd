import Fluent
import Foundation
import MaillageCore
import Vapor

/// The « attestation de fin de formation » of one registration, printable and as a PDF. Seen by
/// the structure's managers, the session's trainers and training admins (`TrainingAccess.registration`);
/// it exists only once the session is done and for a trainee present at least one half-day (404 else).
enum CertificateController {
    static func show(_ req: Request) async throws -> Response {
        let (registration, roster) = try await load(req)
        let rid = try registration.requireID()
        let pdf = ChromiumPDF(config: req.application.config).isAvailable ? req.link(to: TrainingURL.certificatePDF(rid)) : nil
        let doc = CertificateDocument.build(req, registration: registration, roster: roster,
                                            stylesheets: ["/css/app.css", SiteURL.theme.path],
                                            backHref: req.link(to: TrainingURL.registration(rid)), pdfHref: pdf)
        return try await req.view.render("training/certificate", doc).encodeResponse(for: req)
    }

    static func pdf(_ req: Request) async throws -> Response {
        let (registration, roster) = try await load(req)
        let bytes = try await TrainingPrint.pdf(req, template: "training/certificate", what: "l'attestation") { sheets in
            CertificateDocument.build(req, registration: registration, roster: roster,
                                      stylesheets: sheets, backHref: nil, pdfHref: nil)
        }
        return Download.response(bytes, type: "application/pdf", name: "attestation-\(roster.course.code)-\(registration.lastName.lowercased()).pdf")
    }

    /// The registration in sight, its session done, its trainee confirmed and present at least once.
    static func load(_ req: Request) async throws -> (TrainingRegistration, AttendanceRoster) {
        let (registration, session) = try await TrainingAccess.registration(req)
        guard session.statusValue == .done, registration.statusValue == .confirmed,
              let course = try await TrainingCourse.find(session.$course.id, on: req.db) else { throw Abort(.notFound) }
        let roster = try await AttendanceRoster.load(session, course: course, on: req.db)
        guard roster.attendedMinutes(try registration.requireID()) > 0 else { throw Abort(.notFound) }
        return (registration, roster)
    }
}

import Foundation
import MaillageCore
import Vapor

/// The end-of-training certificate as printed (a standalone A4 page; the same page makes the PDF).
struct CertificateDocument: Encodable, Sendable {
    let title: String
    let stylesheets: [String]
    let trainingBody: String
    let contact: String?
    let trainee: String
    let structure: String
    let courseTitle: String
    let courseCode: String
    let objectives: [String]
    let dates: String
    let place: String
    /// « 10,5 h » of the half-days marked present, « 14 h » planned.
    let attended: String
    let planned: String
    let statement: String
    let trainers: String
    let issued: String
    let backHref: String?
    let pdfHref: String?

    static func make(_ req: Request, registration: TrainingRegistration, roster: AttendanceRoster,
                     stylesheets: [String], backHref: String?, pdfHref: String?) async throws -> CertificateDocument {
        let structure = try await Structure.find(registration.$structure.id, on: req.db)
        return build(req, registration: registration, structureName: structure?.name ?? "", roster: roster,
                     stylesheets: stylesheets, backHref: backHref, pdfHref: pdfHref)
    }

    static func build(_ req: Request, registration: TrainingRegistration, structureName: String, roster: AttendanceRoster,
                      stylesheets: [String], backHref: String?, pdfHref: String?) -> CertificateDocument {
        let theme = req.application.theme
        let body = theme?.federationName ?? req.application.config.federationName
        let s = roster.session
        let attended = FrenchFormat.minutesAsHours(roster.attendedMinutes(registration.id ?? UUID()))
        let planned = FrenchFormat.minutesAsHours(roster.plannedMinutes)
        let dates = AttendanceRoster.datesLabel(first: s.firstDay, last: s.lastDay)
        return CertificateDocument(
            title: "Attestation de fin de formation — \(registration.fullName)", stylesheets: stylesheets,
            trainingBody: body, contact: theme?.contact?.label, trainee: registration.fullName, structure: structureName,
            courseTitle: roster.course.title, courseCode: roster.course.code,
            objectives: roster.course.objectives.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            dates: AttendanceRoster.datesHeading(first: s.firstDay, last: s.lastDay), place: AttendanceRoster.placeLabel(s),
            attended: attended, planned: planned,
            statement: "\(body) atteste que \(registration.fullName) (\(structureName)) a suivi la formation « \(roster.course.title) » "
                + "\(dates), pour une durée de \(attended) sur les \(planned) prévues.",
            trainers: roster.trainerNames.joined(separator: ", "),
            issued: "Fait le \(FrenchFormat.date(Day.today(now: req.services.clock.now).iso))",
            backHref: backHref, pdfHref: pdfHref)
    }
}

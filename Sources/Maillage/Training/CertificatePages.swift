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

    /// The structure's name comes from the roster (`structureNames` holds every confirmed trainee's).
    static func build(_ req: Request, registration: TrainingRegistration, roster: AttendanceRoster,
                      stylesheets: [String], backHref: String?, pdfHref: String?) -> CertificateDocument {
        let structureName = roster.structureNames[registration.$structure.id] ?? ""
        let theme = req.application.theme
        let body = theme?.federationName ?? req.application.config.federationName
        let s = roster.session
        let attended = FrenchFormat.minutesAsHours(roster.attendedMinutes(registration.id ?? UUID()))
        let planned = FrenchFormat.minutesAsHours(roster.plannedMinutes)
        let dates = SessionQueries.dates(s)
        return CertificateDocument(
            title: "Attestation de fin de formation — \(registration.fullName)", stylesheets: stylesheets,
            trainingBody: body, contact: theme?.contact?.label, trainee: registration.fullName, structure: structureName,
            courseTitle: roster.course.title, courseCode: roster.course.code,
            objectives: roster.course.objectives.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            dates: SessionQueries.datesHeading(s), place: AttendanceRoster.placeLabel(s),
            attended: attended, planned: planned,
            statement: "\(body) atteste que \(registration.fullName) (\(structureName)) a suivi la formation « \(roster.course.title) » "
                + "\(dates), pour une durée de \(attended) sur les \(planned) prévues.",
            trainers: roster.trainerNames.joined(separator: ", "),
            issued: "Fait le \(FrenchFormat.date(Day.today(now: req.services.clock.now).iso))",
            backHref: backHref, pdfHref: pdfHref)
    }
}

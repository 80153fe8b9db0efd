import Fluent
import Foundation
import MaillageCore
import Vapor

/// Attendance on screen (`…/emargement`), the printable sheet (`…/feuille-emargement`) and its PDF.
/// Trainers of the session and training admins only (`TrainingAccess.runnableSession`: 403 else).
enum AttendanceController {
    static func show(_ req: Request) async throws -> Response {
        let (session, _) = try await TrainingAccess.runnableSession(req)
        let roster = try await loadRoster(session, on: req.db)
        let page = try AttendancePage.make(req, roster: roster, today: today(req))
        return try await req.renderPage("training/attendance", title: "Émargement — \(roster.course.title)", page)
    }

    static func save(_ req: Request) async throws -> Response {
        let (session, _) = try await TrainingAccess.runnableSession(req)
        let sid = try session.requireID()
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        let posted = AttendanceService.Posted.parse(values)
        do {
            guard let posted else { throw AttendanceService.Refusal.forged }
            let saved = try await AttendanceService.save(posted, sessionID: sid, today: today(req), now: req.services.clock.now,
                                                         actor: try req.requireUser(), on: req.db)
            req.flash("Émargement enregistré : \(FrenchFormat.plural(saved.halfDays, "demi-journée", "demi-journées")), "
                      + "\(FrenchFormat.plural(saved.present, "présence", "présences")).")
            return req.redirect(to: TrainingURL.attendance(sid).path, redirectType: .normal)
        } catch let refusal as AttendanceService.Refusal {
            // A refused save shows what was posted, with the reason on top; nothing was written.
            let fresh = try await TrainingSession.find(sid, on: req.db) ?? session
            let roster = try await loadRoster(fresh, on: req.db)
            let page = try AttendancePage.make(req, roster: roster, today: today(req), posted: posted, error: refusal.message)
            return try await req.renderPage("training/attendance", title: "Émargement — \(roster.course.title)", page, status: refusal.status)
        }
    }

    static func sheet(_ req: Request) async throws -> Response {
        let (session, _) = try await TrainingAccess.runnableSession(req)
        let roster = try await loadRoster(session, on: req.db)
        let sid = try session.requireID()
        let pdf = ChromiumPDF(config: req.application.config).isAvailable ? req.link(to: TrainingURL.attendanceSheetPDF(sid)) : nil
        let doc = AttendanceSheetDocument.make(req, roster: roster, stylesheets: ["/css/app.css", SiteURL.theme.path],
                                               backHref: req.link(to: TrainingURL.attendance(sid)), pdfHref: pdf)
        return try await req.view.render("training/attendance-sheet", doc).encodeResponse(for: req)
    }

    static func sheetPDF(_ req: Request) async throws -> Response {
        let (session, _) = try await TrainingAccess.runnableSession(req)
        let roster = try await loadRoster(session, on: req.db)
        let bytes = try await TrainingPrint.pdf(req, template: "training/attendance-sheet", what: "la feuille d'émargement") { sheets in
            AttendanceSheetDocument.make(req, roster: roster, stylesheets: sheets, backHref: nil, pdfHref: nil)
        }
        return Download.response(bytes, type: "application/pdf", name: "emargement-\(roster.course.code)-\(session.firstDay).pdf")
    }

    static func loadRoster(_ session: TrainingSession, on db: any Database) async throws -> AttendanceRoster {
        guard let course = try await TrainingCourse.find(session.$course.id, on: db) else { throw Abort(.notFound) }
        return try await AttendanceRoster.load(session, course: course, on: db)
    }

    static func today(_ req: Request) -> Day { Day.today(now: req.services.clock.now) }
}

/// The training body's printed documents (the sheet, the certificate), printed on the server as
/// the dues calls are (`PrintedPDF`). The caller has done the page's own checks (404 before 503).
enum TrainingPrint {
    static func pdf<Doc: Encodable & Sendable>(_ req: Request, template: String, what: String,
                                               document: ([String]) throws -> Doc) async throws -> Data {
        let printer = try PrintedPDF.printer(req, unavailable: "La génération PDF n'est pas disponible sur ce serveur : imprimez \(what) depuis sa page.")
        return try await PrintedPDF.print(req, printer: printer, template: template, stylesheets: ["Public/css/app.css"],
                                          instead: "imprimez \(what) depuis sa page") { sheets in try document(sheets) }
    }
}

import Foundation
import Leaf
import MaillageCore
import SnapshotTesting
import Testing
import Vapor
@testable import Maillage

/// The attendance page, the printable sheet, the certificate and the survey pages, rendered from
/// page models built by hand (no database).
@Suite("Training attendance page snapshots", .snapshots(record: PageRenderer.record))
struct TrainingAttendancePageSnapshotTests {
    typealias D = SnapshotData
    static let trainer = CurrentUser(id: D.uuid(903), email: "felix.formateur@exemple.fr", displayName: "Félix Formateur",
                                     grants: [.init(role: .trainer, delegationID: nil, structureID: nil)], managedStructureIDs: [])

    /// A standalone page (no layout): the sheet and the certificate.
    static func renderStandalone<T: Encodable & Sendable>(_ template: String, _ doc: T) async throws -> String {
        let app = try await Application.make(.testing)
        do {
            app.views.use(.leaf)
            app.leaf.configuration.rootDirectory = TestPaths.root + "Resources/Views/"
            app.leaf.cache.isEnabled = false
            let view = try await app.view.render(template, doc)
            try await app.asyncShutdown()
            return String(buffer: view.data)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func attendance(error: String? = nil, notice: String? = nil) -> AttendancePage {
        let columns = [
            AttendancePage.Column(date: "12/01/2026", period: "matin", times: "9 h – 12 h 30", field: "h_\(D.uuid(11).uuidString)", note: nil),
            AttendancePage.Column(date: "12/01/2026", period: "après-midi", times: "13 h 30 – 17 h", field: nil, note: "à venir"),
        ]
        let rows = [("ABEL Zoé", "Lou", true), ("MARTIN Lou", "Lou", false)].enumerated().map { i, r in
            AttendancePage.Row(name: r.0, structure: "Relais Emploi Nantes", cells: [
                .init(name: notice == nil ? "p_\(D.uuid(21 + i).uuidString)_\(D.uuid(11).uuidString)" : nil, id: "present-\(i + 1)-1",
                      label: "Présent·e : \(r.0), 12/01/2026 matin", checked: r.2, state: r.2 ? "Présent·e" : "Absent·e"),
                .init(name: nil, id: "present-\(i + 1)-2", label: "Présent·e : \(r.0), 12/01/2026 après-midi", checked: false, state: "Non renseigné"),
            ], hours: r.2 ? "3,5 h" : "0 h")
        }
        return AttendancePage(heading: "Émargement", courseTitle: "Encadrant technique d'insertion", dates: "Le 12/01/2026",
                              place: "Maison des associations, 12 rue de la Paix, 44000 Nantes", trainers: "Félix Formateur",
                              columns: columns, rows: rows, notice: notice, error: error,
                              action: notice == nil ? "/formations/sessions/\(D.uuid(1).uuidString)/emargement" : nil,
                              sessionHref: "/formations/sessions/\(D.uuid(1).uuidString)", sheetHref: "/formations/sessions/x/feuille-emargement",
                              sheetPDFHref: nil, empty: nil)
    }

    @Test("attendance: editable, refused, read-only")
    func attendancePage() async throws {
        for (name, page) in [("editable", Self.attendance()),
                             ("refused", Self.attendance(error: AttendanceService.Refusal.future(["12/01/2026 après-midi"]).message)),
                             ("cancelled", Self.attendance(notice: AttendanceService.closedNotice(.cancelled)))] {
            let html = try await PageRenderer.render("training/attendance", title: "Émargement", page, user: Self.trainer)
            assertSnapshot(of: html, as: .lines, named: name)
        }
    }

    @Test("the printable sheet and the certificate")
    func printed() async throws {
        let sheet = AttendanceSheetDocument(
            title: "Feuille d'émargement", stylesheets: ["/css/app.css", "/theme.css"], trainingBody: "Fédération d'essai", contact: "contact@exemple.fr",
            courseTitle: "Encadrant technique d'insertion", courseCode: "ETI-01", dates: "Du 12/01/2026 au 13/01/2026", place: "Nantes",
            trainers: "Félix Formateur", columns: [.init(date: "12/01/2026", period: "matin", times: "9 h – 12 h 30"),
                                                   .init(date: "12/01/2026", period: "après-midi", times: "13 h 30 – 17 h")],
            rows: [.init(name: "MARTIN Lou", structure: "Relais Emploi Nantes", boxes: ["Signature de Lou Martin, 12/01/2026 matin", "Signature de Lou Martin, 12/01/2026 après-midi"])],
            trainerBoxes: ["Signature du formateur, 12/01/2026 matin", "Signature du formateur, 12/01/2026 après-midi"],
            backHref: "/formations/sessions/x/emargement", pdfHref: nil)
        let sheetHTML = try await Self.renderStandalone("training/attendance-sheet", sheet)
        assertSnapshot(of: sheetHTML, as: .lines, named: "sheet")
        let certificate = CertificateDocument(
            title: "Attestation de fin de formation — Lou Martin", stylesheets: ["/css/app.css"], trainingBody: "Fédération d'essai", contact: nil,
            trainee: "Lou Martin", structure: "Relais Emploi Nantes", courseTitle: "Encadrant technique d'insertion", courseCode: "ETI-01",
            objectives: ["Situer sa fonction d'encadrant."], dates: "Du 12/01/2026 au 13/01/2026", place: "Nantes",
            attended: "10,5 h", planned: "14 h", statement: "Fédération d'essai atteste que Lou Martin a suivi la formation.",
            trainers: "Félix Formateur", issued: "Fait le 20/01/2026", backHref: "/formations/inscriptions/x", pdfHref: "/formations/inscriptions/x/attestation.pdf")
        let certificateHTML = try await Self.renderStandalone("training/certificate", certificate)
        assertSnapshot(of: certificateHTML, as: .lines, named: "certificate")
    }

    @Test("the survey: blank, refused, thanks, dead link")
    func survey() async throws {
        let r = TrainingRegistration()
        r.firstName = "Lou"; r.lastName = "Martin"
        let s = TrainingSession()
        s.firstDay = "2026-01-12"; s.lastDay = "2026-01-13"
        let c = TrainingCourse()
        c.title = "Encadrant technique d'insertion"
        let token = String(repeating: "A", count: 43)
        let blank = SurveyPage.make(token: token, registration: r, session: s, course: c)
        let form = SurveyForm(q1: "0", q2: "5", q3: "", q4: "4", q5: "6", comment: "Bien.")
        let refused = SurveyPage.make(token: token, registration: r, session: s, course: c, form: form, errors: form.validate().1)
        let h1 = try await PageRenderer.render("training/survey", title: "Votre avis", blank)
        assertSnapshot(of: h1, as: .lines, named: "blank")
        let h2 = try await PageRenderer.render("training/survey", title: "Votre avis", refused)
        assertSnapshot(of: h2, as: .lines, named: "refused")
        let h3 = try await PageRenderer.render("training/survey-message", title: "Merci", SurveyMessagePage.thanks)
        assertSnapshot(of: h3, as: .lines, named: "thanks")
        let h4 = try await PageRenderer.render("training/survey-message", title: "Lien", SurveyMessagePage.gone)
        assertSnapshot(of: h4, as: .lines, named: "gone")
    }
}

import Foundation
import MaillageCore
import Vapor

/// `/formations/sessions/:sessionID/emargement`: trainees × half-days, one checkbox per cell.
struct AttendancePage: Encodable, Sendable {
    struct Column: Encodable, Sendable {
        let date: String
        let period: String
        let times: String
        /// Hidden `h_<id>`: the half-day is saved with this form (only half-days already begun).
        let field: String?
        /// « à venir » for a half-day after today.
        let note: String?
    }
    struct Cell: Encodable, Sendable {
        /// `p_<registration>_<halfDay>`; nil: not markable (future half-day or read-only page).
        let name: String?
        let id: String
        let label: String
        let checked: Bool
        /// « Présent·e », « Absent·e » or « Non renseigné » (read-only and future cells).
        let state: String
    }
    struct Row: Encodable, Sendable {
        let name: String
        let structure: String
        let cells: [Cell]
        let hours: String
    }

    let heading: String
    let courseTitle: String
    let dates: String
    let place: String
    let trainers: String
    let columns: [Column]
    let rows: [Row]
    let notice: String?
    let error: String?
    /// The form's action; nil when read-only.
    let action: String?
    let sessionHref: String?
    let sheetHref: String?
    let sheetPDFHref: String?
    let empty: String?
}

extension AttendancePage {
    static func make(_ req: Request, roster: AttendanceRoster, today: Day, posted: AttendanceService.Posted? = nil,
                     error: String? = nil) throws -> AttendancePage {
        let s = roster.session
        let sid = try s.requireID()
        let notice = AttendanceService.closedNotice(s.statusValue)
        let editable = notice == nil
        let columns = roster.halfDays.map { h -> Column in
            let future = (h.dayValue ?? today) > today
            return Column(date: FrenchFormat.date(h.day), period: h.periodValue.label, times: AttendanceRoster.timesLabel(h),
                          field: editable && !future ? "h_\(h.id?.uuidString ?? "")" : nil, note: future ? "à venir" : nil)
        }
        let rows = roster.trainees.enumerated().map { i, r -> Row in
            let rid = r.id ?? UUID()
            let cells = roster.halfDays.enumerated().map { j, h -> Cell in
                let hid = h.id ?? UUID()
                let saved = roster.marks[rid]?[hid]
                let checked = posted.map { $0.present.contains(.init(registration: rid, halfDay: hid)) } ?? (saved == true)
                let markable = columns[j].field != nil
                let state = saved.map { $0 ? "Présent·e" : "Absent·e" } ?? "Non renseigné"
                return Cell(name: markable ? "p_\(rid.uuidString)_\(hid.uuidString)" : nil, id: "present-\(i + 1)-\(j + 1)",
                            label: "Présent·e : \(r.fullName), \(AttendanceRoster.halfDayLabel(h))", checked: checked, state: state)
            }
            return Row(name: "\(r.lastName.uppercased()) \(r.firstName)", structure: roster.structureNames[r.$structure.id] ?? "",
                       cells: cells, hours: FrenchFormat.minutesAsHours(roster.attendedMinutes(rid)))
        }
        let anyMarkable = columns.contains { $0.field != nil } && !rows.isEmpty
        return AttendancePage(
            heading: "Émargement", courseTitle: roster.course.title,
            dates: SessionQueries.datesHeading(s),
            place: AttendanceRoster.placeLabel(s), trainers: roster.trainerNames.joined(separator: ", "),
            columns: columns, rows: rows, notice: notice, error: error,
            action: anyMarkable ? req.link(to: TrainingURL.saveAttendance(sid)) : nil,
            sessionHref: req.link(to: TrainingURL.session(sid)), sheetHref: req.link(to: TrainingURL.attendanceSheet(sid)),
            sheetPDFHref: ChromiumPDF(config: req.application.config).isAvailable ? req.link(to: TrainingURL.attendanceSheetPDF(sid)) : nil,
            empty: rows.isEmpty ? "Aucun stagiaire inscrit (confirmé) à cette session." : nil)
    }
}

/// The printable « feuille d'émargement » (A4, standalone page; the same page is printed to PDF).
struct AttendanceSheetDocument: Encodable, Sendable {
    struct Column: Encodable, Sendable { let date: String; let period: String; let times: String }
    struct Row: Encodable, Sendable { let name: String; let structure: String; let boxes: [String] }

    let title: String
    let stylesheets: [String]
    let trainingBody: String
    let contact: String?
    let courseTitle: String
    let courseCode: String
    let dates: String
    let place: String
    let trainers: String
    let columns: [Column]
    /// One signature box per half-day (the box's accessible name says whose and when).
    let rows: [Row]
    let trainerBoxes: [String]
    let backHref: String?
    let pdfHref: String?

    static func make(_ req: Request, roster: AttendanceRoster, stylesheets: [String], backHref: String?, pdfHref: String?) -> AttendanceSheetDocument {
        let s = roster.session
        let theme = req.application.theme
        return AttendanceSheetDocument(
            title: "Feuille d'émargement — \(roster.course.title)", stylesheets: stylesheets,
            trainingBody: theme?.federationName ?? req.application.config.federationName,
            contact: theme?.contact?.label, courseTitle: roster.course.title, courseCode: roster.course.code,
            dates: SessionQueries.datesHeading(s),
            place: AttendanceRoster.placeLabel(s), trainers: roster.trainerNames.joined(separator: ", "),
            columns: roster.halfDays.map { Column(date: FrenchFormat.date($0.day), period: $0.periodValue.label, times: AttendanceRoster.timesLabel($0)) },
            rows: roster.trainees.map { r in
                Row(name: "\(r.lastName.uppercased()) \(r.firstName)", structure: roster.structureNames[r.$structure.id] ?? "",
                    boxes: roster.halfDays.map { "Signature de \(r.fullName), \(AttendanceRoster.halfDayLabel($0))" })
            },
            trainerBoxes: roster.halfDays.map { "Signature du formateur, \(AttendanceRoster.halfDayLabel($0))" },
            backHref: backHref, pdfHref: pdfHref)
    }
}

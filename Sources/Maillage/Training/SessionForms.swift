import Fluent
import Foundation
import MaillageCore

/// A posted session (new or edit), read, bounded and resolved against the database (course,
/// structure by SIRET or name, delegation, trainers): every problem at once, by field, in French.
struct SessionInput: Sendable {
    struct HalfDay: Sendable, Equatable {
        var day: Day
        var period: HalfDayPeriod
        var starts: LocalTime
        var ends: LocalTime
        var minutes: Int { ends.minutes - starts.minutes }
    }

    static let maxRows = 12
    static let capacityRange = 1...500
    static let deadlineRange = 0...365
    static let maxShort = 200
    static let maxLong = 2000

    var courseID: UUID
    var kind: SessionKind
    var structureID: UUID?
    var delegationID: UUID?
    var placeName: String?
    var address: String?
    var accessInfo: String?
    var remoteURL: String?
    var capacity: Int
    var registrationDays: Int
    var cancellationDays: Int
    var trainers: [(id: UUID, name: String)]
    var halfDays: [HalfDay]

    var firstDay: Day { halfDays.map(\.day).min()! }
    var lastDay: Day { halfDays.map(\.day).max()! }

    static let textFields = ["session_course", "session_kind", "session_structure", "session_delegation", "session_place",
                             "session_address", "session_access", "session_remote", "session_capacity",
                             "session_registration_days", "session_cancellation_days", "version"]

    /// The form's values worth keeping from a post: the fields above, each row's four cells, the ticked trainers.
    static func values(from all: [String: String]) -> [String: String] {
        var values: [String: String] = [:]
        for key in textFields { values[key] = all[key].map { String($0.prefix(2100)) } }
        for n in 1...maxRows {
            for cell in ["hd_day", "hd_period", "hd_starts", "hd_ends"] { values["\(cell)_\(n)"] = all["\(cell)_\(n)"].map { String($0.prefix(20)) } }
        }
        for (key, value) in all where key.hasPrefix("trainer_") && key.count <= 60 { values[key] = value }
        return values
    }

    /// Reads the form. `trainerAccounts`: those holding the trainer role (the checkboxes).
    static func resolve(_ v: [String: String], trainerAccounts: [(id: UUID, name: String)], on db: any Database) async throws -> Result<SessionInput, FormRefusal> {
        var errors = FieldErrors()
        // Course and kind.
        var course: TrainingCourse?
        if let id = UUID(uuidString: v["session_course", default: ""]) { course = try await TrainingCourse.find(id, on: db) }
        if course == nil { errors.add("session_course", "Choisissez le cours de la session.") }
        let kind = SessionKind(rawValue: v["session_kind", default: ""])
        if kind == nil { errors.add("session_kind", "Choisissez inter-structures ou intra.") }
        if let course, let kind {
            if course.formatValue == .intra, kind == .inter { errors.add("session_kind", "Ce cours ne se donne qu'en intra.") }
            if course.formatValue == .inter, kind == .intra { errors.add("session_kind", "Ce cours ne se donne qu'en inter-structures.") }
        }
        // The structure of an intra session, by SIRET or name.
        var structureID: UUID?
        if kind == .intra {
            switch try await findStructure(v["session_structure", default: ""], on: db) {
            case .success(let id): structureID = id
            case .failure(let refusal): errors.add("session_structure", refusal.errors["session_structure"] ?? "")
            }
        }
        var delegationID: UUID?
        let delegationText = v["session_delegation", default: ""]
        if !delegationText.isEmpty {
            if let id = UUID(uuidString: delegationText), try await Delegation.find(id, on: db) != nil { delegationID = id }
            else { errors.add("session_delegation", "Choisissez une délégation de la liste, ou aucune.") }
        }
        // Place or link.
        let place = optionalText(v, "session_place", label: "Le lieu", max: maxShort, errors: &errors)
        let address = optionalText(v, "session_address", label: "L'adresse", max: maxShort, errors: &errors)
        let access = optionalText(v, "session_access", label: "Le texte sur l'accès", max: maxLong, errors: &errors)
        var remote: String?
        let remoteText = v["session_remote", default: ""].trimmingCharacters(in: .whitespaces)
        if let refusal = MemberFields.controlRefusal(remoteText, label: "Le lien de connexion") {
            errors.add("session_remote", refusal.message)
        } else if !remoteText.isEmpty {
            switch WebAddress.check(remoteText) {
            case .success(let address) where address.hasPrefix("https://"): remote = address
            case .success: errors.add("session_remote", "Le lien de connexion doit commencer par https://.")
            case .failure(let refusal): errors.add("session_remote", refusal.message)
            }
        }
        if place == nil, address == nil, remoteText.isEmpty {
            errors.add("session_place", "Indiquez le lieu de la session, ou un lien de connexion pour une session à distance.")
        }
        // Capacity and deadlines.
        let capacity = number(v, "session_capacity", in: capacityRange,
                              message: "Indiquez le nombre de places, de 1 à 500.", errors: &errors)
        let registration = number(v, "session_registration_days", in: deadlineRange,
                                  message: "Indiquez un nombre de jours avant le premier jour, de 0 à 365.", errors: &errors)
        let cancellation = number(v, "session_cancellation_days", in: deadlineRange,
                                  message: "Indiquez un nombre de jours avant le premier jour, de 0 à 365.", errors: &errors)
        // Trainers: accounts holding the trainer role, ticked.
        let trainers = trainerAccounts.filter { CourseInput.checked(v["trainer_\($0.id.uuidString)"]) }
        if trainers.isEmpty { errors.add("session_trainers", "Cochez au moins un formateur.") }
        let halfDays = rows(v, errors: &errors)
        guard errors.isEmpty, let course, let kind, let capacity, let registration, let cancellation else { return .failure(FormRefusal(errors: errors)) }
        return .success(SessionInput(
            courseID: try course.requireID(), kind: kind, structureID: structureID, delegationID: delegationID, placeName: place,
            address: address, accessInfo: access, remoteURL: remote, capacity: capacity, registrationDays: registration,
            cancellationDays: cancellation, trainers: trainers, halfDays: halfDays))
    }

    /// The half-day rows: blank rows are skipped; a row is a day, a period, a start and an end.
    static func rows(_ v: [String: String], errors: inout FieldErrors) -> [HalfDay] {
        var out: [HalfDay] = []
        var seen = Set<String>()
        for n in 1...maxRows {
            let cells = ["hd_day", "hd_period", "hd_starts", "hd_ends"].map { v["\($0)_\(n)", default: ""].trimmingCharacters(in: .whitespaces) }
            if cells[0].isEmpty, cells[2].isEmpty, cells[3].isEmpty { continue }
            let day = Day(typed: cells[0])
            if day == nil { errors.add("hd_day_\(n)", "Ligne \(n) : date invalide, écrivez-la jj/mm/aaaa.") }
            else if !(2000...2100).contains(day!.year) { errors.add("hd_day_\(n)", "Ligne \(n) : date hors des années 2000 à 2100.") }
            let period = HalfDayPeriod(rawValue: cells[1])
            if period == nil { errors.add("hd_period_\(n)", "Ligne \(n) : choisissez matin ou après-midi.") }
            let starts = LocalTime(typed: cells[2]), ends = LocalTime(typed: cells[3])
            if starts == nil { errors.add("hd_starts_\(n)", "Ligne \(n) : heure de début invalide (par exemple 9 h ou 09:00).") }
            if ends == nil { errors.add("hd_ends_\(n)", "Ligne \(n) : heure de fin invalide (par exemple 12 h 30 ou 12:30).") }
            if let starts, let ends, ends <= starts { errors.add("hd_ends_\(n)", "Ligne \(n) : la fin doit venir après le début.") }
            if let starts, let period {
                if period == .morning, starts.minutes >= 13 * 60 { errors.add("hd_starts_\(n)", "Ligne \(n) : un matin commence avant 13 h.") }
                if period == .afternoon, starts.minutes < 12 * 60 { errors.add("hd_starts_\(n)", "Ligne \(n) : un après-midi commence à partir de 12 h.") }
            }
            guard let day, (2000...2100).contains(day.year), let period, let starts, let ends, ends > starts else { continue }
            if !seen.insert("\(day.iso)-\(period.rawValue)").inserted {
                errors.add("hd_day_\(n)", "Ligne \(n) : cette demi-journée figure déjà plus haut.")
                continue
            }
            out.append(HalfDay(day: day, period: period, starts: starts, ends: ends))
        }
        if out.isEmpty, errors.order.allSatisfy({ !$0.hasPrefix("hd_") }) {
            errors.add("hd_day_1", "Indiquez au moins une demi-journée (date, période, début et fin).")
        }
        return out.sorted { ($0.day, $0.period == .morning ? 0 : 1) < ($1.day, $1.period == .morning ? 0 : 1) }
    }

    /// A structure of the register by its SIRET (spaces and dots allowed, key checked) or its exact name (accents and case aside).
    static func findStructure(_ typed: String, on db: any Database) async throws -> Result<UUID, FormRefusal> {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .failure(.init("session_structure", "Une session intra appartient à une structure : indiquez son SIRET ou son nom.")) }
        if let refusal = MemberFields.controlRefusal(text, label: "Le SIRET ou le nom de la structure") {
            return .failure(.init("session_structure", refusal.message))
        }
        if let siret = SIRET(text) {
            guard let s = try await Structure.query(on: db).filter(\.$siret == siret.digits).first() else {
                return .failure(.init("session_structure", "Aucune structure du registre n'a ce SIRET."))
            }
            return .success(try s.requireID())
        }
        // Digits and separators only: a SIRET typed wrong (length or key), not a name.
        if text.contains(where: \.isNumber), !text.contains(where: \.isLetter), let problem = SIRET.problem(text) {
            return .failure(.init("session_structure", problem))
        }
        let folded = SearchText.fold(text)
        let matches = try await Structure.query(on: db).all().filter { SearchText.fold($0.name) == folded }
        switch matches.count {
        case 0: return .failure(.init("session_structure", "Aucune structure du registre ne porte ce nom : indiquez son SIRET."))
        case 1: return .success(try matches[0].requireID())
        default: return .failure(.init("session_structure", "Plusieurs structures portent ce nom : indiquez le SIRET."))
        }
    }

    static func optionalText(_ v: [String: String], _ field: String, label: String, max: Int, errors: inout FieldErrors) -> String? {
        let text = CourseInput.text(v, field, label: label, max: max, required: nil, errors: &errors)
        return text.isEmpty ? nil : text
    }

    static func number(_ v: [String: String], _ field: String, in range: ClosedRange<Int>, message: String,
                       errors: inout FieldErrors) -> Int? {
        guard let n = Int(v[field, default: ""].trimmingCharacters(in: .whitespaces)), range.contains(n) else {
            errors.add(field, message)
            return nil
        }
        return n
    }

    /// Whole days from `a` to `b` (Paris days).
    static func days(from a: Day, to b: Day) -> Int {
        Int((ParisTime.midnight(b).timeIntervalSince(ParisTime.midnight(a)) / 86_400).rounded())
    }

    /// The form values of a stored session.
    static func values(of s: TrainingSession, halfDays: [TrainingHalfDay], trainerIDs: [UUID], structure: Structure?) -> [String: String] {
        var v: [String: String] = [
            "session_course": s.$course.id.uuidString, "session_kind": s.kind,
            "session_structure": structure?.siret ?? "", "session_delegation": s.$delegation.id?.uuidString ?? "",
            "session_place": s.placeName ?? "", "session_address": s.address ?? "", "session_access": s.accessInfo ?? "",
            "session_remote": s.remoteURL ?? "", "session_capacity": String(s.capacity), "version": String(s.version),
        ]
        if let first = s.firstDayValue {
            v["session_registration_days"] = s.registrationDeadlineValue.map { String(days(from: $0, to: first)) } ?? "7"
            v["session_cancellation_days"] = s.cancellationDeadlineValue.map { String(days(from: $0, to: first)) } ?? "3"
        }
        for (i, h) in halfDays.prefix(maxRows).enumerated() {
            v["hd_day_\(i + 1)"] = h.dayValue?.french ?? h.day
            v["hd_period_\(i + 1)"] = h.period
            v["hd_starts_\(i + 1)"] = h.starts
            v["hd_ends_\(i + 1)"] = h.ends
        }
        for id in trainerIDs { v["trainer_\(id.uuidString)"] = "1" }
        return v
    }
}

import Fluent
import Foundation
import MaillageCore
import Vapor

/// The session page's model: public facts for everyone who sees the session; registrations,
/// steps and attendance links for its trainers and training admins; a member manager's own.
enum SessionShow {
    static func page(_ req: Request, _ session: TrainingSession, _ course: TrainingCourse) async throws -> SessionPage {
        let id = try session.requireID()
        let user = req.currentUser
        let today = Day.today(now: req.services.clock.now)
        let halfDays = try await SessionQueries.halfDays(of: id, on: req.db)
        let trainers = try await TrainingSessionTrainer.query(on: req.db).filter(\.$session.$id == id).all()
        let trainerIDs = Set(trainers.map(\.userID))
        let parties = TrainingAccess.parties(of: user, trainerIDs: trainerIDs)
        let staff = !parties.isEmpty
        let registrations = try await TrainingRegistration.query(on: req.db).filter(\.$session.$id == id)
            .filter(\.$status != RegistrationStatus.cancelled.rawValue).all()
            .sorted { ($0.statusValue == .confirmed ? 0 : 1, $0.position) < ($1.statusValue == .confirmed ? 0 : 1, $1.position) }
        let confirmed = registrations.filter { $0.statusValue == .confirmed }.count
        let waiting = registrations.count - confirmed
        let shown = staff ? registrations : registrations.filter { user?.managedStructureIDs.contains($0.$structure.id) == true }
        let structureIDs = Array(Set(shown.map(\.$structure.id) + [session.$structure.id].compactMap { $0 }))
        let structures = structureIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues:
            try await Structure.query(on: req.db).filter(\.$id ~~ structureIDs).all().map { ($0.id!, $0.name) })
        var delegation: Delegation?
        if let did = session.$delegation.id { delegation = try await Delegation.find(did, on: req.db) }
        let status = session.statusValue
        let open = status.takesRegistrations && (session.registrationDeadlineValue.map { today <= $0 } ?? false)
        let steps: [SessionPage.Step] = SessionWorkflow.table.actions(from: status, by: parties).compactMap { action in
            guard let step = SessionStepName.allCases.first(where: { $0.action == action }),
                  let href = req.link(to: TrainingURL.confirmSessionStep(id, step)) else { return nil }
            return .init(href: href, label: SessionStepPage.heading(step))
        }
        return SessionPage(
            catalogueHref: req.link(to: TrainingURL.start), courseTitle: course.title,
            courseHref: TrainingAccess.sees(course.visibilityValue, user) ? req.link(to: TrainingURL.course(course.id!)) : nil,
            code: course.code, kind: session.kindValue.label,
            structureName: session.$structure.id.flatMap { structures[$0] },
            status: status.label, cancelled: status == .cancelled, cancelReason: status == .cancelled ? session.cancelReason : nil,
            dates: SessionQueries.dates(session),
            halfDays: halfDays.map { h in
                let starts = LocalTime(stored: h.starts), ends = LocalTime(stored: h.ends)
                return .init(day: h.dayValue?.french ?? h.day, period: h.periodValue.label,
                             times: "\(starts?.french ?? h.starts) – \(ends?.french ?? h.ends)",
                             hours: FrenchFormat.minutesAsHours(h.minutes))
            },
            totalHours: FrenchFormat.minutesAsHours(halfDays.reduce(0) { $0 + $1.minutes }),
            placeName: session.placeName, address: session.address, accessInfo: session.accessInfo,
            remoteURL: WebAddress.link(session.remoteURL), remoteText: session.remoteURL, delegation: delegation?.name,
            trainers: trainers.isEmpty ? nil : trainers.map(\.trainerName).sorted { FrenchSortKey($0) < FrenchSortKey($1) }.joined(separator: ", "),
            capacity: FrenchFormat.plural(session.capacity, "place", "places"),
            seats: SessionQueries.seats(max(0, session.capacity - confirmed), waiting: waiting),
            waiting: waiting > 0 ? FrenchFormat.plural(waiting, "personne en liste d'attente", "personnes en liste d'attente") : nil,
            registrationDeadline: session.registrationDeadlineValue?.french ?? session.registrationDeadline,
            cancellationDeadline: session.cancellationDeadlineValue?.french ?? session.cancellationDeadline,
            registerHref: open ? req.link(to: TrainingURL.register(id)) : nil,
            registrationClosed: open ? nil : status == .cancelled ? "Cette session est annulée."
                : status == .done ? "Cette session a eu lieu." : "Les inscriptions sont closes.",
            staff: staff,
            registrations: shown.map { r in
                .init(name: r.fullName, structure: structures[r.$structure.id] ?? "", job: r.job, status: r.statusValue.label,
                      waiting: r.statusValue == .waiting, href: req.link(to: TrainingURL.registration(r.id!)))
            }.nonEmpty,
            editHref: staff && status.takesRegistrations ? req.link(to: TrainingURL.editSession(id)) : nil,
            attendanceHref: staff ? req.link(to: TrainingURL.attendance(id)) : nil,
            sheetHref: staff ? req.link(to: TrainingURL.attendanceSheet(id)) : nil,
            steps: steps.nonEmpty)
    }
}

import Fluent
import Foundation
import MaillageCore
import Vapor

/// The page models of the registration pages, from the records and the person's rights.
extension RegistrationController {
    static func renderNew(_ req: Request, session: TrainingSession, course: TrainingCourse, values: [String: String],
                          errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let user = try req.requireUser()
        let sid = try session.requireID()
        let structures = try await eligibleStructures(req, user: user, session: session)
        let counts = try await SessionQueries.counts(of: [sid], on: req.db)[sid] ?? (0, 0)
        var notice = RegistrationService.closedReason(session, today: today(req))
        if notice == nil, structures.isEmpty { notice = "Vous ne gérez aucune structure qui puisse inscrire du personnel à cette session." }
        let chosen = values["structure"] ?? ""
        let options = structures.map { QuestionOption(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == chosen) }
        let rows = (1...RegistrationService.maxTrainees).map { n in
            func v(_ f: String) -> String { values["trainee_\(n)_\(f)"] ?? "" }
            func e(_ f: String) -> String? { errors["trainee_\(n)_\(f)"] }
            return RegistrationNewPage.Row(
                n: n, firstName: v("first_name"), lastName: v("last_name"), email: v("email"), job: v("job"),
                categories: TraineeCategory.allCases.map { QuestionOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == v("category")) },
                fundings: TrainingFunding.allCases.map { QuestionOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == v("funding")) },
                firstNameError: e("first_name"), lastNameError: e("last_name"), emailError: e("email"), jobError: e("job"))
        }
        var page = RegistrationNewPage(
            course: "\(course.title) (\(course.code))", dates: SessionQueries.dates(session),
            sessionHref: req.link(to: TrainingURL.session(sid)), listHref: req.link(to: .training(.registrations)),
            notice: notice, action: notice == nil ? req.link(to: TrainingURL.createRegistration(sid)) : nil,
            structures: options, onlyStructure: options.count == 1 ? options[0] : nil, structureError: errors["structure"],
            seats: RegistrationPages.seatsSentence(capacity: session.capacity, confirmed: counts.confirmed),
            waiting: RegistrationPages.waitingSentence(counts.waiting), rows: rows)
        page.errors = errors
        return try await req.renderPage("training/registration-new", title: "Inscrire du personnel", page, status: status)
    }

    static func showPage(_ req: Request, _ r: TrainingRegistration, _ session: TrainingSession) async throws -> RegistrationShowPage {
        let id = try r.requireID()
        let structure = try await Structure.find(r.$structure.id, on: req.db)
        let rank = try await RegistrationService.waitingRank(of: r, on: req.db)
        let parties = cancelParties(req, r)
        let cancellable = r.statusValue.isLive && !parties.isEmpty
            && RegistrationService.cancelClosedReason(session, parties: parties, today: today(req)) == nil
        let attended = session.statusValue == .done ? try await RegistrationQueries.attended(id, on: req.db) : false
        return RegistrationShowPage(
            trainee: r.fullName, email: r.email, job: r.job, category: r.categoryValue.label, funding: r.fundingValue.label,
            structure: structure?.name ?? "—", status: r.statusValue.label, statusCode: r.status,
            rank: rank.map { "\(RegistrationService.ordinalRank($0)) sur la liste d'attente" },
            registered: "Inscrit·e le \(FrenchFormat.dateTime(r.registeredAt)) par \(r.registeredByName)",
            cancelled: r.cancelledAt.map { "Annulée le \(FrenchFormat.dateTime($0))" + (r.cancelledByName.map { " par \($0)" } ?? "") },
            convocation: try await details(req, session),
            listHref: req.link(to: .training(.registrations)), sessionHref: req.link(to: TrainingURL.session(try session.requireID())),
            convocationHref: req.link(to: TrainingURL.convocation(id)),
            cancelHref: cancellable ? req.link(to: TrainingURL.confirmCancelRegistration(id)) : nil,
            certificateHref: attended ? req.link(to: TrainingURL.certificate(id)) : nil)
    }

    /// The convocation's details of a session: half-days, place, trainers, the training body's contact.
    static func details(_ req: Request, _ session: TrainingSession) async throws -> ConvocationDetails {
        let sid = try session.requireID()
        let course = try await TrainingCourse.find(session.$course.id, on: req.db)
        let halfDays = try await TrainingHalfDay.query(on: req.db).filter(\.$session.$id == sid).all()
        let trainers = try await TrainingSessionTrainer.query(on: req.db).filter(\.$session.$id == sid).all().map(\.trainerName)
            .sorted { FrenchSortKey($0) < FrenchSortKey($1) }
        func text(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        let contact = req.application.theme?.contact
        return ConvocationDetails(course: course?.title ?? "—", code: course?.code ?? "", halfDays: RegistrationPages.halfDayLines(halfDays),
                                  place: text(session.placeName), address: text(session.address), access: text(session.accessInfo),
                                  remoteURL: text(session.remoteURL), trainers: trainers.isEmpty ? nil : trainers.joined(separator: ", "),
                                  contactLabel: contact?.label, contactHref: contact?.href)
    }
}

import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The registration pages rendered from page models built by hand: the form (seats left, refused),
/// a session closed to registrations, the list, one registration, the convocation, cancelling.
@Suite("Training registration page snapshots", .snapshots(record: PageRenderer.record))
struct TrainingRegistrationPageSnapshotTests {
    typealias D = SnapshotData

    static let convocation = ConvocationDetails(
        course: "Encadrant technique d'insertion : les fondamentaux", code: "ETI-01",
        halfDays: ["lundi 1er mars 2027, matin : 9\u{202F}h – 12\u{202F}h\u{202F}30", "lundi 1er mars 2027, après-midi : 13\u{202F}h\u{202F}30 – 17\u{202F}h"],
        place: "Maison des associations", address: "12 rue de la Paix, 44000 Nantes", access: "Tram 1, arrêt Commerce.",
        remoteURL: nil, trainers: "Félix Formateur", contactLabel: "formation@exemple.fr", contactHref: "mailto:formation@exemple.fr")

    static func newPage(errors: FieldErrors = FieldErrors(), values: [String: String] = [:], notice: String? = nil) -> RegistrationNewPage {
        let sid = D.uuid(501)
        var page = RegistrationNewPage(
            course: "Encadrant technique d'insertion : les fondamentaux (ETI-01)", dates: "le 01/03/2027",
            sessionHref: TrainingURL.session(sid).path, listHref: SiteURL.training(.registrations).path, notice: notice,
            action: notice == nil ? TrainingURL.createRegistration(sid).path : nil,
            structures: [QuestionOption(value: D.uuid(1).uuidString, label: "Relais Emploi Nantes", selected: true),
                         QuestionOption(value: D.uuid(2).uuidString, label: "Tempo Emploi Nantes", selected: false)],
            onlyStructure: nil, structureError: errors["structure"],
            seats: RegistrationPages.seatsSentence(capacity: 12, confirmed: 11), waiting: RegistrationPages.waitingSentence(0),
            rows: (1...5).map { n in
                func v(_ f: String) -> String { values["trainee_\(n)_\(f)"] ?? "" }
                return .init(n: n, firstName: v("first_name"), lastName: v("last_name"), email: v("email"), job: v("job"),
                             categories: TraineeCategory.allCases.map { QuestionOption(value: $0.rawValue, label: $0.label, selected: $0 == .privateEmployee) },
                             fundings: TrainingFunding.allCases.map { QuestionOption(value: $0.rawValue, label: $0.label, selected: $0 == .skillsOperator) },
                             firstNameError: errors["trainee_\(n)_first_name"], lastNameError: errors["trainee_\(n)_last_name"],
                             emailError: errors["trainee_\(n)_email"], jobError: errors["trainee_\(n)_job"])
            })
        page.errors = errors
        return page
    }

    @Test("registration form: blank with the seats left, refused by field, a closed session")
    func form() async throws {
        let path = TrainingURL.register(D.uuid(501)).path
        let blank = try await PageRenderer.render("training/registration-new", title: "Inscrire du personnel", Self.newPage(), user: D.manager, path: path)
        assertSnapshot(of: blank, as: .lines, named: "blank")
        var errors = FieldErrors()
        errors.add("trainee_2_email", "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@structure.fr).")
        errors.add("trainee_2_job", "Indiquez le poste occupé.")
        let refused = Self.newPage(errors: errors, values: ["trainee_1_first_name": "Lou", "trainee_1_last_name": "Martin",
                                                             "trainee_1_email": "lou@relais.fr", "trainee_1_job": "Encadrante",
                                                             "trainee_2_first_name": "Sam", "trainee_2_last_name": "Petit", "trainee_2_email": "sam@"])
        let html = try await PageRenderer.render("training/registration-new", title: "Inscrire du personnel", refused, user: D.manager, path: path)
        assertSnapshot(of: html, as: .lines, named: "refused")
        let closed = Self.newPage(notice: "La date limite d'inscription (22/02/2027) est passée : cette session ne prend plus d'inscriptions.")
        let html2 = try await PageRenderer.render("training/registration-new", title: "Inscrire du personnel", closed, user: D.manager, path: path)
        assertSnapshot(of: html2, as: .lines, named: "closed")
    }

    @Test("registrations list: two lines, filters")
    func list() async throws {
        let columns = RegistrationController.columns
        let state = ListState([:], columns: columns, defaultSort: ListSort("dates", descending: true))
        let list = ListView(.training(.registrations), columns: columns, state: state, filters: [], total: 2, exportable: true,
                            noun: ("inscription", "inscriptions"))
        let page = RegistrationListPage(
            intro: "Les inscriptions de vos structures et des sessions que vous animez.", list: list,
            action: SiteURL.training(.registrations).path,
            statuses: RegistrationStatus.allCases.map { QuestionOption(value: $0.rawValue, label: $0.label, selected: $0 == .waiting) },
            years: [QuestionOption(value: "2027", label: "2027", selected: false)],
            structures: [QuestionOption(value: D.uuid(1).uuidString, label: "Relais Emploi Nantes", selected: false)],
            rows: [
                .init(trainee: "Lou Martin", href: TrainingURL.registration(D.uuid(701)).path, structure: "Relais Emploi Nantes",
                      course: "Encadrant technique d'insertion : les fondamentaux (ETI-01)", dates: "le 01/03/2027",
                      status: "Inscrit·e", statusCode: "confirmed", rank: ""),
                .init(trainee: "Sam Petit", href: TrainingURL.registration(D.uuid(702)).path, structure: "Relais Emploi Nantes",
                      course: "Encadrant technique d'insertion : les fondamentaux (ETI-01)", dates: "le 01/03/2027",
                      status: "Liste d'attente", statusCode: "waiting", rank: "1re"),
            ])
        let html = try await PageRenderer.render("training/registrations", title: "Inscriptions aux formations", page, user: D.manager,
                                                 path: SiteURL.training(.registrations).path)
        assertSnapshot(of: html, as: .lines)
    }

    @Test("one registration waiting (rank, cancel link) and its printable convocation")
    func registrationAndConvocation() async throws {
        let id = D.uuid(702)
        let page = RegistrationShowPage(
            trainee: "Sam Petit", email: "sam.petit@relais.fr", job: "Accompagnateur socioprofessionnel",
            category: TraineeCategory.privateEmployee.label, funding: TrainingFunding.skillsOperator.label, structure: "Relais Emploi Nantes",
            status: "Liste d'attente", statusCode: "waiting", rank: "2e sur la liste d'attente",
            registered: "Inscrit·e le 06/12/2026 à 10:00 par Alex Bernard", cancelled: nil, convocation: Self.convocation,
            listHref: SiteURL.training(.registrations).path, sessionHref: TrainingURL.session(D.uuid(501)).path,
            convocationHref: TrainingURL.convocation(id).path, cancelHref: TrainingURL.confirmCancelRegistration(id).path, certificateHref: nil)
        let html = try await PageRenderer.render("training/registration", title: "Inscription de Sam Petit", page, user: D.manager,
                                                 path: TrainingURL.registration(id).path)
        assertSnapshot(of: html, as: .lines, named: "registration")
        let print = ConvocationPage(federation: PageRenderer.federation, trainee: "Lou Martin", structure: "Relais Emploi Nantes",
                                    status: "Inscrit·e", confirmed: true, convocation: Self.convocation,
                                    backHref: TrainingURL.registration(id).path)
        let html2 = try await PageRenderer.render("training/convocation", title: "Convocation de Lou Martin", print, user: D.manager,
                                                  path: TrainingURL.convocation(id).path)
        assertSnapshot(of: html2, as: .lines, named: "convocation")
    }

    @Test("cancelling: the confirmation form, and the notice after the deadline")
    func cancel() async throws {
        let id = D.uuid(701)
        let lines = ["Lou Martin — Encadrant technique d'insertion : les fondamentaux (le 01/03/2027)", "Statut : Inscrit·e",
                     "La place libérée ira à la première personne de la liste d'attente, qui sera prévenue par e-mail."]
        let open = RegistrationCancelPage(heading: "Annuler l'inscription de Lou Martin ?", lines: lines, notice: nil,
                                          action: TrainingURL.cancelRegistration(id).path, backHref: TrainingURL.registration(id).path)
        let html = try await PageRenderer.render("training/registration-cancel", title: "Annuler une inscription", open, user: D.manager,
                                                 path: TrainingURL.confirmCancelRegistration(id).path)
        assertSnapshot(of: html, as: .lines, named: "confirm")
        let late = RegistrationCancelPage(heading: "Annuler l'inscription de Lou Martin ?", lines: lines,
                                          notice: "La date limite d'annulation (26/02/2027) est passée : contactez l'organisme de formation pour annuler.",
                                          action: nil, backHref: TrainingURL.registration(id).path)
        let html2 = try await PageRenderer.render("training/registration-cancel", title: "Annuler une inscription", late, user: D.manager,
                                                  path: TrainingURL.confirmCancelRegistration(id).path)
        assertSnapshot(of: html2, as: .lines, named: "late")
    }
}

import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The catalogue, a course, a pack and their editors, from page models built by hand (no database).
@Suite("Training catalogue page snapshots", .snapshots(record: PageRenderer.record))
struct TrainingCataloguePageSnapshotTests {
    typealias D = SnapshotData

    static let trainingAdmin = CurrentUser(id: D.uuid(905), email: "formation@exemple.fr", displayName: "Fanny Formation",
                                           grants: [.init(role: .trainingAdmin, delegationID: nil, structureID: nil)], managedStructureIDs: [])

    static let coming = ComingSessionLine(dates: "du 14/01/2027 au 15/01/2027", place: "Maison des associations",
                                          seats: "1 place restante", full: false, href: "/formations/sessions/\(D.uuid(20))")

    @Test("catalogue: two themes, badges, a coming session, a pack; filtered and empty")
    func catalogue() async throws {
        let page = CataloguePage(
            action: "/formations", q: "", themes: [.init(value: "supervision", label: "Encadrement technique", selected: false)],
            formats: [.init(value: "inter", label: "Inter-structures", selected: false)], certifyingOnly: false, filtered: false,
            resetHref: nil, count: "2 cours",
            groups: [.init(label: "Encadrement technique", courses: [
                        .init(code: "ETI-01", title: "Encadrant technique : les fondamentaux", href: "/formations/cours/\(D.uuid(10))",
                              badges: ["Nouveau", "Certifiant"], duration: "14\u{202F}h", price: "450,00\u{00A0}€", format: "Inter ou intra",
                              sessions: [Self.coming])]),
                     .init(label: "Ressources humaines et droit social", courses: [
                        .init(code: "RH-02", title: "Le CDDI", href: "/formations/cours/\(D.uuid(11))", badges: [],
                              duration: "3,5\u{202F}h", price: "120,00\u{00A0}€", format: "Intra (dans la structure)", sessions: nil)])],
            packs: [.init(title: "Parcours ETI", href: "/formations/parcours/\(D.uuid(30))",
                          courses: ["ETI-01 — Encadrant technique : les fondamentaux", "RH-02 — Le CDDI"], duration: "17,5\u{202F}h")],
            newCourseHref: "/formations/cours/nouveau", newPackHref: "/formations/parcours/nouveau",
            newSessionHref: "/formations/sessions/nouvelle", sessionsHref: "/formations/sessions")
        let html = try await PageRenderer.render("training/catalogue", title: "Catalogue des formations", page, user: Self.trainingAdmin)
        assertSnapshot(of: html, as: .lines, named: "admin")
        let empty = CataloguePage(
            action: "/formations", q: "zzz", themes: [], formats: [], certifyingOnly: true, filtered: true, resetHref: "/formations",
            count: "0 cours", groups: [], packs: nil, newCourseHref: nil, newPackHref: nil, newSessionHref: nil, sessionsHref: nil)
        let html2 = try await PageRenderer.render("training/catalogue", title: "Catalogue des formations", empty)
        assertSnapshot(of: html2, as: .lines, named: "filtered-empty")
    }

    @Test("course page and its editor with errors")
    func course() async throws {
        let page = CoursePage(
            catalogueHref: "/formations", code: "ETI-01", title: "Encadrant technique : les fondamentaux", theme: "Encadrement technique",
            badges: ["Nouveau", "Réservé aux adhérents"], inactive: false, objectives: ["Situer sa fonction.", "Construire un parcours."],
            prerequisites: nil, audience: ["Encadrants techniques."],
            facts: [.init(label: "Durée", value: "14\u{202F}h"), .init(label: "Prix par stagiaire (inter)", value: "450,00\u{00A0}€")],
            sessions: [Self.coming], packs: [.init(title: "Parcours ETI", href: "/formations/parcours/\(D.uuid(30))")],
            editHref: "/formations/cours/\(D.uuid(10))/modifier", newSessionHref: "/formations/sessions/nouvelle?cours=\(D.uuid(10))")
        let html = try await PageRenderer.render("training/course", title: page.title, page, user: Self.trainingAdmin)
        assertSnapshot(of: html, as: .lines, named: "course")
        var errors = FieldErrors()
        errors.add("course_code", "Ce code est déjà celui d'un autre cours.")
        errors.add("course_hours", "Indiquez la durée en heures, jusqu'à 400 et à la minute près (par exemple 14 ou 3,5).")
        let form = CourseFormPage(
            heading: "Nouveau cours", catalogueHref: "/formations", action: "/formations/cours/nouveau", cancelHref: "/formations",
            form: ["course_code": "ETI-01", "course_title": "Encadrant", "course_theme": "supervision", "course_hours": "3,333",
                   "course_price": "450,00", "course_format": "both", "course_visibility": "public", "course_active": "1", "course_year": "2026"],
            errors: errors, submitLabel: "Ajouter le cours")
        let html2 = try await PageRenderer.render("training/course-form", title: form.heading, form, user: Self.trainingAdmin)
        assertSnapshot(of: html2, as: .lines, named: "form-errors")
    }

    @Test("pack page and its editor with an unknown code")
    func pack() async throws {
        let page = PackPage(
            catalogueHref: "/formations", code: "PACK-ETI", title: "Parcours ETI", description: ["Les modules, dans l'ordre."],
            badges: [], inactive: false,
            courses: [.init(position: "1", code: "ETI-01", title: "Les fondamentaux", href: "/formations/cours/\(D.uuid(10))",
                            duration: "14\u{202F}h", price: "450,00\u{00A0}€", inactive: false),
                      .init(position: "2", code: "RH-02", title: "Le CDDI", href: nil, duration: "3,5\u{202F}h", price: "120,00\u{00A0}€", inactive: true)],
            totalDuration: "17,5\u{202F}h", editHref: nil)
        let html = try await PageRenderer.render("training/pack", title: page.title, page)
        assertSnapshot(of: html, as: .lines, named: "pack")
        var errors = FieldErrors()
        errors.add("pack_courses", "Code inconnu au catalogue : NOPE-1.")
        let form = PackFormPage(
            heading: "Nouveau parcours", catalogueHref: "/formations", action: "/formations/parcours/nouveau", cancelHref: "/formations",
            form: ["pack_code": "PACK-ETI", "pack_title": "Parcours ETI", "pack_courses": "ETI-01\nNOPE-1", "pack_visibility": "public"],
            errors: errors, visibilities: [.init(value: "public", label: "Public", selected: true),
                                           .init(value: "members", label: "Réservé aux adhérents", selected: false)],
            active: true, submitLabel: "Ajouter le parcours")
        let html2 = try await PageRenderer.render("training/pack-form", title: form.heading, form, user: Self.trainingAdmin)
        assertSnapshot(of: html2, as: .lines, named: "form-errors")
    }
}

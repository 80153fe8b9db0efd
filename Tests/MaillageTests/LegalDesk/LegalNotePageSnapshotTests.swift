import Foundation
import MaillageCore
import SnapshotTesting
import Testing
@testable import Maillage

/// The notes list, a note, the editor (blank with errors, from a question with its removals),
/// from page models built by hand (no database).
@Suite("Legal note page snapshots", .snapshots(record: PageRenderer.record))
struct LegalNotePageSnapshotTests {
    typealias D = SnapshotData

    static let jurist = CurrentUser(id: D.uuid(904), email: "jordan.juriste@exemple.fr", displayName: "Jordan Juriste",
                                    grants: [.init(role: .jurist, delegationID: nil, structureID: nil)], managedStructureIDs: [])

    @Test("notes list: two themes, a stale note, the jurists' drafts")
    func notes() async throws {
        let page = NotesPage(
            searchAction: "/juridique/recherche", newHref: "/juridique/fiches/nouvelle",
            themes: [.init(label: "Droit du travail", notes: [
                        .init(title: "La période d'essai en CDDI", href: "/juridique/fiches/\(D.uuid(1))", validity: "Valable jusqu'au 31/12/2026", stale: false, status: nil)]),
                     .init(label: "Réglementation IAE", notes: [
                        .init(title: "L'agrément IAE", href: "/juridique/fiches/\(D.uuid(2))", validity: "Valable jusqu'au 31/01/2026", stale: true, status: nil)])],
            unpublished: [.init(title: "Le temps partiel", href: "/juridique/fiches/\(D.uuid(3))", validity: nil, stale: false, status: "En relecture")],
            empty: false)
        let html = try await PageRenderer.render("legal/notes", title: "Fiches juridiques", page, user: Self.jurist)
        assertSnapshot(of: html, as: .lines, named: "jurist")
        let empty = NotesPage(searchAction: "/juridique/recherche", newHref: nil, themes: [], unpublished: nil, empty: true)
        let html2 = try await PageRenderer.render("legal/notes", title: "Fiches juridiques", empty, user: D.manager)
        assertSnapshot(of: html2, as: .lines, named: "empty")
    }

    @Test("a note: published with its history; in review with the second-jurist refusal")
    func note() async throws {
        let published = NotePage(
            notesHref: "/juridique/fiches", title: "La période d'essai en CDDI", theme: "Droit du travail", status: "Publiée", published: true,
            paragraphs: ["La période d'essai peut être renouvelée une fois.", "Le contrat doit le prévoir."],
            validity: "Valable jusqu'au 31/01/2026", stale: true, author: "Jordan Juriste", publishedOn: "02/03/2026 10:00",
            revisions: [.init(number: "Mise à jour n° 2", date: "15/04/2026 09:30", by: "Sacha Relectrice", summary: "Barème 2026")],
            editHref: nil, steps: nil, sourceHref: nil)
        let html = try await PageRenderer.render("legal/note", title: published.title, published, user: D.manager)
        assertSnapshot(of: html, as: .lines, named: "published")
        var review = NotePage(
            notesHref: "/juridique/fiches", title: "Le temps partiel", theme: "Droit du travail", status: "En relecture", published: false,
            paragraphs: ["Texte."], validity: nil, stale: false, author: "Jordan Juriste", publishedOn: nil, revisions: nil,
            editHref: "/juridique/fiches/\(D.uuid(3))/modifier",
            steps: [.init(action: "/juridique/fiches/\(D.uuid(3))/publier", label: "Publier la fiche", primary: true),
                    .init(action: "/juridique/fiches/\(D.uuid(3))/renvoyer", label: "Renvoyer en brouillon", primary: false)],
            sourceHref: "/juridique/questions/\(D.uuid(5))")
        review.refusal = NoteRefusal.sameAuthorMessage
        review.stamp = "1775032200000"
        let html2 = try await PageRenderer.render("legal/note", title: review.title, review, user: Self.jurist)
        assertSnapshot(of: html2, as: .lines, named: "review-refused")
    }

    @Test("editor: a published note's update refused; a note from a question with what was removed")
    func form() async throws {
        var errors = FieldErrors()
        errors.add("summary", "Indiquez l'objet de la mise à jour : les adhérents le liront dans l'historique de la fiche.")
        let edit = NoteFormPage(heading: "Modifier la fiche", notesHref: "/juridique/fiches", action: "/juridique/fiches/\(D.uuid(1))/modifier",
                                cancelHref: "/juridique/fiches/\(D.uuid(1))",
                                form: ["title": "La période d'essai", "theme": "labour", "body": "Texte.", "valid_until": "31/12/2026", "summary": ""],
                                errors: errors, themes: NoteFormPage.themes(selected: "labour"), published: true,
                                submitLabel: "Publier la mise à jour", stamp: "1775032200000")
        let html = try await PageRenderer.render("legal/note-form", title: edit.heading, edit, user: Self.jurist)
        assertSnapshot(of: html, as: .lines, named: "update-refused")
        var fromQuestion = NoteFormPage(heading: "Nouvelle fiche à partir d'une question", notesHref: "/juridique/fiches",
                                        action: "/juridique/questions/\(D.uuid(5))/fiche", cancelHref: "/juridique/questions/\(D.uuid(5))",
                                        form: ["title": "Période d'essai chez [structure]", "theme": "labour",
                                               "body": "Bonjour [personne], pour [structure] (SIRET [SIRET]) la période d'essai…"],
                                        errors: FieldErrors(), themes: NoteFormPage.themes(selected: "labour"), published: false,
                                        submitLabel: "Enregistrer le brouillon")
        fromQuestion.removals = NoteFormPage.removed([.init(original: "Relais Emploi Nantes", replacement: "[structure]", count: 2),
                                                      .init(original: "Camille Adhérente", replacement: "[personne]", count: 1)])
        fromQuestion.source = .init(subject: "Période d'essai", href: "/juridique/questions/\(D.uuid(5))")
        fromQuestion.allAnswersHref = "/juridique/questions/\(D.uuid(5))/fiche?reponses=toutes"
        let html2 = try await PageRenderer.render("legal/note-form", title: fromQuestion.heading, fromQuestion, user: Self.jurist)
        assertSnapshot(of: html2, as: .lines, named: "from-question")
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Notes through the browser: the editor, the workflow with the second-jurist rule, the
/// « mise à jour » history, who sees what, and the note made from an anonymised answer.
@Suite("Legal notes")
struct LegalNoteTests {
    static let form: [(String, String)] = [("title", "Le licenciement d'un salarié en CDDI"), ("theme", "labour"),
                                           ("body", "Les règles du licenciement s'appliquent.\nAvec des particularités."),
                                           ("valid_until", "31/12/2030")]

    static func secondJurist(_ app: Application) async throws -> TestBrowser {
        let user = try await AccountsFactory.makeUser(on: app, email: "seconde.juriste@test.maillage.test",
                                                      displayName: "Sacha Relectrice", role: .jurist)
        _ = user
        let b = TestBrowser(app)
        try await b.login("seconde.juriste@test.maillage.test")
        return b
    }

    /// The note's stamp as its pages carry it (hidden `stamp` field).
    static func stamp(_ app: Application, _ id: UUID) async throws -> (String, String) {
        ("stamp", LegalNoteService.stamp(try #require(try await LegalNote.find(id, on: app.db))))
    }

    /// The hidden `stamp` of a page's form.
    static func stamp(in html: String) -> String? {
        html.components(separatedBy: "name=\"stamp\" value=\"").dropFirst().first?.components(separatedBy: "\"").first
    }

    static func noteID(_ page: TestBrowser.Page) throws -> UUID {
        let location = try #require(page.location)
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    @Test("a bad form is refused by field (422, nothing saved); a good one makes a draft, audited and indexed for jurists")
    func create() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let jurist = try await f.browser(app, as: .jurist)
            #expect(try await jurist.get(.legal(.newNote)).status == .ok)
            let bad = try await jurist.post(.legal(.createNote), form: [("title", ""), ("theme", "nope"), ("body", " "),
                                                                         ("valid_until", "31/02/2030")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Indiquez le titre de la fiche."))
            #expect(bad.body.contains("Choisissez le thème"))
            #expect(bad.body.contains("Écrivez le texte de la fiche."))
            #expect(bad.body.contains("Date invalide"))
            #expect(bad.body.contains("Le formulaire contient 4 erreurs"))
            #expect(try await LegalNote.query(on: app.db).count() == 0)

            let ok = try await jurist.post(.legal(.createNote), form: Self.form)
            #expect(ok.status == .seeOther)
            let id = try Self.noteID(ok)
            let note = try #require(try await LegalNote.find(id, on: app.db))
            #expect(note.statusValue == .draft)
            #expect(note.validUntil == "2030-12-31")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "legal.note.create").count() == 1)
            let doc = try #require(try await SearchDocumentRecord.find(id, on: app.db))
            #expect(doc.audience == "jurists")
            // A draft is the jurists' only.
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(LegalURL.note(id)).status == .notFound)
            #expect(try await jurist.get(LegalURL.note(id)).body.contains("Brouillon"))
        }
    }

    @Test("review: the author cannot publish from review, another jurist can; then members read it and find it")
    func secondJuristReview() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let jurist = try await f.browser(app, as: .jurist)
            let id = try Self.noteID(try await jurist.post(.legal(.createNote), form: Self.form))
            #expect(try await jurist.post(LegalURL.noteStep(id, "relecture"), form: [try await Self.stamp(app, id)]).status == .seeOther)
            #expect(try await LegalNote.find(id, on: app.db)?.statusValue == .review)

            let refused = try await jurist.post(LegalURL.noteStep(id, "publier"), form: [try await Self.stamp(app, id)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Une autre juriste doit relire cette fiche"))
            #expect(try await LegalNote.find(id, on: app.db)?.statusValue == .review)

            let second = try await Self.secondJurist(app)
            // Send back, then review again, then publish by the second jurist.
            #expect(try await second.post(LegalURL.noteStep(id, "renvoyer"), form: [try await Self.stamp(app, id)]).status == .seeOther)
            #expect(try await LegalNote.find(id, on: app.db)?.statusValue == .draft)
            #expect(try await jurist.post(LegalURL.noteStep(id, "relecture"), form: [try await Self.stamp(app, id)]).status == .seeOther)
            #expect(try await second.post(LegalURL.noteStep(id, "publier"), form: [try await Self.stamp(app, id)]).status == .seeOther)
            let note = try #require(try await LegalNote.find(id, on: app.db))
            #expect(note.statusValue == .published)
            #expect(note.reviewerID != nil && note.reviewerID != note.authorID)
            #expect(note.publishedAt != nil)
            #expect(try await SearchDocumentRecord.find(id, on: app.db)?.audience == "members")
            for kind in ["legal.note.review", "legal.note.return", "legal.note.publish"] {
                #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == kind).count() >= 1, "\(kind)")
            }
            // A wrong step from this state is a 409, an unknown step a 404.
            #expect(try await jurist.post(LegalURL.noteStep(id, "renvoyer"), form: [try await Self.stamp(app, id)]).status == .conflict)
            #expect(try await jurist.post(LegalURL.noteStep(id, "supprimer"), form: [try await Self.stamp(app, id)]).status == .notFound)

            let member = try await f.browser(app, as: .member)
            let page = try await member.get(LegalURL.note(id))
            #expect(page.status == .ok)
            #expect(page.body.contains("Valable jusqu&#39;au 31/12/2030"))
            #expect(!page.body.contains("Modifier la fiche"))
            let found = try await member.get(.legal(.search), query: ["q": "licenciements"])
            #expect(found.body.contains(LegalURL.note(id).path))
            // A member cannot take a step (policy: jurists only).
            #expect(try await member.post(LegalURL.noteStep(id, "archiver"), form: [try await Self.stamp(app, id)]).status == .forbidden)
        }
    }

    @Test("a draft may be published straight away; archiving takes it out of the members' search")
    func publishFromDraftAndArchive() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let jurist = try await f.browser(app, as: .jurist)
            let id = try Self.noteID(try await jurist.post(.legal(.createNote), form: Self.form))
            #expect(try await jurist.post(LegalURL.noteStep(id, "publier"), form: [try await Self.stamp(app, id)]).status == .seeOther)
            #expect(try await LegalNote.find(id, on: app.db)?.statusValue == .published)
            #expect(try await jurist.post(LegalURL.noteStep(id, "archiver"), form: [try await Self.stamp(app, id)]).status == .seeOther)
            #expect(try await LegalNote.find(id, on: app.db)?.statusValue == .archived)
            let hits = try await SearchIndex.search("licenciement", kinds: [.note], audiences: [.public, .members], on: app.db)
            #expect(hits.isEmpty)
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(LegalURL.note(id)).status == .notFound)
        }
    }

    @Test("editing a published note needs « Objet de la mise à jour », keeps the old text and shows the history")
    func revisions() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let jurist = try await f.browser(app, as: .jurist)
            let id = try Self.noteID(try await jurist.post(.legal(.createNote), form: Self.form))
            // Before publication, an edit is no update.
            var draftEdit = Self.form
            draftEdit[0] = ("title", "Le licenciement en CDDI")
            #expect(try await jurist.post(LegalURL.updateNote(id), form: draftEdit + [try await Self.stamp(app, id)]).status == .seeOther)
            #expect(try await LegalNoteRevision.query(on: app.db).count() == 0)
            #expect(try await jurist.post(LegalURL.noteStep(id, "publier"), form: [try await Self.stamp(app, id)]).status == .seeOther)

            let editForm = try await jurist.get(LegalURL.editNote(id))
            #expect(editForm.body.contains("Objet de la mise à jour"))
            var changed = Self.form
            changed[2] = ("body", "Barème 2027 : les indemnités de licenciement changent.")
            let missing = try await jurist.post(LegalURL.updateNote(id), form: changed + [try await Self.stamp(app, id)])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.contains("Indiquez l&#39;objet de la mise à jour"))
            #expect(try await LegalNote.find(id, on: app.db)?.body.contains("Barème") == false)

            changed.append(("summary", "Barème 2027"))
            #expect(try await jurist.post(LegalURL.updateNote(id), form: changed + [try await Self.stamp(app, id)]).status == .seeOther)
            let note = try #require(try await LegalNote.find(id, on: app.db))
            #expect(note.revision == 2)
            #expect(note.body.contains("Barème 2027"))
            let revision = try #require(try await LegalNoteRevision.query(on: app.db).first())
            #expect(revision.revision == 2)
            #expect(revision.summary == "Barème 2027")
            #expect(revision.body.contains("Les règles du licenciement"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "legal.note.revision").count() == 1)
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(LegalURL.note(id))
            #expect(page.body.contains("Historique des mises à jour"))
            #expect(page.body.contains("Mise à jour n° 2"))
            #expect(page.body.contains("Barème 2027"))
            // The index follows the new text.
            let hits = try await SearchIndex.search("indemnités", kinds: [.note], audiences: [.members], on: app.db)
            #expect(hits.map(\.id) == [id])
        }
    }

    @Test("the list: published notes by theme, drafts for jurists only, past validity flagged « À vérifier »")
    func list() async throws {
        try await withMaillage { app in
            app.services = AppServices(config: app.config, clock: FixedClock(Day(iso: "2026-06-01")!.noonInParis))
            let f = try await Fixtures.load(on: app)
            try await LegalFactory.makeNote(on: app.db, title: "Le CDDI", theme: .iae, validUntil: "2026-01-31")
            try await LegalFactory.makeNote(on: app.db, title: "La TVA des ateliers", theme: .tax, validUntil: "2027-01-31")
            try await LegalFactory.makeNote(on: app.db, title: "Brouillon secret", status: .draft)
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(.legal(.notes))
            #expect(page.status == .ok)
            #expect(page.body.contains("Réglementation IAE"))
            #expect(page.body.contains("Fiscalité"))
            #expect(page.body.contains("Le CDDI"))
            #expect(page.body.contains("À vérifier"))
            #expect(page.body.components(separatedBy: "À vérifier").count == 2)
            #expect(!page.body.contains("Brouillon secret"))
            #expect(!page.body.contains("Nouvelle fiche"))
            let jurist = try await f.browser(app, as: .jurist)
            let all = try await jurist.get(.legal(.notes))
            #expect(all.body.contains("Brouillon secret"))
            #expect(all.body.contains("Nouvelle fiche"))
        }
    }

    @Test("a note from a question starts from the anonymised answer and lists what was removed; the draft keeps its question")
    func fromQuestion() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let q = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, subject: "Période d'essai chez Relais Emploi Nantes",
                                                        askerName: "Camille Adhérente")
            try await LegalFactory.makeMessage(on: app.db, question: q, kind: .message, body: "Merci.", authorName: "Dominique Petit")
            try await LegalFactory.makeMessage(on: app.db, question: q, kind: .answer,
                                               body: "Première réponse pour Relais Emploi Nantes.")
            try await LegalFactory.makeMessage(on: app.db, question: q, kind: .answer, body: """
                Bonjour Camille Adhérente, pour Relais Emploi Nantes (SIRET \(f.inPDL.siret)), \
                comme l'a dit Dominique Petit et Test member, la période d'essai peut être renouvelée une fois.
                """)
            let jurist = try await f.browser(app, as: .jurist)
            let page = try await jurist.get(LegalURL.noteFromQuestion(q.id!))
            #expect(page.status == .ok)
            #expect(page.body.contains("Ce qui a été retiré"))
            #expect(page.body.contains("<td>Relais Emploi Nantes</td>"))
            #expect(page.body.contains("<td>Camille Adhérente</td>"))
            #expect(page.body.contains("<td>Dominique Petit</td>"))
            #expect(page.body.contains("<td>Test member</td>"))  // the structure's manager
            #expect(page.body.contains("[structure]"))
            #expect(page.body.contains("[personne]"))
            #expect(page.body.contains("[SIRET]"))
            let textarea = try #require(page.body.components(separatedBy: "<textarea").last?.components(separatedBy: "</textarea>").first)
            #expect(!textarea.contains("Relais Emploi Nantes"))
            #expect(!textarea.contains("Camille"))
            #expect(!textarea.contains(f.inPDL.siret))
            #expect(!textarea.contains("Première réponse"))  // the last answer only
            let all = try await jurist.get(LegalURL.noteFromQuestion(q.id!).path(query: ["reponses": "toutes"]))
            #expect(all.body.contains("Première réponse"))

            let saved = try await jurist.post(LegalURL.createNoteFromQuestion(q.id!), form: [
                ("title", "La période d'essai en CDDI"), ("theme", "labour"), ("body", "La période d'essai peut être renouvelée une fois.")])
            #expect(saved.status == .seeOther)
            let note = try #require(try await LegalNote.find(try Self.noteID(saved), on: app.db))
            #expect(note.sourceQuestionID == q.id)
            #expect(note.statusValue == .draft)
            // Members cannot open the editor.
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(LegalURL.noteFromQuestion(q.id!)).status == .forbidden)
        }
    }
}

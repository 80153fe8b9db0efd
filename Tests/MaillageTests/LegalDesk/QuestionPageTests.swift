import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The ask page and the question page through the browser: the forms each person gets, the
/// French messages of a refused form, the suggestions without the script.
@Suite("Legal questions: pages")
struct QuestionPageTests {
    @Test("ask page: one structure shown as text, categories, subject wired to the suggestions, share box; refused form keeps the text")
    func askPage() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(.legal(.newQuestion))
            #expect(page.status == .ok)
            #expect(page.body.contains("Relais Emploi Nantes"))
            #expect(page.body.contains("Droit du travail"))
            #expect(page.body.contains("Réglementation IAE"))
            #expect(page.body.contains("data-suggest-url=\"\(SiteURL.legal(.suggestions).path)\""))
            #expect(page.body.contains("<div id=\"note-suggestions\" aria-live=\"polite\">"))
            #expect(page.body.contains("Partager avec ma délégation"))
            #expect(page.body.contains("type=\"file\" multiple"))
            let refused = try await member.post(.legal(.createQuestion), form: [("subject", String(repeating: "a", count: 201)),
                                                                               ("body", "Ma question")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Le formulaire contient 2 erreurs"))
            #expect(refused.body.contains("Choisissez le domaine de la question."))
            #expect(refused.body.contains("L&#39;objet ne peut dépasser 200 caractères") || refused.body.contains("L'objet ne peut dépasser 200 caractères"))
            #expect(refused.body.contains("Ma question"))
            #expect(try await LegalQuestion.query(on: app.db).count() == 0)
            // the jurist, the delegate and the admin may not ask
            #expect(try await f.browser(app, as: .jurist).get(.legal(.newQuestion)).status == .forbidden)
            #expect(try await f.browser(app, as: .delegate).get(.legal(.newQuestion)).status == .forbidden)
        }
    }

    @Test("asking for a structure one does not manage is refused (no question saved)")
    func askForAnother() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let member = try await f.browser(app, as: .member)
            _ = try await member.get(.legal(.newQuestion))
            let r = try await member.post(.legal(.createQuestion), form: [("structure", f.otherPDL.id!.uuidString), ("category", "tax"),
                                                                         ("subject", "TVA"), ("body", "Question")])
            #expect(r.status == .unprocessableEntity)
            #expect(r.body.contains("Choisissez la structure"))
            #expect(try await LegalQuestion.query(on: app.db).count() == 0)
        }
    }

    @Test("« Chercher des fiches » without the script: the same form with the published notes matching the subject")
    func suggestionsWithoutScript() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let note = try await LegalFactory.makeNote(on: app.db)
            try await SearchIndex.upsert(SearchDocument(id: note.id!, kind: .note, title: note.title, body: note.body, audience: .members), on: app.db)
            let member = try await f.browser(app, as: .member)
            _ = try await member.get(.legal(.newQuestion))
            let r = try await member.post(.legal(.createQuestion), form: [("category", "labour"), ("subject", "licenciements en insertion"),
                                                                         ("body", ""), ("chercher", "1")])
            #expect(r.status == .ok)
            #expect(r.body.contains("Ces fiches répondent peut-être à votre question"))
            #expect(r.body.contains("<mark>licenciement</mark>"))
            #expect(r.body.contains("salarié en"))
            #expect(r.body.contains(LegalURL.note(note.id!).path))
            #expect(!r.body.contains("Le formulaire contient"))
            // a subject that matches nothing says so
            let none = try await member.post(.legal(.createQuestion), form: [("subject", "photocopieuse"), ("chercher", "1")])
            #expect(none.body.contains("Aucune fiche publiée ne correspond"))
            #expect(try await LegalQuestion.query(on: app.db).count() == 0)
        }
    }

    @Test("question page: the member's forms (message, share), the jurist's (take, assign, request, answer, internal note), internal notes for jurists only")
    func questionPage() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let q = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, askedBy: f.users[.member])
            try await LegalFactory.makeMessage(on: app.db, question: q, kind: .internal, body: "Voir la jurisprudence de 2019.")
            let member = try await f.browser(app, as: .member)
            let jurist = try await f.browser(app, as: .jurist)
            let m = try await member.get(LegalURL.question(q.id!))
            #expect(m.status == .ok)
            #expect(m.body.contains("id=\"reply-form\""))
            #expect(m.body.contains("id=\"share-form\""))
            #expect(!m.body.contains("id=\"answer-form\""))
            #expect(!m.body.contains("id=\"close-form\""))  // not answered yet
            #expect(!m.body.contains("jurisprudence de 2019"))
            let j = try await jurist.get(LegalURL.question(q.id!))
            for form in ["take-form", "assign-form", "request-form", "answer-form", "internal-form"] {
                #expect(j.body.contains("id=\"\(form)\""), "jurist sees \(form)")
            }
            #expect(!j.body.contains("id=\"reply-form\""))
            #expect(j.body.contains("jurisprudence de 2019"))
            #expect(j.body.contains("message-internal"))
            #expect(!j.body.contains("note-from-question"))
            // answered: the member may close and reopen, the jurist gets « Créer une fiche »
            q.status = QuestionStatus.answered.rawValue
            q.answeredAt = app.services.clock.now
            try await q.save(on: app.db)
            let m2 = try await member.get(LegalURL.question(q.id!))
            #expect(m2.body.contains("id=\"close-form\""))
            #expect(m2.body.contains("id=\"reopen-form\""))
            let j2 = try await jurist.get(LegalURL.question(q.id!))
            #expect(j2.body.contains("note-from-question"))
            #expect(j2.body.contains(LegalURL.noteFromQuestion(q.id!).path))
        }
    }
}

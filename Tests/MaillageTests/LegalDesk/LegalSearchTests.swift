import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// French full-text search, the same test code on SQLite (FTS5) and PostgreSQL (`french`):
/// plurals and accents, ranking, highlighting, who finds what, hostile queries.
@Suite("Legal search")
struct LegalSearchTests {
    /// A note written through the service's index (the factory writes the row only).
    @discardableResult
    static func note(_ app: Application, title: String, body: String, status: NoteStatus = .published) async throws -> LegalNote {
        let n = try await LegalFactory.makeNote(on: app.db, title: title, body: body, status: status)
        try await LegalNoteService.index(n, on: app.db)
        return n
    }

    static func search(_ app: Application, _ q: String, kinds: Set<SearchKind> = [.note],
                       audiences: Set<SearchAudience> = [.public, .members], mode: SearchMode = .all) async throws -> [SearchHit] {
        try await SearchIndex.search(q, kinds: kinds, audiences: audiences, mode: mode, limit: 20, on: app.db)
    }

    @Test("plurals and accents both ways: « licenciements » ↔ « licenciement », « réglementation » ↔ « reglementation »")
    func pluralsAndAccents() async throws {
        try await withMaillage { app in
            let singular = try await Self.note(app, title: "Rupture du contrat", body: "Le licenciement pour motif personnel d'un salarié.")
            let plural = try await Self.note(app, title: "Plan social", body: "Les licenciements collectifs de plus de dix salariés.")
            let accented = try await Self.note(app, title: "Agrément", body: "La réglementation de l'insertion par l'activité économique.")
            let bare = try await Self.note(app, title: "Aide au poste", body: "Selon la reglementation du ministere, l'aide est versee chaque mois.")
            _ = try await Self.note(app, title: "Formation", body: "Le plan de développement des compétences.")

            let a = try await Self.search(app, "licenciements").map(\.id)
            #expect(Set(a) == [singular.id!, plural.id!])
            let b = try await Self.search(app, "licenciement").map(\.id)
            #expect(Set(b) == [singular.id!, plural.id!])
            let c = try await Self.search(app, "réglementation").map(\.id)
            #expect(Set(c) == [accented.id!, bare.id!])
            let d = try await Self.search(app, "REGLEMENTATION").map(\.id)
            #expect(Set(d) == [accented.id!, bare.id!])
            // All the words must match (mode .all); any of them with .any.
            #expect(try await Self.search(app, "licenciement réglementation").isEmpty)
            #expect(try await Self.search(app, "licenciement réglementation", mode: .any).count == 4)
        }
    }

    @Test("a title match ranks before a body match; the matched words are marked in title and snippet")
    func rankingAndHighlight() async throws {
        try await withMaillage { app in
            let inBody = try await Self.note(app, title: "Contrats aidés",
                                             body: "Quelques règles sur la période d'essai parmi beaucoup d'autres sujets du contrat.")
            let inTitle = try await Self.note(app, title: "La période d'essai en CDDI", body: "Sa durée et son renouvellement.")
            let hits = try await Self.search(app, "essais")
            #expect(hits.map(\.id) == [inTitle.id!, inBody.id!])
            try #require(hits.count == 2)
            #expect(hits[0].rank > hits[1].rank)
            #expect(hits[0].title.contains(Highlight(text: "essai", mark: true)))
            #expect(hits[1].snippet.contains(Highlight(text: "essai", mark: true)))
            #expect(!hits[1].title.contains { $0.mark })
        }
    }

    @Test("a member never finds a question or a draft note; a jurist finds both; the page marks the words")
    func audiences() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            _ = try await Self.note(app, title: "Licenciement pour inaptitude", body: "Procédure et reclassement.")
            let draft = try await Self.note(app, title: "Licenciement économique (brouillon)", body: "À relire.", status: .draft)
            let q = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, subject: "Licenciement d'un salarié en CDDI",
                                                        body: "Pouvons-nous licencier ?")
            try await SearchIndex.upsert(SearchDocument(id: q.id!, kind: .question, title: q.subject, body: q.body,
                                                        audience: .jurists, structureID: f.inPDL.id), on: app.db)

            let member = try await f.browser(app, as: .member)
            let page = try await member.get(.legal(.search), query: ["q": "licenciements"])
            #expect(page.status == .ok)
            #expect(page.body.contains("<mark>Licenciement</mark> pour inaptitude"))
            #expect(!page.body.contains("brouillon"))
            #expect(!page.body.contains("salarié en CDDI"))
            #expect(!page.body.contains(draft.id!.uuidString.lowercased()) && !page.body.contains(draft.id!.uuidString))
            #expect(page.body.contains("1 résultat pour"))
            // Even when asking for questions by name.
            let asked = try await member.get(.legal(.search), query: ["q": "licenciement", "type": "questions"])
            #expect(asked.status == .ok)
            #expect(!asked.body.contains("salarié en CDDI"))

            let jurist = try await f.browser(app, as: .jurist)
            let all = try await jurist.get(.legal(.search), query: ["q": "licenciement"])
            #expect(all.body.contains("brouillon"))
            #expect(all.body.contains("salarié en CDDI"))
            #expect(all.body.contains(LegalURL.question(q.id!).path))
            #expect(all.body.contains("3 résultats pour"))
            let onlyQuestions = try await jurist.get(.legal(.search), query: ["q": "licenciement", "type": "questions"])
            #expect(onlyQuestions.body.contains("1 résultat pour"))
        }
    }

    @Test("the public audience finds only the resources anyone may read; members find both")
    func resourceAudience() async throws {
        try await withMaillage { app in
            let open = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Guide des marchés publics",
                                                           audience: .public)
            let closed = try await LegalFactory.makeResource(on: app.db, files: app.services.files, title: "Modèle de marché réservé",
                                                             audience: .members)
            for r in [open, closed] {
                try await SearchIndex.upsert(SearchDocument(id: r.id!, kind: .resource, title: r.title, body: r.description,
                                                            audience: r.audienceValue == .public ? .public : .members), on: app.db)
            }
            let anyone = try await Self.search(app, "marchés", kinds: [.resource], audiences: [.public])
            #expect(anyone.map(\.id) == [open.id!])
            let members = try await Self.search(app, "marche", kinds: [.resource])
            #expect(Set(members.map(\.id)) == [open.id!, closed.id!])
            // Re-indexing replaces the row; removing takes it out.
            try await SearchIndex.upsert(SearchDocument(id: open.id!, kind: .resource, title: "Guide des achats", body: "",
                                                        audience: .public), on: app.db)
            #expect(try await Self.search(app, "marchés", kinds: [.resource], audiences: [.public]).isEmpty)
            try await SearchIndex.remove(id: closed.id!, on: app.db)
            #expect(try await Self.search(app, "marché", kinds: [.resource]).isEmpty)
            #expect(try await SearchDocumentRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("questions are filtered by structure in SQL when asked")
    func structureFilter() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            for s in [f.inPDL, f.otherPDL] {
                let q = try await LegalFactory.makeQuestion(on: app.db, structure: s, subject: "Temps partiel thérapeutique")
                try await SearchIndex.upsert(SearchDocument(id: q.id!, kind: .question, title: q.subject, body: q.body,
                                                            audience: .jurists, structureID: s.id), on: app.db)
            }
            let mine = try await SearchIndex.search("thérapeutique", kinds: [.question], audiences: [.jurists],
                                                    structureIDs: [f.inPDL.id!], on: app.db)
            #expect(mine.count == 1)
            let none = try await SearchIndex.search("thérapeutique", kinds: [.question], audiences: [.jurists],
                                                    structureIDs: [], on: app.db)
            #expect(none.isEmpty)
        }
    }

    @Test("hostile queries answer normally (no 500); an empty query shows a French hint and no results")
    func hostileAndEmpty() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            _ = try await Self.note(app, title: "Licenciement", body: "Texte.")
            let jurist = try await f.browser(app, as: .jurist)
            for q in ["'; DROP TABLE search_documents; --", "\"", "*", "NEAR(", ":*", "&|!", "licenciement:*", "a & b | !c",
                      "\"licenciement\" OR *", "-licenciement", "(", "^", "licenciement\u{0}"] {
                let page = try await jurist.get(.legal(.search), query: ["q": q])
                #expect(page.status == .ok, "query \(q) answered \(page.status)")
                let hits = try await SearchIndex.search(q, kinds: Set(SearchKind.allCases), audiences: Set(SearchAudience.allCases), on: app.db)
                _ = hits
            }
            #expect(try await SearchDocumentRecord.query(on: app.db).count() == 1)
            let injected = try await jurist.get(.legal(.search), query: ["q": "licenciement' --"])
            #expect(injected.status == .ok)
            #expect(injected.body.contains("<mark>Licenciement</mark>"))

            let empty = try await jurist.get(.legal(.search), query: ["q": ""])
            #expect(empty.status == .ok)
            #expect(empty.body.contains("Saisissez un ou plusieurs mots"))
            #expect(!empty.body.contains("search-results"))
            let stopWords = try await jurist.get(.legal(.search), query: ["q": "le la de"])
            #expect(stopWords.body.contains("aucun mot à chercher"))
            #expect(!stopWords.body.contains("search-results"))
            let anonymous = try await TestBrowser(app).get(.legal(.search), query: ["q": "licenciement"])
            #expect(anonymous.status != .ok)
        }
    }

    @Test("suggestions: up to five published notes matching any word, under the French heading")
    func suggestions() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            for i in 1...7 { _ = try await Self.note(app, title: "Période d'essai n° \(i)", body: "Renouvellement.") }
            _ = try await Self.note(app, title: "Période d'essai en brouillon", body: "Interne.", status: .draft)
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(.legal(.suggestions), query: ["q": "renouveler une période d'essais ?"])
            #expect(page.status == .ok)
            #expect(page.body.contains("Ces fiches répondent peut-être à votre question"))
            #expect(page.body.components(separatedBy: "<li>").count - 1 == 5)
            #expect(!page.body.contains("brouillon"))
            #expect(!page.body.contains("<html"))
            let none = try await member.get(.legal(.suggestions), query: ["q": "zzzz"])
            #expect(none.status == .ok)
            #expect(!none.body.contains("Ces fiches"))
            let service = try await LegalSuggestions.notes(matching: "essai", on: app.db)
            #expect(service.count == 5)
        }
    }
}

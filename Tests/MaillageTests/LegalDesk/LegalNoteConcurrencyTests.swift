import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Lost updates on notes: the edit and step forms carry the note's `stamp`; a save or a step from
/// a page read before someone else's change (or without a stamp) is refused with 409 and nothing
/// is written; concurrent saves take turns (row lock on PostgreSQL, one writer on SQLite).
@Suite("Legal note concurrency")
struct LegalNoteConcurrencyTests {
    static let update: [(String, String)] = [("title", "Le licenciement d'un salarié en insertion"), ("theme", "labour"),
                                             ("body", "Barème 2027 : les indemnités changent."), ("summary", "Barème 2027")]

    static func jurist(_ app: Application, _ f: Fixtures) throws -> CurrentUser {
        CurrentUser(id: try #require(f.users[.jurist]), email: Fixtures.Who.jurist.email, displayName: "Test jurist",
                    grants: [.init(role: .jurist, delegationID: nil, structureID: nil)], managedStructureIDs: [])
    }

    @Test("two jurists saving a published note at once: one is saved, the other gets 409 with who saved, one new revision")
    func concurrentBrowsers() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let note = try await LegalFactory.makeNote(on: app.db)
            let id = try note.requireID()
            let first = try await f.browser(app, as: .jurist)
            let second = try await LegalNoteTests.secondJurist(app)
            // Both open the editor: the same hidden stamp.
            let stampA = try #require(LegalNoteTests.stamp(in: try await first.get(LegalURL.editNote(id)).body))
            let stampB = try #require(LegalNoteTests.stamp(in: try await second.get(LegalURL.editNote(id)).body))
            #expect(stampA == stampB)
            #expect(stampA == LegalNoteService.stamp(note))
            async let a = first.post(LegalURL.updateNote(id), form: Self.update + [("stamp", stampA)])
            async let b = second.post(LegalURL.updateNote(id), form: Self.update + [("stamp", stampB)])
            let pages = try await [a, b]
            #expect(pages.map(\.status.code).sorted() == [303, 409])
            let loser = try #require(pages.first { $0.status == .conflict })
            #expect(loser.body.contains("Cette fiche a été modifiée entre-temps par"))
            #expect(loser.body.contains("rechargez la page."))
            let winnerName = pages[0].status == .seeOther ? "Test jurist" : "Sacha Relectrice"
            #expect(loser.body.contains("entre-temps par \(winnerName)"))
            #expect(try await LegalNoteRevision.query(on: app.db).filter(\.$note.$id == id).count() == 1)
            #expect(try await LegalNote.find(id, on: app.db)?.revision == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "legal.note.revision").count() == 1)
        }
    }

    @Test("six saves at once from the same page: exactly one succeeds, the others are stale, no error, one revision")
    func concurrentService() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let note = try await LegalFactory.makeNote(on: app.db)
            let id = try note.requireID()
            let stamp = LegalNoteService.stamp(note)
            let actor = try Self.jurist(app, f)
            let form = try LegalNoteService.Form.parse(Dictionary(uniqueKeysWithValues: Self.update), published: true).get()
            let db = app.db
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        switch try await LegalNoteService.update(noteID: id, stamp: stamp, form, by: actor, now: Date(), on: db) {
                        case .success: return true
                        case .failure(let refusal): #expect(refusal.isStale); return false
                        }
                    }
                }
                var all: [Bool] = []
                for try await ok in group { all.append(ok) }
                return all
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await LegalNoteRevision.query(on: app.db).filter(\.$note.$id == id).count() == 1)
            #expect(try await LegalNote.find(id, on: app.db)?.revision == 2)
        }
    }

    @Test("an edit or a step without a stamp, or from a page read before a change, is refused with 409; nothing is written")
    func staleForms() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let jurist = try await f.browser(app, as: .jurist)
            let id = try LegalNoteTests.noteID(try await jurist.post(.legal(.createNote), form: LegalNoteTests.form))
            // The note page's step forms carry the stamp.
            let page = try await jurist.get(LegalURL.note(id))
            let old = try #require(LegalNoteTests.stamp(in: page.body))
            #expect(old == LegalNoteService.stamp(try #require(try await LegalNote.find(id, on: app.db))))

            // No stamp: refused, the draft is unchanged.
            var edit = LegalNoteTests.form
            edit[0] = ("title", "Titre changé")
            let missing = try await jurist.post(LegalURL.updateNote(id), form: edit)
            #expect(missing.status == .conflict)
            #expect(missing.body.contains("Cette fiche a été modifiée entre-temps par"))
            #expect(try await LegalNote.find(id, on: app.db)?.title == LegalNoteTests.form[0].1)
            #expect(try await jurist.post(LegalURL.noteStep(id, "relecture")).status == .conflict)
            #expect(try await LegalNote.find(id, on: app.db)?.statusValue == .draft)

            // A saved edit moves the stamp on (even at the same clock reading): the old page is stale.
            app.services = AppServices(config: app.config, clock: FixedClock(Date()))
            #expect(try await jurist.post(LegalURL.updateNote(id), form: edit + [("stamp", old)]).status == .seeOther)
            let after = try #require(try await LegalNote.find(id, on: app.db))
            #expect(LegalNoteService.stamp(after) != old)
            let again = try await jurist.post(LegalURL.updateNote(id), form: LegalNoteTests.form + [("stamp", old)])
            #expect(again.status == .conflict)
            #expect(again.body.contains("entre-temps par Test jurist : rechargez la page."))
            #expect(try await LegalNote.find(id, on: app.db)?.title == "Titre changé")
            let step = try await jurist.post(LegalURL.noteStep(id, "relecture"), form: [("stamp", old)])
            #expect(step.status == .conflict)
            #expect(try await LegalNote.find(id, on: app.db)?.statusValue == .draft)
            // With the current stamp both work; a bad form keeps the posted stamp (still the page's).
            let fresh = LegalNoteService.stamp(after)
            let bad = try await jurist.post(LegalURL.updateNote(id), form: [("title", ""), ("theme", "labour"), ("body", "x"), ("stamp", fresh)])
            #expect(bad.status == .unprocessableEntity)
            #expect(LegalNoteTests.stamp(in: bad.body) == fresh)
            #expect(try await jurist.post(LegalURL.noteStep(id, "relecture"), form: [("stamp", fresh)]).status == .seeOther)
            #expect(try await LegalNote.find(id, on: app.db)?.statusValue == .review)
        }
    }
}

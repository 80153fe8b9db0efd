import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Packs: the editor with its ordered course codes, unknown codes refused in French, the page.
@Suite("Training packs")
struct PackTests {
    @Test("unknown codes and too many courses are refused (422, nothing saved); a good pack keeps its order")
    func createAndShow() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let a = try await TrainingFactory.makeCourse(on: app.db, code: "ETI-01", title: "Premier module")
            let b = try await TrainingFactory.makeCourse(on: app.db, code: "ETI-02", title: "Second module", durationMinutes: 210)
            let admin = try await f.browser(app, as: .trainingAdmin)
            #expect(try await admin.get(.training(.newPack)).status == .ok)
            let form: [(String, String)] = [("pack_code", "PACK-ETI"), ("pack_title", "Parcours ETI"), ("pack_description", "Dans l'ordre."),
                                            ("pack_visibility", "public"), ("pack_active", "1"), ("pack_courses", "ETI-02\nNOPE-1\neti-01")]
            let bad = try await admin.post(.training(.createPack), form: form)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Code inconnu au catalogue : NOPE-1."))
            let many = (1...21).map { "C-\($0)" }.joined(separator: "\n")
            let tooMany = try await admin.post(.training(.createPack), form: form.map { $0.0 == "pack_courses" ? ($0.0, many) : $0 })
            #expect(tooMany.body.contains("au plus 20 cours"))
            #expect(try await TrainingPack.query(on: app.db).count() == 0)
            // MUT
            let good = try await admin.post(.training(.createPack), form: form.map { $0.0 == "pack_courses" ? ($0.0, "ETI-02\r\neti-01") : $0 })
            // validate
            #expect(good.status == .seeOther)
            let pack = try #require(try await TrainingPack.query(on: app.db).first())
            #expect(try await PackService.codes(of: pack.requireID(), on: app.db) == ["ETI-02", "ETI-01"])
            let page = try await f.browser(app, as: .anonymous).get(TrainingURL.pack(try pack.requireID()))
            #expect(page.status == .ok)
            let second = try #require(page.body.range(of: "Second module")), first = try #require(page.body.range(of: "Premier module"))
            #expect(second.lowerBound < first.lowerBound)
            #expect(page.body.contains("17,5\u{202F}h"))
            _ = (a, b)
            let edit = try await admin.get(TrainingURL.editPack(try pack.requireID()))
            #expect(edit.body.contains("ETI-02\nETI-01") || edit.body.contains("ETI-02&#10;ETI-01"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "training.pack.create").count() == 1)
        }
    }

    @Test("a control character (NUL) in the pack's texts or codes is refused next to its field: 422, nothing saved")
    func controlCharacters() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            _ = try await TrainingFactory.makeCourse(on: app.db, code: "ETI-01")
            let admin = try await f.browser(app, as: .trainingAdmin)
            // MUT
            let page = try await admin.post(.training(.createPack), form: [
                ("pack_code", "PACK\u{0}ETI"), ("pack_title", "Titre\u{0}piégé"), ("pack_description", "Dans\u{0}l'ordre."),
                ("pack_visibility", "public"), ("pack_active", "1"), ("pack_courses", "ETI-01\nETI\u{0}02")])
            // validate: the codes never reach the catalogue query (PostgreSQL refuses a NUL with a 500).
            #expect(page.status == .unprocessableEntity)
            for (field, label) in [("pack_code", "Le code"), ("pack_title", "L&#39;intitulé"), ("pack_description", "La description"),
                                   ("pack_courses", "La liste des codes")] {
                #expect(page.body.contains("id=\"\(field)-error\">\(label) contient un caractère de contrôle (invisible), non permis."), "\(field)")
            }
            #expect(try await TrainingPack.query(on: app.db).count() == 0)
        }
    }

    @Test("a members-only pack: a visitor is sent to sign in, a member sees it")
    func membersOnly() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let course = try await TrainingFactory.makeCourse(on: app.db)
            let pack = try await TrainingFactory.makePack(on: app.db, courses: [course], visibility: .members)
            let url = TrainingURL.pack(try pack.requireID())
            #expect(try await f.browser(app, as: .anonymous).get(url).status.code / 100 == 3)
            #expect(try await f.browser(app, as: .member).get(url).status == .ok)
        }
    }
}

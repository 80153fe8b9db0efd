import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14, review: a forged questionnaire form naming one question twice is refused (nothing
/// deleted), and the structure's quality page offers « Remplir l'auto-diagnostic » only to whom may fill it.
@Suite("Quality review: forged questionnaire rows, the CAP start link")
struct QualityReviewTests {
    @Test("a questionnaire form naming a stored question twice is refused, in French, and nothing is removed")
    func questionTwice() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let (q, qs) = try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: CapFactory.fivePerAxis)
            let first = try #require(qs.first)
            let admin = try await f.browser(app, as: .admin)
            let n = qs.count + 1
            let page = try await admin.post(QualityURL.updateQuestionnaire(2026), form: CapFactory.questionnaireForm(q, qs, change: [:], extra: [
                ("q\(n)_id", try first.requireID().uuidString), ("q\(n)_code", first.code), ("q\(n)_text", first.text),
                ("q\(n)_remove", "1"),
            ]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("cette question figure déjà plus haut dans le formulaire"))
            #expect(try await CapQuestion.find(first.requireID(), on: app.db) != nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "cap.questionnaire.update").count() == 0)
        }
    }

    @Test("the CAP start link: the member's managers see it, the delegate reads the page without it")
    func capStart() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            try await CapFactory.makeQuestionnaire(on: app.db, year: 2026, questions: CapFactory.fivePerAxis)
            let url = QualityURL.structure(try f.inPDL.requireID())
            let member = try await f.browser(app, as: .member)
            let mine = try await member.get(url)
            #expect(mine.status == .ok)
            #expect(mine.body.contains("id=\"cap-start\""))
            let delegate = try await f.browser(app, as: .delegate)
            let theirs = try await delegate.get(url)
            #expect(theirs.status == .ok)
            #expect(!theirs.body.contains("id=\"cap-start\""))
        }
    }
}

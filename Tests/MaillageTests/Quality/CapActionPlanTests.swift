import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14: the action plan carries open actions from year to year, counts the year's progress,
/// takes new actions and status changes (version checked), each audited; it is the structure's own.
@Suite("CAP action plan: carried actions, progress, status, rights")
struct CapActionPlanTests {
    @Test("carried open actions, this year's closed ones, progress « 2 actions réalisées sur 4 »")
    func planAndProgress() async throws {
        try await withMaillage { app in
            // setup (today: 15/06/2026)
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let s = f.inPDL
            try await CapFactory.makeAction(on: app.db, structure: s, title: "Écrire le projet social", due: Day(year: 2025, month: 12, day: 31),
                                            status: .inProgress, createdYear: 2025)
            try await CapFactory.makeAction(on: app.db, structure: s, title: "Mesurer l'énergie", createdYear: 2026)
            try await CapFactory.makeAction(on: app.db, structure: s, title: "Trier les déchets", status: .done, createdYear: 2025,
                                            doneOn: Day(year: 2026, month: 3, day: 2))
            try await CapFactory.makeAction(on: app.db, structure: s, title: "Plan de formation", status: .done, createdYear: 2026,
                                            doneOn: Day(year: 2026, month: 5, day: 4))
            try await CapFactory.makeAction(on: app.db, structure: s, title: "Ancienne action close", status: .done, createdYear: 2024,
                                            doneOn: Day(year: 2025, month: 5, day: 4))
            try await CapFactory.makeAction(on: app.db, structure: s, title: "Action abandonnée", status: .dropped, createdYear: 2026,
                                            doneOn: Day(year: 2026, month: 2, day: 1))
            try await CapFactory.makeAction(on: app.db, structure: f.otherPDL, title: "Action d'une autre structure", createdYear: 2026)
            let member = try await f.browser(app, as: .member)
            // MUT
            let page = try await member.get(QualityURL.actionPlan(try s.requireID()))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("2 actions réalisées sur 4"))
            #expect(page.body.contains("Écrire le projet social<br><span class=\"hint\">Reportée de 2025</span>"))
            #expect(page.body.contains("31/12/2025 <span class=\"tag late\">En retard</span>"))
            #expect(page.body.contains(CapFactory.html("Mesurer l'énergie")) && page.body.contains("Trier les déchets") && page.body.contains("Action abandonnée"))
            #expect(!page.body.contains("Ancienne action close"))
            #expect(!page.body.contains(CapFactory.html("Action d'une autre structure")))
        }
    }

    @Test("add an action; bad input is refused in French; audited")
    func add() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let sid = try f.inPDL.requireID()
            let member = try await f.browser(app, as: .member)
            let bad = try await member.post(QualityURL.createAction(sid), form: [("action_axis", "nowhere"), ("action_title", ""),
                                                                                ("action_due", "31/02/2026")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains(CapFactory.html("Choisissez l'axe de l'action.")) && bad.body.contains(CapFactory.html("Décrivez l'action."))
                    && bad.body.contains("Saisissez une date au format jj/mm/aaaa."))
            let far = try await member.post(QualityURL.createAction(sid), form: [("action_axis", "offer"), ("action_title", "Loin"), ("action_due", "01/01/2030")])
            #expect(far.status == .unprocessableEntity)
            #expect(try await CapAction.query(on: app.db).count() == 0)

            let ok = try await member.post(QualityURL.createAction(sid), form: [("action_axis", "offer"), ("action_title", "Enquête de satisfaction clients"),
                                                                               ("action_owner", "Chargée de clientèle"), ("action_due", "30/09/2026")])
            #expect(ok.status == .seeOther)
            let a = try #require(try await CapAction.query(on: app.db).first())
            #expect(a.axisValue == .offer && a.owner == "Chargée de clientèle" && a.dueOn == "2026-09-30" && a.createdYear == 2026 && a.statusValue == .planned)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "cap.action.create").count() == 1)
            let page = try await member.get(QualityURL.actionPlan(sid))
            #expect(page.body.contains("0 action réalisée sur 1"))
        }
    }

    @Test("change a status: done keeps its day; a stale form is a 409; another structure's action is a 404")
    func status() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let sid = try f.inPDL.requireID()
            let a = try await CapFactory.makeAction(on: app.db, structure: f.inPDL, createdYear: 2026)
            let foreign = try await CapFactory.makeAction(on: app.db, structure: f.otherPDL, createdYear: 2026)
            let member = try await f.browser(app, as: .member)
            let aid = try a.requireID()
            // MUT
            let done = try await member.post(QualityURL.updateAction(sid, aid), form: [("status", "done"), ("version", "1")])
            // validate
            #expect(done.status == .seeOther)
            let saved = try #require(try await CapAction.find(aid, on: app.db))
            #expect(saved.statusValue == .done && saved.doneOn == "2026-06-15" && saved.version == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "cap.action.update").count() == 1)

            let stale = try await member.post(QualityURL.updateAction(sid, aid), form: [("status", "planned"), ("version", "1")])
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("modifiée entre-temps"))
            #expect(try await CapAction.find(aid, on: app.db)?.statusValue == .done)

            let bad = try await member.post(QualityURL.updateAction(sid, aid), form: [("status", "lost"), ("version", "2")])
            #expect(bad.status == .unprocessableEntity)

            // another structure's action through this structure's address: 404, unchanged
            let cross = try await member.post(QualityURL.updateAction(sid, try foreign.requireID()), form: [("status", "done"), ("version", "1")])
            #expect(cross.status == .notFound)
            #expect(try await CapAction.find(foreign.id, on: app.db)?.statusValue == .planned)
        }
    }

    @Test("rights: another member's plan is a 404, a jurist gets 403, the delegate keeps its delegation's plans")
    func rights() async throws {
        try await withMaillage { app in
            CapFactory.fixClock(app)
            let f = try await Fixtures.load(on: app)
            let other = try f.otherPDL.requireID()
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(QualityURL.actionPlan(other)).status == .notFound)
            #expect(try await member.post(QualityURL.createAction(other), form: [("action_axis", "offer"), ("action_title", "X")]).status == .notFound)
            for who in [Fixtures.Who.jurist, .trainer] {
                let b = try await f.browser(app, as: who)
                #expect(try await b.get(QualityURL.actionPlan(other)).status == .forbidden)
            }
            let delegate = try await f.browser(app, as: .delegate)
            #expect(try await delegate.get(QualityURL.actionPlan(other)).status == .ok)
            #expect(try await delegate.post(QualityURL.createAction(other), form: [("action_axis", "offer"), ("action_title", "Accompagner")]).status == .seeOther)
            #expect(try await delegate.get(QualityURL.actionPlan(try f.entityNOR.requireID())).status == .notFound)
        }
    }
}

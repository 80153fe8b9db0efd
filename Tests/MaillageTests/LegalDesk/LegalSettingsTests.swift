import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #12, item 2: the promised delay and the reopening window, national admins only.
@Suite("Legal desk settings")
struct LegalSettingsTests {
    @Test("bounds: 1…60 working days and 1…365 days; every problem in French next to its field")
    func validation() {
        #expect(LegalSettingsForm(promised_days: "5", reopen_days: "30").validate().0 == .init(promisedDays: 5, reopenDays: 30))
        #expect(LegalSettingsForm(promised_days: " 60 ", reopen_days: "365").validate().0 == .init(promisedDays: 60, reopenDays: 365))
        for (p, r) in [("0", "30"), ("61", "30"), ("5", "0"), ("5", "366"), ("cinq", "30"), ("5", ""), ("2.5", "30")] {
            let (clean, errors) = LegalSettingsForm(promised_days: p, reopen_days: r).validate()
            #expect(clean == nil && !errors.isEmpty, "\(p) / \(r)")
        }
    }

    @Test("an admin saves the settings (audited); a refused form is a 422 with both errors and saves nothing")
    func save() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let q = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, askedOn: "2026-03-02")
            // MUT
            let form = try await admin.get(.legal(.settings))
            let refused = try await admin.post(.legal(.saveSettings), form: [("promised_days", "0"), ("reopen_days", "400")])
            let saved = try await admin.post(.legal(.saveSettings), form: [("promised_days", "10"), ("reopen_days", "15")])
            let after = try await admin.get(.legal(.settings))
            // validate
            #expect(form.status == .ok && form.body.contains("value=\"5\"") && form.body.contains("value=\"30\""))
            #expect(form.body.contains("questions posées après son enregistrement"))
            #expect(refused.status == .unprocessableEntity && refused.body.contains("Le formulaire contient 2 erreurs"))
            #expect(refused.body.contains("id=\"promised_days-error\"") && refused.body.contains("id=\"reopen_days-error\""))
            #expect(refused.body.contains("value=\"400\""))
            #expect(saved.status == .seeOther || saved.status == .found)
            #expect(after.body.contains("value=\"10\"") && after.body.contains("value=\"15\""))
            #expect(after.body.contains("juridique enregistrés"))
            let s = try await LegalSettings.load(on: app.db)
            #expect(s.promisedDays == 10 && s.reopenDays == 15)
            #expect(try await LegalSettingsRecord.query(on: app.db).count() == 1)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "legal.settings").all()
            #expect(audit.count == 1 && audit[0].action == "update")
            // nothing in the past is recomputed
            #expect(try await LegalQuestion.find(q.id, on: app.db)?.dueOn == q.dueOn)
        }
    }

    @Test("only national admins: a jurist and a member are refused")
    func rights() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            #expect(try await f.browser(app, as: .jurist).get(.legal(.settings)).status == .forbidden)
            #expect(try await f.browser(app, as: .member).post(.legal(.saveSettings), form: [("promised_days", "9"), ("reopen_days", "9")]).status == .forbidden)
            #expect(try await LegalSettings.load(on: app.db).promisedDays == 5)
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #14, item 5: the programmes as data, kept by national admins, audited.
@Suite("Support: programmes")
struct ProgrammeTests {
    @Test("an admin lists, adds and edits programmes; a taken code and bad fields are refused in French; others are refused")
    func programmes() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let delegate = try await f.browser(app, as: .delegate)
            let form: [(String, String)] = [("programme_code", "mentorat"), ("programme_name", "Mentorat de dirigeants"),
                                            ("programme_description", "Binômes de dirigeants."), ("programme_active", "1"), ("programme_position", "7")]
            // MUT
            let list = try await admin.get(.support(.programmes))
            let new = try await admin.get(.support(.newProgramme))
            let created = try await admin.post(.support(.createProgramme), form: form)
            let taken = try await admin.post(.support(.createProgramme), form: form)
            let bad = try await admin.post(.support(.createProgramme), form: [("programme_code", "a b"), ("programme_name", ""), ("programme_position", "1000")])
            let p = try await SupportFactory.programme("MENTORAT", on: app.db)
            let edit = try await admin.get(SupportURL.editProgramme(p.requireID()))
            let updated = try await admin.post(SupportURL.updateProgramme(p.requireID()), form: [("programme_code", "MENTORAT"),
                ("programme_name", "Mentorat"), ("programme_position", "8")])
            let clash = try await admin.post(SupportURL.updateProgramme(p.requireID()), form: [("programme_code", "POEC"),
                ("programme_name", "Mentorat"), ("programme_position", "8")])
            let refused = try await delegate.get(.support(.programmes))
            let refusedPost = try await delegate.post(.support(.createProgramme), form: form)
            let unknown = try await admin.get(SupportURL.editProgramme(UUID()))
            // validate
            #expect(list.status == .ok && list.body.contains("COODIAG") && list.body.contains("Diagnostic financier"))
            #expect(new.status == .ok && new.body.contains("value=\"7\""))
            #expect(created.status == .seeOther)
            #expect(taken.status == .unprocessableEntity && taken.body.contains("Ce code est déjà celui d&#39;un autre programme."))
            #expect(bad.status == .unprocessableEntity && bad.body.contains("Le formulaire contient 3 erreurs"))
            #expect(edit.status == .ok && edit.body.contains("Mentorat de dirigeants"))
            #expect(updated.status == .seeOther && clash.status == .unprocessableEntity)
            let saved = try await SupportProgramme.find(p.requireID(), on: app.db)
            #expect(saved?.name == "Mentorat" && saved?.active == false && saved?.position == 8)
            #expect(refused.status == .forbidden && refusedPost.status == .forbidden && unknown.status == .notFound)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "support.programme.create").count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "support.programme.update").count() == 1)
        }
    }
}

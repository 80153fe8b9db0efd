import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The standards admin: national admins only; every field bounded, every problem at once; audited.
@Suite("Quality standards")
struct StandardTests {
    @Test("an admin adds and edits a standard; bad values are refused by field; others may not")
    func adminOnly() async throws {
        try await withMaillage { app in
            let f = try await CertificationTests.world(app)
            let admin = try await f.browser(app, as: .admin)
            let list = try await admin.get(.quality(.standards))
            #expect(list.status == .ok && list.body.contains("CEDRE ISO 9001") && list.body.contains("J−90, J−30"))
            #expect(try await admin.get(.quality(.newStandard)).status == .ok)
            let bad = try await admin.post(.quality(.createStandard), form: [
                ("standard_code", "cedre"), ("standard_name", ""), ("standard_cycle_years", "11"), ("standard_surveillance_months", "61"),
                ("standard_reminder_days", "90,30,15,7,1"), ("standard_position", "x")])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Indiquez le nom du référentiel.", "de 1 à 10", "de 0 (aucun) à 60", "Quatre rappels au plus.", "de 0 à 999"] {
                #expect(bad.body.contains(message), "\(message)")
            }
            let taken = try await admin.post(.quality(.createStandard), form: [
                ("standard_code", "cedre"), ("standard_name", "Autre"), ("standard_cycle_years", "3"), ("standard_surveillance_months", "12"),
                ("standard_reminder_days", "90,30"), ("standard_position", "5")])
            #expect(taken.status == .unprocessableEntity && taken.body.contains("Ce code est déjà celui d"))
            // MUT
            let good = try await admin.post(.quality(.createStandard), form: [
                ("standard_code", "label-emploi"), ("standard_name", "Label Emploi Inclusif"), ("standard_cycle_years", "2"),
                ("standard_surveillance_months", "0"), ("standard_reminder_days", "30, 60"), ("standard_public", "1"),
                ("standard_active", "1"), ("standard_position", "5")])
            // validate
            #expect(good.status == .seeOther)
            let s = try await QualityFactory.standard("LABEL-EMPLOI", on: app.db)
            #expect(s.cycleYears == 2 && s.surveillanceMonths == 0 && s.reminderDays == "60,30" && s.publicLabel && s.active && !s.groupCertification)
            let edit = try await admin.get(QualityURL.editStandard(try s.requireID()))
            #expect(edit.status == .ok && edit.body.contains("value=\"60,30\""))
            let updated = try await admin.post(QualityURL.updateStandard(try s.requireID()), form: [
                ("standard_code", "LABEL-EMPLOI"), ("standard_name", "Label Emploi Inclusif"), ("standard_cycle_years", "3"),
                ("standard_surveillance_months", "12"), ("standard_reminder_days", ""), ("standard_position", "5")])
            #expect(updated.status == .seeOther)
            let after = try await QualityFactory.standard("LABEL-EMPLOI", on: app.db)
            #expect(after.cycleYears == 3 && after.reminderDays == "" && !after.publicLabel && !after.active)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entity ~~ ["quality.standard.create", "quality.standard.update"]).count()
            #expect(entries == 2)
            #expect(AuditPresentation.kindLabel("quality.standard.update") == "Référentiel qualité modifié")
            for who: Fixtures.Who in [.delegate, .member] {
                let b = try await f.browser(app, as: who)
                #expect(try await b.get(.quality(.standards)).status == .forbidden, "\(who)")
            }
        }
    }

    @Test("the journal names the quality, CAP and support kinds in French")
    func journalKinds() {
        for kind in ["quality.standard.create", "quality.certification.certify", "quality.certification.lapse", "quality.mock_audit.create",
                     "support.create", "support.update", "support.days.create", "support.programme.create", "support.programme.update",
                     "cap.assessment.save", "cap.assessment.submit", "cap.questionnaire.create", "cap.questionnaire.update",
                     "cap.action.create", "cap.action.update"] {
            #expect(AuditPresentation.kindLabel(kind) != kind, "\(kind)")
        }
        #expect(AuditPresentation.value("certified", key: "statut", of: "quality.certification.certify") == "Certifié")
        #expect(AuditPresentation.fieldLabel("echeance", of: "quality.certification.renew") == "Échéance")
    }
}

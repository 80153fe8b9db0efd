import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Dues settings")
struct DuesSettingsTests {
    static let good: [(String, String)] = [
        ("federation_name", "Fédération d'essai"), ("address", "1 rue de l'Essai\n75011 Paris"), ("siret", "111 111 111 00006"),
        ("iban", "FR76 3000 6000 0112 3456 7890 189"), ("bic", "AGRIFRPPXXX"), ("creditor_id", "FR72ZZZ123456"),
        ("account_dues", "756"), ("account_members", "411"), ("account_bank", "512"), ("journal_code", "co"), ("payment_days", "45"),
    ]

    @Test("loading the settings creates the default row once")
    func loadCreatesDefaults() async throws {
        try await withMaillage { app in
            // MUT
            let first = try await DuesSettings.load(on: app.db)
            let second = try await DuesSettings.load(on: app.db)
            // validate
            #expect(first.id == second.id)
            #expect(first.accountDues == "756" && first.accountMembers == "411" && first.accountBank == "512")
            #expect(first.journalCode == "CO" && first.paymentDays == 30)
            #expect(try await DuesSettingsRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("bad IBAN, SIRET, BIC, ICS, accounts, journal and days: each message next to its field, nothing saved")
    func validation() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let bad = Self.good.map { k, v -> (String, String) in
                switch k {
                case "siret": (k, "11111111100018")
                case "iban": (k, "FR76 3000 6000 0112 3456 7890 188")
                case "bic": (k, "AGRI")
                case "creditor_id": (k, "FR73ZZZ123456")
                case "account_dues": (k, "75")
                case "journal_code": (k, "C")
                case "payment_days": (k, "0")
                default: (k, v)
                }
            }
            // MUT
            let page = try await admin.post(.dues(.saveSettings), form: bad)
            // validate
            #expect(page.status == .unprocessableEntity)
            for field in ["siret", "iban", "bic", "creditor_id", "account_dues", "journal_code", "payment_days"] {
                #expect(page.body.contains("id=\"\(field)-error\""), "no error next to \(field)")
            }
            #expect(page.body.contains("IBAN invalide"))
            #expect(page.body.contains("Le formulaire contient 7 erreurs"))
            let stored = try await DuesSettings.load(on: app.db)
            #expect(stored.iban.isEmpty && stored.siret.isEmpty)
        }
    }

    @Test("good settings are saved in their machine form and audited; the page shows them")
    func save() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let post = try await admin.post(.dues(.saveSettings), form: Self.good)
            // validate
            #expect(post.status == .seeOther)
            let s = try await DuesSettings.load(on: app.db)
            #expect(s.siret == "11111111100006" && s.iban == "FR7630006000011234567890189" && s.journalCode == "CO" && s.paymentDays == 45)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "parametres_cotisation").count() == 1)
            let page = try await admin.get(.dues(.settings))
            #expect(page.status == .ok)
            #expect(page.body.contains("FR76 3000 6000 0112 3456 7890 189"))
            #expect(page.body.contains("name=\"_csrf\""))
            let member = try await f.browser(app, as: .member)
            #expect(try await member.get(.dues(.settings)).status == .forbidden)
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Observatory campaigns and follow-up")
struct CampaignTests {
    @Test("opening a campaign reports every bad field at once, refuses a second campaign on the same year, freezes the questionnaire")
    func openCampaign() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            var page = try await admin.get("/observatoire/campagnes/nouvelle")
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"divisor-AI\""))
            // MUT: bad input
            page = try await admin.post("/observatoire/campagnes", form: [
                ("year", "20x4"), ("opens_on", "31/02/2025"), ("closes_on", "01/05/2025"), ("k", "1"),
                ("unemployed_etp_cost", "-3"), ("divisors[AI]", "abc"),
            ])
            // validate
            #expect(page.status == .unprocessableEntity)
            for field in ["year", "opens_on", "k", "unemployed_etp_cost", "divisor-AI"] {
                #expect(page.body.contains("id=\"\(field)-error\""), "no error next to \(field)")
            }
            #expect(try await Campaign.query(on: app.db).count() == 0)
            // MUT: good input
            page = try await admin.post("/observatoire/campagnes", form: [
                ("year", "2024"), ("opens_on", "01/04/2025"), ("closes_on", "31/05/2025"), ("k", "5"),
                ("unemployed_etp_cost", "18 300,00"), ("divisors[AI]", "1607"), ("divisors[ACI]", "1820"),
            ])
            #expect(page.status == .seeOther)
            let c = try #require(try await Campaign.find(year: 2024, on: app.db))
            #expect(c.isOpen && c.k == 5 && c.opensOn == "2025-04-01" && c.unemployedETPCost == "18300.00")
            #expect(c.divisor(for: "ACI") == Exact(1820))
            #expect(c.questionnaire == IndicatorCatalogue.all)
            page = try await admin.post("/observatoire/campagnes", form: [
                ("year", "2024"), ("opens_on", "01/04/2025"), ("closes_on", "31/05/2025"), ("k", "5"), ("unemployed_etp_cost", "18300"),
            ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Une campagne existe déjà"))
        }
    }

    @Test("follow-up counts answered, drafted and not started; reminders go to the outbox; closing asks first")
    func followUpAndReminders() async throws {
        try await withMaillage { app in
            // setup: inPDL (AI) submitted, otherPDL (ACI) not started; Normandie structures are out of the delegate's sight
            let f = try await Fixtures.load(on: app)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .submitted, on: app.db)
            let manager = User(email: "chantier@test.maillage.test", displayName: "Chantier", passwordHash: "x")
            try await manager.create(on: app.db)
            try await RoleGrant(userID: manager.id!, role: .memberManager, structureID: f.otherPDL.id).create(on: app.db)
            let delegate = try await f.browser(app, as: .delegate)
            // MUT
            var page = try await delegate.get("/observatoire/2024")
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("1 réponse transmise sur 2 attendues"))
            #expect(page.body.contains("Chantier Nature Vendée"))
            #expect(!page.body.contains("Tempo Emploi Caen"))
            #expect(!page.body.contains("id=\"campaign-form\""))       // settings are the admin's
            page = try await delegate.get("/observatoire/2024/validation")
            #expect(page.body.contains("Relais Emploi Nantes"))
            page = try await delegate.post("/observatoire/2024/relances", form: [("confirm", "1")])
            #expect(page.status == .seeOther)
            let reminders = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "chantier@test.maillage.test").all()
            #expect(reminders.count == 1)
            #expect(reminders.first?.body.contains("Chantier Nature Vendée") == true)
            let admin = try await f.browser(app, as: .admin)
            page = try await admin.get("/observatoire/2024")
            #expect(page.body.contains("1 réponse transmise sur 3 attendues"))
            page = try await admin.get("/observatoire/2024/cloturer")
            #expect(page.body.contains("Clôturer la campagne 2024 ?"))
            #expect(page.body.contains("lecture seule"))          // says what closing does (issue #9)
            #expect(try await Campaign.find(year: 2024, on: app.db)!.isOpen)
            page = try await admin.post("/observatoire/2024/cloturer")
            #expect(page.status == .seeOther)
            #expect(try await Campaign.find(year: 2024, on: app.db)!.isOpen == false)
        }
    }

    @Test("settings are checked like the opening form and change the campaign")
    func settings() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get("/observatoire/2024")
            var page = try await admin.post("/observatoire/2024/parametres", form: [
                ("opens_on", "01/04/2025"), ("closes_on", "01/03/2025"), ("k", "3"), ("unemployed_etp_cost", "20000"),
            ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"closes_on-error\""))
            page = try await admin.post("/observatoire/2024/parametres", form: [
                ("opens_on", "01/04/2025"), ("closes_on", "30/06/2025"), ("k", "3"), ("unemployed_etp_cost", "20000"),
            ])
            #expect(page.status == .seeOther)
            let c = try #require(try await Campaign.find(year: 2024, on: app.db))
            #expect(c.k == 3 && c.closesOn == "2025-06-30" && c.unemployedETPCost == "20000.00")
        }
    }

    @Test("the Observatory page lists the member's answers to give and the campaigns")
    func indexPage() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let page = try await f.browser(app, as: .member).get("/observatoire")
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"my-answers\""))
            #expect(page.body.contains("/observatoire/2024/reponses/\(f.inPDL.id!)/AI"))
            #expect(page.body.contains("Non commencée"))
            let jurist = try await f.browser(app, as: .jurist).get("/observatoire")
            #expect(jurist.status == .ok)
            #expect(!jurist.body.contains("id=\"my-answers\""))
            // Nothing published yet: the jurist is pointed to the publications, not to live figures.
            #expect(jurist.body.contains("/observatoire/2024/publications"))
            #expect(!jurist.body.contains("/observatoire/2024/rapport"))
        }
    }
}

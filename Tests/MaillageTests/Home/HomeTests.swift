import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The home page is « what to do now »: each role sees its own tasks, counted in its own
/// perimeter, with links it may follow.
@Suite("Home page tasks")
struct HomeTests {
    /// The page's text as a reader sees it (Leaf escapes apostrophes and ampersands).
    static func text(_ body: String) -> String {
        body.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&quot;", with: "\"")
    }

    static func day(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso + "T10:00:00Z")! }

    @Test("a deadline reads the French way, counted in calendar days across months and years")
    func deadlineText() throws {
        // setup
        let today = try #require(Day(iso: "2026-12-20"))
        // MUT
        let soon = try #require(Deadline(iso: "2027-01-01", today: today))
        let passed = try #require(Deadline(iso: "2026-12-18", today: today))
        let far = try #require(Deadline(iso: "2027-03-31", today: today))
        // validate
        #expect(soon.sentence == "au plus tard le 1er janvier 2027 (dans 12 jours)")
        #expect(soon.urgency == .soon)
        #expect(passed.sentence == "au plus tard le 18 décembre 2026 (date dépassée depuis 2 jours)")
        #expect(passed.urgency == .late)
        #expect(far.daysLeft == 101 && far.urgency == .info)
        #expect(Deadline(iso: "2027-02-30", today: today) == nil)
    }

    @Test("a member sees its returned answer with the delegate's comment and the deadline, linked to the form")
    func memberReturnedAnswer() async throws {
        try await withMaillage { app in
            // setup
            app.services = AppServices(config: app.config, clock: FixedClock(Self.day("2025-05-20")))
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            let answer = try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: f.inPDL, type: "AI", status: .returned)
            answer.returnComment = "Les ETP ne correspondent pas aux heures déclarées."
            try await answer.save(on: app.db)
            // MUT
            let page = try await f.browser(app, as: .member).get(.home)
            // validate
            let body = Self.text(page.body)
            #expect(page.status == .ok)
            #expect(body.contains("Corriger votre réponse 2024 pour Relais Emploi Nantes (AI)"))
            #expect(body.contains("Les ETP ne correspondent pas aux heures déclarées."))
            #expect(body.contains("À transmettre au plus tard le 31 mai 2025 (dans 11 jours)"))
            #expect(body.contains("Échéance proche"))
            #expect(body.contains("href=\"\(SiteURL.answer(2024, try f.inPDL.requireID(), "AI").path)\""))
        }
    }

    @Test("a member with nothing begun is asked to answer; past answers and the benchmark appear once they exist")
    func memberToAnswerAndHistory() async throws {
        try await withMaillage { app in
            // setup
            app.services = AppServices(config: app.config, clock: FixedClock(Self.day("2025-04-02")))
            let f = try await Fixtures.load(on: app)
            let past = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2023, open: false)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: past, structure: f.inPDL, type: "AI", status: .validated)
            let member = try await f.browser(app, as: .member)
            let before = Self.text(try await member.get(.home).body)
            _ = try await ReleaseService.publish(past, by: nil, on: app.db)
            try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            // MUT
            let after = Self.text(try await member.get(.home).body)
            // validate
            #expect(before.contains("Aucune enquête de l'Observatoire n'est ouverte en ce moment."))
            #expect(before.contains("Mes réponses des années passées"))
            #expect(before.contains("Données 2023 — Relais Emploi Nantes (AI)"))
            #expect(!before.contains(SiteURL.benchmark(2023, try f.inPDL.requireID()).path))
            #expect(after.contains("Répondre à l'enquête de l'Observatoire 2024 pour Relais Emploi Nantes (AI)"))
            #expect(after.contains("au plus tard le 31 mai 2025 (dans 59 jours)"))
            #expect(after.contains(SiteURL.benchmark(2023, try f.inPDL.requireID()).path))
        }
    }

    @Test("a delegate counts the answers waiting for validation in its own delegation only; the admin counts all")
    func delegateAndAdminCounts() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            let caen = try await MembersFactory.makeStructure(on: app.db, name: "Atelier Vert Caen", types: [.ai], department: "14", commune: "Caen")
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: f.inPDL, type: "AI", status: .submitted)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: f.otherPDL, type: "ACI", status: .draft)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: f.entityNOR, type: "ETTI", status: .submitted)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: caen, type: "AI", status: .validated)
            // MUT
            let delegate = Self.text(try await f.browser(app, as: .delegate).get(.home).body)
            let admin = Self.text(try await f.browser(app, as: .admin).get(.home).body)
            // validate
            #expect(delegate.contains("1 réponse transmise attend votre validation"))
            #expect(delegate.contains("1 réponse attendue n'est pas encore transmise (0 non commencée, 1 brouillon)"))
            #expect(delegate.contains(SiteURL.validationQueue(2024).path))
            #expect(!delegate.contains("Normandie"))
            #expect(admin.contains("2 réponses transmises attendent une validation (Observatoire 2024)"))
            #expect(admin.contains("3 réponses transmises sur 4 attendues, dont 1 validée ; taux de réponse 75,0\u{202F}%."))
            #expect(admin.contains("La date de clôture de la campagne 2024 est passée"))
        }
    }

    @Test("the admin sees what waits for it: unsent messages in the outbox, a closed campaign not published, key-figure tiles")
    func adminWaits() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFactory.makeCampaign(on: app.db, year: 2023, open: false)
            try await app.services.outbox.queue(to: "a@exemple.fr", subject: "Objet", body: "Corps", on: app.db)
            let sent = OutboxMessage(recipient: "b@exemple.fr", subject: "Objet", body: "Corps")
            sent.sentAt = Date()
            try await sent.create(on: app.db)
            // MUT
            let admin = Self.text(try await f.browser(app, as: .admin).get(.home).body)
            // validate
            #expect(admin.contains("1 courriel attend dans la file d'envoi"))
            #expect(admin.contains("Les chiffres de la campagne 2023 ne sont pas publiés"))
            #expect(admin.contains(SiteURL.newRelease(2023).path))
            #expect(admin.contains("Structures adhérentes"))
            #expect(admin.contains("Courriels en attente"))
        }
    }

    @Test("jurist, trainer and board member see the published figures only once a release exists, never a secret one")
    func publishedFiguresOnly() async throws {
        try await withMaillage { app in
            // setup: six AI answers count the persons in insertion; only two give ETP (under k = 5)
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2023)
            for i in 0..<6 {
                let s = try await MembersFactory.makeStructure(on: app.db, name: "Relais \(i)", types: [.ai], department: "44")
                var values: [String: Exact] = ["insertion_persons": Exact(40)]
                if i < 2 { values["insertion_etp"] = Exact(12) }
                try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: s, type: "AI", status: .validated, values: values)
            }
            let jurist = try await f.browser(app, as: .jurist)
            let before = Self.text(try await jurist.get(.home).body)
            _ = try await ReleaseService.publish(campaign, by: nil, on: app.db)
            // MUT
            var pages: [Fixtures.Who: String] = [:]
            for who in [Fixtures.Who.jurist, .trainer, .board] {
                pages[who] = Self.text(try await f.browser(app, as: who).get(.home).body)
            }
            // validate
            #expect(!before.contains("Le réseau en chiffres"))
            #expect(!before.contains("Salariés en parcours d'insertion"))
            for (who, body) in pages {
                #expect(body.contains("Rechercher un adhérent"), "\(who)")
                #expect(body.contains("Le réseau en chiffres — données 2023"), "\(who)")
                #expect(body.contains("Salariés en parcours d'insertion"), "\(who)")
                #expect(body.contains("<span class=\"tile-value\">240</span>"), "\(who)")
                #expect(!body.contains("ETP des salariés en insertion"), "\(who)")
                #expect(!body.contains("secret"), "\(who)")
                #expect(body.contains(SiteURL.report(2023).path), "\(who)")
            }
        }
    }

    @Test("every link on each role's home answers: none is refused or missing")
    func linksAnswer() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let campaign = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2024)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: f.inPDL, type: "AI", status: .submitted)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: campaign, structure: f.otherPDL, type: "ACI", status: .returned)
            let past = try await ObservatoryFactory.makeCampaign(on: app.db, year: 2023, open: false)
            try await ObservatoryFactory.makeAnswer(on: app.db, campaign: past, structure: f.inPDL, type: "AI", status: .validated)
            _ = try await ReleaseService.publish(past, by: nil, on: app.db)
            for who in Fixtures.Who.allCases where who != .anonymous {
                let browser = try await f.browser(app, as: who)
                // MUT
                let home = try await browser.get(.home)
                let hrefs = Set(home.body.matches(of: #/href="(/[^"#]*)"/#).map { String($0.1) })
                    .filter { !$0.hasPrefix("/css/") }
                // validate
                #expect(!hrefs.isEmpty)
                for href in hrefs {
                    let page = try await browser.get(href.replacingOccurrences(of: "&amp;", with: "&"))
                    #expect([.ok, .seeOther].contains(page.status), "\(who) → \(href): \(page.status)")
                }
            }
        }
    }
}

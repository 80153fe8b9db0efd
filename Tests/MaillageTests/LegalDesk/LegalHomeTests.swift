import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #12, item 2 and 7: the questions list — scope per role, filters, overdue across Easter
/// Monday 2026, exports without texts one may not read, home tasks.
@Suite("Legal desk questions list")
struct LegalHomeTests {
    /// Three questions: the member's own (not shared), another PDL structure's (shared), a NOR one's.
    struct Data3 {
        let f: Fixtures
        let own: LegalQuestion, shared: LegalQuestion, nor: LegalQuestion
    }

    static func load(_ app: Application, today: String = "2026-04-09") async throws -> Data3 {
        app.services = AppServices(config: app.config, clock: FixedClock(Day(iso: today)!.noonInParis))
        let f = try await Fixtures.load(on: app)
        try await LegalFactory.makeSettings(on: app.db)
        // Asked Wednesday 1 April 2026: 5 working days, Easter Monday (6 April) skipped → due Thursday 9 April.
        let own = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, subject: "Rupture conventionnelle en CDDI",
                                                      body: "TEXTE-PRIVE-PROPRE", askedOn: "2026-04-01")
        let shared = try await LegalFactory.makeQuestion(on: app.db, structure: f.otherPDL, category: .tax, subject: "TVA sur les ventes de bois",
                                                         body: "TEXTE-PARTAGE", status: .waiting, askedOn: "2026-03-02", shared: true)
        let nor = try await LegalFactory.makeQuestion(on: app.db, structure: f.gesNOR, category: .company, subject: "Statuts du groupe",
                                                      body: "TEXTE-NOR", status: .answered, askedOn: "2026-02-02",
                                                      assigneeID: f.users[.jurist])
        try await LegalFactory.makeMessage(on: app.db, question: own, kind: .internal, body: "NOTE-INTERNE-SECRETE")
        return Data3(f: f, own: own, shared: shared, nor: nor)
    }

    @Test("the due day of a question asked on 1 April 2026 skips Easter Monday")
    func dueDay() {
        #expect(WorkingDays.add(5, to: Day(iso: "2026-04-01")!).iso == "2026-04-09")
        #expect(!LegalListQueries.isOverdue(status: .new, dueOn: "2026-04-09", today: Day(iso: "2026-04-09")!))
        #expect(LegalListQueries.isOverdue(status: .inProgress, dueOn: "2026-04-09", today: Day(iso: "2026-04-10")!))
        #expect(!LegalListQueries.isOverdue(status: .waiting, dueOn: "2026-04-09", today: Day(iso: "2026-05-10")!))
        #expect(!LegalListQueries.isOverdue(status: .answered, dueOn: "2026-04-09", today: Day(iso: "2026-05-10")!))
    }

    @Test("scope: a member its own, a delegate its delegation's metadata (subject only when shared), a jurist all")
    func scope() async throws {
        try await withMaillage { app in
            // setup
            let d = try await Self.load(app)
            let map = try await NetworkMap.load(on: app.db)
            func user(_ who: Fixtures.Who) async throws -> CurrentUser {
                try await CurrentUser.load(try await User.find(d.f.users[who], on: app.db)!, on: app.db)
            }
            // MUT
            let member = try await LegalListQueries.lines(scope: .of(try await user(.member), map: map), on: app.db)
            let delegate = try await LegalListQueries.lines(scope: .of(try await user(.delegate), map: map), on: app.db)
            let jurist = try await LegalListQueries.lines(scope: .of(try await user(.jurist), map: map), on: app.db)
            let admin = try await LegalListQueries.lines(scope: .of(try await user(.admin), map: map), on: app.db)
            // validate
            #expect(member.map(\.id) == [d.own.id!])
            #expect(member[0].subject == "Rupture conventionnelle en CDDI" && member[0].own)
            #expect(Set(delegate.map(\.id)) == [d.own.id!, d.shared.id!])
            #expect(delegate.first { $0.id == d.own.id }?.subject == nil)
            #expect(delegate.first { $0.id == d.shared.id }?.subject == "TVA sur les ventes de bois")
            #expect(jurist.map(\.id) == [d.own.id!, d.shared.id!, d.nor.id!])
            #expect(jurist.allSatisfy { $0.subject != nil })
            #expect(admin.isEmpty)
        }
    }

    @Test("pages: the member's labels, the delegate's « Non partagée », never a text or an internal note")
    func pages() async throws {
        try await withMaillage { app in
            // setup
            let d = try await Self.load(app)
            // MUT
            let member = try await d.f.browser(app, as: .member).get(.legal(.home))
            let delegate = try await d.f.browser(app, as: .delegate).get(.legal(.home))
            let jurist = try await d.f.browser(app, as: .jurist).get(.legal(.home))
            let admin = try await d.f.browser(app, as: .admin).get(.legal(.home))
            // validate
            #expect(member.status == .ok && member.body.contains("Rupture conventionnelle en CDDI"))
            #expect(member.body.contains("id=\"ask-question\"") && member.body.contains("Poser une question"))
            #expect(!member.body.contains("TVA sur les ventes") && !member.body.contains("Statuts du groupe"))
            #expect(delegate.status == .ok && delegate.body.contains("Non partagée") && delegate.body.contains("TVA sur les ventes de bois"))
            #expect(!delegate.body.contains("Rupture conventionnelle") && !delegate.body.contains("Statuts du groupe"))
            #expect(!delegate.body.contains("id=\"ask-question\""))
            #expect(delegate.body.contains("En attente de l&#39;adhérent") || delegate.body.contains("En attente de l'adhérent"))
            #expect(jurist.status == .ok && jurist.body.contains("Statuts du groupe") && jurist.body.contains("3 questions"))
            #expect(jurist.body.contains("Test jurist"))
            for page in [member, delegate, jurist] {
                for secret in ["TEXTE-PRIVE-PROPRE", "TEXTE-PARTAGE", "TEXTE-NOR", "NOTE-INTERNE-SECRETE"] { #expect(!page.body.contains(secret)) }
            }
            #expect(admin.status == .forbidden)
        }
    }

    @Test("overdue across Easter Monday: not on the due day, « En retard » the day after; waiting never")
    func overdue() async throws {
        try await withMaillage { app in
            // setup
            let d = try await Self.load(app, today: "2026-04-10")
            let jurist = try await d.f.browser(app, as: .jurist)
            // MUT
            let late = try await jurist.get(.legal(.home), query: ["retard": "1"])
            // validate: only the question due on the 9th (the waiting one is due on 9 March and is not late)
            #expect(late.body.contains("1 question") && late.body.contains("Rupture conventionnelle en CDDI"))
            #expect(late.body.contains("class=\"tag overdue\""))
            #expect(!late.body.contains("TVA sur les ventes"))
            app.services = AppServices(config: app.config, clock: FixedClock(Day(iso: "2026-04-09")!.noonInParis))
            let onTime = try await jurist.get(.legal(.home), query: ["retard": "1"])
            #expect(onTime.body.contains("Aucun résultat pour ces filtres.") && !onTime.body.contains("class=\"tag overdue\""))
        }
    }

    @Test("filters: status, category, delegation, assignee; bad values fall back to all")
    func filters() async throws {
        try await withMaillage { app in
            // setup
            let d = try await Self.load(app)
            let jurist = try await d.f.browser(app, as: .jurist)
            // MUT
            let answered = try await jurist.get(.legal(.home), query: ["statut": "answered"])
            let tax = try await jurist.get(.legal(.home), query: ["categorie": "tax"])
            let nor = try await jurist.get(.legal(.home), query: ["delegation": "NOR"])
            let unassigned = try await jurist.get(.legal(.home), query: ["juriste": "aucun"])
            let mine = try await jurist.get(.legal(.home), query: ["juriste": d.f.users[.jurist]!.uuidString])
            let bad = try await jurist.get(.legal(.home), query: ["statut": "nope", "categorie": "x", "delegation": "ZZZ", "juriste": "1", "sort": "pwned", "page": "-3"])
            // validate
            #expect(answered.body.contains("1 question") && answered.body.contains("Statuts du groupe"))
            #expect(tax.body.contains("1 question") && tax.body.contains("TVA sur les ventes"))
            #expect(nor.body.contains("1 question") && nor.body.contains("Statuts du groupe"))
            #expect(unassigned.body.contains("2 questions") && !unassigned.body.contains("Statuts du groupe"))
            #expect(mine.body.contains("1 question") && mine.body.contains("Statuts du groupe"))
            #expect(bad.status == .ok && bad.body.contains("3 questions"))
        }
    }

    @Test("exports: CSV and XLSX of the filtered list; the delegate's never holds a text it may not read")
    func exports() async throws {
        try await withMaillage { app in
            // setup
            let d = try await Self.load(app)
            // MUT
            let jurist = try await d.f.browser(app, as: .jurist).get(.legal(.home), query: ["format": "csv"])
            let delegate = try await d.f.browser(app, as: .delegate).get(.legal(.home), query: ["format": "csv"])
            let xlsx = try await d.f.browser(app, as: .jurist).get(.legal(.home), query: ["format": "xlsx", "categorie": "tax"])
            // validate
            #expect(jurist.status == .ok && jurist.headers.first(name: .contentDisposition)?.contains("questions-juridiques") == true)
            #expect(jurist.body.contains("Posée le;Structure;Catégorie;Objet;Statut;Juriste;Réponse promise le;En retard"))
            #expect(jurist.body.contains("Rupture conventionnelle en CDDI") && jurist.body.contains("Statuts du groupe"))
            #expect(jurist.body.contains("01/04/2026;Relais Emploi Nantes;Droit du travail;Rupture conventionnelle en CDDI;Nouvelle;;09/04/2026;"))
            #expect(delegate.body.contains("Non partagée") && delegate.body.contains("TVA sur les ventes de bois"))
            #expect(!delegate.body.contains("Rupture conventionnelle") && !delegate.body.contains("Statuts du groupe"))
            for page in [jurist, delegate] {
                for secret in ["TEXTE-PRIVE-PROPRE", "TEXTE-PARTAGE", "TEXTE-NOR", "NOTE-INTERNE-SECRETE"] { #expect(!page.body.contains(secret)) }
            }
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentDisposition)?.contains("categorie-tax") == true)
        }
    }

    @Test("home tasks: a jurist's new and overdue questions, a member's waiting question and answers to read")
    func homeTasks() async throws {
        try await withMaillage { app in
            // setup
            let d = try await Self.load(app, today: "2026-04-10")
            try await LegalFactory.makeQuestion(on: app.db, structure: d.f.inPDL, subject: "Une précision", status: .waiting, askedOn: "2026-04-02")
            try await LegalFactory.makeQuestion(on: app.db, structure: d.f.inPDL, subject: "Répondue", status: .answered, askedOn: "2026-04-02")
            // MUT
            let jurist = try await d.f.browser(app, as: .jurist).get(.home)
            let member = try await d.f.browser(app, as: .member).get(.home)
            let counts = try await LegalHomeTasks.counts(user: try await CurrentUser.load(try await User.find(d.f.users[.jurist], on: app.db)!, on: app.db),
                                                         today: Day(iso: "2026-04-10")!, on: app.db)
            // validate
            #expect(counts == LegalHomeTasks.Counts(unassigned: 1, mine: 0, overdue: 1, waiting: 0, answered: 0))
            #expect(jurist.body.contains("1 nouvelle question attend un juriste") && jurist.body.contains("1 question a dépassé le délai promis"))
            #expect(member.body.contains("1 question attend votre réponse") && member.body.contains("1 nouvelle réponse à lire"))
            #expect(!member.body.contains("attend un juriste"))
        }
    }

    @Test("menu: « Appui juridique » to the list (admins: the statistics), « Ressources » for everyone; help sections")
    func menuAndHelp() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            // MUT
            let member = try await f.browser(app, as: .member).get(.home)
            let admin = try await f.browser(app, as: .admin).get(.home)
            let trainer = try await f.browser(app, as: .trainer).get(.home)
            let anonymous = try await TestBrowser(app).get(.login)
            let help = try await f.browser(app, as: .member).get(.helpSection(.value("juridique")))
            let library = try await f.browser(app, as: .member).get(.helpSection(.value("ressources")))
            let adminHelp = try await f.browser(app, as: .admin).get(.helpSection(.value("juridique")))
            // validate
            #expect(member.body.contains("<a href=\"/juridique\"><svg") && member.body.contains("Appui juridique</a>"))
            #expect(admin.body.contains("<a href=\"/juridique/statistiques\"><svg") && admin.body.contains("Appui juridique</a>"))
            #expect(!trainer.body.contains("Appui juridique</a>") && trainer.body.contains("Ressources</a>"))
            #expect(anonymous.body.contains("<a href=\"/ressources\"><svg"))
            #expect(help.status == .ok && help.body.contains("Poser une question") && !help.body.contains("Paramètres et statistiques"))
            #expect(adminHelp.body.contains("Paramètres et statistiques"))
            #expect(library.status == .ok && library.body.contains("version"))
        }
    }
}

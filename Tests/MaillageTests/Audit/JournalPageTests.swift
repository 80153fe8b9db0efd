import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Journal and outbox pages: filters, pagination, export, links")
struct JournalPageTests {
    /// An entry written as `Audit.record` writes it, at a chosen moment.
    @discardableResult
    static func entry(_ app: Application, at: String, actor: String = "Admin National <admin@exemple.fr>",
                      action: AuditAction = .update, entity: String = "structure", id: String = UUID().uuidString,
                      summary: String, before: [String: String]? = nil, after: [String: String]? = nil) async throws -> AuditEntry {
        let e = AuditEntry()
        e.at = ISO8601DateFormatter().date(from: at)!
        e.actorLabel = actor
        e.action = action.rawValue
        e.entity = entity
        e.entityID = id
        e.summary = summary
        e.before = before.map { Campaign.json($0) }
        e.after = after.map { Campaign.json($0) }
        try await e.create(on: app.db)
        return e
    }

    /// The admin's browser on a journal holding only what the test writes.
    static func admin(_ app: Application) async throws -> TestBrowser {
        let f = try await Fixtures.load(on: app)
        try await AuditEntry.query(on: app.db).delete()
        try await OutboxMessage.query(on: app.db).delete()
        return try await f.browser(app, as: .admin)
    }

    @Test("a real answer change reads in French on the journal: indicator label, « 9,6 », « renvoyée »")
    func answerChangeOnPage() async throws {
        try await withMaillage { app in
            // setup
            let admin = try await Self.admin(app)
            try await Self.entry(app, at: "2026-03-02T10:00:00Z", entity: SurveyAnswer.auditEntity, summary: "Réponse renvoyée",
                                 before: ["permanents_etp": "9.5", "_statut": "submitted"],
                                 after: ["permanents_etp": "9.6", "_statut": "returned"])
            try await Self.entry(app, at: "2026-03-01T10:00:00Z", entity: Campaign.auditEntity, id: UUID().uuidString,
                                 summary: "Clôture de la campagne 2024", before: ["statut": "open", "cout_etp_chomeur": "18300.00"],
                                 after: ["statut": "closed", "cout_etp_chomeur": "18500.00"])
            // MUT
            let page = try await admin.get(.auditLog)
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("ETP des permanents"))
            #expect(page.body.contains("9,6\(FrenchFormat.thinSpace)ETP"))
            #expect(page.body.contains("renvoyée") && page.body.contains("clôturée"))
            #expect(page.body.contains("Coût annuel d&#39;un ETP au chômage") || page.body.contains("Coût annuel d'un ETP au chômage"))
            #expect(!page.body.contains("permanents_etp") && !page.body.contains("cout_etp_chomeur"))
            #expect(page.body.contains("<th scope=\"row\">Statut</th>"))
            #expect(page.body.contains("aria-sort=\"descending\""))  // newest first, said on the date column
        }
    }

    @Test("who, what, action, when and record filters narrow the rows and stay in the links")
    func filtersNarrow() async throws {
        try await withMaillage { app in
            // setup
            let admin = try await Self.admin(app)
            let structureID = UUID()
            try await Self.entry(app, at: "2026-01-10T09:00:00Z", actor: "Camille Martin <camille@exemple.fr>", action: .create,
                                 id: structureID.uuidString, summary: "Création de Alpha")
            try await Self.entry(app, at: "2026-01-20T09:00:00Z", actor: "Dominique Roux <dominique@exemple.fr>", entity: "adhesion",
                                 summary: "Adhésion de Alpha", before: ["structure": structureID.uuidString, "statut": "actif"],
                                 after: ["structure": structureID.uuidString, "statut": "associe"])
            try await Self.entry(app, at: "2026-02-05T09:00:00Z", actor: "Camille Martin <camille@exemple.fr>", entity: "utilisateur",
                                 summary: "Invitation de Bravo")
            try await Self.entry(app, at: "2026-02-28T23:30:00Z", actor: "système", action: .delete, entity: "role", summary: "Retrait Charlie")
            func shown(_ query: KeyValuePairs<String, String?>) async throws -> [String] {
                let page = try await admin.get(.auditLog, query: query)
                #expect(page.status == .ok)
                return ["Création de Alpha", "Adhésion de Alpha", "Invitation de Bravo", "Retrait Charlie"].filter { page.body.contains($0) }
            }
            // MUT + validate
            #expect(try await shown([:]).count == 4)
            #expect(try await shown(["qui": "CAMILLE"]) == ["Création de Alpha", "Invitation de Bravo"])
            #expect(try await shown(["qui": "dominique@exemple"]) == ["Adhésion de Alpha"])
            #expect(try await shown(["quoi": "utilisateur"]) == ["Invitation de Bravo"])
            #expect(try await shown(["action": "delete"]) == ["Retrait Charlie"])
            #expect(try await shown(["du": "15/01/2026", "au": "05/02/2026"]) == ["Adhésion de Alpha", "Invitation de Bravo"])
            // 23:30 UTC on 28 February is 00:30 on 1 March in Paris: the days are French days
            #expect(try await shown(["du": "2026-03-01"]) == ["Retrait Charlie"])
            // a structure's id finds the structure and the entries that name it (its membership)
            #expect(try await shown(["entite": structureID.uuidString]) == ["Création de Alpha", "Adhésion de Alpha"])
            #expect(try await shown(["qui": "camille", "quoi": "structure"]) == ["Création de Alpha"])
            let page = try await admin.get(.auditLog, query: ["qui": "camille"])
            #expect(page.body.contains("2 entrées"))
            #expect(page.body.contains("value=\"camille\""))
            #expect(page.body.contains("format=csv") && page.body.contains("qui=camille"))
            let none = try await admin.get(.auditLog, query: ["qui": "personne"])
            #expect(none.body.contains("0 entrée"))
            #expect(none.body.contains("href=\"\(SiteURL.auditLog.path)\""))  // the reset link of the empty state
            // a LIKE wildcard typed in the box is a plain character
            #expect(try await shown(["qui": "%"]).isEmpty)
        }
    }

    @Test("a bad date is reported in French next to its field (422), never a 500")
    func badDate() async throws {
        try await withMaillage { app in
            // setup
            let admin = try await Self.admin(app)
            try await Self.entry(app, at: "2026-01-10T09:00:00Z", summary: "Création de Alpha")
            // MUT
            let bad = try await admin.get(.auditLog, query: ["du": "31/02/2026", "au": "hier"])
            let reversed = try await admin.get(.auditLog, query: ["du": "10/02/2026", "au": "01/02/2026"])
            let badExport = try await admin.get(.auditLog, query: ["du": "32/01/2026", "format": "csv"])
            // validate
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("id=\"du-error\"") && bad.body.contains("id=\"au-error\""))
            #expect(bad.body.contains(JournalFilters.invalidFrom) && bad.body.contains(JournalFilters.invalidTo))
            #expect(bad.body.contains("value=\"31/02/2026\""))
            #expect(bad.body.contains("Création de Alpha"))  // the other filters still apply
            #expect(reversed.status == .unprocessableEntity)
            #expect(reversed.body.contains("La date de fin précède la date de début"))
            #expect(badExport.status == .unprocessableEntity)
            #expect(badExport.headers.contentType?.subType == "html")
        }
    }

    @Test("pagination shows the total and 50 entries a page, newest first")
    func pagination() async throws {
        try await withMaillage { app in
            // setup
            let admin = try await Self.admin(app)
            for i in 1...60 {
                try await Self.entry(app, at: String(format: "2026-01-01T%02d:%02d:00Z", i / 60, i % 60), summary: "Entrée n° \(i) fin")
            }
            // MUT
            let first = try await admin.get(.auditLog)
            let second = try await admin.get(.auditLog, query: ["page": "2"])
            // validate
            #expect(first.body.contains("60 entrées"))
            #expect(first.body.contains("Page 1 sur 2") && second.body.contains("Page 2 sur 2"))
            #expect(first.body.contains("Entrée n° 60 fin") && !first.body.contains("Entrée n° 10 fin"))
            #expect(second.body.contains("Entrée n° 10 fin") && !second.body.contains("Entrée n° 11 fin"))
            #expect(second.body.components(separatedBy: "<td data-label=\"Date\"").count - 1 == 10)
            #expect(first.body.contains("rel=\"next\""))
            #expect(!first.body.contains("journal-changes"))  // entries without changes show no empty table
            let oldest = try await admin.get(.auditLog, query: ["sort": "date"])
            #expect(oldest.body.contains("Entrée n° 1 fin") && oldest.body.contains("aria-sort=\"ascending\""))
        }
    }

    @Test("the CSV and XLSX exports hold exactly the filtered entries, every page")
    func exportEqualsFiltered() async throws {
        try await withMaillage { app in
            // setup
            let admin = try await Self.admin(app)
            for i in 1...55 {
                try await Self.entry(app, at: String(format: "2026-01-01T10:%02d:00Z", i), actor: "Camille <camille@exemple.fr>",
                                     summary: "Gardée \(i)", before: ["nom": "A\(i)"], after: ["nom": "B\(i)"])
            }
            try await Self.entry(app, at: "2026-01-02T10:00:00Z", actor: "Dominique <dominique@exemple.fr>", summary: "Écartée")
            // MUT
            let csv = try await admin.get(.auditLog, query: ["qui": "camille", "format": "csv"])
            var xlsx = Data()
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "maillage_session=\(admin.cookie ?? "")")
            try await app.testing().test(.GET, SiteURL.auditLog.path(query: ["qui": "camille", "format": "xlsx"]), headers: headers) { res in
                #expect(res.status == .ok)
                xlsx = Data(buffer: res.body)
            }
            // validate
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition)?.contains("journal-qui-camille") == true)
            let records = FrenchCSV.parse(FrenchCSV.decode(Data(csv.body.utf8)))
            #expect(records.first?.fields == JournalExport.headers)
            #expect(records.count == 56)
            #expect(records.dropFirst().allSatisfy { $0.fields[5].hasPrefix("Gardée ") })
            #expect(records[1].fields[5] == "Gardée 55")  // newest first, as the list
            #expect(records[1].fields[3] == "Structure" && records[1].fields[6] == "Nom : A55 → B55")
            let sheet = try XLSXReader.firstSheet(xlsx)
            #expect(sheet.count == 56)
            #expect(!sheet.contains { $0.contains("Écartée") })
        }
    }

    @Test("outbox: French labels, filters by recipient, subject and status, links clickable, text escaped")
    func outbox() async throws {
        try await withMaillage { app in
            // setup
            let admin = try await Self.admin(app)
            let outbox = app.services.outbox
            try await outbox.queue(to: "alice@exemple.fr", subject: "Réinitialisation de votre mot de passe",
                                   body: "Ouvrez ce lien : https://maillage.exemple.fr/lien/abc.\n<script>x</script>", on: app.db)
            try await outbox.queue(to: "bob@exemple.fr", subject: "Invitation à rejoindre Maillage", body: "Bonjour", on: app.db)
            let sent = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "bob@exemple.fr").first()!
            sent.sentAt = Date()
            try await sent.save(on: app.db)
            // MUT
            let all = try await admin.get(.outbox)
            let alice = try await admin.get(.outbox, query: ["destinataire": "ALICE"])
            let invitation = try await admin.get(.outbox, query: ["objet": "invitation"])
            let pending = try await admin.get(.outbox, query: ["statut": "en_attente"])
            let sentOnly = try await admin.get(.outbox, query: ["statut": "envoye"])
            // validate
            #expect(all.status == .ok && all.body.contains("2 courriels"))
            #expect(all.body.contains("Destinataire") && all.body.contains("Objet") && all.body.contains("en attente"))
            #expect(all.body.contains("<a href=\"https://maillage.exemple.fr/lien/abc\">https://maillage.exemple.fr/lien/abc</a>."))
            #expect(all.body.contains("&lt;script&gt;x&lt;/script&gt;") && !all.body.contains("<script>x"))
            #expect(alice.body.contains("alice@exemple.fr") && !alice.body.contains("bob@exemple.fr"))
            #expect(invitation.body.contains("bob@exemple.fr") && !invitation.body.contains("alice@exemple.fr"))
            #expect(pending.body.contains("alice@exemple.fr") && !pending.body.contains("bob@exemple.fr"))
            #expect(sentOnly.body.contains("bob@exemple.fr") && sentOnly.body.contains("envoyé le"))
            #expect(sentOnly.body.contains("1 courriel") && !sentOnly.body.contains("alice@exemple.fr"))
            let csv = try await admin.get(.outbox, query: ["destinataire": "alice", "format": "csv"])
            #expect(FrenchCSV.parse(FrenchCSV.decode(Data(csv.body.utf8))).count == 2)
        }
    }

    @Test("the demo's base address is the one it serves, and a reset link queued under it starts with it")
    func demoBaseAddress() async throws {
        // setup
        let base = AppConfig.fromEnvironment()
        // MUT + validate: the address from the serve flags, unless MAILLAGE_BASE_URL says otherwise
        #expect(base.forDemo(serveArguments: ["maillage", "serve"], environment: [:]).baseURL == "http://127.0.0.1:8080")
        #expect(base.forDemo(serveArguments: ["maillage", "serve", "--hostname", "0.0.0.0", "--port", "9191"], environment: [:]).baseURL
                == "http://127.0.0.1:9191")
        #expect(base.forDemo(serveArguments: ["maillage", "serve", "--port=8181", "-H", "demo.local"], environment: [:]).baseURL
                == "http://demo.local:8181")
        #expect(base.forDemo(serveArguments: ["maillage", "serve", "--bind", "192.0.2.7:8282"], environment: [:]).baseURL
                == "http://192.0.2.7:8282")
        #expect(base.forDemo(serveArguments: ["maillage", "serve", "--port", "9191"],
                             environment: ["MAILLAGE_BASE_URL": "https://maillage.exemple.fr"]).baseURL == base.baseURL)
        try await withMaillage { app in
            // setup
            _ = try await Fixtures.load(on: app)
            app.config = app.config.forDemo(serveArguments: ["maillage", "serve", "--port", "9191"], environment: [:])
            let visitor = TestBrowser(app)
            // MUT
            try await visitor.post(.sendResetLink, form: [("email", Fixtures.Who.trainer.email)])
            // validate
            let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == Fixtures.Who.trainer.email).first())
            let links = message.body.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("http") }
            #expect(!links.isEmpty)
            #expect(links.allSatisfy { $0.hasPrefix("http://127.0.0.1:9191/lien/") })
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Issue #11, items 4 and 10: the calls list (scoped), a call's page, its print page and PDF,
/// and the generation pages, through the browser.
@Suite("Dues call pages")
struct DuesCallPageTests {
    /// 1 March 2026, 10:00 in Paris: the calls of 15 January are due on 14 February.
    static let march1 = ISO8601DateFormatter().date(from: "2026-03-01T09:00:00Z")!

    /// The fixtures, a clock, and the 2026 calls generated on 15 January (inPDL is 2026-000x).
    static func setUp(_ app: Application, generate: Bool = true) async throws -> Fixtures {
        app.services = AppServices(config: app.config, clock: FixedClock(march1))
        let f = try await Fixtures.load(on: app)
        try await DuesFactory.makeSettings(on: app.db)
        try await DuesFactory.makeGrid(on: app.db)
        if generate { _ = try await DuesCallService.generate(year: 2026, issuedOn: Day(iso: "2026-01-15")!, by: nil, on: app.db) }
        return f
    }

    static func call(of s: Structure, on db: any Database) async throws -> DuesCall {
        try await DuesCall.query(on: db).filter(\.$structure.$id == s.requireID()).first()!
    }

    @Test("a member manager sees only its own call in the list; the delegate their delegation's; the admin all")
    func listIsScoped() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.setUp(app)
            let own = try await Self.call(of: f.inPDL, on: app.db)
            let other = try await Self.call(of: f.entityNOR, on: app.db)
            // MUT
            let member = try await f.browser(app, as: .member).get(DuesURL.calls(2026))
            let delegate = try await f.browser(app, as: .delegate).get(DuesURL.calls(2026))
            let admin = try await f.browser(app, as: .admin).get(DuesURL.calls(2026))
            // validate
            #expect(member.status == .ok && member.body.contains(own.number) && !member.body.contains(other.number))
            #expect(!member.body.contains("id=\"generate-calls\""))
            #expect(delegate.body.contains(f.otherPDL.name) && !delegate.body.contains(f.entityNOR.name))
            #expect(admin.body.contains("4 appels") && admin.body.contains(f.entityNOR.name))
            #expect(admin.body.contains("id=\"generate-calls\""))
            #expect(admin.body.contains("En retard"))  // due 14 February, nothing paid on 1 March
        }
    }

    @Test("the list filters by status, « sans assiette » and search, and its CSV carries the explanation")
    func listFiltersAndCSV() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.setUp(app)
            let admin = try await f.browser(app, as: .admin)
            let own = try await Self.call(of: f.inPDL, on: app.db)
            _ = try await DuesFactory.makePayment(on: app.db, call: own, cents: own.totalCents)
            // MUT
            let paid = try await admin.get(DuesURL.calls(2026), query: ["etat": "paid"])
            let noBase = try await admin.get(DuesURL.calls(2026), query: ["sans_assiette": "1"])
            let search = try await admin.get(DuesURL.calls(2026), query: ["q": "tempo"])
            let csv = try await admin.get(DuesURL.calls(2026), query: ["format": "csv"])
            // validate
            #expect(paid.body.contains(f.inPDL.name) && !paid.body.contains(f.otherPDL.name))
            #expect(!noBase.body.contains(f.gesNOR.name) && noBase.body.contains(f.otherPDL.name))  // the GES type is not rated
            #expect(search.body.contains(f.entityNOR.name) && !search.body.contains(f.inPDL.name))
            #expect(csv.status == .ok && csv.body.contains("Détail du calcul"))
            #expect(csv.body.contains("Part fixe 800,00\u{202F}€ · Sans assiette : AI (part fixe seule pour ce type) · Total 800,00\u{202F}€"))
        }
    }

    @Test("the call page shows identity, each explanation line, totals, how to pay; member: no payment form; outsider: 404")
    func callPage() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.setUp(app)
            let call = try await Self.call(of: f.inPDL, on: app.db)
            let id = try call.requireID()
            _ = try await DuesFactory.makeMandate(on: app.db, structure: f.inPDL, reference: "RUM-ESSAI")
            _ = try await DuesFactory.makePayment(on: app.db, call: call, cents: 81_200)
            try await DuesCallService.refreshTotals(callID: id, on: app.db)
            let outsider = try await Self.call(of: f.entityNOR, on: app.db)
            // MUT
            let member = try await f.browser(app, as: .member)
            let page = try await member.get(DuesURL.call(id))
            let hidden = try await member.get(DuesURL.call(outsider.requireID()))
            let admin = try await f.browser(app, as: .admin).get(DuesURL.call(id))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains(f.inPDL.name) && page.body.contains(f.inPDL.siret))
            #expect(page.body.contains("<li>Part fixe 800,00\u{202F}€</li>"))
            #expect(page.body.contains("<li>Sans assiette : AI (part fixe seule pour ce type)</li>"))
            #expect(page.body.contains("Trop-perçu : 12,00\u{202F}€"))
            #expect(page.body.contains("FR76 3000 6000 0112 3456 7890 189") && page.body.contains("AGRIFRPPXXX"))
            #expect(page.body.contains("Prélèvement SEPA le 14/02/2026 (mandat RUM-ESSAI)"))
            #expect(page.body.contains("Payé") && page.body.contains("Délégation 324,80\u{202F}€"))
            #expect(page.body.contains(DuesURL.printCall(id).path))
            #expect(!page.body.contains("id=\"payment-form\"") && !page.body.contains("Émettre un avoir"))
            #expect(hidden.status == .notFound)
            #expect(admin.body.contains("id=\"payment-form\"") && admin.body.contains(DuesURL.recordPayment(id).path))
            #expect(admin.body.contains("Émettre un avoir"))
        }
    }

    @Test("the print page is a standalone A4 page with the federation, the member, the lines, the due date and how to pay")
    func printPage() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.setUp(app)
            let call = try await Self.call(of: f.inPDL, on: app.db)
            // MUT
            let page = try await f.browser(app, as: .member).get(DuesURL.printCall(call.requireID()))
            let other = try await f.browser(app, as: .member).get(DuesURL.printCall(Self.call(of: f.otherPDL, on: app.db).requireID()))
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("/css/dues-print.css") && !page.body.contains("site-header"))
            #expect(page.body.contains("Fédération d&#39;essai") && page.body.contains("1 rue de l&#39;Essai, 75011 Paris"))
            #expect(page.body.contains(f.inPDL.name) && page.body.contains("Appel de cotisation 2026 n° \(call.number)"))
            #expect(page.body.contains("<td>Part fixe 800,00\u{202F}€</td>") && page.body.contains("14/02/2026"))
            #expect(page.body.contains("Référence à indiquer : <strong>\(call.number)</strong>"))
            #expect(page.body.contains("Identifiant créancier SEPA : FR72ZZZ123456"))
            #expect(other.status == .notFound)
        }
    }

    @Test("without Chromium the PDF answers a French 503 and the call page says to use the print page")
    func pdfWithoutChromium() async throws {
        try await withMaillage { app in
            // setup
            var config = app.config
            config.chromiumPath = "/nonexistent/chromium"
            app.config = config
            let f = try await Self.setUp(app)
            let call = try await Self.call(of: f.inPDL, on: app.db)
            let member = try await f.browser(app, as: .member)
            // MUT
            let pdf = try await member.get(DuesURL.callPDF(call.requireID()))
            let page = try await member.get(DuesURL.call(call.requireID()))
            let outsider = try await member.get(DuesURL.callPDF(Self.call(of: f.otherPDL, on: app.db).requireID()))
            // validate
            #expect(pdf.status == .serviceUnavailable && pdf.body.contains("utilisez la page d&#39;impression"))
            #expect(page.body.contains("PDF indisponible : utilisez la page d&#39;impression"))
            #expect(!page.body.contains("id=\"call-pdf\""))
            #expect(outsider.status == .notFound)
        }
    }

    @Test("the generation page previews at the chosen date, then generating redirects to the list with the numbers")
    func generatePages() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Self.setUp(app, generate: false)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let preview = try await admin.get(DuesURL.generate(2026))
            let badDate = try await admin.get(DuesURL.generate(2026), query: ["date": "31/02/2026"])
            let noConfirm = try await admin.post(DuesURL.submitGenerate(2026))
            #expect(try await DuesCall.query(on: app.db).count() == 0)
            let done = try await admin.post(DuesURL.submitGenerate(2026), form: [("date", "15/01/2026"), ("confirm", "1")])
            let list = try await admin.get(DuesURL.calls(2026))
            let again = try await admin.get(DuesURL.generate(2026))
            // validate
            #expect(preview.status == .ok && preview.body.contains("4 appels seront émis le 01/03/2026"))
            #expect(preview.body.contains("value=\"01/03/2026\"") && preview.body.contains("Part fixe 800,00\u{202F}€"))
            #expect(preview.body.contains("3 adhérents sans assiette"))
            #expect(badDate.status == .unprocessableEntity && badDate.body.contains("Date d&#39;émission non valable"))
            #expect(noConfirm.status == .seeOther)
            #expect(done.status == .seeOther && done.location == DuesURL.calls(2026).path)
            #expect(list.body.contains("4 appels émis : 2026-0001 à 2026-0004"))
            #expect(again.body.contains("Aucun appel à émettre") && again.body.contains("4 adhérents ont déjà un appel de 2026"))
            #expect(try await DuesCall.query(on: app.db).first()?.issuedOn == "2026-01-15")
        }
    }

    @Test("without a grid the generation page says so and links to the new grid; a delegate may not generate")
    func generateWithoutGrid() async throws {
        try await withMaillage { app in
            // setup
            app.services = AppServices(config: app.config, clock: FixedClock(Self.march1))
            let f = try await Fixtures.load(on: app)
            // MUT
            let page = try await f.browser(app, as: .admin).get(DuesURL.generate(2027))
            let post = try await f.browser(app, as: .admin).post(DuesURL.submitGenerate(2027), form: [("date", "15/01/2027"), ("confirm", "1")])
            let delegate = try await f.browser(app, as: .delegate).get(DuesURL.generate(2027))
            // validate
            #expect(page.status == .ok && page.body.contains("Il n&#39;existe pas de barème pour 2027"))
            #expect(page.body.contains(SiteURL.dues(.newGrid).path))
            #expect(post.status == .unprocessableEntity)
            #expect(delegate.status == .forbidden)
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Findings 4, 8 and 10 of the attack on the demo: GES links across delegations, formulas
/// in CSV exports, `javascript:` websites; and the bounds of every register input.
@Suite("Register security")
struct RegisterSecurityTests {
    static func form(_ s: Structure, ges: String? = nil, name: String? = nil) -> [(String, String)] {
        var fields = [("name", name ?? s.name), ("siret", s.siret), ("commune", s.commune), ("department", s.departmentCode)]
        fields += s.types.map { ("types[]", $0.rawValue) }
        if let ges { fields.append(("ges_parent_siret", ges)) }
        return fields
    }

    static func user(_ f: Fixtures, _ who: Fixtures.Who, on db: any Database) async throws -> CurrentUser {
        try await CurrentUser.load(try #require(try await User.find(f.users[who], on: db)), on: db)
    }

    static let header = "siret;nom;types;commune;departement;siret_ges\r\n"

    static func line(_ s: Structure, ges: Structure) -> String {
        "\(s.siret);\(s.name);\(s.types.map(\.rawValue).joined(separator: ","));\(s.commune);\(s.departmentCode);\(ges.siret)\r\n"
    }

    // MARK: finding 4, GES links

    @Test("a delegate cannot attach a structure of their delegation to another delegation's GES")
    func delegateCannotLinkAcrossDelegations() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .delegate)
            // MUT
            let page = try await b.post("/adherents/\(f.inPDL.id!)/modifier", form: Self.form(f.inPDL, ges: f.gesNOR.siret))
            let created = try await b.post("/adherents", form: [
                ("name", "Nouvelle Régie"), ("siret", SIRET.makeValid(siren9: "600000001", nic4: "0001").digits),
                ("commune", "Nantes"), ("department", "44"), ("types[]", "EI"), ("ges_parent_siret", f.gesNOR.siret),
            ])
            // validate: the message sits next to the field, and the other delegation's GES is not named
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains(#"<p class="field-error" id="ges_parent_siret-error">Ce GES relève d&#39;une autre délégation"#)
                || page.body.contains(#"<p class="field-error" id="ges_parent_siret-error">Ce GES relève d'une autre délégation"#))
            #expect(!page.body.contains("Groupe Solidaire Caen"))
            #expect(created.status == .unprocessableEntity)
            #expect(try await Structure.find(f.inPDL.id, on: app.db)?.$gesParent.id == nil)
            #expect(try await Structure.query(on: app.db).filter(\.$name == "Nouvelle Régie").count() == 0)
        }
    }

    @Test("within a delegation a delegate links freely; an admin links across; an admin's link survives a delegate's edit")
    func allowedLinks() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let gesPDL = try await Fixtures.structure("Groupe Solidaire Angers", siren: "100000005", types: [.ges], dep: "49",
                                                      commune: "Angers", on: app.db)
            let delegate = try await f.browser(app, as: .delegate)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let own = try await delegate.post("/adherents/\(f.inPDL.id!)/modifier", form: Self.form(f.inPDL, ges: gesPDL.siret))
            let notGES = try await delegate.post("/adherents/\(f.inPDL.id!)/modifier", form: Self.form(f.inPDL, ges: f.otherPDL.siret))
            let across = try await admin.post("/adherents/\(f.otherPDL.id!)/modifier", form: Self.form(f.otherPDL, ges: f.gesNOR.siret))
            let kept = try await delegate.post("/adherents/\(f.otherPDL.id!)/modifier",
                                               form: Self.form(f.otherPDL, ges: f.gesNOR.siret, name: "Chantier Nature Vendée Littoral"))
            // validate
            #expect(own.status == .seeOther)
            #expect(notGES.status == .unprocessableEntity)
            #expect(notGES.body.contains("n&#39;est pas un GES") || notGES.body.contains("n'est pas un GES"))
            #expect(try await Structure.find(f.inPDL.id, on: app.db)?.$gesParent.id == gesPDL.id)
            #expect(across.status == .seeOther)
            #expect(kept.status == .seeOther)
            let other = try await Structure.find(f.otherPDL.id, on: app.db)
            #expect(other?.name == "Chantier Nature Vendée Littoral")
            #expect(other?.$gesParent.id == f.gesNOR.id)
        }
    }

    @Test("the member import applies the same GES rule, whatever the importer's role")
    func importHoldsTheRule() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let file = Self.header + Self.line(f.inPDL, ges: f.gesNOR)
            let delegate = try await Self.user(f, .delegate, on: app.db)
            let member = try await Self.user(f, .member, on: app.db)
            let admin = try await Self.user(f, .admin, on: app.db)
            // MUT
            let byDelegate = try await MemberImport.preview(file, actor: delegate, on: app.db)
            let byMember = try await MemberImport.preview(file, actor: member, on: app.db)
            let outOfReach = try await MemberImport.preview(Self.header + Self.line(f.entityNOR, ges: f.gesNOR), actor: delegate, on: app.db)
            let byAdmin = try await MemberImport.apply(file, actor: admin, on: app.db)
            // validate: one line, one message each, and only the admin's import links
            let message = "Ce GES relève d'une autre délégation : seul un administrateur national peut y rattacher une structure."
            #expect(byDelegate.lineErrors == [LineError(line: 2, messages: [message])])
            #expect(byMember.lineErrors.first?.messages.contains(message) == true)
            #expect(outOfReach.lineErrors.first?.messages.first?.contains("relève d'une autre délégation") == true)
            #expect(byAdmin.updated == 1)
            #expect(try await Structure.find(f.inPDL.id, on: app.db)?.$gesParent.id == f.gesNOR.id)
            // the web import stays for national admins only
            let page = try await (try await f.browser(app, as: .delegate))
                .postMultipart("/import/adherents", fileField: "file", filename: "a.csv", data: Data(file.utf8))
            #expect(page.status == .forbidden)
        }
    }

    // MARK: finding 8, CSV formulas

    @Test("CSV export neutralises formulas, and re-imports unchanged")
    func csvFormulasRoundTrip() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            f.inPDL.name = #"=HYPERLINK("http://x")"#
            f.inPDL.commune = "@SUM(A1)"
            f.inPDL.address = "+1+1"
            f.inPDL.refreshSearchText()
            try await f.inPDL.save(on: app.db)
            let b = try await f.browser(app, as: .admin)
            // MUT
            let csv = try await b.get("/export/adherents.csv")
            let report = try await MemberImport.apply(csv.body, actor: try await Self.user(f, .admin, on: app.db), on: app.db)
            // validate
            #expect(csv.body.contains(#";"'=HYPERLINK(""http://x"")";"#))
            #expect(csv.body.contains(";'+1+1;") && csv.body.contains(";'@SUM(A1);"))
            for record in FrenchCSV.parse(csv.body) {
                #expect(record.fields.allSatisfy { !["=", "+", "-", "@", "\t", "\r"].contains($0.first.map(String.init) ?? "") })
            }
            #expect(report.updated == 0 && report.created == 0 && report.unchanged == 4)
            let stored = try await Structure.find(f.inPDL.id, on: app.db)
            #expect(stored?.name == #"=HYPERLINK("http://x")"#)
            #expect(stored?.commune == "@SUM(A1)" && stored?.address == "+1+1")
        }
    }

    // MARK: finding 10, websites

    @Test("only http(s) websites are accepted, on the form and in the import; a bare host becomes https")
    func websites() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .delegate)
            let path = "/adherents/\(f.inPDL.id!)/modifier"
            // MUT
            let refused = try await b.post(path, form: Self.form(f.inPDL) + [("website", "javascript:alert(1)")])
            let bare = try await b.post(path, form: Self.form(f.inPDL) + [("website", "www.relais.fr")])
            let admin = try await Self.user(f, .admin, on: app.db)
            let imported = try await MemberImport.preview(
                "siret;nom;types;commune;departement;site_web\r\n\(f.otherPDL.siret);\(f.otherPDL.name);ACI;\(f.otherPDL.commune);85;javascript:alert(1)\r\n",
                actor: admin, on: app.db)
            // validate
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains(#"id="website-error">Seules les adresses de site en http:// ou https://"#))
            #expect(bare.status == .seeOther)
            #expect(try await Structure.find(f.inPDL.id, on: app.db)?.website == "https://www.relais.fr")
            #expect(imported.lineErrors.first?.messages.first?.hasPrefix("Site web « javascript:alert(1) »") == true)
        }
    }

    @Test("a stored non-http website is shown as text, never as a link")
    func storedUnsafeWebsiteIsText() async throws {
        try await withMaillage { app in
            // setup: a row saved before the check
            let f = try await Fixtures.load(on: app)
            f.inPDL.website = "javascript:alert(document.cookie)"
            try await f.inPDL.save(on: app.db)
            // MUT
            let directory = try await TestBrowser(app).get("/annuaire")
            let page = try await f.browser(app, as: .admin).get("/adherents/\(f.inPDL.id!)")
            // validate
            for body in [directory.body, page.body] {
                #expect(!body.contains("href=\"javascript:"))
                #expect(body.contains("javascript:alert(document.cookie)"))
            }
        }
    }

    // MARK: bounds

    @Test("form inputs are bounded: long texts, control characters and far dates get a French message, never a 500")
    func formBounds() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let path = "/adherents/\(f.inPDL.id!)/modifier"
            let cases: [(field: String, value: String, message: String)] = [
                ("name", String(repeating: "n", count: 201), "Le nom ne doit pas dépasser 200 caractères."),
                ("name", "Rel\u{0}ais", "Le nom contient un caractère de contrôle"),
                ("address", String(repeating: "a", count: 251), "L&#39;adresse ne doit pas dépasser 250 caractères."),
                ("commune", String(repeating: "c", count: 101), "La commune ne doit pas dépasser 100 caractères."),
                ("website", "https://exemple.fr/" + String(repeating: "p", count: 240), "ne doit pas dépasser 255 caractères."),
            ]
            for c in cases {
                // MUT
                let page = try await b.post(path, form: Self.form(f.inPDL).filter { $0.0 != c.field } + [(c.field, c.value)])
                // validate
                #expect(page.status == .unprocessableEntity, "\(c.field)")
                #expect(page.body.contains("id=\"\(c.field)-error\""), "\(c.field)")
                #expect(page.body.contains(c.message) || page.body.contains(c.message.replacingOccurrences(of: "&#39;", with: "'")), "\(c.field)")
            }
            let created = try await b.post("/adherents", form: [
                ("name", "Régie Ancienne"), ("siret", SIRET.makeValid(siren9: "600000002", nic4: "0001").digits),
                ("commune", "Nantes"), ("department", "44"), ("types[]", "EI"), ("joined_on", "01/01/1850"),
            ])
            #expect(created.status == .unprocessableEntity)
            #expect(created.body.contains("id=\"joined_on-error\">La date doit être comprise entre 1900 et 2100."))
            let membership = try await b.post("/adherents/\(f.inPDL.id!)/adhesions/\(f.membershipInPDL.id!)/modifier",
                                              form: [("status", "actif"), ("joined_on", "01/01/2101")])
            #expect(membership.status == .unprocessableEntity)
            #expect(membership.body.contains("entre 1900 et 2100"))
            #expect(try await Structure.find(f.inPDL.id, on: app.db)?.name == "Relais Emploi Nantes")
        }
    }
}

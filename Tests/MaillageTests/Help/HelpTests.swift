import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// The help pages: one per section, for signed-in people, written for their roles.
@Suite("Help pages")
struct HelpTests {
    @Test("every section renders for each role, with the list of sections", arguments: HelpSection.allCases)
    func sectionRenders(_ section: HelpSection) async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            for who in Fixtures.Who.allCases where who != .anonymous {
                let browser = try await f.browser(app, as: who)
                // MUT
                let page = try await browser.get(.helpSection(section.rawValue))
                // validate
                #expect(page.status == .ok, "\(section) as \(who)")
                #expect(page.body.contains("<h1>Aide · \(section.title)</h1>"), "\(section) as \(who)")
                for other in HelpSection.allCases {
                    #expect(page.body.contains("href=\"\(SiteURL.helpSection(other.rawValue).path)\""), "\(section) as \(who)")
                }
                // The header's « Aide » opens the page's own section.
                #expect(page.body.contains("id=\"help-link\" href=\"\(SiteURL.helpSection(section.rawValue).path)\""))
                #expect(!page.body.contains("(s)"))
            }
        }
    }

    @Test("the index lists every section")
    func index() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            // MUT
            let page = try await f.browser(app, as: .jurist).get(.help)
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Aide</h1>"))
            for s in HelpSection.allCases { #expect(page.body.contains(s.summary.replacingOccurrences(of: "'", with: "&#39;"))) }
        }
    }

    @Test("the member reads how to answer, the delegate how to validate, not each other's steps")
    func writtenForTheRole() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            // MUT
            let member = try await f.browser(app, as: .member).get(.helpSection("observatoire"))
            let delegate = try await f.browser(app, as: .delegate).get(.helpSection("observatoire"))
            let admin = try await f.browser(app, as: .admin).get(.helpSection("observatoire"))
            let memberImport = try await f.browser(app, as: .member).get(.helpSection("import"))
            let adminImport = try await f.browser(app, as: .admin).get(.helpSection("import"))
            // validate
            #expect(member.body.contains("Répondre pour votre structure"))
            #expect(!member.body.contains("Suivre et valider les réponses"))
            #expect(delegate.body.contains("Suivre et valider les réponses"))
            #expect(!delegate.body.contains("Répondre pour votre structure"))
            #expect(!delegate.body.contains("Administrer la campagne"))
            #expect(admin.body.contains("Administrer la campagne"))
            #expect(memberImport.body.contains("réservé à l'administration nationale"))
            #expect(adminImport.body.contains("Colonnes obligatoires"))
            #expect(adminImport.body.contains("href=\"\(SiteURL.importMembers.path)\""))
            #expect(!memberImport.body.contains("href=\"\(SiteURL.importMembers.path)\""))
        }
    }

    @Test("an unknown section is a French 404; a visitor is sent to sign in")
    func unknownAndAnonymous() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let unknown = try await admin.get(.helpSection("inconnue"))
            let visitor = try await TestBrowser(app).get(.helpSection("annuaire"))
            let visitorIndex = try await TestBrowser(app).get(.help)
            // validate
            #expect(unknown.status == .notFound)
            #expect(unknown.body.contains("Cette page d&#39;aide n&#39;existe pas."))
            #expect(unknown.body.contains("<h1>Page introuvable</h1>"))
            for page in [visitor, visitorIndex] {
                #expect(page.status == .seeOther || page.status == .found)
                #expect(page.location?.hasPrefix(SiteURL.login.path) == true)
            }
        }
    }

    @Test("the header's help link follows the section of the page")
    func headerLinkFollowsTheSection() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let cases: [(SiteURL, String)] = [
                (.directory, "annuaire"), (.delegations, "annuaire"), (.structure(f.inPDL.id!), "adhesions"),
                (.observatory, "observatoire"), (.importMembers, "import"), (.account, "comptes"), (.users, "comptes"),
            ]
            for (url, section) in cases {
                // MUT
                let page = try await admin.get(url)
                // validate
                #expect(page.body.contains("id=\"help-link\" href=\"\(SiteURL.helpSection(section).path)\""), "\(url.path)")
            }
            #expect(try await admin.get(.home).body.contains("id=\"help-link\" href=\"\(SiteURL.help.path)\""))
        }
    }

    @Test("sections from paths")
    func sectionsFromPaths() {
        #expect(HelpSection.of(path: "/adherents") == .annuaire)
        #expect(HelpSection.of(path: "/adherents/nouveau") == .annuaire)
        #expect(HelpSection.of(path: "/adherents/\(UUID())/adhesions/nouvelle") == .adhesions)
        #expect(HelpSection.of(path: "/observatoire/2024/rapport") == .observatoire)
        #expect(HelpSection.of(path: "/admin/journal") == .comptes)
        #expect(HelpSection.of(path: "/aide/import") == .import)
        #expect(HelpSection.of(path: "/aide/x") == nil)
        #expect(HelpSection.of(path: "/") == nil)
    }
}

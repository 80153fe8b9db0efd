import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The register's forms share the error summary (`partials/error-summary.leaf`): one link per
/// field named by its label, focusable, every typed value kept.
@Suite("Structure and membership forms")
struct StructureFormTests {
    @Test("a refused structure form lists each field once, by its label, with the count, and keeps what was typed")
    func structureSummary() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let id = f.inPDL.id!
            // MUT: a bad SIRET, no commune, a bad postal code, two problems on the types
            let page = try await b.post(.updateStructure(id), form: [
                ("name", "Relais Emploi Nantes"), ("siret", "12345678901234"), ("commune", ""), ("postal_code", "4400"),
                ("department", "44"), ("types[]", "ZZ"), ("website", "https://nouveau-site.fr"),
            ])
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\">"))
            #expect(page.body.contains("<h2>Le formulaire contient 4 erreurs</h2>"))
            for (field, label) in [("siret", "SIRET"), ("types", "Types (conventionnements)"), ("postal_code", "Code postal"), ("commune", "Commune")] {
                #expect(page.body.components(separatedBy: "href=\"#\(field)\"").count == 2, "\(field) not linked exactly once")
                #expect(page.body.contains("href=\"#\(field)\"><strong>\(label)</strong> : "))
            }
            // two messages of one field make one line
            #expect(page.body.contains("Cochez au moins un type de structure. Type de structure inconnu."))
            #expect(page.body.contains("id=\"types\""))
            #expect(page.body.contains("value=\"12345678901234\""))
            #expect(page.body.contains("value=\"4400\""))
            #expect(page.body.contains("value=\"https://nouveau-site.fr\""))
            #expect(page.body.contains("data-draft=\"structure-"))
            #expect(page.body.contains("data-unsaved=\"true\""))
        }
    }

    @Test("one error reads « 1 erreur »; a form without error has no summary")
    func singularAndNone() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let id = f.inPDL.id!
            // MUT
            let blank = try await b.get(.editStructure(id))
            let page = try await b.post(.updateStructure(id), form: [
                ("name", "Relais Emploi Nantes"), ("siret", SIRET(f.inPDL.siret)!.formatted), ("commune", ""),
                ("department", "44"), ("types[]", "AI"),
            ])
            // validate
            #expect(!blank.body.contains("error-summary"))
            #expect(!blank.body.contains("data-unsaved"))
            #expect(page.body.contains("<h2>Le formulaire contient 1 erreur</h2>"))
        }
    }

    @Test("a leave date before the joining date is reported with the fields' own problems, at the first submit")
    func membershipCrossFieldAtFirstSubmit() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let b = try await f.browser(app, as: .admin)
            let sid = f.inPDL.id!, mid = f.membershipInPDL.id!
            // MUT: an unknown status and a leave before the joining
            let page = try await b.post(.updateMembership(sid, mid), form: [
                ("status", "zz"), ("joined_on", "01/06/2020"), ("left_on", "01/01/2019"), ("leave_reason", "Fin d'activité"),
            ])
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("href=\"#status\""))
            #expect(page.body.contains("href=\"#left_on\"><strong>Date de sortie</strong> : La date de sortie précède la date d&#39;adhésion."))
            #expect(page.body.contains("value=\"01/01/2019\""))
            #expect(page.body.contains("Fin d&#39;activité"))
        }
    }
}

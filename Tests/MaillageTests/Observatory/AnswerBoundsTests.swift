import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The demo's crash: one member's answer with 20-digit amounts stopped the server at the next
/// figures request, and again after every restart.
@Suite("Observatory answers are bounded; stored values never crash the figures")
struct AnswerBoundsTests {
    @Test("a 20-digit amount is refused next to its field, with the maximum; nothing is saved; figures still answer")
    func hugeAnswerRefused() async throws {
        try await withMaillage { app in
            // setup
            let n = try await ReportTests.network(app, published: false)
            let member = try await n.f.browser(app, as: .member)
            let path = "/observatoire/2024/reponses/\(n.f.inPDL.id!)/AI"
            let before = try #require(try await SurveyAnswer.query(on: app.db).filter(\.$structure.$id == n.f.inPDL.id!).first()).valuesJSON
            // The fixture's answer is validated (locked): reopen it as a draft the member may change.
            let stored = try #require(try await SurveyAnswer.query(on: app.db).filter(\.$structure.$id == n.f.inPDL.id!).first())
            stored.status = AnswerStatus.draft.rawValue
            try await stored.save(on: app.db)
            // MUT
            let huge = "99999999999999999999"
            let page = try await member.post(path, form: [("funding_state_eur", huge), ("employer_contributions_eur", huge),
                                                          ("taxes_eur", huge), ("insertion_etp", huge), ("action", "submit")])
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"funding_state_eur-error\""))
            #expect(page.body.contains("maximum plausible"))
            #expect(try await SurveyAnswer.find(stored.id!, on: app.db)!.valuesJSON == before)
            let admin = try await n.f.browser(app, as: .admin)
            #expect(try await admin.get("/observatoire/2024/chiffres.json").status == .ok)
        }
    }

    @Test("values stored before the bounds existed are left out of the figures and named on the report, never a crash")
    func storedHugeValues() async throws {
        try await withMaillage { app in
            // setup: the attacker's answer written straight to the database, as it was stored
            let n = try await ReportTests.network(app, published: false)
            let stored = try #require(try await SurveyAnswer.query(on: app.db).filter(\.$structure.$id == n.f.inPDL.id!).first())
            stored.valuesJSON = #"{"employer_contributions_eur":"99999999999999999999","funding_state_eur":"99999999999999999999","insertion_etp":"99999999999999999999","taxes_eur":"99999999999999999999","turnover_eur":"1000"}"#
            try await stored.save(on: app.db)
            try await ObservatoryData.bumpAnswers(n.campaign, on: app.db)
            let admin = try await n.f.browser(app, as: .admin)
            // MUT / validate
            for path in ["/observatoire/2024/chiffres.json", "/observatoire/2024/rapport", "/observatoire/2024/rapport/PDL",
                         "/observatoire/2024/portrait/AI", "/observatoire/2024/positionnement/\(n.f.inPDL.id!)"] {
                #expect(try await admin.get(path).status == .ok, "\(path)")
            }
            let report = try await admin.get("/observatoire/2024/rapport")
            #expect(report.body.contains("id=\"figure-problems\""))
            #expect(report.body.contains("4 valeurs hors des bornes"))
            // Publishing such figures works too.
            _ = try await ReleaseService.publish(n.campaign, by: nil, on: app.db)
        }
    }

    @Test("an answers file with a 20-digit amount is refused on its line in the preview")
    func importBounded() async throws {
        try await withMaillage { app in
            let n = try await ReportTests.network(app, published: false)
            let admin = try await n.f.browser(app, as: .admin)
            let csv = "campaign;siret;type;turnover_eur\r\n2024;\(n.f.otherPDL.siret);ACI;99999999999999999999\r\n"
            let page = try await admin.postMultipart("/observatoire/2024/import", fileField: "file", filename: "reponses.csv", data: Data(csv.utf8))
            #expect(page.status != .internalServerError)
            #expect(page.body.contains("maximum plausible"))
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

@Suite("Observatory answers files")
struct AnswerImportTests {
    static let header = "campaign;siret;type;insertion_persons;exits_total;exits_sustainable;exits_transition;exits_positive;exits_other;turnover_eur"

    static func file(_ lines: [String]) -> Data { Data(([header] + lines).joined(separator: "\r\n").utf8) }

    @Test("a preview lists every bad line with its reason and saves nothing; the good file applies all at once, twice without duplicates")
    func previewThenApply() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let unknown = SIRET.makeValid(siren9: "999999999", nic4: "0001").digits
            let bad = Self.file([
                "2024;\(f.inPDL.siret);AI;40;10;3;2;1;4;250000,50",
                "2024;\(unknown);AI;40;10;3;2;1;4;1000",             // line 3: not in the register
                "2024;\(f.otherPDL.siret);AI;12;;;;;;",               // line 4: holds ACI, not AI
                "2024;\(f.otherPDL.siret);ACI;12;5;1;1;1;1;",         // line 5: exits do not add up
            ])
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get("/observatoire/2024/import")
            // MUT
            let page = try await admin.postMultipart("/observatoire/2024/import", fileField: "file", filename: "reponses.csv", data: bad)
            // validate
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("id=\"import-errors\""))
            #expect(page.body.contains("inconnu du registre"))
            #expect(page.body.contains("ne porte pas le type AI"))
            #expect(page.body.contains("doit égaler la somme"))
            #expect(!page.body.contains("id=\"import-apply\""))
            #expect(try await SurveyAnswer.query(on: app.db).count() == 0)

            let good = Self.file(["2024;\(f.inPDL.siret);AI;40;10;3;2;1;4;250000,50", "2024;\(f.otherPDL.siret);ACI;12;5;1;1;1;2;"])
            let parsed = AnswerImport.parse(good, filename: "ok.csv", campaign: c)
            let first = try await AnswerImport.apply(parsed, campaign: c, validate: false, actor: nil, on: app.db)
            #expect(first.created == 2)
            let again = try await AnswerImport.apply(parsed, campaign: c, validate: true, actor: nil, on: app.db)
            #expect(again.created == 0 && again.updated == 2)
            let answers = try await SurveyAnswer.query(on: app.db).all()
            #expect(answers.count == 2)
            #expect(answers.allSatisfy { $0.answerStatus == .validated })
            let third = try await AnswerImport.apply(parsed, campaign: c, validate: true, actor: nil, on: app.db)
            #expect(third.unchanged == 2)
            let ai = try #require(answers.first { $0.type == "AI" })
            #expect(ai.values["turnover_eur"] == Exact(decimal: "250000.50"))
        }
    }

    @Test("through the web: upload, preview, apply; the export gives back the same values")
    func webRoundTrip() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get("/observatoire/2024/import")
            var page = try await admin.postMultipart("/observatoire/2024/import", fileField: "file", filename: "reponses.csv",
                                                     data: Self.file(["2024;\(f.inPDL.siret);AI;40;10;3;2;1;4;250000,50"]))
            #expect(page.status == .ok)
            let apply = try #require(page.body.range(of: #"/observatoire/2024/import/[0-9A-F-]+/appliquer"#, options: .regularExpression))
            page = try await admin.post(String(page.body[apply]), form: [("validate", "0")])
            #expect(page.status == .seeOther)
            let a = try #require(try await SurveyAnswer.query(on: app.db).first())
            #expect(a.answerStatus == .submitted)
            page = try await admin.get("/observatoire/2024/export/reponses.csv")
            #expect(page.status == .ok)
            #expect(page.body.contains("\(f.inPDL.siret);AI"))
            #expect(page.body.contains("250000,50"))
            let xlsx = try await admin.get("/observatoire/2024/export/reponses.xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            // the delegate exports their delegation's answers only
            let other = try await ObservatoryFixtures.answer(try #require(try await Campaign.find(year: 2024, on: app.db)), f.entityNOR,
                                                             type: "ETTI", status: .validated, on: app.db)
            #expect(other.answerStatus == .validated)
            let delegate = try await f.browser(app, as: .delegate).get("/observatoire/2024/export/reponses.csv")
            #expect(delegate.body.contains(f.inPDL.siret))
            #expect(!delegate.body.contains(f.entityNOR.siret))
        }
    }
}

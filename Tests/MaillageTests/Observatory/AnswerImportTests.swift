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

    /// The member's transmitted AI answer (40 persons), overwritten by a file that says 41.
    static func overwrite(_ f: Fixtures) -> Data {
        Data("campaign;siret;type;insertion_persons\r\n2024;\(f.inPDL.siret);AI;41\r\n".utf8)
    }

    static func stored(_ app: Application, _ a: SurveyAnswer) async throws -> SurveyAnswer {
        try #require(try await SurveyAnswer.find(a.id, on: app.db))
    }

    @Test("overwriting a transmitted answer shows old → new by indicator and waits for its box; unticked it is left alone, ticked applied")
    func overwriteNeedsConfirming() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let a = try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .submitted, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(.answersImport(2024))
            let preview = try await admin.postMultipart(.uploadAnswers(2024), fileField: "file", filename: "reponses.csv", data: Self.overwrite(f))
            let first = try #require(try await AnswerImportBatch.query(on: app.db).first())
            // MUT: applied without ticking
            let unticked = try await admin.post(.applyAnswersImport(2024, try first.requireID()), form: [("validate", "0")])
            // validate
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Personnes mises au travail : <del>40</del> → <strong>41</strong>"))
            #expect(preview.body.contains("name=\"confirm\" value=\"2\""))
            #expect(preview.body.contains("0 réponse à créer, 1 à mettre à jour, 1 modification sensible à confirmer"))
            #expect(unticked.status == .seeOther)
            #expect(try await Self.stored(app, a).values["insertion_persons"] == Exact(40))
            let flash = try await admin.get(try #require(unticked.location))
            #expect(flash.body.contains("1 ligne non appliquée : modification sensible non confirmée (ligne 2)"))

            // MUT: the same file, ticked
            _ = try await admin.postMultipart(.uploadAnswers(2024), fileField: "file", filename: "reponses.csv", data: Self.overwrite(f))
            let second = try #require(try await AnswerImportBatch.query(on: app.db).filter(\.$appliedAt == nil).first())
            let ticked = try await admin.post(.applyAnswersImport(2024, try second.requireID()), form: [("validate", "0"), ("confirm", "2")])
            // validate
            #expect(ticked.status == .seeOther)
            #expect(try await Self.stored(app, a).values["insertion_persons"] == Exact(41))
        }
    }

    @Test("a draft overwritten is an ordinary update: its values change without a box to tick")
    func draftIsNotSensitive() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .draft, on: app.db)
            // MUT
            let preview = try await AnswerImporter(campaign: c, validate: false, actor: nil)
                .preview(AnswerImport.parse(Self.overwrite(f), filename: "reponses.csv", campaign: c), on: app.db)
            // validate
            let line = try #require(preview.planned.first)
            #expect(line.fields.first { $0.field == "insertion_persons" } == FieldChange(field: "insertion_persons", label: "Personnes mises au travail", old: "40", new: "41"))
            #expect(line.fields.contains { $0.field == "status" })
            #expect(!line.needsConfirmation)
            #expect(AnswerImporter.display(Exact(decimal: "250000.5")!, code: "turnover_eur") == "250\u{202F}000,50 €" || AnswerImporter.display(Exact(decimal: "250000.5")!, code: "turnover_eur") == "250\u{A0}000,50 €")
        }
    }

    @Test("a closed campaign refuses an answers file: on upload (nothing kept) and on apply of a batch previewed while open")
    func closedCampaignRefusesImport() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            let a = try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .submitted, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get(.answersImport(2024))
            _ = try await admin.postMultipart(.uploadAnswers(2024), fileField: "file", filename: "reponses.csv", data: Self.overwrite(f))
            let batch = try #require(try await AnswerImportBatch.query(on: app.db).first())
            c.status = CampaignStatus.closed.rawValue
            try await c.save(on: app.db)
            let message = "La campagne 2024 est clôturée : l&#39;import des réponses est refusé. Un administrateur peut la rouvrir."
            // MUT
            let apply = try await admin.post(.applyAnswersImport(2024, try batch.requireID()), form: [("validate", "0"), ("confirm", "2")])
            let upload = try await admin.postMultipart(.uploadAnswers(2024), fileField: "file", filename: "reponses.csv", data: Self.overwrite(f))
            let page = try await admin.get(.answersImport(2024))
            // validate
            #expect(apply.status == .conflict)
            #expect(apply.body.contains(message) || apply.body.contains(message.replacingOccurrences(of: "&#39;", with: "'")))
            #expect(upload.status == .conflict)
            #expect(upload.body.contains("id=\"file-error\""))
            #expect(upload.body.contains("est clôturée"))
            #expect(page.body.contains("est clôturée"))
            #expect(try await AnswerImportBatch.query(on: app.db).count() == 1)
            #expect(try await AnswerImportBatch.find(batch.id, on: app.db)?.appliedAt == nil)
            #expect(try await Self.stored(app, a).values["insertion_persons"] == Exact(40))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == SurveyAnswer.auditEntity).count() == 0)
        }
    }

    @Test("the templates carry the contract's header (every indicator code) and one example line that reads without error")
    func templates() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.get(.answersImport(2024))
            let csv = try await admin.get(.answersTemplateCSV(2024))
            let xlsx = try await TestBrowser(app).send(.GET, SiteURL.answersTemplateXLSX(2024).path,
                                                       headers: ["Cookie": "maillage_session=\(admin.cookie!)"], body: nil)
            // validate
            #expect(page.body.contains("href=\"\(SiteURL.answersTemplateCSV(2024).path)\""))
            #expect(csv.status == .ok)
            let header = (AnswerFile.keyColumns + IndicatorCatalogue.all.map(\.code)).joined(separator: ";")
            #expect(csv.body.hasPrefix("\u{FEFF}" + header + "\r\n"))
            let parsed = AnswerFile.parse(csv: Data(csv.body.utf8), expectedCampaign: 2024)
            #expect(parsed.errors.isEmpty, "\(parsed.errors)")
            #expect(parsed.rows.count == 1)
            #expect(SIRET(parsed.rows.first?.siret ?? "") != nil)
            #expect(xlsx.status == .ok)
            let fromWorkbook = AnswerFile.parse(xlsx: AnswerFile.xlsx(campaign: 2024, answers: [AnswerImportController.templateAnswer],
                                                                     codes: IndicatorCatalogue.all.map(\.code)), expectedCampaign: 2024)
            #expect(fromWorkbook.errors.isEmpty && fromWorkbook.rows == parsed.rows)
            #expect(AnswerChecks.run(parsed.rows[0].values, divisor: nil).isEmpty)
        }
    }
}

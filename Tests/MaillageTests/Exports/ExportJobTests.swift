import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Long exports as jobs: asked by a form, prepared by `export.register` / `export.answers`,
/// downloaded from their page with the very bytes of the direct export.
@Suite("Exports prepared by a job")
struct ExportJobTests {
    typealias Kit = ExportTestKit

    @Test("register XLSX and CSV: enqueue → runDue → ready → the download is the direct export, byte for byte")
    func registerFilesMatchTheDirectExport() async throws {
        try await Kit.withExports { app, f in
            // setup
            let admin = try await f.browser(app, as: .admin)
            for format in ["xlsx", "csv"] {
                let address = SiteURL.exportMembers(format).path(query: ["delegation": "PDL", "sort": "-name"])
                // MUT
                let id = try await Kit.prepare(admin, address)
                #expect(try await Kit.job(id, on: app.db).status == "pending")
                #expect(try await app.jobs.runDue() == 1)
                // validate
                let job = try await Kit.job(id, on: app.db)
                #expect(job.status == "done")
                #expect(job.requestedBy == f.users[.admin])
                #expect(job.result == "export-" + id.uuidString.lowercased())
                let file = try await Kit.download(app, admin, SiteURL.exportFile(id).path)
                let direct = try await Kit.download(app, admin, address)
                #expect(file.status == .ok)
                #expect(direct.status == .ok)
                #expect(!file.data.isEmpty)
                #expect(file.data == direct.data, "\(format): the prepared file differs from the direct export")
                #expect(file.contentType == direct.contentType)
                #expect(file.disposition == direct.disposition)
                #expect(file.disposition == "attachment; filename=\"fichier-adherents-delegation-pdl-\(Day.today(now: Date()).iso).\(format)\"")
            }
            // The CSV holds the two PDL structures only (the filter was carried), in the asked order.
            let csv = try await Kit.download(app, admin, SiteURL.exportMembers("csv").path(query: ["delegation": "PDL", "sort": "-name"]))
            let text = String(decoding: csv.data, as: UTF8.self)
            #expect(text.contains("Relais Emploi Nantes") && text.contains("Chantier Nature Vendée") && !text.contains("Tempo Emploi Caen"))
        }
    }

    @Test("the register XLSX is exactly MemberWorkbook's output for the same structures")
    func registerWorkbookFunction() async throws {
        try await Kit.withExports { app, f in
            // setup
            let admin = try await f.browser(app, as: .admin)
            let id = try await Kit.prepare(admin, SiteURL.exportMembersXLSX.path)
            // MUT
            try await app.jobs.runDue()
            // validate: the workbook function on every structure, in the directory's order
            let map = try await app.services.networkMaps.current(on: app.db)
            let snapshot = try await app.services.caches.directory.snapshot(on: app.db)
            let rows = snapshot.matching(DirectoryFilters(), scope: DirectoryScope(all: true, departments: [], structureIDs: []),
                                         map: map, currentOnly: false).map { snapshot.rows[$0] }
            let contract = try await MemberExport.rows(rows, on: app.db)
            let expected = try await MemberWorkbook.data(rows, contract: contract, map: map, on: app.db)
            let file = try await Kit.download(app, admin, SiteURL.exportFile(id).path)
            #expect(rows.count == 4)
            #expect(file.data == expected)
        }
    }

    @Test("answers XLSX and CSV: the download is the direct export, byte for byte, and AnswerWorkbook's output")
    func answersFilesMatchTheDirectExport() async throws {
        try await Kit.withExports { app, f in
            // setup
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .submitted, on: app.db)
            try await ObservatoryFixtures.answer(c, f.entityNOR, type: "ETTI", status: .validated, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            for format in ["xlsx", "csv"] {
                // MUT
                let id = try await Kit.prepare(admin, SiteURL.prepareAnswersExport(2024, format).path)
                try await app.jobs.runDue()
                // validate
                #expect(try await Kit.job(id, on: app.db).status == "done")
                let file = try await Kit.download(app, admin, SiteURL.exportFile(id).path)
                let direct = try await Kit.download(app, admin, SiteURL.answersExport(2024, format).path)
                #expect(file.status == .ok)
                #expect(file.data == direct.data, "\(format): the prepared file differs from the direct export")
                #expect(file.contentType == direct.contentType)
                #expect(file.disposition == "attachment; filename=\"observatoire-2024-reponses.\(format)\"")
                #expect(file.disposition == direct.disposition)
                if format == "xlsx" {
                    let map = try await app.services.networkMaps.current(on: app.db)
                    #expect(file.data == (try await AnswerWorkbook.data(c, map: map, on: app.db) { _ in true }))
                }
            }
        }
    }

    @Test("progress: written per 50 structures, done = total = the structures exported")
    func progressIsWritten() async throws {
        try await Kit.withExports { app, f in
            // setup: 4 + 120 structures
            for i in 0..<120 {
                try await MembersFactory.makeStructure(on: app.db, name: "Structure \(i)", department: i % 2 == 0 ? "44" : "14")
            }
            let admin = try await f.browser(app, as: .admin)
            let id = try await Kit.prepare(admin, SiteURL.exportMembersXLSX.path)
            #expect(try await Kit.job(id, on: app.db).progressTotal == 0)
            // MUT
            try await app.jobs.runDue()
            // validate
            let job = try await Kit.job(id, on: app.db)
            #expect(job.status == "done")
            #expect(job.progressTotal == 124)
            #expect(job.progressDone == 124)
            // The direct export of 124 structures, the same bytes.
            let file = try await Kit.download(app, admin, SiteURL.exportFile(id).path)
            #expect(file.data == (try await Kit.download(app, admin, SiteURL.exportMembersXLSX.path)).data)
        }
    }

    @Test("a delegate's export holds their delegation only, like their direct export")
    func delegateScope() async throws {
        try await Kit.withExports { app, f in
            // setup
            let c = try await ObservatoryFixtures.campaign(2024, on: app.db)
            try await ObservatoryFixtures.answer(c, f.inPDL, type: "AI", status: .submitted, on: app.db)
            try await ObservatoryFixtures.answer(c, f.entityNOR, type: "ETTI", status: .validated, on: app.db)
            let delegate = try await f.browser(app, as: .delegate)
            // MUT: no filter at all, and even a filter on another delegation
            let register = try await Kit.prepare(delegate, SiteURL.exportMembersCSV.path)
            let elsewhere = try await Kit.prepare(delegate, SiteURL.exportMembersCSV.path(query: ["delegation": "NOR"]))
            let answers = try await Kit.prepare(delegate, SiteURL.prepareAnswersExport(2024, "csv").path)
            try await app.jobs.runDue()
            // validate
            let members = String(decoding: try await Kit.download(app, delegate, SiteURL.exportFile(register).path).data, as: UTF8.self)
            #expect(members.contains(f.inPDL.siret) && members.contains(f.otherPDL.siret))
            #expect(!members.contains(f.entityNOR.siret) && !members.contains(f.gesNOR.siret))
            #expect(members.split(separator: "\r\n").count == 3)
            let none = String(decoding: try await Kit.download(app, delegate, SiteURL.exportFile(elsewhere).path).data, as: UTF8.self)
            #expect(none.split(separator: "\r\n").count == 1)  // the header only
            let file = try await Kit.download(app, delegate, SiteURL.exportFile(answers).path)
            let text = String(decoding: file.data, as: UTF8.self)
            #expect(text.contains(f.inPDL.siret) && !text.contains(f.entityNOR.siret))
            #expect(file.data == (try await Kit.download(app, delegate, SiteURL.answersExport(2024, "csv").path)).data)
        }
    }
}

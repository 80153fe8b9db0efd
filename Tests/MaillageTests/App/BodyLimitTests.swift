import Foundation
import MaillageCore
import Testing
import Vapor
import VaporTesting
@testable import Maillage

/// Each route's body limit is declared once (`Route.bodyLimit`, `RoutesBuilder.upload`) and
/// is the one the CSRF middleware applies when it collects the body.
@Suite("Body limits per route")
struct BodyLimitTests {
    /// A valid answers file for the fixtures' Nantes AI, padded past `size` with the blank
    /// `;;;` lines Excel leaves behind (the parser skips them): a big file that previews clean.
    static func answersFile(_ f: Fixtures, size: Int) -> Data {
        var data = AnswerFile.csv(campaign: 2024, answers: [(siret: f.inPDL.siret, type: "AI", values: ["insertion_persons": Exact(40)])],
                                  codes: IndicatorCatalogue.all.map(\.code))
        let blank = Data(("\r\n" + String(repeating: ";", count: IndicatorCatalogue.all.count + 2)).utf8)
        while data.count < size { data.append(blank) }
        return data
    }

    @Test("a 1.6 MB answers file is previewed, not refused at the forms' 1 MB")
    func largeAnswersFile() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get("/observatoire/2024/import")
            let file = Self.answersFile(f, size: 1_600_000)
            // MUT
            let page = try await admin.postMultipart("/observatoire/2024/import", fileField: "file", filename: "reponses.csv", data: file)
            // validate
            #expect(file.count >= 1_600_000)
            #expect(page.status == .ok)
            #expect(page.body.contains("1 ligne lue") && page.body.contains("0 ligne en erreur"))
            #expect(page.body.range(of: #"/observatoire/2024/import/[0-9A-F-]+/appliquer"#, options: .regularExpression) != nil)
        }
    }

    @Test("through a real server (streamed body), the 1.6 MB answers file is previewed too")
    func largeAnswersFileStreamed() async throws {
        try await withMaillage { app in
            // setup: sign in in memory, then post the same multipart body over HTTP
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get("/observatoire/2024/import")
            let boundary = "----maillage-streamed"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(admin.csrf ?? "")\r\n".utf8)
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"reponses.csv\"\r\nContent-Type: text/csv\r\n\r\n".utf8))
            body.append(Self.answersFile(f, size: 1_600_000))
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            headers.replaceOrAdd(name: .cookie, value: "maillage_session=\(admin.cookie ?? "")")
            // MUT
            let res = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "/observatoire/2024/import", headers: headers, body: ByteBuffer(data: body))
            // validate
            #expect(res.status == .ok)
            #expect(res.body.string.contains("1 ligne lue") && res.body.string.contains("0 ligne en erreur"))
        }
    }

    @Test("an answers file over 20 MB is a 413 French page that states the limit")
    func oversizedAnswersFile() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            try await ObservatoryFixtures.campaign(2024, on: app.db)
            let admin = try await f.browser(app, as: .admin)
            _ = try await admin.get("/observatoire/2024/import")
            // MUT
            let page = try await admin.postMultipart("/observatoire/2024/import", fileField: "file", filename: "reponses.csv",
                                                     data: Self.answersFile(f, size: 21 << 20))
            // validate
            #expect(page.status == .payloadTooLarge)
            #expect(page.body.contains("Fichier trop volumineux"))
            #expect(page.body.contains("dépassent la taille permise (20 Mo)"))
            #expect(try await AnswerImportBatch.query(on: app.db).count() == 0)
        }
    }

    @Test("a 2 MB form is a 413 French page stating the forms' 1 MB")
    func oversizedForm() async throws {
        try await withMaillage { app in
            // setup
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            // MUT
            let page = try await admin.post("/adherents/\(f.inPDL.id!)/modifier", form: [("name", String(repeating: "a", count: 2 << 20))])
            // validate
            #expect(page.status == .payloadTooLarge)
            #expect(page.body.contains("dépassent la taille permise (1 Mo)"))
            #expect(try await Structure.find(f.inPDL.id!, on: app.db)!.name == "Relais Emploi Nantes")
        }
    }

    @Test("the three upload routes declare their controllers' limits; every other route takes the default")
    func declaredLimits() async throws {
        try await withMaillage { app in
            // setup
            let declared = Dictionary(uniqueKeysWithValues: app.routes.all.compactMap { route in
                route.declaredBodyLimit.map { (RouteRoleMatrixTests.key(route), $0) }
            })
            // validate
            #expect(declared == ["POST /import/adherents": ImportExportController.maxUpload,
                                 "POST /observatoire/:year/import": AnswerImportController.maxUpload,
                                 "POST /cotisations/releves": DuesURL.maxStatementUpload,
                                 "POST /juridique/questions/nouvelle": LegalURL.maxUpload,
                                 "POST /juridique/questions/:questionID/messages": LegalURL.maxUpload,
                                 "POST /juridique/questions/:questionID/demander": LegalURL.maxUpload,
                                 "POST /juridique/questions/:questionID/repondre": LegalURL.maxUpload,
                                 "POST /juridique/questions/:questionID/note-interne": LegalURL.maxUpload,
                                 "POST /ressources/nouvelle": LibraryURL.maxUpload,
                                 "POST /ressources/:resourceID/versions": LibraryURL.maxUpload,
                                 "POST /qualite/structures/:structureID/certifications/:certificationID/documents": QualityURL.maxUpload])
            #expect(app.routes.defaultMaxBodySize.value == 1 << 20)
        }
    }

    @Test("every route that takes a body refuses one byte over its limit, and not at its limit")
    func everyRouteEnforcesItsLimit() async throws {
        try await withMaillage { app in
            // setup: someone who passes each route's rule (the admin, else a jurist or a member
            // manager), so that each request reaches the body check
            let f = try await Fixtures.load(on: app)
            let admin = try await f.browser(app, as: .admin)
            let others: [(Role, TestBrowser)] = [(.jurist, try await f.browser(app, as: .jurist)),
                                                 (.memberManager, try await f.browser(app, as: .member))]
            func browser(for route: Route) -> TestBrowser {
                guard case .roles(let roles) = route.policyRule?.who, !roles.contains(.nationalAdmin) else { return admin }
                return others.first { roles.contains($0.0) }?.1 ?? admin
            }
            var headers = HTTPHeaders()
            headers.contentType = .binary
            let routes = app.routes.all.filter { ![.GET, .HEAD].contains($0.method) }
            #expect(routes.count > 20)
            for route in routes {
                let path = "/" + route.path.map { if case .constant(let s) = $0 { s } else { "1" } }.joined(separator: "/")
                let limit = route.declaredBodyLimit?.value ?? app.routes.defaultMaxBodySize.value
                // MUT
                let atLimit = try await browser(for: route).send(route.method, path, headers: headers, body: ByteBuffer(repeating: 0x61, count: limit))
                let over = try await browser(for: route).send(route.method, path, headers: headers, body: ByteBuffer(repeating: 0x61, count: limit + 1))
                // validate: at the limit the body is read, then refused for its missing CSRF token
                let key = RouteRoleMatrixTests.key(route)
                #expect(atLimit.status == .forbidden, "\(key) at \(limit) bytes: \(atLimit.status)")
                #expect(over.status == .payloadTooLarge, "\(key) at \(limit + 1) bytes: \(over.status)")
            }
        }
    }

    @Test("no route sets its own body strategy: only `upload(_:limit:use:)` passes `body:` to Vapor")
    func noRouteBypassesTheDeclaration() throws {
        // setup
        let sources = URL(fileURLWithPath: TestPaths.root + "Sources/Maillage")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && $0.lastPathComponent != "BodyLimit.swift" }
        #expect(files.count > 20)
        // MUT
        let offenders = try files.filter { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            return text.range(of: #"body:\s*\.(collect|stream)"#, options: .regularExpression) != nil
        }
        // validate
        #expect(offenders.isEmpty, "declare the limit with `upload(_:limit:use:)`: \(offenders.map(\.lastPathComponent))")
    }
}

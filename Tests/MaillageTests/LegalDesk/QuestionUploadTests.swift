import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

extension TestBrowser {
    /// Posts a multipart form with text fields and files (`attachments[]`), CSRF token included.
    @discardableResult
    func postFiles(_ url: SiteURL, fields: [(String, String)], files: [(name: String, data: Data)],
                   field: String = "attachments[]") async throws -> Page {
        #expect(url.method == .POST)
        if csrf == nil { try await get(.login) }
        let boundary = "----maillage-question-boundary"
        var body = Data()
        func line(_ s: String) { body.append(Data((s + "\r\n").utf8)) }
        for (k, v) in fields + [("_csrf", csrf ?? "")] {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(k)\"")
            line("")
            line(v)
        }
        for f in files {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(field)\"; filename=\"\(f.name)\"")
            line("Content-Type: application/octet-stream")
            line("")
            body.append(f.data)
            line("")
        }
        line("--\(boundary)--")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, url.path, headers: headers, body: ByteBuffer(data: body))
    }
}

/// Attachments of questions: checked from their bytes, stored, downloaded only by those who may
/// read them; a refused file leaves the files directory as it was and saves nothing.
@Suite("Legal questions: attachments")
struct QuestionUploadTests {
    static let askFields: [(String, String)] = [("category", "labour"), ("subject", "Rupture conventionnelle"),
                                                ("body", "Un salarié en insertion peut-il signer une rupture conventionnelle ?")]
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 0, count: 16)
        + Data([0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])

    static func fileCount(_ app: Application) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: app.config.filesDirectory).count) ?? 0
    }

    @Test("a question with a PDF and a PNG: stored, listed on the page, downloaded as an attachment with its type and nosniff")
    func askWithFiles() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let member = try await f.browser(app, as: .member)
            _ = try await member.get(.legal(.newQuestion))
            let r = try await member.postFiles(.legal(.createQuestion), fields: Self.askFields,
                                               files: [("contrat de travail.pdf", LegalFactory.pdf), ("capture.png", Self.png)])
            #expect(r.status == .seeOther, "\(r.status) \(r.body.prefix(500))")
            #expect(Self.fileCount(app) == 2)
            let q = try #require(try await LegalQuestion.query(on: app.db).first())
            let files = try await LegalAttachment.query(on: app.db).sort(\.$fileName).all()
            #expect(files.map(\.kind) == ["png", "pdf"])
            #expect(files.allSatisfy { !$0.internal && $0.$message.id == nil && $0.sha256.count == 64 })
            let page = try await member.get(LegalURL.question(q.id!))
            #expect(page.body.contains("contrat de travail.pdf"))
            let pdf = try #require(files.first { $0.kind == "pdf" })
            let download = try await member.get(LegalURL.attachment(q.id!, pdf.id!))
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(download.body.hasPrefix("%PDF-"))
        }
    }

    @Test("a PDF named .png, an executable named .pdf, 10 MB + 1 byte, a truncated PDF: each refused in French, nothing saved, no file left")
    func refusedFiles() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let member = try await f.browser(app, as: .member)
            _ = try await member.get(.legal(.newQuestion))
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01]) + Data(repeating: 0x90, count: 200)
            let big = LegalFactory.pdf + Data(repeating: 0x20, count: LegalURL.maxFileSize + 1 - LegalFactory.pdf.count)
            let truncated = LegalFactory.pdf.prefix(40)
            let cases: [(String, Data, String)] = [
                ("contrat.png", LegalFactory.pdf, "contrat.png"),
                ("programme.pdf", elf, "programme.pdf"),
                ("gros.pdf", big, "gros.pdf"),
                ("coupe.pdf", Data(truncated), "coupe.pdf"),
            ]
            for (name, data, shown) in cases {
                let before = Self.fileCount(app)
                let r = try await member.postFiles(.legal(.createQuestion), fields: Self.askFields, files: [(name, data)])
                #expect(r.status == .unprocessableEntity, "\(name): \(r.status)")
                #expect(r.body.contains(shown), "\(name): message names the file")
                #expect(r.body.contains("ask_attachments-error"), "\(name): message next to the field")
                #expect(r.body.contains("Le formulaire contient 1 erreur"))
                #expect(Self.fileCount(app) == before, "\(name): files directory unchanged")
                #expect(try await LegalQuestion.query(on: app.db).count() == 0)
                #expect(try await LegalAttachment.query(on: app.db).count() == 0)
                // the text typed is kept
                #expect(r.body.contains("Rupture conventionnelle"))
            }
            // one good and one bad file: nothing saved either
            let r = try await member.postFiles(.legal(.createQuestion), fields: Self.askFields,
                                               files: [("bon.pdf", LegalFactory.pdf), ("contrat.png", LegalFactory.pdf)])
            #expect(r.status == .unprocessableEntity)
            #expect(Self.fileCount(app) == 0)
            // six files: too many
            let six = try await member.postFiles(.legal(.createQuestion), fields: Self.askFields,
                                                 files: (1...6).map { ("f\($0).pdf", LegalFactory.pdf) })
            #expect(six.status == .unprocessableEntity)
            #expect(six.body.contains("au plus"))
            #expect(Self.fileCount(app) == 0)
        }
    }

    @Test("a refused file on an answer: 422 next to the answer's field, the question unchanged, no file left")
    func refusedOnAnswer() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let q = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, askedBy: f.users[.member])
            let jurist = try await f.browser(app, as: .jurist)
            _ = try await jurist.get(LegalURL.question(q.id!))
            let r = try await jurist.postFiles(LegalURL.answer(q.id!), fields: [("text", "Voici la réponse.")], files: [("note.png", LegalFactory.pdf)])
            #expect(r.status == .unprocessableEntity)
            #expect(r.body.contains("answer_attachments-error"))
            #expect(Self.fileCount(app) == 0)
            #expect(try await LegalQuestion.find(q.id, on: app.db)?.statusValue == .new)
            #expect(try await LegalMessage.query(on: app.db).count() == 0)
            let ok = try await jurist.postFiles(LegalURL.answer(q.id!), fields: [("text", "Voici la réponse.")], files: [("note.pdf", LegalFactory.pdf)])
            #expect(ok.status == .seeOther)
            let a = try #require(try await LegalAttachment.query(on: app.db).first())
            #expect(a.$message.id != nil)
            #expect(Self.fileCount(app) == 1)
        }
    }

    @Test("downloads: 404 for another member, for an internal file to the member, for a delegate without sharing, for an id of another question")
    func downloadRefusals() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let q = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL)
            let q2 = try await LegalFactory.makeQuestion(on: app.db, structure: f.inPDL, subject: "Autre")
            let note = try await LegalFactory.makeMessage(on: app.db, question: q, kind: .internal, body: "interne")
            let open = try await LegalFactory.makeAttachment(on: app.db, files: app.services.files, question: q)
            let secret = try await LegalFactory.makeAttachment(on: app.db, files: app.services.files, question: q, message: note, internal: true)
            let member = try await f.browser(app, as: .member)
            let jurist = try await f.browser(app, as: .jurist)
            let delegate = try await f.browser(app, as: .delegate)
            _ = try await AccountsFactory.makeUser(on: app, email: "other@test.maillage.test", role: .memberManager, scope: .structure(f.otherPDL))
            let other = TestBrowser(app)
            try await other.login("other@test.maillage.test")
            #expect(try await member.get(LegalURL.attachment(q.id!, open.id!)).status == .ok)
            #expect(try await member.get(LegalURL.attachment(q.id!, secret.id!)).status == .notFound)
            #expect(try await jurist.get(LegalURL.attachment(q.id!, secret.id!)).status == .ok)
            #expect(try await other.get(LegalURL.attachment(q.id!, open.id!)).status == .notFound)
            #expect(try await delegate.get(LegalURL.attachment(q.id!, open.id!)).status == .notFound)
            #expect(try await member.get(LegalURL.attachment(q2.id!, open.id!)).status == .notFound)
            #expect(try await member.get(LegalURL.attachment(q.id!, UUID())).status == .notFound)
            q.sharedWithDelegation = true
            try await q.save(on: app.db)
            #expect(try await delegate.get(LegalURL.attachment(q.id!, open.id!)).status == .ok)
            #expect(try await delegate.get(LegalURL.attachment(q.id!, secret.id!)).status == .notFound)
        }
    }
}

import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// Hostile uploads through HTTP, on the library's new-resource form and on a question's
/// attachments: each is refused (4xx) with its French message on the page, the files directory
/// keeps exactly what it had, and no record is created.
@Suite("Upload attacks", .serialized)
struct UploadAttackTests {
    struct Attack: Sendable {
        let name: String
        let filename: String
        let data: Data
        let message: String
    }

    static let attacks: [Attack] = [
        Attack(name: "a PDF renamed .png", filename: "photo.png", data: UploadKit.pdf(),
               message: "« photo.png » est un PDF, pas une image PNG : renommez-le ou choisissez le bon fichier."),
        Attack(name: "an executable renamed .pdf", filename: "facture.pdf", data: UploadKit.elf,
               message: "« facture.pdf » n&#39;est ni un PDF, ni un document Word, Excel ou OpenDocument, ni une image PNG ou JPEG"),
        Attack(name: "10 MB + 1 byte", filename: "gros.pdf", data: UploadKit.tooLargePDF,
               message: "« gros.pdf » dépasse 10 Mo, la taille maximale"),
        Attack(name: "a truncated PDF", filename: "coupe.pdf", data: UploadKit.truncatedPDF,
               message: "« coupe.pdf » est un PDF incomplet ou abîmé"),
        Attack(name: "a name with ../../", filename: "../../var/files/passwd.pdf", data: UploadKit.pdf(),
               message: "Le nom du fichier « passwd.pdf » contient un chemin ou des caractères de contrôle"),
        Attack(name: "a name with a NUL", filename: "con\u{0}trat.pdf", data: UploadKit.pdf(),
               message: "Le nom du fichier « contrat.pdf » contient un chemin ou des caractères de contrôle"),
        Attack(name: "a name with a control character", filename: "con\u{1b}trat.pdf", data: UploadKit.pdf(),
               message: "Le nom du fichier « contrat.pdf » contient un chemin ou des caractères de contrôle"),
    ]

    /// Leaf escapes the apostrophe; the messages are compared as the page shows them.
    static func shown(_ s: String) -> String { s.replacingOccurrences(of: "'", with: "&#39;") }

    @Test("library: each attack → 422 with its French message, nothing stored, nothing recorded", arguments: attacks)
    func library(_ attack: Attack) async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let jurist = try await f.browser(app, as: .jurist)
            // A first resource, so that « unchanged » means something.
            _ = try await jurist.postParts(.library(.createResource), LibraryURL.newResourceParts(title: "Déjà là"))
            let before = UploadKit.entries(app)
            #expect(before.count == 1)
            let page = try await jurist.postParts(.library(.createResource),
                                                  LibraryURL.newResourceParts(title: "Attaque", filename: attack.filename, data: attack.data))
            #expect(page.status == .unprocessableEntity, "\(attack.name)")
            #expect(page.body.contains(Self.shown(attack.message)) || page.body.contains(attack.message), "\(attack.name)")
            #expect(page.body.contains("id=\"resource_file-error\""))
            #expect(UploadKit.entries(app) == before, "\(attack.name)")
            #expect(try await LibraryResource.query(on: app.db).count() == 1)
            #expect(try await LibraryVersion.query(on: app.db).count() == 1)
            // The same file as a new version of the existing resource.
            let r = try #require(try await LibraryResource.query(on: app.db).first())
            let version = try await jurist.postParts(LibraryURL.addVersion(r.requireID()),
                                                     [.field("version_comment", "x"), .file("version_file", attack.filename, attack.data)])
            #expect(version.status == .unprocessableEntity, "\(attack.name)")
            #expect(version.body.contains(Self.shown(attack.message)) || version.body.contains(attack.message), "\(attack.name)")
            #expect(UploadKit.entries(app) == before)
            #expect(try await LibraryVersion.query(on: app.db).count() == 1)
        }
    }

    @Test("question: each attack on an attachment → 422 with its French message, nothing stored, no question", arguments: attacks)
    func question(_ attack: Attack) async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await LegalFactory.makeSettings(on: app.db)
            let member = try await f.browser(app, as: .member)
            let before = UploadKit.entries(app)
            let page = try await member.postParts(.legal(.createQuestion), Self.questionParts(f, filename: attack.filename, data: attack.data))
            #expect(page.status == .unprocessableEntity, "\(attack.name)")
            #expect(page.body.contains(Self.shown(attack.message)) || page.body.contains(attack.message), "\(attack.name)")
            #expect(UploadKit.entries(app) == before, "\(attack.name)")
            #expect(try await LegalQuestion.query(on: app.db).count() == 0)
            #expect(try await LegalAttachment.query(on: app.db).count() == 0)
        }
    }

    @Test("question: the control case — a real PDF attachment is stored and recorded")
    func questionAccepted() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await LegalFactory.makeSettings(on: app.db)
            let member = try await f.browser(app, as: .member)
            let page = try await member.postParts(.legal(.createQuestion), Self.questionParts(f, filename: "contrat.pdf", data: UploadKit.pdf()))
            #expect(page.status == .seeOther)
            #expect(try await LegalQuestion.query(on: app.db).count() == 1)
            let attachments = try await LegalAttachment.query(on: app.db).all()
            #expect(attachments.map(\.fileName) == ["contrat.pdf"])
            #expect(UploadKit.entries(app) == attachments.map(\.fileKey))
        }
    }

    @Test("library: a multipart body cut short → 400 in French, nothing stored, nothing recorded")
    func truncatedLibraryBody() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await Self.cutShort(app, f, as: .jurist, .library(.createResource), LibraryURL.newResourceParts())
            #expect(try await LibraryResource.query(on: app.db).count() == 0)
        }
    }

    @Test("question: a multipart body cut short → 400 in French, no question without its attachment")
    func truncatedQuestionBody() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            try await LegalFactory.makeSettings(on: app.db)
            try await Self.cutShort(app, f, as: .member, .legal(.createQuestion), Self.questionParts(f, filename: "contrat.pdf", data: UploadKit.pdf()))
            #expect(try await LegalQuestion.query(on: app.db).count() == 0)
        }
    }

    /// Posts `parts` cut in the middle of the last file (before the closing boundary).
    static func cutShort(_ app: Application, _ f: Fixtures, as who: Fixtures.Who, _ url: SiteURL, _ parts: [UploadKit.Part],
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let browser = try await f.browser(app, as: who)
        let whole = UploadKit.body(parts, csrf: browser.csrf)
        let page = try await browser.postRawMultipart(url, Data(whole.prefix(whole.count - 60)))
        #expect(page.status == .badRequest, "\(url.path): \(page.status)", sourceLocation: sourceLocation)
        #expect(page.body.contains("Le formulaire envoyé est incomplet (envoi interrompu) : rien n&#39;a été enregistré."),
                "\(url.path)", sourceLocation: sourceLocation)
        #expect(UploadKit.entries(app).isEmpty, sourceLocation: sourceLocation)
    }

    static func questionParts(_ f: Fixtures, filename: String, data: Data) -> [UploadKit.Part] {
        [.field("structure", f.inPDL.id!.uuidString), .field("category", LegalCategory.labour.rawValue),
         .field("subject", "Période d'essai en CDDI"), .field("body", "Pouvons-nous renouveler la période d'essai ?"),
         .file("attachments[]", filename, data)]
    }
}

extension UploadAttackTests.Attack: CustomTestStringConvertible {
    var testDescription: String { name }
}

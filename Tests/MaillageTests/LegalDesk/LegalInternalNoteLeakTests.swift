import Fluent
import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// An internal note never reaches a member or a delegate: a jurist writes one (with a marker in
/// its text and in its attached file) on a question shared with the delegation, then every GET
/// route of the legal desk a member manager or a delegate may reach, with every format, and every
/// e-mail queued to them, is searched for the marker.
@Suite("Legal desk: internal notes never leak")
struct LegalInternalNoteLeakTests {
    static let marker = "MARQUEUR-INTERNE-7Q3Z"
    static let fileMarker = "FICHIER-INTERNE-K8W2"

    /// The response's bytes as text; an XLSX file's cells are read out of its zip.
    static func get(_ app: Application, _ browser: TestBrowser?, _ path: String, token: String? = nil) async throws -> (HTTPStatus, String) {
        var headers = HTTPHeaders()
        if let cookie = browser?.cookie { headers.replaceOrAdd(name: .cookie, value: "maillage_session=\(cookie)") }
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var out: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.GET, path, headers: headers) { res in
            let data = Data(buffer: res.body)
            var text = String(decoding: data, as: UTF8.self)
            if data.starts(with: [0x50, 0x4B]), let rows = try? XLSXReader.firstSheet(data) {
                text += rows.map { $0.joined(separator: "\t") }.joined(separator: "\n")
            }
            out = (res.status, text)
        }
        return out
    }

    @Test("marker of an internal note and of its file: absent from every page, file, export, API answer and e-mail of the member and the delegate")
    func noLeak() async throws {
        try await withMaillage { app in
            let f = try await Fixtures.load(on: app)
            let member = try await f.browser(app, as: .member)
            let jurist = try await f.browser(app, as: .jurist)
            let delegate = try await f.browser(app, as: .delegate)
            // The member asks, shared with the delegation (the delegate reads the texts).
            _ = try await member.get(.legal(.newQuestion))
            let asked = try await member.postFiles(.legal(.createQuestion), fields: [
                ("category", "labour"), ("subject", "Licenciement pour inaptitude"),
                ("body", "Quelle procédure pour un licenciement pour inaptitude ?"), ("shared", "1")],
                files: [("avis-inaptitude.pdf", LegalFactory.pdf)])
            #expect(asked.status == .seeOther)
            let q = try #require(try await LegalQuestion.query(on: app.db).first())
            let id = try q.requireID()
            // The jurist writes an internal note with the marker and an internal attachment, then answers.
            _ = try await jurist.get(LegalURL.question(id))
            let secretPDF = Data("%PDF-1.4\n% \(Self.fileMarker)\ntrailer<<>>\n%%EOF\n".utf8)
            let note = try await jurist.postFiles(LegalURL.internalNote(id), fields: [("text", "À vérifier : \(Self.marker), dossier sensible.")],
                                                  files: [("interne-\(Self.fileMarker).pdf", secretPDF)])
            #expect(note.status == .seeOther, "internal note: \(note.status) \(note.body.prefix(300))")
            let r = try await jurist.post(LegalURL.answer(id), form: [("text", "La procédure : visite de reprise, recherche de reclassement.")])
            #expect(r.status == .seeOther)
            // The jurist does see the note (the test would prove nothing otherwise).
            let jp = try await jurist.get(LegalURL.question(id))
            #expect(jp.body.contains(Self.marker))
            let attachments = try await LegalAttachment.query(on: app.db).filter(\.$question.$id == id).all()
            #expect(attachments.filter(\.internal).count == 1 && attachments.count == 2)

            let year = Day.today(now: app.services.clock.now).year
            var paths: [String] = [
                LegalURL.question(id).path,
                SiteURL.legal(.home).path,
                SiteURL.legal(.home).path(query: ["format": "csv"]),
                SiteURL.legal(.home).path(query: ["format": "xlsx"]),
                SiteURL.legal(.notes).path,
                // Words of the internal note only (the marker itself would be echoed in the search box).
                SiteURL.legal(.search).path(query: ["q": "dossier sensible"]),
                SiteURL.legal(.search).path(query: ["q": "vérifier sensible"]),
                SiteURL.legal(.search).path(query: ["q": "licenciement inaptitude"]),
                SiteURL.legal(.suggestions).path(query: ["q": "dossier sensible"]),
                SiteURL.legal(.statistics).path,
                LegalURL.statisticsFile(year, "statistiques.csv").path,
                LegalURL.statisticsFile(year, "statistiques.xlsx").path,
                SiteURL.home.path,
            ]
            paths += attachments.map { LegalURL.attachment(id, $0.id!).path }
            for (who, browser) in [(Fixtures.Who.member, member), (.delegate, delegate)] {
                var reached = 0
                for path in paths {
                    let (status, text) = try await Self.get(app, browser, path)
                    #expect(status != .internalServerError, "\(who) \(path): 500")
                    if status == .ok { reached += 1 }
                    #expect(!text.contains(Self.marker), "\(who) \(path) shows the internal note")
                    #expect(!text.contains(Self.fileMarker), "\(who) \(path) shows the internal file")
                }
                // Member: question, its open file, lists and exports, notes, search, suggestions, home (statistics: 403).
                #expect(reached >= (who == .member ? 11 : 14), "\(who) reached \(reached) pages")
                // The API with the person's token.
                let (status, json) = try await Self.get(app, nil, SiteURL.legal(.apiQuestions).path, token: f.tokens[who])
                #expect(status == .ok, "\(who) API: \(status)")
                #expect(json.contains("Licenciement pour inaptitude"), "\(who) API lists the question")
                #expect(!json.contains(Self.marker), "\(who) API shows the internal note")
                // Every e-mail to them.
                let mails = try await OutboxMessage.query(on: app.db).filter(\.$recipient == who.email).all()
                for m in mails {
                    #expect(!m.subject.contains(Self.marker) && !m.body.contains(Self.marker), "\(who) e-mail shows the internal note")
                }
            }
            // The member did get the answer's e-mail (the e-mail check is not vacuous); no text in it.
            let toMember = try await OutboxMessage.query(on: app.db).filter(\.$recipient == Fixtures.Who.member.email).all()
            #expect(toMember.contains { $0.subject == "Réponse à votre question juridique" && $0.body.contains(LegalURL.question(id).path) })
            #expect(!toMember.contains { $0.body.contains("visite de reprise") })
            // The member's page shows the answer, not the note.
            let mp = try await member.get(LegalURL.question(id))
            #expect(mp.body.contains("visite de reprise"))
            #expect(!mp.body.contains("dossier sensible"))
            // No e-mail at all carries the marker (jurists included: internal notes notify nobody).
            #expect(try await OutboxMessage.query(on: app.db).all().allSatisfy { !$0.body.contains(Self.marker) })
        }
    }
}

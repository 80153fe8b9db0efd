import Foundation
import Testing
@testable import MaillageMail

@Suite("SMTP: configuration URLs and replies")
struct SMTPProtocolTests {
    @Test("URLs: smtp is STARTTLS on 587, smtps implicit TLS on 465, credentials decoded, plain only on loopback")
    func urls() throws {
        let submission = try SMTPConfiguration(url: "smtp://user%40exemple.fr:p%3Ass@relais.exemple.fr")
        #expect(submission.security == .startTLS && submission.port == 587 && submission.host == "relais.exemple.fr")
        #expect(submission.username == "user@exemple.fr" && submission.password == "p:ss")
        let implicit = try SMTPConfiguration(url: "smtps://relais.exemple.fr:2465")
        #expect(implicit.security == .implicitTLS && implicit.port == 2465 && implicit.username == nil)
        let local = try SMTPConfiguration(url: "smtp+plain://127.0.0.1:2525")
        #expect(local.security == .plain && local.port == 2525)
        #expect(try SMTPConfiguration(url: "smtp://[::1]:25").host == "::1")
        for bad in ["http://x.fr", "smtp+plain://relais.exemple.fr", "smtp+plain://u:p@127.0.0.1", "pas une adresse", "smtp://", "smtp://h:0"] {
            #expect(throws: SMTPConfigurationError.self, "\(bad)") { try SMTPConfiguration(url: bad) }
        }
        #expect(throws: SMTPConfigurationError.self) { try SMTPConfiguration(url: "smtp://h", caFile: "/nonexistent/ca.pem") }
    }

    @Test("multi-line replies are grouped; EHLO extensions and AUTH mechanisms read")
    func multiLine() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed("250-mail.exemple.fr") == nil)
        #expect(try parser.feed("250-STARTTLS") == nil)
        #expect(try parser.feed("250-AUTH PLAIN LOGIN") == nil)
        let reply = try #require(try parser.feed("250 SIZE 1000"))
        #expect(reply.code == 250 && reply.lines.count == 4)
        #expect(reply.offers("STARTTLS") && reply.offers("SIZE") && !reply.offers("PIPELINING"))
        #expect(reply.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(try parser.feed("220") == SMTPReply(code: 220, lines: [""]))
    }

    @Test("malformed, mixed or endless replies are transient errors; 5xx permanent with the server's text")
    func errors() throws {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.self) { try parser.feed("hello") }
        var mixed = SMTPReplyParser()
        _ = try mixed.feed("250-a")
        #expect(throws: SMTPError.self) { try mixed.feed("251 b") }
        var endless = SMTPReplyParser(maxLines: 3)
        _ = try endless.feed("250-a"); _ = try endless.feed("250-b"); _ = try endless.feed("250-c")
        #expect(throws: SMTPError.self) { try endless.feed("250-d") }
        let refused = SMTPError.from(SMTPReply(code: 550, lines: ["5.1.1 <refus@x.fr>: Recipient address rejected"]), during: "RCPT TO")
        #expect(refused == .permanent(code: 550, "550 5.1.1 <refus@x.fr>: Recipient address rejected"))
        if case .transient = SMTPError.from(SMTPReply(code: 451, lines: ["try later"]), during: "RCPT TO") {} else { Issue.record("451 not transient") }
    }
}

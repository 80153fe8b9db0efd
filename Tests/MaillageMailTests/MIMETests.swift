import Foundation
import Testing
@testable import MaillageMail

@Suite("MIME: headers, quoted-printable, rendering")
struct MIMETests {
    /// Decodes `=?UTF-8?B?…?=` words of an unfolded header value (the reader's side).
    static func decodeWords(_ value: String) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n ", with: " ")
        var bytes: [UInt8] = [], rest = Substring(unfolded)
        while let start = rest.range(of: "=?UTF-8?B?"), let end = rest[start.upperBound...].range(of: "?=") {
            bytes += Data(base64Encoded: String(rest[start.upperBound..<end.lowerBound]))!
            rest = rest[end.upperBound...]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeQP(_ s: String) -> String {
        var bytes: [UInt8] = []
        let chars = Array(s.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var i = 0
        while i < chars.count {
            if chars[i] == UInt8(ascii: "="), i + 2 < chars.count, let b = UInt8(String(decoding: chars[i + 1...i + 2], as: UTF8.self), radix: 16) {
                bytes.append(b); i += 3
            } else { bytes.append(chars[i]); i += 1 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("a French subject becomes UTF-8 encoded-words, folded at 76, decoding to the same text")
    func encodedSubject() {
        // setup
        let subject = "Réinitialisation de votre mot de passe « Maillage » — cotisation 1 234,56 € à régler avant l'échéance"
        // MUT
        let field = Header.field("Subject", subject)
        // validate
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 76 && $0.allSatisfy(\.isASCII) })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") })
        #expect(Self.decodeWords(String(field.dropFirst("Subject: ".count))) == subject)
    }

    @Test("ASCII headers stay readable and fold at spaces; CR/LF cannot inject a header")
    func asciiAndInjection() {
        #expect(Header.field("Subject", "Hello") == "Subject: Hello")
        let long = Header.field("Subject", Array(repeating: "word", count: 40).joined(separator: " "))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(!Header.field("Subject", "a\r\nBcc: x@y.fr").contains("\r\nBcc"))
    }

    @Test("addresses: a plain name quoted, an accented name encoded, bad addresses refused")
    func addresses() throws {
        #expect(Header.addressField("From", [try MailAddress("a@b.fr", name: "Maillage")]) == "From: \"Maillage\" <a@b.fr>")
        let accented = Header.addressField("To", [try MailAddress("x@y.fr", name: "Hélène Dupré")])
        #expect(accented.hasSuffix(" <x@y.fr>") && Self.decodeWords(accented) == "Hélène Dupré")
        let parsed = try MailAddress(parsing: "Maillage <ne-pas-repondre@localhost>")
        #expect(parsed.name == "Maillage" && parsed.address == "ne-pas-repondre@localhost" && parsed.domain == "localhost")
        for bad in ["", "sans-arobase", "a b@c.fr", "a@b.fr>\r\nRCPT TO:<c@d.fr", "@b.fr", "a@"] {
            #expect(throws: MailAddressError.self) { try MailAddress(bad) }
        }
    }

    @Test("quoted-printable: accents encoded, = escaped, lines ≤ 76 with soft breaks, trailing space kept")
    func quotedPrintable() {
        // setup
        let text = "Bonjour Hélène,\n\nMontant : 1 234,56 € (« réglé »). a=b \n" + String(repeating: "é", count: 60) + "\n" + String(repeating: "x", count: 200)
        // MUT
        let qp = QuotedPrintable.encode(text)
        // validate
        let lines = qp.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 && $0.allSatisfy(\.isASCII) })
        #expect(qp.contains("H=C3=A9l=C3=A8ne") && qp.contains("a=3Db=20"))
        #expect(!qp.contains("\n\n") && !qp.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(Self.decodeQP(qp) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("the RFC 5322 date has English names and the zone's offset")
    func date() throws {
        let date = Date(timeIntervalSince1970: 1_796_526_222) // 2026-12-06 03:03:42 UTC
        #expect(Header.date(date, timeZone: TimeZone(identifier: "Europe/Paris")!) == "Sun, 6 Dec 2026 04:03:42 +0100")
        #expect(Header.date(date, timeZone: .gmt) == "Sun, 6 Dec 2026 03:03:42 +0000")
    }

    @Test("a rendered message: CRLF only, 7-bit, ≤ 76 columns, both alternatives, Message-ID and Date")
    func rendered() throws {
        // setup
        let message = MailMessage(from: try MailAddress("ne-pas-repondre@exemple.fr", name: "Maillage"),
                                  to: [try MailAddress("helene@exemple.fr")], subject: "Votre accès à Maillage",
                                  text: "Bonjour,\n.ligne qui commence par un point\nhttps://exemple.fr/lien/abc", html: "<p>Bonjour</p>",
                                  messageID: "1234abcd@exemple.fr", date: Date(timeIntervalSince1970: 0))
        // MUT
        let bytes = message.rendered()
        let text = String(decoding: bytes, as: UTF8.self)
        // validate
        #expect(bytes.allSatisfy { $0 < 128 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(text.contains("\r\nMessage-ID: <1234abcd@exemple.fr>\r\n") && text.contains("\r\nDate: Thu, 1 Jan 1970 01:00:00 +0100\r\n"))
        #expect(text.contains("MIME-Version: 1.0") && text.contains("multipart/alternative;\r\n boundary=\"=_mlg_"))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8") && text.contains("Content-Type: text/html; charset=utf-8"))
        #expect(text.hasSuffix("--\r\n"))
    }

    @Test("dot-stuffing doubles a leading dot, makes every line end CRLF and ends with CRLF")
    func dotStuffing() {
        let out = String(decoding: SMTPClient.dotStuffed(Array(".a\r\nb\n..c\r\nd".utf8)), as: UTF8.self)
        #expect(out == "..a\r\nb\r\n...c\r\nd\r\n")
        #expect(String(decoding: SMTPClient.dotStuffed(Array("x\r\n.\r\n".utf8)), as: UTF8.self) == "x\r\n..\r\n")
    }
}

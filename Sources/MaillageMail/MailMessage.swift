import Foundation

/// One e-mail ready to render: text, an optional HTML alternative, its identity and date.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String?
    /// Without angle brackets: `uuid@domain`.
    public var messageID: String
    public var date: Date
    /// The zone of the Date header (Paris by default: where the federation reads its mail).
    public var timeZone: TimeZone

    public init(from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil,
                messageID: String, date: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.timeZone = timeZone
    }

    /// A fresh Message-ID on the sender's domain.
    public static func makeMessageID(domain: String) -> String {
        UUID().uuidString.lowercased() + "@" + (domain.isEmpty ? "localhost" : domain)
    }

    /// RFC 5322 message, CRLF line ends, 7-bit only (dot-stuffing is the client's job).
    public func rendered() -> [UInt8] {
        var headers = [
            Header.addressField("From", [from]),
            Header.addressField("To", to),
            Header.field("Subject", subject),
            "Date: " + Header.date(date, timeZone: timeZone),
            "Message-ID: <" + Header.singleLine(messageID).replacingOccurrences(of: " ", with: "") + ">",
            "MIME-Version: 1.0",
        ]
        var body: [String]
        let textPart = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                        QuotedPrintable.encode(text)]
        if let html {
            // `=_` cannot occur in quoted-printable text (`=` is always `=XX` there).
            let boundary = "=_mlg_" + String(messageID.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
                .prefix(32).map(Character.init))
            headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
            body = ["", "--" + boundary] + textPart + ["--" + boundary,
                "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                QuotedPrintable.encode(html), "--" + boundary + "--", ""]
        } else {
            headers += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
            body = [""] + Array(textPart.dropFirst(3)) + [""]
        }
        return Array((headers + body).joined(separator: "\r\n").utf8)
    }
}

import Foundation
import MaillageMail

/// An outbox message as an e-mail: its text as written, and a simple HTML alternative (the
/// same text, web addresses made links, the federation's name at the foot).
enum MailComposer {
    static func compose(recipient: String, subject: String, body: String, messageID: String, date: Date,
                        settings: MailSettings) throws(MailAddressError) -> MailMessage {
        MailMessage(from: settings.from, to: [try MailAddress(recipient)], subject: subject, text: body,
                    html: html(subject: subject, body: body, federation: settings.federationName),
                    messageID: messageID, date: date)
    }

    static func html(subject: String, body: String, federation: String) -> String {
        let page = HTML.element("html", ["lang": "fr"],
            .element("head", [:], .element("title", [:], .text(subject))),
            .element("body", ["style": "font-family: sans-serif; line-height: 1.5"],
                .element("div", ["style": "white-space: pre-line"], OutboxPage.linked(body)),
                .element("p", ["style": "color: #555; font-size: 0.9em; border-top: 1px solid #ccc; padding-top: 0.5em"], .text(federation))))
        return "<!DOCTYPE html>\n" + page.description + "\n"
    }

    /// A fresh Message-ID on the sender's domain.
    static func messageID(_ settings: MailSettings) -> String {
        MailMessage.makeMessageID(domain: settings.from.domain)
    }
}

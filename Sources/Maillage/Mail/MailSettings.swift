import Foundation
import MaillageMail

/// The e-mail settings, checked once at start (a bad one stops the start with its French
/// reason): nil when `MAILLAGE_SMTP_URL` is not set, and messages then stay in the outbox.
struct MailSettings: Sendable {
    let smtp: SMTPConfiguration
    let from: MailAddress
    let federationName: String

    init?(_ config: AppConfig) throws {
        guard let url = config.smtpURL else { return nil }
        smtp = try SMTPConfiguration(url: url, caFile: config.smtpCAFile)
        do { from = try MailAddress(parsing: config.mailFrom) }
        catch { throw MailSettingsError(description: "MAILLAGE_MAIL_FROM : \(error)") }
        federationName = config.federationName
    }
}

struct MailSettingsError: Error, CustomStringConvertible {
    let description: String
}

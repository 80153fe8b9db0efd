import Foundation
import Vapor

/// The symbols of `Public/img/icons.svg`, one per section and action; always decorative
/// (`aria-hidden`): the text beside them says what they mean.
enum Icon: String, CaseIterable, Sendable {
    case house, users, map, chart, inbox, outbox, journal, settings, help, menu, download, upload, check, alert, user, scale, book, graduation, calendar
}

/// What the layout shows of the federation (`Theme`), and the header's help link: the help
/// of the section the page belongs to, for a signed-in person.
struct Brand: Encodable, Sendable {
    var shortName: String? = nil
    var logo: String? = nil
    var contactHref: String? = nil
    var contactLabel: String? = nil
    var help: String? = nil
    var theme = SiteURL.theme.path
}

extension Brand {
    init(_ req: Request) {
        let theme = req.application.theme
        shortName = theme?.shortName
        logo = theme?.logo
        contactHref = theme?.contact?.href
        contactLabel = theme?.contact?.label
        help = HelpSection.of(path: req.url.path).flatMap { req.link(to: .helpSection($0.rawValue)) } ?? req.link(to: .help)
    }
}

enum ThemeController {
    /// Checks the identity settings once, at start: a bad value throws its French reason out of
    /// `configure`, and the server does not start. Keeps the theme for every page's layout and
    /// answers `GET /theme.css` with the colours (a stylesheet: the Content-Security-Policy
    /// allows no inline style).
    static func stylesheet(for app: Application) throws -> @Sendable (Request) async throws -> Response {
        let theme = try Theme(config: app.config)
        app.theme = theme
        let css = theme.stylesheet
        return { _ in
            let res = Response(status: .ok, body: .init(string: css))
            res.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            return res
        }
    }
}

import Vapor

/// A confirmation step before anything that cannot be undone silently (no script needed:
/// the page posts the same action again with `confirm=1`).
enum ConfirmPage {
    struct Body: Encodable, Sendable {
        let heading: String
        let message: String
        let action: String
        let confirmLabel: String
        let cancel: String
    }

    static func render(_ req: Request, heading: String, message: String, action: String, confirmLabel: String,
                       cancel: String) async throws -> Response {
        try await req.renderPage("observatory/confirm", title: heading,
                                 Body(heading: heading, message: message, action: action, confirmLabel: confirmLabel, cancel: cancel))
    }
}

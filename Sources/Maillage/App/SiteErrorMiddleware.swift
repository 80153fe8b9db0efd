import Vapor

/// Turns every error into a French page (or JSON under /api) and never lets one become a 500
/// unless it really is one. Decoding errors and bad bodies are the client's: 400.
struct SiteErrorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let (status, reason) = classify(error)
            if status == .internalServerError { req.logger.report(error: error) }
            if req.isAPI || req.headers.accept.contains(where: { $0.mediaType == .json }) && !req.headers.accept.contains(where: { $0.mediaType == .html }) {
                let res = Response(status: status)
                // Never throws from here: SecurityHeadersMiddleware above must get a response.
                try? res.content.encode(APIError(error: true, reason: reason ?? defaultMessage(status)))
                return withHeaders(of: error, res)
            }
            return withHeaders(of: error, try await ErrorPage.render(status: status, detail: reason, reference: req.requestID, req))
        }
    }

    private func classify(_ error: any Error) -> (HTTPStatus, String?) {
        switch error {
        case let abort as any AbortError:
            if abort.reason == "csrf" {
                return (.forbidden, "Le formulaire a expiré ou provient d'un autre site. Rechargez la page et recommencez.")
            }
            let generic = abort.reason == abort.status.reasonPhrase
            return (abort.status, generic ? nil : abort.reason)
        case is DecodingError:
            return (.badRequest, "La requête est mal formée.")
        default:
            return (.internalServerError, nil)
        }
    }

    func defaultMessage(_ status: HTTPStatus) -> String { ErrorPage.title(status) }

    /// Keeps headers an error carries (e.g. `Allow` on a 405).
    private func withHeaders(of error: any Error, _ res: Response) -> Response {
        if let abort = error as? any AbortError {
            for (name, value) in abort.headers where name.lowercased() != "content-type" { res.headers.replaceOrAdd(name: name, value: value) }
        }
        return res
    }
}

struct APIError: Content {
    let error: Bool
    let reason: String
}

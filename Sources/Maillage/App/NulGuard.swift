import Vapor

/// A NUL character is never part of an address: PostgreSQL refuses it in text (a 500 deep inside
/// a query on a path parameter) and SQLite silently cuts the text there. So a path holding one,
/// raw or as `%00`, leads nowhere: a French 404 before any route runs. Form fields and query
/// values are checked by their forms (`MemberFields.text`: a control character is a French
/// message next to its field).
struct NulGuardMiddleware: AsyncMiddleware {
    static let refusal = Abort(.notFound, reason: "L'adresse demandée contient un caractère nul : elle ne mène nulle part.")

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = req.url.path
        if path.utf8.contains(0) || path.range(of: "%00") != nil { throw Self.refusal }
        return try await next.respond(to: req)
    }
}

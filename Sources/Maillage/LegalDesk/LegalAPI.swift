import Fluent
import Foundation
import MaillageCore
import Vapor

/// `GET /api/v1/juridique/questions`: the token owner's questions in scope (`LegalScope`), newest
/// first, a page at a time; `?annee=` keeps one year. The subject only when the person may read it
/// (null otherwise); never a body, a message or an internal note.
enum LegalAPI {
    struct QuestionDTO: Content, Sendable {
        let id: UUID
        let structure_id: UUID
        let structure_name: String
        let category: String
        let subject: String?
        let status: String
        let asked_on: String
        let due_on: String
        let overdue: Bool
        let answered_on: String?

        enum CodingKeys: String, CodingKey {
            case id, structure_id, structure_name, category, subject, status, asked_on, due_on, overdue, answered_on
        }

        /// Every key always present (`subject` and `answered_on` null when absent).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(structure_id, forKey: .structure_id)
            try c.encode(structure_name, forKey: .structure_name)
            try c.encode(category, forKey: .category)
            try c.encode(subject, forKey: .subject)
            try c.encode(status, forKey: .status)
            try c.encode(asked_on, forKey: .asked_on)
            try c.encode(due_on, forKey: .due_on)
            try c.encode(overdue, forKey: .overdue)
            try c.encode(answered_on, forKey: .answered_on)
        }
    }

    struct ListDTO: Content, Sendable {
        let items: [QuestionDTO]
        let page: Int
        let per_page: Int
        let total: Int
    }

    static func questions(_ req: Request) async throws -> Response {
        let (page, perPage, year) = try parameters(req)
        let user = try req.requireUser()
        let map = try await req.networkMap()
        let today = Day.today(now: req.services.clock.now)
        let lines = try await LegalListQueries.lines(scope: .of(user, map: map), year: year, on: req.db)
        let start = min((page - 1) * perPage, lines.count)
        let items = lines[start..<min(start + perPage, lines.count)].map { l in
            QuestionDTO(id: l.id, structure_id: l.structureID, structure_name: l.structureName, category: l.category.rawValue,
                        subject: l.subject, status: l.status.rawValue, asked_on: l.askedOn, due_on: l.dueOn,
                        overdue: l.isOverdue(today: today), answered_on: l.firstAnswerOn)
        }
        return try await ListDTO(items: Array(items), page: page, per_page: perPage, total: lines.count).encodeResponse(for: req)
    }

    /// `page` (≥ 1), `per_page` (1…200) and `annee` (2000…2100); any other parameter, or a bad value, is a 400.
    static func parameters(_ req: Request) throws -> (Int, Int, Int?) {
        let items = URLComponents(string: req.url.string)?.queryItems ?? []
        var page = 1, perPage = DuesAPI.defaultPerPage
        var year: Int?
        var invalid: [String] = []
        for item in items {
            switch item.name {
            case "page":
                if let n = Int(item.value ?? ""), (1...1_000_000).contains(n) { page = n } else { invalid.append("page") }
            case "per_page":
                if let n = Int(item.value ?? ""), (1...DuesAPI.maxPerPage).contains(n) { perPage = n } else { invalid.append("per_page") }
            case "annee":
                if let y = LegalStatisticsController.year(item.value) { year = y } else { invalid.append("annee") }
            default:
                invalid.append(item.name)
            }
        }
        guard invalid.isEmpty else {
            throw Abort(.badRequest, reason: "\(invalid.count == 1 ? "Paramètre invalide" : "Paramètres invalides") : \(invalid.joined(separator: ", ")).")
        }
        return (page, perPage, year)
    }
}

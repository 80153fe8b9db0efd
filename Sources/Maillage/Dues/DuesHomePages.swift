import Foundation
import MaillageCore

/// The dues home (`/cotisations`) of a year: what the person may do, role by role, each link
/// from `req.link(to:)` (a link the person may not follow is left out).
struct DuesHomePage: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        let label: String
        let href: String
        let note: String?
    }
    typealias Year = YearLink
    /// One of a member's calls.
    struct Call: Encodable, Sendable {
        let number: String
        let href: String?
        let name: String
        let issuedOn: String
        let dueOn: String
        let total: String
        let outstanding: String
        let status: String
        let statusCode: String
    }
    /// One of a member's bases to declare, or its mandate.
    struct MemberItem: Encodable, Sendable {
        let name: String
        let text: String
        let href: String?
        let linkLabel: String
    }

    let year: Int
    let heading: String
    let intro: String
    let years: [Year]?
    /// National admins.
    let admin: [Link]?
    /// Regional delegates.
    let delegate: [Link]?
    let delegateTitle: String?
    /// Member managers.
    let calls: [Call]?
    let callsEmpty: String?
    let bases: [MemberItem]?
    let mandates: [MemberItem]?
    let isMember: Bool

    static func euros(_ m: Money) -> String { FrenchFormat.euros(cents: m.cents) }
}

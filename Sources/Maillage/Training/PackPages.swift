import Foundation

/// `/formations/parcours/:packID`: the pack's courses in order.
struct PackPage: Encodable, Sendable {
    struct Course: Encodable, Sendable {
        let position: String
        let code: String
        let title: String
        let href: String?
        let duration: String
        let price: String
        let inactive: Bool
    }

    let catalogueHref: String?
    let code: String
    let title: String
    let description: [String]?
    let badges: [String]
    let inactive: Bool
    let courses: [Course]
    let totalDuration: String
    let editHref: String?
}

/// The pack editor (new and edit).
struct PackFormPage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }

    let heading: String
    let catalogueHref: String?
    let action: String?
    let cancelHref: String?
    var form: [String: String]
    var errors: FieldErrors
    let visibilities: [Option]
    let active: Bool
    let submitLabel: String
}

import Foundation

/// Where a member's base for one type stands in its year: prefilled (from the Observatory or
/// the no-base rule, nothing stored), declared or confirmed by the member, corrected by the delegation.
enum DuesBaseState: String, Sendable, Hashable, CaseIterable {
    case prefilled, declared, confirmed, corrected

    init(_ source: BaseSource) {
        switch source {
        case .declared: self = .declared
        case .confirmed: self = .confirmed
        case .corrected: self = .corrected
        case .observatory, .lastYear, .none: self = .prefilled
        }
    }
}

enum DuesBaseAction: String, Sendable, Hashable, CaseIterable {
    /// The member keeps the prefilled figure.
    case confirm
    /// The member gives another figure.
    case declare
    /// The delegation (or a national admin) sets the figure, with a reason.
    case correct

    /// Members declare and confirm until the grid's declaration deadline; a correction stays
    /// possible after it (the delegation fixes what was late or wrong).
    var needsOpenDeclaration: Bool { self != .correct }
}

/// The steps of a base (issue #11 item 3), checked by `DuesBaseService.change`. Every step is
/// refused once the member's call of the year is issued: its base no longer changes.
enum DuesBaseWorkflow {
    /// A corrected base is the delegation's: the member cannot overwrite it by a declaration.
    static let table = Workflow<DuesBaseState, DuesBaseAction>([
        Transition(action: .confirm, from: [.prefilled, .declared, .confirmed], to: .confirmed, by: [.manager], records: "Confirmation"),
        Transition(action: .declare, from: [.prefilled, .declared, .confirmed], to: .declared, by: [.manager], records: "Déclaration"),
        Transition(action: .correct, from: Set(DuesBaseState.allCases), to: .corrected, by: [.delegate, .nationalAdmin], records: "Correction"),
    ])
}

import Foundation
import MaillageCore

/// `/qualite/structures/:s/plan-actions`: the open actions of every year (carried), those done
/// or dropped this year, the year's progress, a form to change each one's status and a form to add one.
struct ActionPlanPage: Encodable, Sendable {
    struct Option: Encodable, Sendable { let value: String; let label: String; let selected: Bool }
    struct Line: Encodable, Sendable {
        let id: String
        let axis: String
        let title: String
        let owner: String
        let due: String
        let late: Bool
        /// « Reportée de 2024 » for an action carried from an earlier year.
        let carried: String?
        let status: String
        let statusLabel: String
        let doneOn: String?
        let updateHref: String
        let version: String
        let statuses: [Option]
    }

    let heading: String
    let year: Int
    let structureName: String
    let qualityHref: String?
    let assessmentHref: String?
    let progress: String
    let open: [Line]
    let closed: [Line]
    let createHref: String
    let axes: [Option]
    let form: [String: String]
    let errors: FieldErrors
    let notice: String?

    static func make(structureName: String, structureID: UUID, year: Int, today: Day, actions: [CapAction], qualityHref: String?,
                     assessmentHref: String?, form: [String: String], errors: FieldErrors, notice: String?) -> ActionPlanPage {
        func line(_ a: CapAction) -> Line {
            let status = a.statusValue
            let isOpen = status == .planned || status == .inProgress
            let due = a.dueOnValue
            return Line(
                id: a.id!.uuidString, axis: a.axisValue.label, title: a.title, owner: a.owner.isEmpty ? "—" : a.owner,
                due: due.map(\.french) ?? "—", late: isOpen && due.map { $0 < today } == true,
                carried: a.createdYear < year ? "Reportée de \(a.createdYear)" : nil,
                status: status.rawValue, statusLabel: status.label, doneOn: a.doneOn.map { FrenchFormat.date($0) },
                updateHref: QualityURL.updateAction(structureID, a.id!).path, version: String(a.version),
                statuses: CapActionStatus.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == status) })
        }
        let order: (CapAction, CapAction) -> Bool = { x, y in
            (x.dueOn ?? "9999", FrenchSortKey(x.title)) < (y.dueOn ?? "9999", FrenchSortKey(y.title))
        }
        let open = actions.filter { [.planned, .inProgress].contains($0.statusValue) }.sorted(by: order)
        let closed = actions.filter { [.done, .dropped].contains($0.statusValue) }.sorted(by: order)
        return ActionPlanPage(
            heading: "Plan d'actions CAP — \(structureName)", year: year, structureName: structureName, qualityHref: qualityHref,
            assessmentHref: assessmentHref, progress: ActionPlanService.progress(actions), open: open.map(line), closed: closed.map(line),
            createHref: QualityURL.createAction(structureID).path,
            axes: CapAxis.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["action_axis"]) },
            form: form, errors: errors, notice: notice)
    }
}

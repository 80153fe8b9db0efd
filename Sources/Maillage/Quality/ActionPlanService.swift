import Fluent
import Foundation
import MaillageCore

/// A new action as typed: axis, title (≤ 200), owner (≤ 120, optional), due date (dd/mm/yyyy, optional).
struct ActionInput: Sendable, Equatable {
    let axis: CapAxis
    let title: String
    let owner: String
    let due: Day?

    static let fields = ["action_axis", "action_title", "action_owner", "action_due"]

    static func parse(_ values: [String: String], currentYear: Int) -> Result<ActionInput, FormRefusal> {
        var errors = FieldErrors()
        func text(_ key: String) -> String { (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let axis = CapAxis(rawValue: text("action_axis"))
        if axis == nil { errors.add("action_axis", "Choisissez l'axe de l'action.") }
        let title = text("action_title"), owner = text("action_owner")
        if let r = MemberFields.controlRefusal(title, label: "L'intitulé") { errors.add("action_title", r.message) }
        else if title.isEmpty { errors.add("action_title", "Décrivez l'action.") }
        else if title.count > 200 { errors.add("action_title", "L'intitulé ne peut pas dépasser 200 caractères.") }
        if let r = MemberFields.controlRefusal(owner, label: "Le responsable") { errors.add("action_owner", r.message) }
        else if owner.count > 120 { errors.add("action_owner", "Le responsable ne peut pas dépasser 120 caractères.") }
        var due: Day? = nil
        let dueText = text("action_due")
        if !dueText.isEmpty {
            if let iso = FrenchFormat.parseDay(String(dueText.prefix(20))), let day = Day(iso: iso) {
                if (2000...currentYear + 1).contains(day.year) { due = day }
                else { errors.add("action_due", "L'échéance doit tomber entre 2000 et \(currentYear + 1).") }
            } else { errors.add("action_due", "Saisissez une date au format jj/mm/aaaa.") }
        }
        guard errors.isEmpty, let axis else { return .failure(FormRefusal(errors: errors)) }
        return .success(ActionInput(axis: axis, title: title, owner: owner, due: due))
    }
}

/// Why a change of an action's status was refused.
enum ActionRefusal: Error, Sendable {
    case stale
    case unknownStatus

    var message: String {
        switch self {
        case .stale: "Cette action a été modifiée entre-temps par une autre personne : rien n'est enregistré. Voici le plan tel qu'il est."
        case .unknownStatus: "Choisissez un état de la liste."
        }
    }
}

/// Writes a structure's action plan: a new action, a change of status (version checked), each with
/// its journal entry (`cap.action.create`, `cap.action.update`) in one transaction. An action done
/// or dropped keeps the day it was closed, so the year's progress counts it.
enum ActionPlanService {
    static func create(_ input: ActionInput, structure: Structure, today: Day, by actor: CurrentUser, on db: any Database) async throws -> CapAction {
        let sid = try structure.requireID()
        return try await db.writeTransaction { tx in
            let action = CapAction(structureID: sid, axis: input.axis, title: input.title, owner: input.owner, dueOn: input.due, createdYear: today.year)
            try await action.create(on: tx)
            try await Audit.record(.create, "cap.action.create", id: try action.requireID().uuidString,
                                   summary: "Action ajoutée au plan de \(structure.name) : \(input.title)", after: snapshot(action), actor: actor, on: tx)
            return action
        }
    }

    static func setStatus(_ id: UUID, structure: Structure, status: CapActionStatus, version: Int?, today: Day, by actor: CurrentUser,
                          on db: any Database) async throws -> Result<CapAction, ActionRefusal> {
        let sid = try structure.requireID()
        return try await db.writeTransaction { tx in
            try await RowLock.lock(CapAction.schema, id, on: tx)
            guard let action = try await CapAction.query(on: tx).filter(\.$id == id).filter(\.$structure.$id == sid).first() else {
                return .failure(.stale)
            }
            guard let version, version == action.version else { return .failure(.stale) }
            let before = snapshot(action)
            if action.status != status.rawValue {
                action.status = status.rawValue
                action.doneOn = [.done, .dropped].contains(status) ? today.iso : nil
            }
            action.version += 1
            try await action.save(on: tx)
            try await Audit.record(.update, "cap.action.update", id: id.uuidString,
                                   summary: "Action du plan de \(structure.name) : \(action.title) — \(status.label.lowercased())",
                                   before: before, after: snapshot(action), actor: actor, on: tx)
            return .success(action)
        }
    }

    /// The actions the plan shows in `year`: every open one (carried from earlier years), and those
    /// done or dropped during the year.
    static func plan(of structure: UUID, year: Int, on db: any Database) async throws -> [CapAction] {
        try await CapAction.query(on: db).filter(\.$structure.$id == structure).all().filter { a in
            switch a.statusValue {
            case .planned, .inProgress: true
            case .done, .dropped: a.doneOn.flatMap(Day.init(iso:))?.year == year
            }
        }
    }

    /// « 3 actions réalisées sur 7 »: done this year over the year's plan, dropped actions left out.
    static func progress(_ actions: [CapAction]) -> String {
        let counted = actions.filter { $0.statusValue != .dropped }
        let done = counted.filter { $0.statusValue == .done }.count
        return "\(FrenchFormat.plural(done, "action réalisée", "actions réalisées")) sur \(FrenchFormat.integer(counted.count))"
    }

    static func snapshot(_ a: CapAction) -> [String: String] {
        ["structure": a.$structure.id.uuidString, "axe": a.axis, "titre": a.title, "responsable": a.owner, "echeance": a.dueOn ?? "",
         "statut": a.status, "annee": String(a.createdYear), "fait_le": a.doneOn ?? ""]
    }
}

import Fluent
import Foundation
import MaillageCore

/// Records a delegation's intervention days (`support.days.create`), in one transaction. A
/// delegate records only for their delegation, and only about structures and supports of it;
/// a national admin for any delegation that existed that year. Everything is checked here, not
/// trusted from the form: a forged delegation, structure or support id is refused (403 outside
/// the person's delegation, 422 otherwise) and nothing is written.
enum InterventionDayService {
    static let notYours = "Vous ne saisissez des journées que pour votre délégation."
    static let structureNotYours = "Cette structure n'est pas dans votre délégation."

    /// - Parameters:
    ///   - map: today's delegation map (what the person's relation to a structure is computed on).
    static func record(_ input: DayInput, by actor: CurrentUser, map: NetworkMap,
                       on db: any Database) async throws -> Result<InterventionDay, SupportRefusal> {
        try await db.writeTransaction { tx in
            let scope = SupportAccess.delegationScope(actor)
            guard let delegation = try await Delegation.find(input.delegationID, on: tx) else {
                return .failure(scope == nil ? .form("day_delegation", "Choisissez une délégation de la liste.")
                                             : .outOfScope("day_delegation", notYours))
            }
            let delegationID = try delegation.requireID()
            guard SupportAccess.inScope(delegationID, scope) else { return .failure(.outOfScope("day_delegation", notYours)) }
            let year = input.day.year
            guard delegation.validFrom <= year, delegation.validTo.map({ $0 >= year }) ?? true else {
                return .failure(.form("day_on", "La délégation \(delegation.name) n'existait pas en \(year) : vérifiez la date."))
            }
            // The support, of this delegation.
            var support: MemberSupport?
            if let id = input.supportID {
                guard let s = try await MemberSupport.find(id, on: tx) else {
                    return .failure(.form("day_support", "Ce suivi n'existe pas : choisissez-en un de la liste."))
                }
                guard SupportAccess.inScope(s.$delegation.id, scope) else {
                    return .failure(.outOfScope("day_support", "Ce suivi n'est pas un suivi de votre délégation."))
                }
                guard s.$delegation.id == delegationID else {
                    return .failure(.form("day_support", "Ce suivi est celui d'une autre délégation que \(delegation.name)."))
                }
                support = s
            }
            // The structure, typed or the support's, in the delegation.
            var structure: Structure?
            if !input.structure.isEmpty {
                switch try await SessionInput.findStructure(input.structure, on: tx) {
                case .success(let id): structure = try await Structure.find(id, on: tx)
                case .failure(let refusal):
                    return .failure(.form("day_structure", refusal.errors["session_structure"] ?? "Structure introuvable."))
                }
            } else if let support {
                structure = try await Structure.find(support.$structure.id, on: tx)
            }
            if let structure {
                let structureID = try structure.requireID()
                if let support, support.$structure.id != structureID {
                    return .failure(.form("day_support", "Ce suivi est celui d'une autre structure."))
                }
                guard Policy.allows(.supervise, actor, on: structure, map: map) else {
                    return .failure(.outOfScope("day_structure", structureNotYours))
                }
                let then = year == map.year ? map : try await NetworkMap.load(on: tx, year: year)
                guard then.delegation(ofDepartment: structure.departmentCode)?.delegationID == delegationID else {
                    return .failure(.form("day_structure", "Cette structure n'est pas dans la délégation \(delegation.name) en \(year)."))
                }
            }
            let day = InterventionDay(delegationID: delegationID, on: input.day, kind: input.kind, halfDays: input.halfDays,
                                      structureID: try structure?.requireID(), supportID: try support?.requireID(),
                                      note: input.note, recordedBy: actor.id)
            try await day.create(on: tx)
            try await Audit.record(.create, "support.days.create", id: try day.requireID().uuidString,
                                   summary: "\(SupportFigures.daysText(input.halfDays)) de « \(input.kind.label.lowercased()) » le \(input.day.french) (\(delegation.name))",
                                   after: snapshot(day), actor: actor, on: tx)
            return .success(day)
        }
    }

    static func snapshot(_ d: InterventionDay) -> [String: String] {
        ["delegation": d.$delegation.id.uuidString, "date": d.onDay, "nature": d.kind, "demi_journees": String(d.halfDays),
         "structure": d.$structure.id?.uuidString ?? "", "suivi": d.$support.id?.uuidString ?? "", "note": d.note]
    }
}

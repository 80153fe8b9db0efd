import Foundation
import MaillageCore

/// What the person running a member import may write, line by line: the rules of the
/// structure form, so that opening the import to another role one day cannot widen
/// anyone's reach. Today only national admins and the command line (`actor == nil`)
/// import, and they may write everywhere.
struct ImportRights {
    let actor: CurrentUser?
    let map: NetworkMap

    /// The line creates or updates a structure the person may not touch.
    func problems(_ row: MemberRow, stored: Structure?) -> [String] {
        guard let actor, !actor.isNationalAdmin else { return [] }
        if let stored, !Policy.allows(.supervise, actor, on: stored, map: map) {
            return ["Cette structure (SIRET \(row.siret.digits)) relève d'une autre délégation : vous ne pouvez pas la modifier."]
        }
        if !Policy.allows(.supervise, actor, inDepartment: row.department, map: map) {
            return ["Département \(row.department) : hors de votre délégation."]
        }
        return []
    }

    /// Why the line's `siret_ges` may not be applied (`GESLink`), the GES being in the
    /// register or a line of the same file; the file's line wins, as it is what will be saved.
    func gesProblem(_ row: MemberRow, parent siret: SIRET, stored: [String: Structure], inFile: [String: MemberRow]) -> String? {
        let registered = stored[siret.digits]
        let line = inFile[siret.digits]
        guard registered != nil || line != nil else {
            return "SIRET du GES inconnu : aucun GES adhérent n'a le SIRET \(siret.digits)."
        }
        let parent = GESLink.Parent(siret: siret, registered: registered, line: line)
        let child = GESLink.Child(siret: row.siret, departmentCode: row.department, stored: stored[row.siret.digits])
        return GESLink.problem(child, to: parent, by: actor, map: map)
    }

    /// May a message name this structure (a probable duplicate): not when it is out of sight.
    func mayName(_ structure: Structure) -> Bool {
        guard let actor else { return true }
        return Policy.allows(.seeStructure, actor, on: structure, map: map)
    }
}

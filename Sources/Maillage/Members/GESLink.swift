import Foundation
import MaillageCore

/// Who may attach a structure to a GES. The link opens the structure's register page,
/// survey answers and benchmark to the GES's managers, so it is decided here only, for
/// the structure form (`ges_parent_siret`) and the member import (`siret_ges`) alike.
enum GESLink {
    /// The structure being attached, as the form or the file line would save it.
    struct Child {
        /// nil while the form's SIRET is still wrong.
        let siret: SIRET?
        /// Its department after the change.
        let departmentCode: String
        /// The register's record, nil for a new structure.
        let stored: Structure?
    }

    /// The GES it would belong to: from the register, or a new GES of the same import file.
    struct Parent {
        let siret: SIRET
        let id: UUID?
        let name: String
        let departmentCode: String
        let isGES: Bool

        /// The GES named `siret`, in the register or on a line of the same import file; the
        /// line wins, as it is what will be saved.
        init(siret: SIRET, registered: Structure?, line: MemberRow?) {
            self.siret = siret
            id = registered?.id
            name = line?.name ?? registered?.name ?? ""
            departmentCode = line?.department ?? registered?.departmentCode ?? ""
            isGES = line.map { $0.types.contains(.ges) } ?? registered?.types.contains(.ges) ?? false
        }
    }

    /// Why `user` may not attach `child` to `parent`, in French, or nil when they may.
    /// - A national admin, or the command line (`user == nil`, the server's operator),
    ///   may attach any structure to any GES, across delegations.
    /// - Anyone else, whatever their roles, only to a GES they may edit themselves and
    ///   that lies in the structure's own delegation.
    /// - A link already in the register is kept as it is (an admin may have made it
    ///   across delegations) while neither the GES nor the structure's department changes,
    ///   so a delegate can still correct the structure's address.
    static func problem(_ child: Child, to parent: Parent, by user: CurrentUser?, map: NetworkMap) -> String? {
        if parent.siret == child.siret || (parent.id != nil && parent.id == child.stored?.id) {
            return "Une structure ne peut pas être son propre GES."
        }
        if let user, !user.isNationalAdmin, !isUnchanged(child, parent) {
            // Checked before naming the GES: one outside the person's delegation stays anonymous.
            let delegation = map.delegation(ofDepartment: parent.departmentCode)?.delegationID
            let sameDelegation = delegation != nil && delegation == map.delegation(ofDepartment: child.departmentCode)?.delegationID
            guard Policy.allows(.supervise, user, inDepartment: parent.departmentCode, map: map), sameDelegation else {
                return "Ce GES relève d'une autre délégation : seul un administrateur national peut y rattacher une structure."
            }
        }
        if !parent.isGES { return "« \(parent.name) » n'est pas un GES." }
        return nil
    }

    private static func isUnchanged(_ child: Child, _ parent: Parent) -> Bool {
        guard let stored = child.stored, let id = parent.id else { return false }
        return stored.$gesParent.id == id && stored.departmentCode == child.departmentCode
    }
}

import Foundation
import MaillageCore

/// What an update line changes, field by field, as the preview shows it (issue #9: a rename
/// and a retype went through as « 1 structure à mettre à jour »). Sensitive, to be confirmed:
/// the name, the SIRET's structure (the line names another structure of the register), the
/// types, the department (and so the delegation), the GES.
extension MemberImporter {
    static func changes(_ s: Structure, _ row: MemberRow, _ register: Register, inFile: [String: MemberRow]) -> [FieldChange] {
        var fields: [FieldChange] = []
        func add(_ field: String, _ label: String, _ old: String?, _ new: String?, sensitive: Bool = false) {
            fields.append(FieldChange(field: field, label: label, old: old, new: new, sensitive: sensitive))
        }
        if s.name != row.name {
            add("name", "Nom", s.name, row.name, sensitive: true)
            // The file names, under this SIRET, another structure of the register.
            if let twin = register.byNameCommune[nameKey(row.name, row.commune)], twin.id != s.id {
                add("siret", "Structure du SIRET \(s.siret)", s.name,
                    "\(twin.name), enregistrée sous le SIRET \(twin.siret)", sensitive: true)
            }
        }
        if s.types != row.types { add("types", "Types", typeNames(s.types), typeNames(row.types), sensitive: true) }
        if s.commune != row.commune { add("commune", "Commune", s.commune, row.commune) }
        if s.departmentCode != row.department {
            add("department", "Département et délégation", department(s.departmentCode, register.map),
                department(row.department, register.map), sensitive: true)
        }
        if let address = row.address, address != s.address { add("address", "Adresse", s.address, address) }
        if let code = row.postalCode, code != s.postalCode { add("postal_code", "Code postal", s.postalCode, code) }
        if let site = row.website, site != s.website { add("website", "Site web", s.website, site) }
        if let parent = row.gesParentSiret {
            let registered = register.bySiret[parent.digits]
            if registered == nil || registered?.id != s.$gesParent.id {
                let old = s.$gesParent.id.flatMap { register.byID[$0] }
                let newName = registered?.name ?? inFile[parent.digits]?.name ?? parent.digits
                add("ges_parent", "GES", old.map(\.name), newName, sensitive: true)
            }
        }
        if let m = register.openByStructure[s.id!] {
            if m.membershipStatus != row.status {
                add("status", "Statut d'adhésion", m.membershipStatus?.label ?? m.status, row.status.label)
            }
            if let joined = row.joinedDay, joined != m.joined {
                add("joined_on", "Date d'adhésion", m.joined?.french ?? m.joinedOn, joined.french)
            }
        }
        return fields
    }

    /// « Association intermédiaire, Atelier et chantier d'insertion ».
    static func typeNames(_ types: [StructureType]) -> String {
        types.sorted().map(\.label).joined(separator: ", ")
    }

    /// « 44 — Pays de la Loire »: the department with the delegation it belongs to.
    static func department(_ code: String, _ map: NetworkMap) -> String {
        map.delegation(ofDepartment: code).map { "\(code) — délégation \($0.name)" } ?? code
    }
}

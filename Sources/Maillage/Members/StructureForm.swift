import Fluent
import Foundation
import MaillageCore
import Vapor

/// The create/edit form of a structure: every field kept as typed, every problem reported at once.
struct StructureForm: Content, Sendable {
    var name: String?
    var siret: String?
    var address: String?
    var postal_code: String?
    var commune: String?
    var department: String?
    var types: [String]?
    var website: String?
    var ges_parent_siret: String?
    // first membership, on creation only
    var status: String?
    var joined_on: String?

    init() {}

    init(_ s: Structure, gesParentSiret: String?) {
        name = s.name
        siret = SIRET(s.siret)?.formatted ?? s.siret
        address = s.address
        postal_code = s.postalCode
        commune = s.commune
        department = s.departmentCode
        types = s.types.map(\.rawValue)
        website = s.website
        ges_parent_siret = gesParentSiret
    }

    /// What the form saves: the register fields and, on creation, the first membership.
    struct Clean: Sendable {
        var structure: StructureDraft
        var status: MembershipStatus
        var joined: Day
    }

    /// Validates against the database too (unique SIRET, GES parent), excluding `editing` itself.
    /// Every text is bounded here, where it enters (`MemberFields`, `WebAddress`).
    func validate(editing: Structure?, user: CurrentUser, map: NetworkMap, on db: any Database)
        async throws -> (Clean?, FieldErrors)
    {
        var errors = FieldErrors()
        let name = Self.boundedText(self.name, "name", "Le nom", MemberFields.nameMax, &errors)
        if name?.isEmpty == true { errors.add("name", "Le nom est obligatoire.") }
        let siret = SIRET(trimmed(self.siret))
        if let problem = SIRET.problem(trimmed(self.siret)) {
            errors.add("siret", problem)
        } else if let siret, let other = try await Structure.query(on: db).filter(\.$siret == siret.digits).first(),
                  other.id != editing?.id {
            errors.add("siret", "Ce SIRET est déjà celui de « \(other.name) ».")
        }
        let parsedTypes = (types ?? []).compactMap { StructureType(rawValue: $0) }
        if parsedTypes.isEmpty { errors.add("types", "Cochez au moins un type de structure.") }
        if parsedTypes.count != (types ?? []).count { errors.add("types", "Type de structure inconnu.") }
        let address = Self.boundedText(self.address, "address", "L'adresse", MemberFields.addressMax, &errors)
        let commune = Self.boundedText(self.commune, "commune", "La commune", MemberFields.communeMax, &errors)
        if commune?.isEmpty == true { errors.add("commune", "La commune est obligatoire.") }
        let department = Departments.normalize(trimmed(self.department))
        if department == nil {
            errors.add("department", "Choisissez un département.")
        } else if let department, !Policy.allows(.supervise, user, inDepartment: department, map: map) {
            errors.add("department", "Ce département n'est pas dans votre délégation.")
        }
        let postal = trimmed(postal_code)
        if !postal.isEmpty, !(postal.count == 5 && postal.allSatisfy(\.isASCIIDigit)) {
            errors.add("postal_code", "Le code postal doit compter 5 chiffres.")
        }
        var website: String? = nil
        if !trimmed(self.website).isEmpty {
            switch WebAddress.check(trimmed(self.website)) {
            case .success(let address): website = address
            case .failure(let refusal): errors.add("website", refusal.message)
            }
        }
        let gesParentID = try await gesParent(siret: siret, department: department, editing: editing, user: user, map: map,
                                              errors: &errors, on: db)
        var status = MembershipStatus.active
        var joined = Day.today()
        if editing == nil {
            if let raw = self.status, !raw.isEmpty {
                if let s = MembershipStatus.parse(raw) { status = s } else { errors.add("status", "Statut inconnu.") }
            }
            if let raw = joined_on, !trimmed(raw).isEmpty {
                if let d = Day(typed: trimmed(raw)) {
                    if MemberFields.isInRange(d) { joined = d }
                    else { errors.add("joined_on", Self.dateOutOfRange) }
                } else {
                    errors.add("joined_on", "Date invalide (attendu : JJ/MM/AAAA).")
                }
            }
        }
        guard errors.isEmpty, let siret, let name, let commune, let department else { return (nil, errors) }
        let draft = StructureDraft(siret: siret, name: name, types: parsedTypes, address: address.flatMap { $0.isEmpty ? nil : $0 },
                                   postalCode: nilIfEmpty(postal), commune: commune, department: department, website: website,
                                   gesParentID: gesParentID)
        return (Clean(structure: draft, status: status, joined: joined), errors)
    }

    static let dateOutOfRange = "La date doit être comprise entre \(MemberFields.years.lowerBound) et \(MemberFields.years.upperBound)."

    /// The GES named by `ges_parent_siret`, if the person may attach the structure to it (`GESLink`).
    private func gesParent(siret: SIRET?, department: String?, editing: Structure?, user: CurrentUser, map: NetworkMap,
                           errors: inout FieldErrors, on db: any Database) async throws -> UUID? {
        let raw = trimmed(ges_parent_siret)
        guard !raw.isEmpty else { return nil }
        guard let gs = SIRET(raw), let parent = try await Structure.query(on: db).filter(\.$siret == gs.digits).first() else {
            errors.add("ges_parent_siret", "Aucun GES adhérent n'a ce SIRET.")
            return nil
        }
        // Without a department the delegation rule cannot be read: that field's error comes first.
        guard let department else { return nil }
        let child = GESLink.Child(siret: siret, departmentCode: department, stored: editing)
        if let problem = GESLink.problem(child, to: GESLink.Parent(siret: gs, registered: parent, line: nil), by: user, map: map) {
            errors.add("ges_parent_siret", problem)
            return nil
        }
        return parent.id
    }

    /// A bounded text (`MemberFields.text`), its problem reported on `field`.
    private static func boundedText(_ raw: String?, _ field: String, _ label: String, _ max: Int, _ errors: inout FieldErrors) -> String? {
        switch MemberFields.text(raw ?? "", label: label, max: max) {
        case .success(let text): return text
        case .failure(let refusal): errors.add(field, refusal.message); return nil
        }
    }
}

private func trimmed(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
private func nilIfEmpty(_ s: String?) -> String? { let t = trimmed(s); return t.isEmpty ? nil : t }

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

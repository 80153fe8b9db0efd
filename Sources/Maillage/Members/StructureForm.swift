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

    struct Clean: Sendable {
        var siret: SIRET
        var name: String
        var types: [StructureType]
        var address: String?
        var postalCode: String?
        var commune: String
        var department: String
        var website: String?
        var gesParentID: UUID?
        var status: MembershipStatus
        var joinedOn: String
    }

    /// Validates against the database too (unique SIRET, GES parent), excluding `editing` itself.
    func validate(editing: Structure?, user: CurrentUser, map: NetworkMap, on db: any Database)
        async throws -> (Clean?, FieldErrors)
    {
        var errors = FieldErrors()
        let name = trimmed(self.name)
        if name.isEmpty { errors.add("name", "Le nom est obligatoire.") }
        if name.count > 200 { errors.add("name", "Le nom ne doit pas dépasser 200 caractères.") }
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
        let commune = trimmed(self.commune)
        if commune.isEmpty { errors.add("commune", "La commune est obligatoire.") }
        let department = Departments.normalize(trimmed(self.department))
        if department == nil {
            errors.add("department", "Choisissez un département.")
        } else if let department, !Policy.canManage(department: department, by: user, map: map) {
            errors.add("department", "Ce département n'est pas dans votre délégation.")
        }
        let postal = trimmed(postal_code)
        if !postal.isEmpty, !(postal.count == 5 && postal.allSatisfy(\.isASCIIDigit)) {
            errors.add("postal_code", "Le code postal doit compter 5 chiffres.")
        }
        let site = trimmed(website)
        if !site.isEmpty, !StructureForm.isWebsite(site) {
            errors.add("website", "L'adresse du site doit commencer par http:// ou https:// (ex. https://exemple.fr).")
        }
        var gesParentID: UUID? = nil
        let gesRaw = trimmed(ges_parent_siret)
        if !gesRaw.isEmpty {
            if let gs = SIRET(gesRaw), let parent = try await Structure.query(on: db).filter(\.$siret == gs.digits).first() {
                if parent.id == editing?.id { errors.add("ges_parent_siret", "Une structure ne peut pas être son propre GES.") }
                else if !parent.types.contains(.ges) { errors.add("ges_parent_siret", "« \(parent.name) » n'est pas un GES.") }
                else { gesParentID = parent.id }
            } else {
                errors.add("ges_parent_siret", "Aucun GES adhérent n'a ce SIRET.")
            }
        }
        var status = MembershipStatus.active
        var joinedOn = FrenchFormat.parseDay(Self.today()) ?? "2026-01-01"
        if editing == nil {
            if let raw = self.status, !raw.isEmpty {
                if let s = MembershipStatus.parse(raw) { status = s } else { errors.add("status", "Statut inconnu.") }
            }
            if let raw = joined_on, !trimmed(raw).isEmpty {
                if let d = FrenchFormat.parseDay(trimmed(raw)) { joinedOn = d }
                else { errors.add("joined_on", "Date invalide (attendu : JJ/MM/AAAA).") }
            }
        }
        guard errors.isEmpty, let siret, let department else { return (nil, errors) }
        return (Clean(siret: siret, name: name, types: parsedTypes, address: nilIfEmpty(address), postalCode: nilIfEmpty(postal),
                      commune: commune, department: department, website: nilIfEmpty(site), gesParentID: gesParentID,
                      status: status, joinedOn: joinedOn), errors)
    }

    static func isWebsite(_ s: String) -> Bool {
        guard s.count <= 300, let url = URL(string: s), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, host.contains(".") else { return false }
        return !s.contains(" ")
    }

    static func today() -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Paris")!, from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

private func trimmed(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
private func nilIfEmpty(_ s: String?) -> String? { let t = trimmed(s); return t.isEmpty ? nil : t }

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Structure {
    func apply(_ c: StructureForm.Clean) {
        siret = c.siret.digits
        name = c.name
        types = c.types
        address = c.address
        postalCode = c.postalCode
        commune = c.commune
        departmentCode = c.department
        website = c.website
        $gesParent.id = c.gesParentID
        refreshSearchText()
    }
}

import Foundation
import MaillageCore

/// Page models of the structure pages: what the templates show, formatted the French way.
struct SelectOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}

struct StructureFormPage: Encodable, Sendable {
    let heading: String
    let action: String
    let cancel: String
    let isNew: Bool
    let form: StructureForm
    let typeOptions: [SelectOption]
    let departmentOptions: [SelectOption]
    let statusOptions: [SelectOption]
    let errors: FieldErrors

    init(heading: String, action: String, cancel: String, isNew: Bool, form: StructureForm, errors: FieldErrors, departments: [Department]) {
        self.heading = heading
        self.action = action
        self.cancel = cancel
        self.isNew = isNew
        self.form = form
        self.errors = errors
        let chosen = Set(form.types ?? [])
        typeOptions = StructureType.allCases.map { SelectOption(value: $0.rawValue, label: "\($0.shortLabel) — \($0.label)", selected: chosen.contains($0.rawValue)) }
        let dep = Departments.normalize(form.department ?? "") ?? form.department
        departmentOptions = departments.map { SelectOption(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == dep) }
        statusOptions = MembershipStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (form.status ?? "actif")) }
    }
}

struct StructurePage: Encodable, Sendable {
    struct Period: Encodable, Sendable {
        let status: String
        let joinedOn: String
        let leftOn: String?
        let reason: String?
        let edit: String?
        let close: String?
    }
    struct Link: Encodable, Sendable {
        let name: String
        let href: String
    }

    let id: UUID
    let name: String
    let siret: String
    let types: [String]
    let address: String?
    let postalCode: String?
    let commune: String
    let department: String
    let delegation: String?
    let website: String?
    /// Set only for an http(s) address (`WebAddress.link`): any other stored value is shown as text.
    let websiteHref: String?
    let status: String
    let gesParent: Link?
    /// nil when there are none (Leaf treats an empty array as true).
    let entities: [Link]?
    let periods: [Period]
    let canEdit: Bool
    let editHref: String
    let newMembershipHref: String?
    let auditHref: String?
}

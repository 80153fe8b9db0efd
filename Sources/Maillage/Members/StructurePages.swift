import Foundation
import MaillageCore

/// Page models of the structure pages: what the templates show, formatted the French way.
struct SelectOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// A typed value of a page model, encoded as the text the page shows ("Associé", "23/11/2026"):
/// the handler keeps the type, the template gets the French text.
struct Shown<Value: Sendable>: Encodable, Sendable {
    let value: Value
    let text: String

    init(_ value: Value, _ text: String) {
        self.value = value
        self.text = text
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

extension Shown where Value == DirectoryStatus {
    init(_ status: DirectoryStatus) { self.init(status, status.label) }
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
        let status: Shown<MembershipStatus?>
        let joinedOn: Shown<Day?>
        let leftOn: Shown<Day?>?
        let reason: String?
        let edit: String?
        let close: String?

        /// A value written outside the application is shown as it is stored rather than hidden.
        init(_ m: Membership, edit: String?, close: String?) {
            status = Shown(m.membershipStatus, m.membershipStatus?.label ?? m.status)
            joinedOn = Shown(m.joined, m.joined?.french ?? m.joinedOn)
            leftOn = m.leftOn.map { Shown(m.left, m.left?.french ?? $0) }
            reason = m.leaveReason
            self.edit = edit
            self.close = close
        }
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
    let status: Shown<DirectoryStatus>
    let gesParent: Link?
    /// nil when there are none (Leaf treats an empty array as true).
    let entities: [Link]?
    let periods: [Period]
    let canEdit: Bool
    let editHref: String
    let newMembershipHref: String?
    let auditHref: String?
    /// Quality (issue #14): labels held, lapsed certifications, the quality page's link; nil when there is nothing to say.
    var quality: QualityStructureSummary.Section? = nil
}

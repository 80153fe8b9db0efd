import Fluent
import Foundation
import MaillageCore

/// A member structure (adhérent): one legal entity, identified by its SIRET.
final class Structure: Model, @unchecked Sendable {
    static let schema = "structures"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "siret") var siret: String
    @Field(key: "name") var name: String
    /// Types as `,AI,ACI,`: padded so that `LIKE '%,AI,%'` filters exactly without a join.
    @Field(key: "types") var typesText: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "postal_code") var postalCode: String?
    @Field(key: "commune") var commune: String
    @Field(key: "department_code") var departmentCode: String
    @OptionalField(key: "website") var website: String?

    /// Summary of the membership history, kept by `MembershipSummary.refresh`:
    /// the directory filters and sorts on it without reading every period.
    @Field(key: "status") var status: String
    @OptionalField(key: "joined_on") var joinedOn: String?
    @OptionalField(key: "left_on") var leftOn: String?
    /// Lower-case, accent-free name, SIRET and commune: one portable `LIKE` for the search box.
    @Field(key: "search_text") var searchText: String

    // relationships
    @OptionalParent(key: "ges_parent_id") var gesParent: Structure?
    @Children(for: \.$structure) var memberships: [Membership]

    init() {}

    var types: [StructureType] {
        get { typesText.split(separator: ",").compactMap { StructureType(rawValue: String($0)) }.sorted() }
        set { typesText = Structure.encodeTypes(newValue) }
    }

    func refreshSearchText() {
        searchText = Structure.searchKey("\(name) \(siret) \(commune) \(postalCode ?? "")")
    }

    static func searchKey(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
    }

    static func encodeTypes(_ types: [StructureType]) -> String {
        "," + Set(types).sorted().map(\.rawValue).joined(separator: ",") + ","
    }
}

// Typed views of the summary columns, which stay text in the database.
extension Structure {
    var directoryStatus: DirectoryStatus {
        get { DirectoryStatus(rawValue: status) ?? .none }
        set { status = newValue.rawValue }
    }

    var joinedDay: Day? {
        get { joinedOn.flatMap(Day.init(iso:)) }
        set { joinedOn = newValue?.iso }
    }

    var leftDay: Day? {
        get { leftOn.flatMap(Day.init(iso:)) }
        set { leftOn = newValue?.iso }
    }
}

/// Directory status of a structure: its open membership's status, or `ancien` when it left.
enum DirectoryStatus: String, CaseIterable, Codable, Sendable {
    case active = "actif", associate = "associe", former = "ancien", none = "aucun"

    var label: String {
        switch self {
        case .active: "Actif"
        case .associate: "Associé"
        case .former: "Ancien adhérent"
        case .none: "Sans adhésion"
        }
    }

    /// A member's status while their membership is open.
    init(_ status: MembershipStatus) {
        switch status {
        case .active: self = .active
        case .associate: self = .associate
        }
    }
}

/// One membership period: yearly and tacitly renewed, so one open period per stay.
final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "structure_id") var structure: Structure
    @Field(key: "status") var status: String
    @Field(key: "joined_on") var joinedOn: String
    @OptionalField(key: "left_on") var leftOn: String?
    @OptionalField(key: "leave_reason") var leaveReason: String?

    init() {}
    init(structureID: UUID, status: MembershipStatus, joinedOn: String) {
        self.$structure.id = structureID
        self.status = status.rawValue
        self.joinedOn = joinedOn
    }

    convenience init(structureID: UUID, status: MembershipStatus, joined: Day) {
        self.init(structureID: structureID, status: status, joinedOn: joined.iso)
    }
}

// Typed views of the period's columns, which stay text in the database.
extension Membership {
    /// nil only for a value written outside the application.
    var membershipStatus: MembershipStatus? {
        get { MembershipStatus(rawValue: status) }
        set { if let newValue { status = newValue.rawValue } }
    }

    var joined: Day? {
        get { Day(iso: joinedOn) }
        set { if let newValue { joinedOn = newValue.iso } }
    }

    var left: Day? {
        get { leftOn.flatMap(Day.init(iso:)) }
        set { leftOn = newValue?.iso }
    }

    /// Where the period stands in `MembershipWorkflow`.
    var state: MembershipWorkflow.State { leftOn == nil ? .open : .closed }
}

import Fluent
import Foundation

/// A regional delegation of one period of the map (codes are reused across periods:
/// `PDL` 2000-2015 and `PDL` 2016- are two rows, so past statistics stay reproducible).
final class Delegation: Model, @unchecked Sendable {
    static let schema = "delegations"

    // managed fields
    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "valid_from") var validFrom: Int
    @OptionalField(key: "valid_to") var validTo: Int?

    init() {}

    init(id: UUID? = nil, code: String, name: String, validFrom: Int, validTo: Int?) {
        self.id = id
        self.code = code
        self.name = name
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// A departmental commission: several departments of a delegation that elect board members together.
final class Commission: Model, @unchecked Sendable {
    static let schema = "commissions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "delegation_id") var delegation: Delegation
    @Field(key: "name") var name: String

    init() {}
    init(id: UUID? = nil, delegationID: UUID, name: String) {
        self.id = id
        self.$delegation.id = delegationID
        self.name = name
    }
}

/// One line of the delegation map: department D belongs to delegation X from year A to year B.
final class MapEntry: Model, @unchecked Sendable {
    static let schema = "delegation_map_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "department_code") var departmentCode: String
    @Parent(key: "delegation_id") var delegation: Delegation
    @OptionalParent(key: "commission_id") var commission: Commission?
    @Field(key: "valid_from") var validFrom: Int
    @OptionalField(key: "valid_to") var validTo: Int?

    init() {}
    init(departmentCode: String, delegationID: UUID, commissionID: UUID?, validFrom: Int, validTo: Int?) {
        self.departmentCode = departmentCode
        self.$delegation.id = delegationID
        self.$commission.id = commissionID
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

final class DepartmentRecord: Model, @unchecked Sendable {
    static let schema = "departments"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String

    init() {}
    init(code: String, name: String) {
        self.id = code
        self.name = name
    }
}

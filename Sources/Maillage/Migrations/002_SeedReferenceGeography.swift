import Fluent
import Foundation
import MaillageCore

/// Reference data every installation needs: departments (INSEE) and the delegation maps.
struct SeedReferenceGeography: AsyncMigration {
    var name: String { "002_SeedReferenceGeography" }

    func prepare(on db: any Database) async throws {
        try await db.transaction { tx in
            for d in Departments.all { try await DepartmentRecord(code: d.code, name: d.name).create(on: tx) }
            for ref in DelegationMaps.all {
                let delegation = Delegation(code: ref.code, name: ref.name, validFrom: ref.validFrom, validTo: ref.validTo)
                try await delegation.create(on: tx)
                var commissionOf: [String: UUID] = [:]
                for c in ref.commissions {
                    let commission = Commission(delegationID: delegation.id!, name: c.name)
                    try await commission.create(on: tx)
                    for dep in c.departments { commissionOf[dep] = commission.id }
                }
                for dep in ref.departments {
                    try await MapEntry(departmentCode: dep, delegationID: delegation.id!, commissionID: commissionOf[dep],
                                       validFrom: ref.validFrom, validTo: ref.validTo).create(on: tx)
                }
            }
        }
    }

    func revert(on db: any Database) async throws {
        try await MapEntry.query(on: db).delete()
        try await Commission.query(on: db).delete()
        try await Delegation.query(on: db).delete()
        try await DepartmentRecord.query(on: db).delete()
    }
}

import Fluent
import Foundation
import MaillageCore
@testable import Maillage

/// Support records for app tests, written straight to the database with defaults, so that a test
/// states only what matters to it. Steps under test go through the support services.
enum SupportFactory {
    /// A seeded programme by its code (COODIAG, CAP, CEDRE-ISO, POEC, OPEN-BADGES, DIAG-FIN).
    static func programme(_ code: String, on db: any Database) async throws -> SupportProgramme {
        guard let p = try await SupportProgramme.query(on: db).filter(\.$code == code).first() else {
            throw FactoryError.missing("programme \(code)")
        }
        return p
    }

    /// A delegation by its code (PDL, NOR, BNO…): the one in force today, else the latest (the
    /// delegations drawn alike on both maps have a row for each).
    static func delegation(_ code: String, on db: any Database) async throws -> Delegation {
        let rows = try await Delegation.query(on: db).filter(\.$code == code).all()
        guard let d = rows.first(where: { $0.validTo == nil }) ?? rows.max(by: { $0.validFrom < $1.validFrom }) else {
            throw FactoryError.missing("delegation \(code)")
        }
        return d
    }

    enum FactoryError: Error { case missing(String) }

    /// A support of `structure` in the programme `code`, run by the delegation `delegation`
    /// (by default the structure's in today's map).
    @discardableResult
    static func makeSupport(on db: any Database, structure: Structure, programme code: String = "COODIAG", delegation: String? = nil,
                            startedOn: String = "2026-02-02", endedOn: String? = nil, status: SupportStatus? = nil,
                            delegateID: UUID? = nil, delegateName: String = "Dominique Leroy", outcome: String = "") async throws -> MemberSupport {
        let p = try await programme(code, on: db)
        let delegationCode: String
        if let delegation { delegationCode = delegation }
        else {
            let map = try await NetworkMap.load(on: db)
            guard let entry = map.delegation(ofDepartment: structure.departmentCode) else { throw FactoryError.missing("delegation of \(structure.departmentCode)") }
            delegationCode = entry.code
        }
        let d = try await self.delegation(delegationCode, on: db)
        let s = MemberSupport(structureID: try structure.requireID(), programmeID: try p.requireID(), delegationID: try d.requireID(),
                              delegateID: delegateID, delegateName: delegateName, startedOn: Day(iso: startedOn)!)
        s.endedOn = endedOn
        s.status = (status ?? (endedOn == nil ? .ongoing : .completed)).rawValue
        s.outcome = outcome
        try await s.create(on: db)
        return s
    }

    /// An intervention day of the delegation `delegation` on `day`, in half-days.
    @discardableResult
    static func makeDay(on db: any Database, delegation: String, day: String, kind: InterventionKind = .individualSupport, halfDays: Int = 2,
                        structure: Structure? = nil, support: MemberSupport? = nil, note: String = "") async throws -> InterventionDay {
        let d = try await self.delegation(delegation, on: db)
        let row = InterventionDay(delegationID: try d.requireID(), on: Day(iso: day)!, kind: kind, halfDays: halfDays,
                                  structureID: try structure?.requireID(), supportID: try support?.requireID(), note: note, recordedBy: nil)
        try await row.create(on: db)
        return row
    }

    /// `count` structures in `department`, named « <prefix> 1 »…
    static func makeStructures(_ count: Int, department: String, prefix: String = "Structure", on db: any Database) async throws -> [Structure] {
        var out: [Structure] = []
        for n in 1...count { out.append(try await MembersFactory.makeStructure(on: db, name: "\(prefix) \(n)", department: department, commune: "Caen")) }
        return out
    }
}

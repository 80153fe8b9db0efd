import Fluent
import Foundation
import MaillageCore
import NIOConcurrencyHelpers
@testable import Maillage

/// Structures and membership periods for app tests, written straight to the database. Every
/// argument has a default, so that a test states only what matters to it.
enum MembersFactory {
    /// A structure with one open membership period (by default), its summary kept in step.
    /// Without a `siren`, each call takes the next one of a range no test types by hand.
    @discardableResult
    static func makeStructure(on db: any Database, name: String = "Structure d'essai", siren: String? = nil,
                              types: [StructureType] = [.ai], department: String = "44", commune: String = "Nantes",
                              parent: Structure? = nil, membership: MembershipStatus? = .active,
                              joinedOn: String = "2020-01-01") async throws -> Structure {
        let s = Structure()
        s.siret = SIRET.makeValid(siren9: siren ?? nextSIREN(), nic4: "0001").digits
        s.name = name
        s.types = types
        s.commune = commune
        s.departmentCode = department
        s.status = DirectoryStatus.none.rawValue
        s.$gesParent.id = parent?.id
        s.refreshSearchText()
        try await s.create(on: db)
        if let membership { try await makeMembership(on: db, structure: s, status: membership, joinedOn: joinedOn) }
        return s
    }

    /// One membership period of `structure` (closed when `leftOn` is given); the structure's
    /// directory summary is refreshed and saved, as the membership pages do.
    @discardableResult
    static func makeMembership(on db: any Database, structure: Structure, status: MembershipStatus = .active,
                               joinedOn: String = "2020-01-01", leftOn: String? = nil, reason: String? = nil) async throws -> Membership {
        let m = Membership(structureID: try structure.requireID(), status: status, joinedOn: joinedOn)
        m.leftOn = leftOn
        m.leaveReason = reason
        try await m.create(on: db)
        try await MembershipSummary.refresh(structure, on: db)
        try await structure.save(on: db)
        return m
    }

    /// 900 000 001, 900 000 002…: SIRENs of structures whose number does not matter to the test.
    static func nextSIREN() -> String {
        String(sirens.withLockedValue { n in n += 1; return n })
    }

    private static let sirens = NIOLockedValueBox(900_000_000)
}

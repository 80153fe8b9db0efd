import Fluent
import Foundation

/// Keeps the `status`/`joined_on`/`left_on` summary of a structure in step with its periods.
enum MembershipSummary {
    static func refresh(_ structure: Structure, on db: any Database) async throws {
        let periods = try await Membership.query(on: db)
            .filter(\.$structure.$id == structure.requireID())
            .sort(\.$joinedOn, .descending)
            .all()
        if let open = periods.first(where: { $0.state == .open }) {
            structure.directoryStatus = DirectoryStatus(open.membershipStatus ?? .active)
            structure.joinedOn = open.joinedOn
            structure.leftOn = nil
        } else if let last = periods.first {
            structure.directoryStatus = .former
            structure.joinedOn = last.joinedOn
            structure.leftOn = last.leftOn
        } else {
            structure.directoryStatus = .none
            structure.joinedOn = nil
            structure.leftOn = nil
        }
    }
}

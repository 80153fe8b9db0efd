import Fluent
import Foundation
import MaillageCore

/// Where a campaign stands: for every member active at its opening and every type it answers
/// for, the answer's state; grouped by delegation and by type for the follow-up page.
struct CampaignProgress: Sendable {
    enum State: String, Sendable { case notStarted = "not_started", drafting, submitted, validated }

    struct Unit: Sendable {
        let structure: ObservatoryData.ActiveStructure
        let type: String
        let delegation: NetworkMap.Entry?
        let state: State
    }

    struct Tally: Sendable {
        var expected = 0, answered = 0, validated = 0, drafting = 0, notStarted = 0
        mutating func add(_ s: State) {
            expected += 1
            switch s {
            case .notStarted: notStarted += 1
            case .drafting: drafting += 1
            case .submitted: answered += 1
            case .validated: answered += 1; validated += 1
            }
        }
    }

    let units: [Unit]

    /// The units a user follows: every one for an admin, their delegations' for a delegate.
    static func load(_ campaign: Campaign, for user: CurrentUser, map: NetworkMap, on db: any Database) async throws -> CampaignProgress {
        let structures = try await ObservatoryData.activeStructures(on: db, at: campaign.opensOn)
        let answers = try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == campaign.requireID()).all()
        var state: [String: State] = [:]
        for a in answers {
            let s: State = switch a.answerStatus {
            case .draft, .returned: .drafting
            case .submitted: .submitted
            case .validated: .validated
            }
            state["\(a.$structure.id)|\(a.type)"] = s
        }
        let followed = Set(user.delegatedDelegationIDs)
        var units: [Unit] = []
        for s in structures {
            let delegation = map.delegation(ofDepartment: s.departmentCode)
            guard user.isNationalAdmin || delegation.map({ followed.contains($0.delegationID) }) == true else { continue }
            for type in CampaignDefaults.answeringTypes(s.types) {
                units.append(Unit(structure: s, type: type, delegation: delegation, state: state["\(s.id)|\(type)"] ?? .notStarted))
            }
        }
        return CampaignProgress(units: units.sorted { ($0.structure.name, $0.type) < ($1.structure.name, $1.type) })
    }

    func tally(by key: (Unit) -> String) -> [(String, Tally)] {
        var out: [String: Tally] = [:]
        for u in units { out[key(u), default: Tally()].add(u.state) }
        return out.sorted { $0.key < $1.key }
    }

    var total: Tally { units.reduce(into: Tally()) { $0.add($1.state) } }
}

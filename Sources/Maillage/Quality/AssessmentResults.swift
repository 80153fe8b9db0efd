import Fluent
import Foundation
import MaillageCore

/// The scores a results page shows: the assessment's own (stored at transmission), the same
/// structure's two previous transmitted years, and the network's median per axis for its type.
/// The median follows the Observatory's secrecy rule: from fewer than `k` transmitted assessments
/// of that year and type, none is computed at all (not one axis), so nothing can leak it. It is made
/// only of assessments the reader cannot read otherwise (`hidden`): a manager's own structures and a
/// delegate's delegation are left out, so a manager of four of five structures of a type cannot
/// narrow the fifth down from the median.
enum AssessmentResults {
    /// k of the secrecy rule, as the Observatory's campaigns use it (`CampaignDefaults.k`).
    static let k = CampaignDefaults.k

    /// Stored scores by axis key (`CapAxis.rawValue` or `CapScore.overall`).
    typealias Scores = [String: CapScoring.Score]

    struct Year: Sendable {
        let year: Int
        let scores: Scores
    }

    /// The network's comparison for one year and type: how many assessments, and (k or more) the medians.
    struct Network: Sendable {
        let type: StructureType
        let count: Int
        /// nil when `count < k`: then no median exists anywhere.
        let medians: [String: Exact?]?
        /// Made without the structures the reader reads anyway.
        var othersOnly = false
    }

    /// What a person may not read of the assessments, so a median shown to them is made of those
    /// only: everything but their own structures (a manager) and their delegation (a delegate);
    /// national admins read every assessment, so nothing is held back from them.
    static func hidden(from user: CurrentUser, map: NetworkMap) -> (@Sendable (Structure) -> Bool)? {
        if user.isNationalAdmin { return nil }
        return { s in
            !(s.id.map { user.managedStructureIDs.contains($0) } ?? false) && !Policy.isInDelegation(s.departmentCode, of: user, map: map)
        }
    }

    static func scores(of ids: [UUID], on db: any Database) async throws -> [UUID: Scores] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: Scores] = [:]
        for s in try await CapScore.query(on: db).filter(\.$assessment.$id ~~ ids).all() {
            out[s.$assessment.id, default: [:]][s.axis] = CapScoring.Score(points: s.points, max: s.maxPoints)
        }
        return out
    }

    /// The structure's transmitted assessments before `year`, most recent first, at most `limit`.
    static func history(structure: UUID, before year: Int, limit: Int = 2, on db: any Database) async throws -> [Year] {
        let earlier = try await CapAssessment.query(on: db).filter(\.$structure.$id == structure).filter(\.$year < year)
            .filter(\.$status == CapAssessmentStatus.submitted.rawValue).sort(\.$year, .descending).limit(limit).all()
        let scores = try await scores(of: earlier.compactMap(\.id), on: db)
        return earlier.map { Year(year: $0.year, scores: scores[$0.id!] ?? [:]) }
    }

    /// The type a structure is compared within: its first type other than GES (a GES alone: GES).
    static func comparisonType(_ structure: Structure) -> StructureType {
        structure.types.first { $0 != .ges } ?? structure.types.first ?? .other
    }

    /// The medians of the year's transmitted assessments of structures holding `type`, among those
    /// `hidden` keeps (nil: every one, for national admins, who read them all anyway).
    static func network(year: Int, type: StructureType, k: Int = k, hidden: (@Sendable (Structure) -> Bool)? = nil,
                        on db: any Database) async throws -> Network {
        let submitted = try await CapAssessment.query(on: db).filter(\.$year == year)
            .filter(\.$status == CapAssessmentStatus.submitted.rawValue).all()
        let structureIDs = Array(Set(submitted.map(\.$structure.id)))
        let ofType = structureIDs.isEmpty ? Set<UUID>() : Set(try await Structure.query(on: db).filter(\.$id ~~ structureIDs).all()
            .filter { $0.types.contains(type) && (hidden?($0) ?? true) }.compactMap(\.id))
        let group = submitted.filter { ofType.contains($0.$structure.id) }
        guard group.count >= k else { return Network(type: type, count: group.count, medians: nil, othersOnly: hidden != nil) }
        let scores = try await scores(of: group.compactMap(\.id), on: db)
        var medians: [String: Exact?] = [:]
        for key in CapAxis.allCases.map(\.rawValue) + [CapScore.overall] {
            let values = group.compactMap { scores[$0.id!]?[key]?.fraction }
            medians[key] = CapScoring.median(values, k: k)
        }
        return Network(type: type, count: group.count, medians: medians, othersOnly: hidden != nil)
    }

    /// The sentence under the chart: what the median is made of, or why there is none.
    static func medianNote(_ network: Network, year: Int) -> String {
        guard network.medians != nil else { return "Médiane du réseau non affichée : moins de \(k) structures" }
        return "Médiane du réseau : \(FrenchFormat.plural(network.count, "structure", "structures")) \(network.type.shortLabel) "
            + "ayant transmis leur auto-diagnostic \(year)" + (network.othersOnly ? ", hors celles dont vous lisez déjà les réponses" : "")
    }
}

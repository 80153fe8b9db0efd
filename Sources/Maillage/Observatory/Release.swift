import Fluent
import Foundation
import MaillageCore

/// A published release of a campaign's figures, frozen: the answers and members it was
/// computed from (its snapshot) and the figures documents as they were downloaded on the day.
/// Members, board members and every role but admins and delegates only ever see releases, so
/// that figures never move under their eyes with each new answer (secrecy over time).
final class ObservatoryRelease: Model, @unchecked Sendable {
    static let schema = "observatory_releases"

    // managed fields
    @ID(key: .id) var id: UUID?

    // data fields
    /// 1, 2, … within the campaign.
    @Field(key: "number") var number: Int
    @Field(key: "published_at") var publishedAt: Date
    @OptionalField(key: "published_by") var publishedBy: UUID?
    /// Answers counted in the release.
    @Field(key: "answers") var answers: Int
    /// `ReleaseSnapshot` as JSON.
    @Field(key: "snapshot") var snapshotJSON: String

    // relationships
    @Parent(key: "campaign_id") var campaign: Campaign

    init() {}

    init(campaignID: UUID, number: Int, publishedAt: Date, publishedBy: UUID?, snapshot: ReleaseSnapshot) {
        self.$campaign.id = campaignID
        self.number = number
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.answers = snapshot.units.count
        self.snapshotJSON = Campaign.json(snapshot)
    }

    var snapshot: ReleaseSnapshot? { try? JSONDecoder().decode(ReleaseSnapshot.self, from: Data(snapshotJSON.utf8)) }

    static func all(of campaign: Campaign, on db: any Database) async throws -> [ObservatoryRelease] {
        try await query(on: db).filter(\.$campaign.$id == campaign.requireID()).sort(\.$number).all()
    }

    /// The campaign's releases without their snapshots (which weigh up to megabytes): what
    /// lists and per-request lookups need. `snapshot` must not be read on these.
    static func headers(of campaign: Campaign, on db: any Database) throws -> QueryBuilder<ObservatoryRelease> {
        query(on: db).filter(\.$campaign.$id == (try campaign.requireID()))
            .field(\.$id).field(\.$campaign.$id).field(\.$number).field(\.$publishedAt).field(\.$publishedBy).field(\.$answers)
    }
}

/// One figures document of a release (national or a delegation), kept as it was served.
final class ReleaseDocument: Model, @unchecked Sendable {
    static let schema = "observatory_release_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "scope") var scope: String
    @Field(key: "json") var json: String
    @Parent(key: "release_id") var release: ObservatoryRelease

    init() {}

    init(releaseID: UUID, scope: String, json: String) {
        self.$release.id = releaseID
        self.scope = scope
        self.json = json
    }
}

/// What a release's figures are computed from, frozen: the campaign's settings on the day,
/// the answers counted (each in its delegation) and the members behind response rates.
struct ReleaseSnapshot: Codable, Sendable {
    struct Unit: Codable, Sendable {
        let s: String
        let t: String
        let d: String?
        let v: [String: String]
    }
    struct Member: Codable, Sendable {
        let s: String
        let t: [String]
        let d: String?
    }

    let k: Int
    let unemployedETPCost: String
    let units: [Unit]
    let members: [Member]

    init(settings: StatisticsSettings, units: [SurveyUnit], members: [SurveyMember]) {
        k = settings.k
        unemployedETPCost = settings.unemployedETPCost.rounded(places: 2)
        self.units = units.map { Unit(s: $0.structure, t: $0.type, d: $0.delegation, v: $0.values.mapValues(\.exactText)) }
            .sorted { ($0.s, $0.t) < ($1.s, $1.t) }
        self.members = members.map { Member(s: $0.structure, t: $0.types, d: $0.delegation) }.sorted { $0.s < $1.s }
    }

    var settings: StatisticsSettings { StatisticsSettings(k: k, unemployedETPCost: Exact(decimal: unemployedETPCost) ?? Exact(18300)) }
    var surveyUnits: [SurveyUnit] {
        units.map { SurveyUnit(structure: $0.s, type: $0.t, delegation: $0.d, values: $0.v.compactMapValues { Exact(decimal: $0) }) }
    }
    var surveyMembers: [SurveyMember] { members.map { SurveyMember(structure: $0.s, types: $0.t, delegation: $0.d) } }
}

extension Exact {
    /// Exact decimal text when the value has a terminating expansion of up to 12 places (every
    /// parsed answer), so that a snapshot reads back the very same value.
    var exactText: String {
        var s = rounded(places: 12)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}

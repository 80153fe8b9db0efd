import Fluent
import Foundation
import MaillageCore
import SQLKit
import Vapor

/// What a campaign's figures are computed from, read through SQLKit (thousands of rows),
/// and the figure cube kept per instance until an answer or the register changes.
enum ObservatoryData {
    /// Answers counted in the figures (submitted or validated), each placed in its delegation
    /// by the map in force in the campaign's data year: later maps never move past figures.
    static func units(_ campaign: Campaign, on db: any Database) async throws -> [SurveyUnit] {
        try await units(campaign, map: NetworkMap.load(on: db, year: campaign.year), on: db)
    }

    /// The same, placed by `map` (the map of the campaign's year, from `services.networkMaps`).
    static func units(_ campaign: Campaign, map: NetworkMap, on db: any Database) async throws -> [SurveyUnit] {
        struct Row: Decodable { let structure_id: UUID; let type: String; let department_code: String; let values: String }
        let rows = try await sql(db).select()
            .columns("structure_id", "type", "department_code", "values")
            .from(SurveyAnswer.schema)
            .where("campaign_id", .equal, campaign.requireID())
            .where("status", .in, AnswerStatus.allCases.filter(\.counts).map(\.rawValue))
            .all(decoding: Row.self)
        return rows.map {
            SurveyUnit(structure: $0.structure_id.uuidString, type: $0.type,
                       delegation: map.delegation(ofDepartment: $0.department_code)?.code,
                       values: SurveyAnswer.decode($0.values))
        }
    }

    /// Members active at the campaign's opening date, with the types that answer: the base
    /// of response rates.
    static func members(_ campaign: Campaign, on db: any Database) async throws -> [SurveyMember] {
        try await members(campaign, map: NetworkMap.load(on: db, year: campaign.year), on: db)
    }

    static func members(_ campaign: Campaign, map: NetworkMap, on db: any Database) async throws -> [SurveyMember] {
        try await activeStructures(on: db, at: campaign.opensOn).compactMap { s in
            let types = CampaignDefaults.answeringTypes(s.types)
            guard !types.isEmpty else { return nil }
            return SurveyMember(structure: s.id.uuidString, types: types,
                                delegation: map.delegation(ofDepartment: s.departmentCode)?.code)
        }
    }

    struct ActiveStructure: Sendable {
        let id: UUID
        let name: String
        let siret: String
        let types: [StructureType]
        let departmentCode: String
    }

    /// Structures holding a membership period that covers `day` (ISO date).
    static func activeStructures(on db: any Database, at day: String) async throws -> [ActiveStructure] {
        struct Row: Decodable { let id: UUID; let name: String; let siret: String; let types: String; let department_code: String }
        let rows = try await sql(db).select().distinct()
            .column(SQLColumn("id", table: "s")).column(SQLColumn("name", table: "s")).column(SQLColumn("siret", table: "s"))
            .column(SQLColumn("types", table: "s")).column(SQLColumn("department_code", table: "s"))
            .from(SQLAlias(SQLIdentifier(Structure.schema), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier(Membership.schema), as: SQLIdentifier("m")), on: SQLColumn("structure_id", table: "m"), .equal, SQLColumn("id", table: "s"))
            .where(SQLColumn("joined_on", table: "m"), .lessThanOrEqual, SQLBind(day))
            .where { $0.where(SQLColumn("left_on", table: "m"), .is, SQLLiteral.null).orWhere(SQLColumn("left_on", table: "m"), .greaterThan, SQLBind(day)) }
            .all(decoding: Row.self)
        return rows.map {
            ActiveStructure(id: $0.id, name: $0.name, siret: $0.siret,
                            types: $0.types.split(separator: ",").compactMap { StructureType(rawValue: String($0)) },
                            departmentCode: $0.department_code)
        }
    }

    /// The campaign's figure cube, computed once per answers version and register version.
    static func cube(_ campaign: Campaign, on db: any Database, cache: FigureStore) async throws -> FigureCube {
        try await computed(campaign, on: db, cache: cache).cube
    }

    /// The cube and the members it was computed from (reports count members by type): both
    /// kept together, so that a report page reads neither the answers nor the register.
    /// Valid while the campaign's answers version (read with the campaign, bumped with every
    /// answer and setting) and the register version have not moved.
    static func computed(_ campaign: Campaign, on db: any Database, cache: FigureStore) async throws -> FigureStore.Live {
        let version = CacheVersion(campaign.answersVersion, try await RegisterVersion.current(on: db))
        return try await cache.live.value(try campaign.requireID(), at: version) {
            let map = try await cache.maps.forYear(campaign.year, on: db)
            let members = try await members(campaign, map: map, on: db)
            let units = try await units(campaign, map: map, on: db)
            return FigureStore.Live(cube: FigureCube(units: units, members: members, settings: campaign.settings), members: members)
        }
    }

    /// Moves the campaign's answers version; call inside the transaction that changes answers.
    static func bumpAnswers(_ campaign: Campaign, on db: any Database) async throws {
        try await sql(db).update(Campaign.schema)
            .set(SQLIdentifier("answers_version"), to: SQLBinaryExpression(left: SQLIdentifier("answers_version"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1")))
            .where("id", .equal, campaign.requireID())
            .run()
    }

    static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }
}

/// The figures service: cubes kept in memory by the rule of `VersionedCache`. Live cubes by
/// campaign (a few campaigns are looked at, each recomputed when its version moves), release
/// cubes by release (immutable: never invalidated, a handful kept).
final class FigureStore: Sendable {
    struct Live: Sendable {
        let cube: FigureCube
        let members: [SurveyMember]
    }
    struct Released: Sendable {
        let cube: FigureCube
        let members: [SurveyMember]
        let settings: StatisticsSettings
    }
    let maps: NetworkMaps
    let live = VersionedCache<UUID, Live>(capacity: 8)
    let releases = VersionedCache<UUID, Released>(capacity: 16)

    init(maps: NetworkMaps = NetworkMaps(clock: SystemClock())) { self.maps = maps }
}

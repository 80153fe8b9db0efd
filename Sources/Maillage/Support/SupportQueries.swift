import Fluent
import Foundation
import MaillageCore

/// The named reads of the support pages: the supports followed (with their names and the days
/// logged on each), a year's intervention days, and the figures' pure inputs.
enum SupportQueries {
    /// A support with what its lines show.
    struct SupportRow: Sendable {
        let support: MemberSupport
        let structureName: String
        let programmeName: String
        let programmePosition: Int
        let delegationName: String
        let halfDays: Int
    }

    /// A logged day with what its lines show.
    struct DayRow: Sendable {
        let day: InterventionDay
        let delegationName: String
        let structureName: String?
        let programmeName: String?
    }

    /// The supports of the delegations in `scope` (nil: all), optionally one delegation's, one
    /// programme's, one status's, those running during `year`; or one structure's.
    static func supports(scope: Set<UUID>?, delegation: UUID? = nil, programme: UUID? = nil, status: SupportStatus? = nil,
                         year: Int? = nil, structure: UUID? = nil, on db: any Database) async throws -> [SupportRow] {
        var query = MemberSupport.query(on: db)
        if let scope { query = query.filter(\.$delegation.$id ~~ Array(scope)) }
        if let delegation { query = query.filter(\.$delegation.$id == delegation) }
        if let programme { query = query.filter(\.$programme.$id == programme) }
        if let status { query = query.filter(\.$status == status.rawValue) }
        if let structure { query = query.filter(\.$structure.$id == structure) }
        if let year {
            query = query.filter(\.$startedOn <= "\(year)-12-31").group(.or) { $0.filter(\.$endedOn == nil).filter(\.$endedOn >= "\(year)-01-01") }
        }
        let supports = try await query.all()
        guard !supports.isEmpty else { return [] }
        let ids = supports.compactMap(\.id)
        let structures = try await names(Structure.query(on: db).filter(\.$id ~~ Set(supports.map(\.$structure.id))).all(), \.name)
        let programmes = Dictionary(uniqueKeysWithValues: try await SupportProgramme.query(on: db).all().map { ($0.id!, $0) })
        let delegations = try await names(Delegation.query(on: db).all(), \.name)
        var days: [UUID: Int] = [:]
        for d in try await InterventionDay.query(on: db).filter(\.$support.$id ~~ ids).all() {
            if let s = d.$support.id { days[s, default: 0] += d.halfDays }
        }
        return supports.map { s in
            let p = programmes[s.$programme.id]
            return SupportRow(support: s, structureName: structures[s.$structure.id] ?? "", programmeName: p?.name ?? "",
                              programmePosition: p?.position ?? 0, delegationName: delegations[s.$delegation.id] ?? "",
                              halfDays: days[s.id!] ?? 0)
        }
    }

    /// The intervention days of `year` of the delegations in `scope` (nil: all), optionally one
    /// delegation's, one structure's or one support's.
    static func days(year: Int?, scope: Set<UUID>?, delegation: UUID? = nil, structure: UUID? = nil, support: UUID? = nil,
                     on db: any Database) async throws -> [DayRow] {
        var query = InterventionDay.query(on: db)
        if let year { query = query.filter(\.$onDay >= "\(year)-01-01").filter(\.$onDay <= "\(year)-12-31") }
        if let scope { query = query.filter(\.$delegation.$id ~~ Array(scope)) }
        if let delegation { query = query.filter(\.$delegation.$id == delegation) }
        if let structure { query = query.filter(\.$structure.$id == structure) }
        if let support { query = query.filter(\.$support.$id == support) }
        let days = try await query.all()
        guard !days.isEmpty else { return [] }
        let delegations = try await names(Delegation.query(on: db).all(), \.name)
        let structureIDs = Set(days.compactMap(\.$structure.id))
        let structures = structureIDs.isEmpty ? [:] : try await names(Structure.query(on: db).filter(\.$id ~~ structureIDs).all(), \.name)
        let supportIDs = Set(days.compactMap(\.$support.id))
        let supports = supportIDs.isEmpty ? [] : try await MemberSupport.query(on: db).filter(\.$id ~~ supportIDs).all()
        let programmes = try await names(SupportProgramme.query(on: db).all(), \.name)
        let programmeOf = Dictionary(uniqueKeysWithValues: supports.map { ($0.id!, programmes[$0.$programme.id] ?? "") })
        return days.map { d in
            DayRow(day: d, delegationName: delegations[d.$delegation.id] ?? "", structureName: d.$structure.id.flatMap { structures[$0] },
                   programmeName: d.$support.id.flatMap { programmeOf[$0] })
        }.sorted { ($1.day.onDay, $1.day.id!.uuidString) < ($0.day.onDay, $0.day.id!.uuidString) }
    }

    /// The figures' inputs for `years`: every support running in them and every day logged in
    /// them, with programme and delegation codes; plus the programmes (in their order) and the
    /// delegations' names by code.
    static func figures(years: ClosedRange<Int>, on db: any Database) async throws -> SupportFiguresData {
        let programmes = try await SupportProgramme.query(on: db).all().sorted { ($0.position, $0.code) < ($1.position, $1.code) }
        let codes = Dictionary(uniqueKeysWithValues: programmes.map { ($0.id!, $0.code) })
        let delegations = try await Delegation.query(on: db).all()
        let delegationCodes = Dictionary(uniqueKeysWithValues: delegations.map { ($0.id!, $0.code) })
        let supports = try await MemberSupport.query(on: db).filter(\.$startedOn <= "\(years.upperBound)-12-31")
            .group(.or) { $0.filter(\.$endedOn == nil).filter(\.$endedOn >= "\(years.lowerBound)-01-01") }.all()
            .compactMap { s -> SupportRecord? in
                guard let start = s.startedOnValue, let p = codes[s.$programme.id], let d = delegationCodes[s.$delegation.id] else { return nil }
                return SupportRecord(structureID: s.$structure.id, programmeCode: p, delegationCode: d, startedOn: start, endedOn: s.endedOnValue)
            }
        let days = try await InterventionDay.query(on: db).filter(\.$onDay >= "\(years.lowerBound)-01-01")
            .filter(\.$onDay <= "\(years.upperBound)-12-31").all()
            .compactMap { d -> InterventionRecord? in
                guard let day = d.onDayValue, let code = delegationCodes[d.$delegation.id] else { return nil }
                return InterventionRecord(delegationCode: code, day: day, kind: d.kindValue, halfDays: d.halfDays)
            }
        return SupportFiguresData(
            supports: supports, days: days,
            programmes: programmes.map { (code: $0.code, name: $0.name, active: $0.active) },
            delegationNames: Dictionary(delegations.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
            delegationIDs: Dictionary(delegations.map { ($0.code, $0.id!) }, uniquingKeysWith: { a, _ in a }))
    }

    private static func names<M: Model>(_ models: [M], _ name: KeyPath<M, String>) -> [UUID: String] where M.IDValue == UUID {
        Dictionary(models.compactMap { m in m.id.map { ($0, m[keyPath: name]) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// What the figures page and files read (pure inputs of `SupportFigures`).
struct SupportFiguresData: Sendable {
    var supports: [SupportRecord]
    var days: [InterventionRecord]
    /// Every programme, in its position order (retired ones included: past years name them).
    var programmes: [(code: String, name: String, active: Bool)]
    var delegationNames: [String: String]
    var delegationIDs: [String: UUID]
}

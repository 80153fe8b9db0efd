import Fluent
import Foundation
import MaillageCore
import SQLKit

/// One thing the home page asks a person to do, or tells them: a French sentence, how many,
/// the deadline if there is one, where to act, and how urgent it is.
struct HomeTask: Encodable, Sendable {
    enum Urgency: String, Encodable, Sendable {
        case late, soon, info

        var label: String {
            switch self {
            case .late: "En retard"
            case .soon: "Échéance proche"
            case .info: "À suivre"
            }
        }
    }

    let text: String
    let count: Int?
    let deadline: String?
    /// A quoted comment (the delegate's, on a returned answer).
    let detail: String?
    /// From `req.link(to:)`: nil when the person may not follow it, so the task shows no link.
    let href: String?
    let urgency: Urgency
    let urgencyLabel: String

    init(_ text: String, count: Int? = nil, deadline: String? = nil, detail: String? = nil, href: String?, urgency: Urgency = .info) {
        self.text = text
        self.count = count
        self.deadline = deadline
        self.detail = detail
        self.href = href
        self.urgency = urgency
        self.urgencyLabel = urgency.label
    }
}

/// A campaign's closing date seen from today: « au plus tard le 18 décembre 2026 (dans 12 jours) ».
struct Deadline: Sendable {
    let day: Day
    /// Days from today to the closing day; negative once it has passed.
    let daysLeft: Int

    init?(iso: String, today: Day) {
        guard let day = Day(iso: iso) else { return nil }
        self.day = day
        self.daysLeft = Deadline.days(from: today, to: day)
    }

    /// Late once the day has passed, due soon in the last two weeks.
    var urgency: HomeTask.Urgency { daysLeft < 0 ? .late : daysLeft <= 14 ? .soon : .info }

    /// « au plus tard le 18 décembre 2026 (dans 12 jours) ».
    var sentence: String { "au plus tard le \(FrenchFormat.longDate(day)) (\(distance))" }

    var distance: String {
        switch daysLeft {
        case ..<0: "date dépassée depuis \(FrenchFormat.plural(-daysLeft, "jour", "jours"))"
        case 0: "aujourd'hui"
        case 1: "demain"
        default: "dans \(FrenchFormat.plural(daysLeft, "jour", "jours"))"
        }
    }

    static func days(from a: Day, to b: Day) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: a.year, month: a.month, day: a.day))!
        let end = calendar.date(from: DateComponents(year: b.year, month: b.month, day: b.day))!
        return calendar.dateComponents([.day], from: start, to: end).day ?? 0
    }
}

/// The home page's queries: a handful of small reads per role, no query per structure.
enum HomeTasks {
    /// Every campaign, newest first (a few rows: one a year; read whole, so that any of its
    /// fields may be used).
    static func campaigns(on db: any Database) async throws -> [Campaign] {
        try await Campaign.query(on: db).sort(\.$year, .descending).all()
    }

    /// Every release without its snapshot (which weighs up to megabytes), by campaign and number.
    static func releases(on db: any Database) async throws -> [ObservatoryRelease] {
        try await ObservatoryRelease.query(on: db)
            .field(\.$id).field(\.$campaign.$id).field(\.$number).field(\.$publishedAt).field(\.$answers)
            .sort(\.$number).all()
    }

    /// The newest campaign that has a release, and its latest release.
    static func latestRelease(campaigns: [Campaign], releases: [ObservatoryRelease]) -> (Campaign, ObservatoryRelease)? {
        for c in campaigns {  // newest first
            if let r = releases.last(where: { $0.$campaign.id == c.id }) { return (c, r) }
        }
        return nil
    }

    struct AnswerState: Sendable {
        let campaignID: UUID
        let structureID: UUID
        let type: String
        let status: AnswerStatus
        let returnComment: String?
        let submittedAt: Date?
    }

    /// The state of every answer of one campaign, or of some structures in every campaign:
    /// identifiers and status only, never the values.
    static func answerStates(campaign: Campaign? = nil, structures: [UUID]? = nil, on db: any Database) async throws -> [AnswerState] {
        struct Row: Decodable {
            let campaign_id: UUID; let structure_id: UUID; let type: String; let status: String
            let return_comment: String?; let submitted_at: Date?
        }
        let q = sql(db).select()
            .columns("campaign_id", "structure_id", "type", "status", "return_comment", "submitted_at")
            .from(SurveyAnswer.schema)
        if let campaign { q.where("campaign_id", .equal, try campaign.requireID()) }
        if let structures { q.where("structure_id", .in, structures) }
        return try await q.all(decoding: Row.self).map {
            AnswerState(campaignID: $0.campaign_id, structureID: $0.structure_id, type: $0.type,
                        status: AnswerStatus(rawValue: $0.status) ?? .draft, returnComment: $0.return_comment,
                        submittedAt: $0.submitted_at)
        }
    }

    /// Where one campaign stands in one delegation (or in the network): expected answers
    /// (members active at its opening × the types they answer for) and their states.
    struct Progress: Sendable {
        var expected = 0, notStarted = 0, draft = 0, returned = 0, submitted = 0, validated = 0
        var transmitted: Int { submitted + validated }
        var notTransmitted: Int { notStarted + draft + returned }

        mutating func add(_ status: AnswerStatus?) {
            expected += 1
            switch status {
            case nil: notStarted += 1
            case .draft: draft += 1
            case .returned: returned += 1
            case .submitted: submitted += 1
            case .validated: validated += 1
            }
        }

        mutating func merge(_ o: Progress) {
            expected += o.expected; notStarted += o.notStarted; draft += o.draft
            returned += o.returned; submitted += o.submitted; validated += o.validated
        }

        /// Transmitted answers per expected answer, exact until the last rounding.
        var rate: Exact? { expected == 0 ? nil : Exact(Int128(transmitted)) / Exact(Int128(expected)) * Exact(100) }
    }

    /// The campaign's progress by delegation code ("—" outside any delegation), from two
    /// reads: the members active at opening and the answers' states. `only`: the delegations
    /// kept (a delegate's), nil for all.
    static func progress(_ campaign: Campaign, map: NetworkMap, only: Set<UUID>? = nil,
                         on db: any Database) async throws -> [String: Progress] {
        let structures = try await ObservatoryData.activeStructures(on: db, at: campaign.opensOn)
        var states: [String: AnswerStatus] = [:]
        for a in try await answerStates(campaign: campaign, on: db) { states["\(a.structureID)|\(a.type)"] = a.status }
        var out: [String: Progress] = [:]
        for s in structures {
            let delegation = map.delegation(ofDepartment: s.departmentCode)
            if let only, !(delegation.map { only.contains($0.delegationID) } ?? false) { continue }
            for type in CampaignDefaults.answeringTypes(s.types) {
                out[delegation?.code ?? "—", default: Progress()].add(states["\(s.id)|\(type)"])
            }
        }
        return out
    }

    /// Uploaded files (members, survey answers) previewed but not applied in the last 30 days.
    static func unappliedImports(since: Date, on db: any Database) async throws -> (members: Int, answers: Int) {
        let members = try await ImportBatch.query(on: db).filter(\.$appliedAt == nil).filter(\.$createdAt >= since).count()
        let answers = try await AnswerImportBatch.query(on: db).filter(\.$appliedAt == nil).filter(\.$createdAt >= since).count()
        return (members, answers)
    }

    /// Messages waiting in the outbox: not sent yet.
    static func outboxCount(on db: any Database) async throws -> Int {
        try await OutboxMessage.query(on: db).filter(\.$sentAt == nil).count()
    }

    static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }
}

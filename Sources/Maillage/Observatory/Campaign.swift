import Fluent
import Foundation
import MaillageCore

/// A yearly survey campaign about one data year (e.g. data 2024, collected April–May 2025).
/// Its questionnaire is a copy of the catalogue taken at opening, so that later edits of the
/// catalogue never change a past campaign; its settings are the ones its figures use.
final class Campaign: Model, @unchecked Sendable {
    static let schema = "campaigns"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?

    // data fields
    /// The data year; the delegation map in force that year places each answer.
    @Field(key: "year") var year: Int
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    @Field(key: "status") var status: String
    /// Statistical secrecy: no figure from fewer than k structures.
    @Field(key: "k") var k: Int
    /// Yearly cost of one unemployed full-time person, euros as a decimal ("18300.00").
    @Field(key: "unemployed_etp_cost") var unemployedETPCost: String
    /// Annual hours of one ETP per type, JSON {"AI": "1607", ...}.
    @Field(key: "divisors") var divisorsJSON: String
    /// The questionnaire as it was at opening, JSON [Indicator].
    @Field(key: "questionnaire") var questionnaireJSON: String
    /// Bumped in the same transaction as every change of an answer: cached figures key on it.
    @Field(key: "answers_version") var answersVersion: Int

    init() {}

    var isOpen: Bool { status == CampaignStatus.open.rawValue }
    /// Whether its answers may change at all (saved, transmitted, validated, returned,
    /// reopened, imported): only while it is open; a closed campaign is read-only until a
    /// national admin reopens it. Pages hide every write button when it is false.
    var acceptsAnswers: Bool { isOpen }
    /// The banner above a closed campaign's answer pages (nil while it is open).
    var readOnlyNotice: String? { acceptsAnswers ? nil : "Campagne clôturée : les réponses ne peuvent plus être modifiées" }
    var campaignStatus: CampaignStatus { CampaignStatus(rawValue: status) ?? .closed }
}

enum CampaignStatus: String, Codable, Sendable {
    case open, closed
    var label: String { self == .open ? "Ouverte" : "Clôturée" }
}

/// Defaults a new campaign starts from (SPEC §4: divisors in use around 2014).
enum CampaignDefaults {
    static let k = 5
    static let unemployedETPCost = "18300.00"
    static let divisors: [String: String] = [
        "AI": "1607", "ACI": "1820", "EI": "1505", "ETTI": "1600", "ETT_ESS": "1600", "EITI": "1607",
        "EBE": "1607", "PROXIM": "1607", "OF": "1607", "OTHER": "1607",
    ]
    /// Types that answer the survey: a GES answers through its entities, never as itself.
    static func answeringTypes(_ types: [StructureType]) -> [String] {
        types.map(\.rawValue).filter { $0 != StructureType.ges.rawValue }
    }
}

extension Campaign {
    var questionnaire: [Indicator] {
        (try? JSONDecoder().decode([Indicator].self, from: Data(questionnaireJSON.utf8))) ?? IndicatorCatalogue.all
    }

    var divisors: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(divisorsJSON.utf8))) ?? CampaignDefaults.divisors }
        set { divisorsJSON = Campaign.json(newValue) }
    }

    func divisor(for type: String) -> Exact? { divisors[type].flatMap { Exact(decimal: $0) } }

    var settings: StatisticsSettings {
        StatisticsSettings(k: k, unemployedETPCost: Exact(decimal: unemployedETPCost) ?? Exact(18300))
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func find(year: Int, on db: any Database) async throws -> Campaign? {
        try await Campaign.query(on: db).filter(\.$year == year).first()
    }
}

extension Campaign: Auditable {
    static var auditEntity: String { "campagne" }
    var auditSnapshot: [String: String] {
        ["annee": String(year), "ouverture": opensOn, "cloture": closesOn, "statut": status, "k": String(k),
         "cout_etp_chomeur": unemployedETPCost, "diviseurs": divisorsJSON]
    }
}

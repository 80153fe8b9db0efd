import Foundation
import MaillageCore

/// The figures export of SPEC §8, shared by the web download, the API and
/// `maillage observatory export`:
/// `{"campaign": 2024, "scope": "national", "k": 5, "generated_at": "…", "figures": [...]}`.
/// A secret figure keeps its key with an explicit `"value": null`: outside tools read the
/// absence of a number as "secret statistique", never as a missing field.
struct FiguresDocument: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let figure: Figure

        enum CodingKeys: String, CodingKey { case indicator, statistic, type, delegation, n, value }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(figure.indicator, forKey: .indicator)
            try c.encode(figure.statistic, forKey: .statistic)
            try c.encode(figure.type, forKey: .type)
            try c.encode(figure.delegation, forKey: .delegation)
            try c.encode(figure.n, forKey: .n)
            // encodeIfPresent would drop the key: the contract wants null.
            if let value = figure.value { try c.encode(value, forKey: .value) } else { try c.encodeNil(forKey: .value) }
        }
    }

    let campaign: Int
    let scope: String
    let k: Int
    let generatedAt: Date
    let figures: [Item]

    enum CodingKeys: String, CodingKey {
        case campaign, scope, k
        case generatedAt = "generated_at"
        case figures
    }

    /// `scope` is "national" or a delegation code; the caller has checked it exists.
    static func make(campaign: Campaign, scope: String, cube: FigureCube, generatedAt: Date) -> FiguresDocument {
        let figures = scope == "national" ? cube.national() : cube.delegation(scope)
        return FiguresDocument(campaign: campaign.year, scope: scope, k: campaign.k, generatedAt: generatedAt,
                               figures: figures.map(Item.init(figure:)))
    }

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    /// Whether a scope names the network or a delegation of the campaign's year map.
    static func isKnown(_ scope: String, map: NetworkMap) -> Bool {
        scope == "national" || map.delegation(code: scope) != nil
    }
}

import Foundation
import MaillageCore
import Vapor

/// The figures export of SPEC §8, shared by the web download, the API and
/// `maillage observatory export`:
/// `{"campaign": 2024, "scope": "national", "k": 5, "generated_at": "…", "figures": [...]}`.
/// A secret figure keeps its key with an explicit `"value": null`: outside tools read the
/// absence of a number as "secret statistique", never as a missing field. The keys are the
/// contract's, exactly: which release a document comes from travels in HTTP headers
/// (`Maillage-Release`, or `Maillage-Figures: provisoires` for live figures), and a release's
/// `generated_at` is its publication date.
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

    /// Live figures: `scope` is "national" or a delegation code; the caller has checked it exists.
    static func make(campaign: Campaign, scope: String, cube: FigureCube, generatedAt: Date) -> FiguresDocument {
        make(campaign: campaign, scope: scope, cube: cube, k: campaign.k, generatedAt: generatedAt)
    }

    /// A release's document: its own k, its publication date as `generated_at`.
    static func make(campaign: Campaign, scope: String, cube: FigureCube, k: Int, generatedAt: Date) -> FiguresDocument {
        let figures = scope == "national" ? cube.national() : cube.delegation(scope)
        return FiguresDocument(campaign: campaign.year, scope: scope, k: k, generatedAt: generatedAt,
                               figures: figures.map(Item.init(figure:)))
    }

    /// Says where a figures response comes from: a release (number and date) or live figures.
    static func label(_ headers: inout HTTPHeaders, release: ObservatoryRelease?) {
        if let release {
            headers.replaceOrAdd(name: "Maillage-Release", value: String(release.number))
            headers.replaceOrAdd(name: "Maillage-Release-Published", value: ISO8601DateFormatter().string(from: release.publishedAt))
        } else {
            headers.replaceOrAdd(name: "Maillage-Figures", value: "provisoires")
        }
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

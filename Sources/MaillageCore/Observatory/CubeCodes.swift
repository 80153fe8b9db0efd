/// The values a figure cube keeps per row, by index rather than by name: the catalogue's
/// indicators, then the two derived sums with stable names (SPEC §8), then those two as a unit
/// may have given them itself. The given ones are kept apart because the derivation must see
/// the raw answers: a structure's sum over its types is derived after summing, not before.
enum CubeCodes {
    static let catalogue = IndicatorCatalogue.all.count
    /// Sum of the six funders; the given value when no funder was answered.
    static let publicFunding = catalogue
    /// Sustainable + transition + positive exits, when all three were answered.
    static let dynamicExits = catalogue + 1
    static let givenPublicFunding = catalogue + 2
    static let givenDynamicExits = catalogue + 3
    static let count = catalogue + 4
    /// Codes with statistics: the catalogue and the two derived sums.
    static let computed = catalogue + 2

    /// Index of an answer's key; keys outside the catalogue and the derived names are ignored.
    static let index: [String: Int] = {
        var map = Dictionary(uniqueKeysWithValues: IndicatorCatalogue.all.enumerated().map { ($1.code, $0) })
        map["public_funding_eur"] = givenPublicFunding
        map["dynamic_exits"] = givenDynamicExits
        return map
    }()

    /// The same, fast: looked up once per answered value.
    static let table = CodeTable(index)

    static let code: [String] = IndicatorCatalogue.all.map(\.code) + ["public_funding_eur", "dynamic_exits"]

    /// `_pct` answers have no sums: left out of a structure's values summed over its types.
    static let isPercent: [Bool] = (0..<count).map { $0 < catalogue && IndicatorCatalogue.all[$0].unit == .percent }

    static let funders: [Int] = IndicatorCatalogue.fundingCodes.map { index[$0]! }
    static let dynamicParts: [Int] = ["exits_sustainable", "exits_transition", "exits_positive"].map { index[$0]! }

    /// Index of a computed code by name (catalogue or derived).
    static func computedIndex(_ name: String) -> Int? {
        switch name {
        case "public_funding_eur": publicFunding
        case "dynamic_exits": dynamicExits
        default: index[name].flatMap { $0 < catalogue ? $0 : nil }
        }
    }
}

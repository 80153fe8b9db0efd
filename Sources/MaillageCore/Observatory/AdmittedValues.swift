/// The gate in front of the statistics engine: every stored value is checked against its
/// unit's plausible maximum (the catalogue) and its precision before any arithmetic, so that
/// no answer in the database — typed before the bounds existed, or imported by hand — can
/// make the engine overflow. A value left out is reported, never silently dropped.
public struct ExcludedValue: Sendable, Hashable {
    public let structure: String
    public let type: String
    public let code: String
}

enum AdmittedValues {
    /// Finest precision an answer can have: the parsers take at most 12 decimals.
    static let finest = Exact(1, 1_000_000_000_000)

    static func filter(_ units: [SurveyUnit]) -> (units: [SurveyUnit], excluded: [ExcludedValue]) {
        var excluded: [ExcludedValue] = []
        let admitted = units.map { unit -> SurveyUnit in
            var values = unit.values
            for (code, value) in unit.values where !admits(code, value) {
                values[code] = nil
                excluded.append(ExcludedValue(structure: unit.structure, type: unit.type, code: code))
            }
            return values.count == unit.values.count ? unit
                : SurveyUnit(structure: unit.structure, type: unit.type, delegation: unit.delegation, values: values)
        }
        return (admitted, excluded.sorted { ($0.structure, $0.type, $0.code) < ($1.structure, $1.type, $1.code) })
    }

    /// Within its unit's maximum (either sign) and a whole number of 10^-12.
    static func admits(_ code: String, _ value: Exact) -> Bool {
        let unit: Indicator.Unit
        switch code {
        case "public_funding_eur": unit = .euros
        case "dynamic_exits": unit = .count
        default:
            guard let indicator = IndicatorCatalogue.byCode[code] else { return true }  // ignored by the engine
            unit = indicator.unit
        }
        guard unit.outOfRange(value) == nil else { return false }
        return 1_000_000_000_000 % value.denominator == 0
    }
}

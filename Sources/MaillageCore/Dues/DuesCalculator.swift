/// Computes a member's dues from a grid, exactly to the cent (issue #11 item 2): one fixed part;
/// variable part = Σ rate × base over the held types the grid rates, each line rounded half away
/// from zero, then capped (largest SMIC-hour cap of those types), then floored.
public enum DuesCalculator {
    /// `bases`: the base of each held type (absent = no base). Types the grid does not rate are ignored.
    public static func compute(_ grid: DuesGridTerms, types: [StructureType],
                               bases: [StructureType: Money]) throws(MoneyError) -> DuesAmount {
        let rated = Set(types).filter { grid.terms[$0] != nil }.sorted()
        var lines: [DuesLine] = []
        var missing: [StructureType] = []
        for type in rated {
            guard let terms = grid.terms[type] else { continue }
            guard let base = bases[type] else {
                missing.append(type)
                continue
            }
            lines.append(DuesLine(type: type, rate: terms.rate, base: base, amount: try terms.rate.apply(to: base)))
        }
        let beforeCap = try Money.sum(lines.map(\.amount))
        let (capHours, cap) = try grid.cap(for: rated)
        var variable = min(beforeCap, cap)
        let capped = beforeCap > cap
        var floored = false
        if let floor = grid.floor, !lines.isEmpty, variable < floor {
            variable = floor
            floored = true
        }
        let total = try grid.fixed.adding(variable)
        var amount = DuesAmount(
            fixed: grid.fixed, lines: lines, variableBeforeCap: beforeCap, capHours: capHours, cap: cap,
            floor: grid.floor, variable: variable, total: total, capped: capped, floored: floored,
            missingBases: missing, explanation: [])
        amount.explanation = explanation(of: amount, smicHourly: grid.smicHourly)
        return amount
    }

    /// The French lines, in the order of the contract. The cap line is shown when there is a
    /// variable line to cap; the floor line whenever the grid has a floor.
    static func explanation(of a: DuesAmount, smicHourly: Money) -> [String] {
        let euros = FrenchFormat.money
        let applied = ", appliqué"
        var text = ["Part fixe \(euros(a.fixed))"]
        for line in a.lines {
            text.append("Part variable \(line.type.duesCode) \(line.rate.french) × \(euros(line.base)) = \(euros(line.amount))")
        }
        if a.lines.count > 1 {
            text.append("Part variable totale \(euros(a.variableBeforeCap))")
        }
        if !a.lines.isEmpty {
            text.append("Plafond \(FrenchFormat.hours(a.capHours)) × \(euros(smicHourly)) = \(euros(a.cap))"
                + (a.capped ? applied : ""))
        }
        if let floor = a.floor {
            text.append("Plancher \(euros(floor))" + (a.floored ? applied : ""))
        }
        if !a.missingBases.isEmpty {
            let codes = a.missingBases.map(\.duesCode).joined(separator: ", ")
            text.append("Sans assiette : \(codes) (part fixe seule pour \(a.missingBases.count > 1 ? "ces types" : "ce type"))")
        }
        text.append("Total \(euros(a.total))")
        return text
    }
}

extension StructureType {
    /// The type as dues explanations name it: the SPEC §8 code, except « ETT-ESS » and
    /// « Proxim'Services ».
    public var duesCode: String {
        switch self {
        case .ettEss: "ETT-ESS"
        case .proxim: "Proxim'Services"
        default: rawValue
        }
    }
}

import Foundation
@testable import MaillageCore
import Testing

@Suite struct DuesCalculatorTests {
    /// The 2026 rates of SPEC §3 with the 2025 cap (SMIC 11,88 €, 400 h).
    static func grid2026(floor: Money? = nil, capHours: [StructureType: Int] = [:]) -> DuesGridTerms {
        let rates: [StructureType: Int64] = [.ai: 600, .etti: 600, .ettEss: 600, .proxim: 600,
                                             .aci: 200, .ebe: 200, .ei: 350]
        let terms = rates.mapValues { DuesTypeTerms(rate: DuesRate(milliPercent: $0)!) }
            .merging(capHours.map { ($0.key, DuesTypeTerms(rate: DuesRate(milliPercent: rates[$0.key]!)!, capHours: $0.value)) },
                     uniquingKeysWith: { $1 })
        return DuesGridTerms(year: 2026, version: 1, fixed: Money(cents: 80_000), terms: terms,
                             smicHourly: Money(cents: 1188), floor: floor)
    }

    static func euros(_ units: Int64) -> Money { Money(cents: units * 100) }

    /// The explanation with U+202F shown as a plain space, to compare with the issue's text.
    static func readable(_ a: DuesAmount) -> String {
        a.explanationText.replacingOccurrences(of: "\u{202F}", with: " ")
    }

    @Test func cap2025Is400Times11_88() throws {
        let cap = try Self.grid2026().cap(for: [.ai])
        #expect(cap.hours == 400)
        #expect(cap.amount == Money(cents: 475_200))
        let none = try Self.grid2026().cap(for: [.other, .of])
        #expect(none.hours == 0 && none.amount == .zero)
    }

    @Test func capTakesTheLargestHoursOfTheRatedTypesHeld() throws {
        let grid = Self.grid2026(capHours: [.aci: 500])
        #expect(try grid.cap(for: [.ai, .aci]).hours == 500)
        #expect(try grid.cap(for: [.ai, .aci]).amount == Money(cents: 594_000))
        #expect(try grid.cap(for: [.ai, .other]).hours == 400)
    }

    @Test func aiWithAMillionPaysFixedPlusCap() throws {
        let a = try DuesCalculator.compute(Self.grid2026(), types: [.ai], bases: [.ai: Self.euros(1_000_000)])
        #expect(a.fixed == Self.euros(800))
        #expect(a.variableBeforeCap == Self.euros(6_000))
        #expect(a.variable == Money(cents: 475_200))
        #expect(a.capped && !a.floored)
        #expect(a.total == Money(cents: 555_200))
        #expect(Self.readable(a) == "Part fixe 800,00 € · Part variable AI 0,6 % × 1 000 000,00 € = 6 000,00 € · "
            + "Plafond 400 h × 11,88 € = 4 752,00 €, appliqué · Total 5 552,00 €")
    }

    @Test func aciWith500kPaysFixedPlus1000() throws {
        let a = try DuesCalculator.compute(Self.grid2026(), types: [.aci], bases: [.aci: Self.euros(500_000)])
        #expect(a.variable == Self.euros(1_000))
        #expect(a.total == Self.euros(1_800))
        #expect(!a.capped)
    }

    @Test func eiWith500kPaysFixedPlus1750() throws {
        let a = try DuesCalculator.compute(Self.grid2026(), types: [.ei], bases: [.ei: Self.euros(500_000)])
        #expect(a.variable == Self.euros(1_750))
        #expect(a.total == Self.euros(2_550))
        #expect(a.lines == [DuesLine(type: .ei, rate: DuesRate(milliPercent: 350)!, base: Self.euros(500_000),
                                     amount: Self.euros(1_750))])
    }

    @Test func aiAndAciPayOneFixedPartAndTheSum() throws {
        let a = try DuesCalculator.compute(Self.grid2026(), types: [.aci, .ai],
                                           bases: [.ai: Self.euros(300_000), .aci: Self.euros(400_000)])
        #expect(a.lines.map(\.type) == [.ai, .aci])
        #expect(a.lines.map(\.amount) == [Self.euros(1_800), Self.euros(800)])
        #expect(a.variableBeforeCap == Self.euros(2_600))
        #expect(a.total == Self.euros(3_400))
        #expect(Self.readable(a) == "Part fixe 800,00 € · Part variable AI 0,6 % × 300 000,00 € = 1 800,00 € · "
            + "Part variable ACI 0,2 % × 400 000,00 € = 800,00 € · Part variable totale 2 600,00 € · "
            + "Plafond 400 h × 11,88 € = 4 752,00 € · Total 3 400,00 €")
    }

    @Test func explanationOfTheIssue() throws {
        let a = try DuesCalculator.compute(Self.grid2026(), types: [.ai], bases: [.ai: Money(cents: 61_234_500)])
        #expect(Self.readable(a) == "Part fixe 800,00 € · Part variable AI 0,6 % × 612 345,00 € = 3 674,07 € · "
            + "Plafond 400 h × 11,88 € = 4 752,00 € · Total 4 474,07 €")
        #expect(a.total == Money(cents: 447_407))
        // The typography is the narrow no-break space of FrenchFormat, not a plain space.
        #expect(a.explanation[1] == "Part variable AI 0,6\u{202F}% × 612\u{202F}345,00\u{202F}€ = 3\u{202F}674,07\u{202F}€")
    }

    @Test func typeNamesInTheExplanation() throws {
        let a = try DuesCalculator.compute(Self.grid2026(), types: [.ettEss, .proxim],
                                           bases: [.ettEss: Self.euros(1_000), .proxim: Self.euros(2_000)])
        #expect(a.explanation[1].hasPrefix("Part variable ETT-ESS 0,6"))
        #expect(a.explanation[2].hasPrefix("Part variable Proxim'Services 0,6"))
    }

    @Test func eachLineIsRoundedHalfAwayFromZero() throws {
        // 10,00 € × 0,35 % = 0,035 € → 0,04 €; 2,50 € × 0,6 % = 0,015 € → 0,02 €.
        let a = try DuesCalculator.compute(Self.grid2026(), types: [.ai, .ei],
                                           bases: [.ei: Self.euros(10), .ai: Money(cents: 250)])
        #expect(a.lines.map(\.amount) == [Money(cents: 2), Money(cents: 4)])
        #expect(a.variable == Money(cents: 6))
        #expect(a.total == Money(cents: 80_006))
    }

    @Test func floorAppliesAfterTheCap() throws {
        let grid = Self.grid2026(floor: Self.euros(100))
        let small = try DuesCalculator.compute(grid, types: [.aci], bases: [.aci: Self.euros(10_000)])
        #expect(small.variableBeforeCap == Self.euros(20))
        #expect(small.variable == Self.euros(100) && small.floored && !small.capped)
        #expect(small.total == Self.euros(900))
        #expect(small.explanation.contains("Plancher 100,00\u{202F}€, appliqué"))

        let large = try DuesCalculator.compute(grid, types: [.aci], bases: [.aci: Self.euros(100_000)])
        #expect(!large.floored)
        #expect(large.explanation.contains("Plancher 100,00\u{202F}€"))
    }

    @Test func missingBasesAndUnratedTypes() throws {
        let a = try DuesCalculator.compute(Self.grid2026(), types: [.ai, .aci, .other, .ai],
                                           bases: [.ai: Self.euros(100_000), .other: Self.euros(1_000_000)])
        #expect(a.lines.map(\.type) == [.ai])
        #expect(a.missingBases == [.aci])
        #expect(a.total == Self.euros(1_400))
        #expect(a.explanation.contains("Sans assiette : ACI (part fixe seule pour ce type)"))
        #expect(a.explanation.last == "Total 1\u{202F}400,00\u{202F}€")

        let none = try DuesCalculator.compute(Self.grid2026(), types: [.ei, .etti], bases: [:])
        #expect(none.total == Self.euros(800) && none.lines.isEmpty)
        #expect(none.missingBases == [.ei, .etti])
        #expect(Self.readable(none) == "Part fixe 800,00 € · Sans assiette : EI, ETTI (part fixe seule pour ces types) · Total 800,00 €")

        let unrated = try DuesCalculator.compute(Self.grid2026(), types: [.of], bases: [.of: Self.euros(5)])
        #expect(Self.readable(unrated) == "Part fixe 800,00 € · Total 800,00 €")
        #expect(unrated.capHours == 0 && unrated.missingBases.isEmpty)
    }

    @Test func overflowThrows() {
        #expect(throws: MoneyError.overflow) {
            try DuesCalculator.compute(Self.grid2026(), types: [.ai], bases: [.ai: Money(cents: .max / 2)])
        }
        var grid = Self.grid2026()
        grid.smicHourly = Money(cents: .max / 100)
        #expect(throws: MoneyError.overflow) {
            try DuesCalculator.compute(grid, types: [.ai], bases: [.ai: Self.euros(1)])
        }
        grid = Self.grid2026()
        grid.fixed = Money(cents: .max)
        #expect(throws: MoneyError.overflow) {
            try DuesCalculator.compute(grid, types: [.ai], bases: [.ai: Self.euros(1_000)])
        }
    }

    @Test func amountSurvivesJSON() throws {
        let a = try DuesCalculator.compute(Self.grid2026(floor: Self.euros(50)), types: [.ai, .aci],
                                           bases: [.ai: Self.euros(300_000)])
        let decoded = try JSONDecoder().decode(DuesAmount.self, from: JSONEncoder().encode(a))
        #expect(decoded == a)
        #expect(decoded.explanationText == a.explanationText)
    }

    @Test func gridTermsSurviveJSON() throws {
        let grid = Self.grid2026(floor: Self.euros(100), capHours: [.ei: 450])
        #expect(try JSONDecoder().decode(DuesGridTerms.self, from: JSONEncoder().encode(grid)) == grid)
        #expect(DuesTypeTerms(rate: DuesRate(milliPercent: 600)!).capHours == 400)
    }

    @Test func frenchLabelsAndCodes() {
        #expect(DuesParty.allCases.map(\.label) == ["Délégation régionale", "Offre de service nationale", "Fonds mutualisé"])
        #expect(DuesBaseKind.turnover.label == "Chiffre d'affaires")
        #expect(DuesBaseKind.payroll.label == "Masse salariale brute")
        #expect(DuesBaseKind.allCases.map(\.indicator) == ["turnover_eur", "salaries_total_eur"])
        #expect(NoBaseRule.allCases.map(\.rawValue) == ["last_year", "fixed_only"])
        #expect(NoBaseRule.fixedOnly.label == "Part fixe seule")
        #expect(StructureType.allCases.map(\.duesCode)
            == ["AI", "ACI", "EI", "ETTI", "ETT-ESS", "EITI", "GES", "EBE", "Proxim'Services", "OF", "OTHER"])
    }
}

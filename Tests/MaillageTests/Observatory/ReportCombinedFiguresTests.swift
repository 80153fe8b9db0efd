import MaillageCore
import Testing
@testable import Maillage

/// Report figures made of several sums (a total of sums, a ratio of summed parts, the net gain)
/// come from the engine's exact sums, rounded once, with their own n and secrecy; never from
/// already-rounded published figures added together.
@Suite struct ReportCombinedFiguresTests {
    static func input(_ units: [SurveyUnit], k: Int = 5) -> ReportInput {
        let cube = FigureCube(units: units, members: [], settings: StatisticsSettings(k: k, unemployedETPCost: Exact(18300)))
        let figures = ReportFigures(cube: cube, delegation: Figure.all)
        return ReportInput(year: 2024, scope: "national", figures: figures, types: cube.types, members: [],
                           history: [(2024, figures)], unemployedETPCost: "18300.00")
    }

    /// `count` AI structures with the same answers.
    static func units(_ prefix: String, _ count: Int, _ values: [String: String]) -> [SurveyUnit] {
        (0..<count).map { i in
            SurveyUnit(structure: "\(prefix)\(i)", type: "AI", delegation: "PDL", values: values.mapValues { Exact(decimal: $0)! })
        }
    }

    static func cells(_ section: ReportSection, _ label: String) -> [String] {
        section.tables.flatMap(\.rows).first { $0.label == label }!.cells.map(\.text)
    }

    /// Contributions and taxes answered by different structures: the taxes and contributions
    /// paid back per euro are over the structures that answered both and the funding.
    static let paidBack = "Impôts, taxes et cotisations reversés"

    @Test func taxesAndContributionsPaidBackAreOneRatioOfExactSums() {
        // setup: both return parts are 1/3 (0.33 each, 0.66 together) over 10 structures each;
        // the 5 structures that answered both paid back 2/3 of their funding.
        let both = Self.units("both", 5, ["funding_state_eur": "300", "employer_contributions_eur": "100", "taxes_eur": "100"])
        let contributions = Self.units("contributions", 5, ["funding_state_eur": "300", "employer_contributions_eur": "100"])
        let taxes = Self.units("taxes", 5, ["funding_state_eur": "300", "taxes_eur": "100"])
        // MUT
        let section = ReportSections.perEuro(Self.input(both + contributions + taxes))
        // validate
        #expect(Self.cells(section, Self.paidBack) == [ReportFormat.text("0.67", .perEuro), "5"])
    }

    @Test func paidBackIsSecretOnItsOwnCount() {
        // setup: each part over 7 structures (published with k = 5), both over 2 only.
        let both = Self.units("both", 2, ["funding_state_eur": "300", "employer_contributions_eur": "100", "taxes_eur": "100"])
        let contributions = Self.units("contributions", 5, ["funding_state_eur": "300", "employer_contributions_eur": "100"])
        let taxes = Self.units("taxes", 5, ["funding_state_eur": "300", "taxes_eur": "100"])
        // MUT
        let section = ReportSections.perEuro(Self.input(both + contributions + taxes))
        // validate
        #expect(Self.cells(section, Self.paidBack) == [ReportTable.secretText, "2"])
    }

    @Test func netGainIsTheExactTotalMinusOneRoundedOnce() {
        // setup: 0.505 € paid back per euro and no insertion ETP: total 0.51 €, gain −0.495 €.
        let units = Self.units("s", 5, ["funding_state_eur": "1000", "employer_contributions_eur": "300", "taxes_eur": "205",
                                        "insertion_etp": "0"])
        // MUT
        let section = ReportSections.returnOnEuro(Self.input(units))
        // validate
        #expect(Self.cells(section, "Total rendu à la collectivité") == [ReportFormat.text("0.51", .perEuro), "5"])
        #expect(Self.cells(section, "Gain net (total − 1 €)") == [ReportFormat.text("-0.50", .perEuro), "5"])
    }

    @Test func etpTotalIsTheExactSumRoundedOnce() {
        // setup: 0.005 ETP of permanents and 0.005 in insertion (0.01 each once rounded).
        let units = Self.units("s", 5, ["permanents_etp": "0.001", "insertion_etp": "0.001"])
        // MUT
        let section = ReportSections.etp(Self.input(units))
        // validate
        #expect(Self.cells(section, "Salariés permanents").first == ReportFormat.text("0.01", .decimal))
        #expect(Self.cells(section, "Ensemble").first == ReportFormat.text("0.01", .decimal))
    }

    @Test func etpTotalIsSecretWhenAPartIs() {
        // setup: permanents' ETP from 3 structures (secret with k = 5), insertion ETP from 8.
        let units = Self.units("p", 3, ["permanents_etp": "1", "insertion_etp": "2"]) + Self.units("i", 5, ["insertion_etp": "2"])
        // MUT
        let section = ReportSections.etp(Self.input(units))
        // validate
        #expect(Self.cells(section, "Salariés permanents").first == ReportTable.secretText)
        #expect(Self.cells(section, "Ensemble").first == ReportTable.secretText)
    }
}

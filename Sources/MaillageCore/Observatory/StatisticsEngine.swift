/// Figures of a campaign, exact until the one final rounding (half away from zero):
/// `rate` and `share` are percentages with 1 decimal, everything else has 2.
/// The work is done once per campaign by `FigureCube`; these are its two reports.
///
/// The same rules read plainly, one cell at a time in `Exact` over dictionaries, are in the
/// tests' reference engine (`Tests/MaillageCoreTests/Observatory/Reference/ReferenceEngine.swift`,
/// compared figure by figure in `FigureCubeTests`); `scripts/observatory_figures.py` restates
/// the figures export once more, in Python. Read them first: this engine is the fast version.
public enum StatisticsEngine {
    /// A ratio computed on the group's sums: numerator codes over denominator codes.
    struct Ratio: Sendable {
        let indicator: String
        let statistic: String
        let numerator: [String]
        let denominator: [String]
        var percent: Bool { statistic == "rate" || statistic == "share" }
    }

    static let resources = ["turnover_eur", "public_funding_eur"]
    static let ratios: [Ratio] = [
        Ratio(indicator: "dynamic_exit_rate", statistic: "rate", numerator: ["dynamic_exits"], denominator: ["exits_total"]),
        Ratio(indicator: "exits_sustainable", statistic: "share", numerator: ["exits_sustainable"], denominator: ["exits_total"]),
        Ratio(indicator: "exits_transition", statistic: "share", numerator: ["exits_transition"], denominator: ["exits_total"]),
        Ratio(indicator: "exits_positive", statistic: "share", numerator: ["exits_positive"], denominator: ["exits_total"]),
        Ratio(indicator: "exits_other", statistic: "share", numerator: ["exits_other"], denominator: ["exits_total"]),
        Ratio(indicator: "economic_resources_share", statistic: "share", numerator: ["turnover_eur"], denominator: resources),
        Ratio(indicator: "public_funding_eur", statistic: "share", numerator: ["public_funding_eur"], denominator: resources),
        Ratio(indicator: "public_funding_per_insertion_etp_eur", statistic: "ratio", numerator: ["public_funding_eur"], denominator: ["insertion_etp"]),
        Ratio(indicator: "return_contributions", statistic: "ratio", numerator: ["employer_contributions_eur"], denominator: ["public_funding_eur"]),
        Ratio(indicator: "return_taxes", statistic: "ratio", numerator: ["taxes_eur"], denominator: ["public_funding_eur"]),
        // Per euro of public funding, as the 2024 report puts it.
        Ratio(indicator: "turnover_eur", statistic: "ratio", numerator: ["turnover_eur"], denominator: ["public_funding_eur"]),
        Ratio(indicator: "salaries_total_eur", statistic: "ratio", numerator: ["salaries_total_eur"], denominator: ["public_funding_eur"]),
        Ratio(indicator: "local_purchases_eur", statistic: "ratio", numerator: ["local_purchases_eur"], denominator: ["public_funding_eur"]),
    ] + IndicatorCatalogue.fundingCodes.map {
        Ratio(indicator: $0, statistic: "share", numerator: [$0], denominator: resources)
    }

    /// Report-only figures: the reports show them, the figures export does not (its names are
    /// SPEC §8's). Each comes from the exact sums and is rounded once, with its own n: never
    /// published figures, already rounded and over other structures, added together.
    ///
    /// Taxes and contributions paid back per euro of public funding (the 2024 report), over
    /// the structures that answered the three.
    static let reportRatios: [Ratio] = [
        Ratio(indicator: "return_paid_back", statistic: "ratio", numerator: ["employer_contributions_eur", "taxes_eur"],
              denominator: ["public_funding_eur"]),
    ]

    /// A report's total of several sums (statistic `sum`), n = structures that answered at
    /// least one part. Shown where every part is shown; null where a part is (under k), left
    /// out where a part is hidden by secondary suppression: the total minus the other parts
    /// would give the secret part.
    struct Total: Sendable {
        let indicator: String
        let parts: [String]
    }

    static let reportTotals: [Total] = [
        Total(indicator: "etp_total", parts: ["permanents_etp", "insertion_etp"]),
        Total(indicator: "staff_total", parts: ["permanents_headcount", "insertion_persons"]),
        Total(indicator: "persons_gender_total", parts: ["persons_women", "persons_men"]),
        Total(indicator: "persons_age_total", parts: ["age_under_26", "age_26_49", "age_50_plus"]),
    ]

    /// The return on one euro of public funding minus that euro: same n and secrecy as the return.
    static let netGain = "return_net_gain"

    /// Inputs of the return on one euro of public funding (SPEC §4, Basse-Normandie 2011).
    static let returnInputs = ["public_funding_eur", "employer_contributions_eur", "taxes_eur", "insertion_etp"]

    /// Codes whose sums add up across cells: the ones statistical secrecy protects.
    static var additiveCodes: [String] {
        IndicatorCatalogue.all.filter { $0.unit != .percent }.map(\.code) + ["public_funding_eur", "dynamic_exits"]
    }

    /// National report: the network, each type, each delegation.
    public static func national(units: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings) -> [Figure] {
        FigureCube(units: units, members: members, settings: settings).national()
    }

    /// A delegation's report: the delegation, and each type within it.
    public static func delegation(_ code: String, units: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings) -> [Figure] {
        FigureCube(units: units, members: members, settings: settings).delegation(code)
    }
}

/// Every figure of one campaign, computed once: each (type, delegation) cell's figures, as the
/// national report, the delegations' reports, the figures export and the members' benchmarks
/// read them. Immutable, so one cube serves every request until the answers change.
public struct FigureCube: Sendable {
    /// Types answered, sorted.
    public let types: [String]
    /// Delegation codes answered, sorted (answers outside every delegation have none).
    public let delegations: [String]

    let layout: CubeLayout
    let settings: StatisticsSettings
    let members: MemberBase
    /// By grid cell.
    let cellFigures: [[Figure]]
    /// By grid cell: the figures only reports show (`StatisticsEngine.reportRatios`, …).
    let cellReportFigures: [[Figure]]
    /// By grid cell × catalogue indicator: published quartiles only.
    let cellQuartiles: CubeGrid<Quartiles?>
    /// The same as numerators over 4 × the common scale, when they fit in
    /// machine words: a benchmark line then compares integers rather than rationals.
    let cellQuartileKeys: CubeGrid<Standing.Keys?>
    /// 4 × scale / d for small denominators d: an answer's value over 4 × scale.
    let quarterFactors: ScaleFactors
    /// Types answered per delegation code, sorted: a delegation report's type sections.
    let typesByDelegation: [String: [String]]
    /// By type index: whether each catalogue indicator applies to it.
    let applies: [[Bool]]

    /// Stored values left out of the computation (out of their unit's range): the reports
    /// list them, so that an admin corrects the answers rather than reads wrong figures.
    public let excluded: [ExcludedValue]
    /// Figures that could not be computed (a result too large for exact arithmetic): left out
    /// like withheld figures, and named here in French.
    public let problems: [String]

    /// `earlier`: the units of the campaign's earlier releases, when this cube is a later
    /// release: figures whose change since one of them could reveal fewer than k structures
    /// are withheld (`ReleaseSecrecy`).
    public init(units input: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings, earlier: [[SurveyUnit]] = []) {
        let (units, excluded) = AdmittedValues.filter(input)
        self.excluded = excluded
        let layout = CubeLayout(units: units)
        let stats = Self.statistics(units, layout: layout, k: settings.k)
        let withheld = ReleaseSecrecy.withheld(current: units, earlier: earlier.map { AdmittedValues.filter($0).units }, k: settings.k)
        let secrecy = Secrecy(layout: layout, k: settings.k, n: { stats.n[$1, $0] }, withheld: { code, cell in
            !withheld.isEmpty && withheld.contains(.init(code: code, type: layout.typeCode(layout.type(ofCell: cell)),
                                                         delegation: layout.delegationCode(layout.delegation(ofCell: cell))))
        })
        let figures = CellFigures(layout: layout, stats: stats, secrecy: secrecy, settings: settings, members: MemberBase(members))
        self.layout = layout
        self.settings = settings
        self.members = figures.members
        var problems: [String] = []
        self.cellFigures = (0..<layout.cellCount).map { figures.figures($0, problems: &problems) }
        self.cellReportFigures = (0..<layout.cellCount).map { figures.reportFigures($0) }
        self.problems = problems
        let quartiles = Self.quartiles(stats, secrecy: secrecy, layout: layout)
        self.cellQuartiles = quartiles
        self.quarterFactors = ScaleFactors(scale: 4 * stats.scale)
        self.cellQuartileKeys = Self.quartileKeys(quartiles, stats)
        self.types = layout.types
        // The grid's non-empty cells, except for "-": answers with no delegation sit there too,
        // but its report lists only the types of answers that say "-" themselves.
        var byDelegation: [String: [String]] = [:]
        for (d, code) in layout.delegations.enumerated() where code != CubeLayout.noDelegation {
            byDelegation[code] = layout.types.indices.filter { !layout.cellRows[$0, d].isEmpty }.map { layout.types[$0] }
        }
        let dashTypes = Set(units.lazy.filter { $0.delegation == CubeLayout.noDelegation }.map(\.type))
        if !dashTypes.isEmpty { byDelegation[CubeLayout.noDelegation] = dashTypes.sorted() }
        self.typesByDelegation = byDelegation
        self.delegations = layout.delegations.filter { $0 != CubeLayout.noDelegation || !dashTypes.isEmpty }
        self.applies = layout.types.map { t in IndicatorCatalogue.all.map { $0.applies(to: t) } }
    }

    /// One cell's figures (`Figure.all` allowed for either code). A cell without answers has only
    /// its response rate.
    public func figures(type: String, delegation: String) -> [Figure] {
        if let cell = layout.cell(type: type, delegation: delegation) { return cellFigures[cell] }
        let base = members.count(type: type, delegation: delegation)
        return CellFigures.responseRate(type: type, delegation: delegation, answers: 0, base: base, k: settings.k).map { [$0] } ?? []
    }

    /// National report: the network, each type, each delegation.
    public func national() -> [Figure] {
        figures(type: Figure.all, delegation: Figure.all)
            + types.flatMap { figures(type: $0, delegation: Figure.all) }
            + delegations.flatMap { figures(type: Figure.all, delegation: $0) }
    }

    /// A delegation's report: the delegation, and each type within it.
    public func delegation(_ code: String) -> [Figure] {
        figures(type: Figure.all, delegation: code)
            + typesByDelegation[code, default: []].flatMap { figures(type: $0, delegation: code) }
    }

    /// A cell's figures that only the reports show, not the figures export (SPEC §8 names its
    /// figures): see `StatisticsEngine.reportRatios`, `reportTotals` and `netGain`.
    public func reportFigures(type: String, delegation: String) -> [Figure] {
        layout.cell(type: type, delegation: delegation).map { cellReportFigures[$0] } ?? []
    }

    /// One figure; nil when the cell does not publish it (no answer, or hidden by secondary
    /// suppression). A figure from fewer than k structures is returned, with a null value.
    public func figure(_ indicator: String, _ statistic: String, type: String = Figure.all, delegation: String = Figure.all) -> Figure? {
        figures(type: type, delegation: delegation).first { $0.indicator == indicator && $0.statistic == statistic }
    }

    /// Exact quartiles of a catalogue indicator in a cell; nil when not published (empty,
    /// secret, or an indicator the cell does not show).
    public func quartiles(_ indicator: String, type: String, delegation: String) -> Quartiles? {
        guard let i = CubeCodes.index[indicator], i < CubeCodes.catalogue,
              let cell = layout.cell(type: type, delegation: delegation) else { return nil }
        return quartiles(indicator: i, cell: cell)
    }

    func quartiles(indicator: Int, cell: Int) -> Quartiles? { cellQuartiles[cell, indicator] }

    /// Where `value` stands in published quartiles, in integers when it is a whole number of
    /// 1/(4 × scale), as answers are.
    func standing(_ value: Exact, key: Int64?, indicator: Int, cell: Int, among q: Quartiles) -> Standing {
        guard let key, let keys = cellQuartileKeys[cell, indicator] else { return Standing(value, among: q) }
        return Standing(key, among: keys)
    }

    /// `value` × 4 × scale, when a machine word holds it exactly.
    func key(_ value: Exact) -> Int64? {
        guard let n = Int64(exactly: value.numerator), let factor = quarterFactors[value.denominator] else { return nil }
        let (k, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? nil : k
    }

    /// Integers first (a machine word over hundredths, the usual case), wider or finer only
    /// when an answer asks for it.
    static func statistics(_ units: [SurveyUnit], layout: CubeLayout, k: Int) -> CellStatistics {
        if let columns = ScaledColumns<Int64>(units: units, layout: layout, scale: 100) {
            return CellStatistics(columns, layout: layout, k: k)
        }
        // Admitted values are whole numbers of 10^-12 up to 10^10: the common scale is at most
        // 10^12 and 128 bits hold every value, so the last fallback (no values) is never taken.
        let scale = CommonScale.of(units) ?? 1_000_000_000_000
        if let columns = ScaledColumns<Int64>(units: units, layout: layout, scale: scale) {
            return CellStatistics(columns, layout: layout, k: k)
        }
        if let columns = ScaledColumns<Int128>(units: units, layout: layout, scale: scale) {
            return CellStatistics(columns, layout: layout, k: k)
        }
        return CellStatistics(ScaledColumns<Int128>(units: [], layout: layout, scale: 1)!, layout: layout, k: k)
    }

    /// Published quartiles as numerators over 4 × scale, where machine words hold them.
    static func quartileKeys(_ published: CubeGrid<Quartiles?>, _ stats: CellStatistics) -> CubeGrid<Standing.Keys?> {
        var keys = CubeGrid<Standing.Keys?>(rows: published.rows, columns: published.columns, repeating: nil)
        for cell in 0..<published.rows {
            for i in 0..<published.columns where published[cell, i] != nil {
                guard let q = stats.quartiles[cell, i], let q1 = Int64(exactly: q.q1), let median = Int64(exactly: q.median),
                      let q3 = Int64(exactly: q.q3) else { continue }
                keys[cell, i] = Standing.Keys(q1: q1, median: median, q3: q3)
            }
        }
        return keys
    }

    /// Quartiles as `Exact`, reduced once here rather than at each benchmark line.
    static func quartiles(_ stats: CellStatistics, secrecy: Secrecy, layout: CubeLayout) -> CubeGrid<Quartiles?> {
        var out = CubeGrid<Quartiles?>(rows: layout.cellCount, columns: CubeCodes.catalogue, repeating: nil)
        let over = 4 * stats.scale
        for cell in 0..<layout.cellCount {
            for i in 0..<CubeCodes.catalogue {
                guard let q = stats.quartiles[cell, i] else { continue }
                if secrecy.isSecret(i, cell: cell) { continue }
                out[cell, i] = Quartiles(q1: Exact(q.q1, over), median: Exact(q.median, over),
                                         q3: Exact(q.q3, over), n: stats.n[cell, i])
            }
        }
        return out
    }
}


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
    /// By grid cell × catalogue indicator: published quartiles only.
    let cellQuartiles: [Quartiles?]
    /// Types answered per delegation code, sorted: a delegation report's type sections.
    let typesByDelegation: [String: [String]]
    /// By type index: whether each catalogue indicator applies to it.
    let applies: [[Bool]]

    public init(units: [SurveyUnit], members: [SurveyMember], settings: StatisticsSettings) {
        let layout = CubeLayout(units: units)
        let stats = Self.statistics(units, layout: layout, k: settings.k)
        let secrecy = Secrecy(layout: layout, k: settings.k) { stats.n[stats.index($1, $0)] }
        let figures = CellFigures(layout: layout, stats: stats, secrecy: secrecy, settings: settings, members: MemberBase(members))
        self.layout = layout
        self.settings = settings
        self.members = figures.members
        self.cellFigures = (0..<layout.cellCount).map { figures.figures($0) }
        self.cellQuartiles = Self.quartiles(stats, secrecy: secrecy, layout: layout, k: settings.k)
        self.types = layout.types
        self.delegations = Set(units.compactMap(\.delegation)).sorted()
        var byDelegation: [String: Set<String>] = [:]
        for unit in units { if let d = unit.delegation { byDelegation[d, default: []].insert(unit.type) } }
        self.typesByDelegation = byDelegation.mapValues { $0.sorted() }
        self.applies = layout.types.map { t in IndicatorCatalogue.all.map { $0.applies(to: t) } }
    }

    /// One cell's figures ("ALL" allowed for either code). A cell without answers has only
    /// its response rate.
    public func figures(type: String, delegation: String) -> [Figure] {
        if let cell = layout.cell(type: type, delegation: delegation) { return cellFigures[cell] }
        let base = members.count(type: type, delegation: delegation)
        if settings.k <= 0 && base == 0 { return [] }
        let value = settings.k <= 0 ? Rounding.decimal(0, over: Int128(base), places: 1) : nil
        return [Figure(indicator: "response", statistic: "rate", type: type, delegation: delegation, n: 0, value: value)]
    }

    /// National report: the network, each type, each delegation.
    public func national() -> [Figure] {
        figures(type: CubeLayout.all, delegation: CubeLayout.all)
            + types.flatMap { figures(type: $0, delegation: CubeLayout.all) }
            + delegations.flatMap { figures(type: CubeLayout.all, delegation: $0) }
    }

    /// A delegation's report: the delegation, and each type within it.
    public func delegation(_ code: String) -> [Figure] {
        figures(type: CubeLayout.all, delegation: code)
            + typesByDelegation[code, default: []].flatMap { figures(type: $0, delegation: code) }
    }

    /// One figure; nil when the cell does not publish it (no answer, or hidden by secondary
    /// suppression). A figure from fewer than k structures is returned, with a null value.
    public func figure(_ indicator: String, _ statistic: String, type: String = "ALL", delegation: String = "ALL") -> Figure? {
        figures(type: type, delegation: delegation).first { $0.indicator == indicator && $0.statistic == statistic }
    }

    /// Exact quartiles of a catalogue indicator in a cell; nil when not published (empty,
    /// secret, or an indicator the cell does not show).
    public func quartiles(_ indicator: String, type: String, delegation: String) -> Quartiles? {
        guard let i = CubeCodes.index[indicator], i < CubeCodes.catalogue,
              let cell = layout.cell(type: type, delegation: delegation) else { return nil }
        return quartiles(indicator: i, cell: cell)
    }

    func quartiles(indicator: Int, cell: Int) -> Quartiles? { cellQuartiles[cell * CubeCodes.catalogue + indicator] }

    /// Integers first (a machine word over hundredths, the usual case), wider or finer only
    /// when an answer asks for it.
    static func statistics(_ units: [SurveyUnit], layout: CubeLayout, k: Int) -> CellStatistics {
        let c0 = ContinuousClock.now
        if let columns = ScaledColumns<Int64>(units: units, layout: layout, scale: 100) {
            let c1 = ContinuousClock.now
            let s = CellStatistics(columns, layout: layout, k: k)
            let c2 = ContinuousClock.now
            TMP.columns = min(TMP.columns, c1 - c0); TMP.stats = min(TMP.stats, c2 - c1)
            return s
        }
        guard let scale = CommonScale.of(units) else {
            preconditionFailure("Observatory answers need a common denominator up to 10^18")
        }
        if let columns = ScaledColumns<Int64>(units: units, layout: layout, scale: scale) {
            return CellStatistics(columns, layout: layout, k: k)
        }
        guard let columns = ScaledColumns<Int128>(units: units, layout: layout, scale: scale) else {
            preconditionFailure("Observatory answers out of range")
        }
        return CellStatistics(columns, layout: layout, k: k)
    }

    /// Quartiles as `Exact`, reduced once here rather than at each benchmark line.
    static func quartiles(_ stats: CellStatistics, secrecy: Secrecy, layout: CubeLayout, k: Int) -> [Quartiles?] {
        var out = [Quartiles?](repeating: nil, count: layout.cellCount * CubeCodes.catalogue)
        let over = 4 * stats.scale
        for cell in 0..<layout.cellCount {
            for i in 0..<CubeCodes.catalogue {
                guard let q = stats.quartiles[cell * CubeCodes.catalogue + i] else { continue }
                if !CubeCodes.isPercent[i] && secrecy.isSecret(i, cell: cell) { continue }
                out[cell * CubeCodes.catalogue + i] = Quartiles(q1: Exact(q.q1, over), median: Exact(q.median, over),
                                                                q3: Exact(q.q3, over), n: stats.n[stats.index(cell, i)])
            }
        }
        return out
    }
}

enum TMP { nonisolated(unsafe) static var quart = true; nonisolated(unsafe) static var columns = Duration.seconds(100), stats = Duration.seconds(100) }

import Foundation
import MaillageCore

/// One published value as a report shows it: a number, a secret (the cube counted fewer
/// than k structures), or nothing at all (nobody answered the question).
enum Published: Sendable, Equatable {
    case value(String, n: Int)
    case secret(n: Int)
    case absent
    /// The question is not asked of this type (insertion figures of a Proxim'Services).
    case notApplicable

    init(_ figure: Figure?) {
        guard let figure else { self = .absent; return }
        self = figure.value.map { .value($0, n: figure.n) } ?? .secret(n: figure.n)
    }

    var decimal: String? { if case .value(let v, _) = self { v } else { nil } }
    var exact: Exact? { decimal.flatMap { Exact(decimal: $0) } }
    var isSecret: Bool { if case .secret = self { true } else { false } }

    var n: Int? {
        switch self {
        case .value(_, let n), .secret(let n): n
        case .absent, .notApplicable: nil
        }
    }

    /// A plain count from the register (members), published as it is.
    static func count(_ n: Int) -> Published { .value(String(n), n: n) }

    /// 100 % beside a published total; the total's secret or absence otherwise.
    static func whole(_ total: Published) -> Published { total.exact == nil ? total : .value("100", n: total.n ?? 0) }

    /// `part / whole` as a percentage with 1 decimal place (shares of published sums).
    static func share(_ part: Published, of whole: Published) -> Published {
        if part.isSecret || whole.isSecret { return .secret(n: whole.n ?? part.n ?? 0) }
        guard let p = part.exact, let w = whole.exact, !w.isZero else { return .absent }
        return .value((p / w * Exact(100)).rounded(places: 1), n: whole.n ?? 0)
    }
}

/// The figures of one report, looked up by cell: the list the JSON export publishes, and the
/// engine's report-only figures (totals and ratios of several sums, the net gain), so that no
/// report adds up published figures that are already rounded.
struct ReportFigures: Sendable {
    private let index: [String: Figure]
    /// The delegation column of the report's cells: `Figure.all` for the network, else its code.
    let delegation: String

    init(_ figures: [Figure], delegation: String) {
        var index: [String: Figure] = [:]
        for f in figures { index[Self.key(f.indicator, f.statistic, f.type, f.delegation)] = f }
        self.index = index
        self.delegation = delegation
    }

    /// Figures of a report: the network's, or a delegation's.
    init(cube: FigureCube, delegation: String) {
        let published = delegation == Figure.all ? cube.national() : cube.delegation(delegation)
        let types = Set(published.lazy.filter { $0.delegation == delegation }.map(\.type))
        self.init(published + types.sorted().flatMap { cube.reportFigures(type: $0, delegation: delegation) }, delegation: delegation)
    }

    func get(_ indicator: String, _ statistic: String, type: String = Figure.all) -> Published {
        Published(index[Self.key(indicator, statistic, type, delegation)])
    }

    func sum(_ indicator: String, type: String = Figure.all) -> Published { get(indicator, "sum", type: type) }

    private static func key(_ i: String, _ s: String, _ t: String, _ d: String) -> String { "\(i)|\(s)|\(t)|\(d)" }
}

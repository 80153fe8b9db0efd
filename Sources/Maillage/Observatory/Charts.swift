import Foundation
import MaillageCore

/// A horizontal bar chart laid out in Swift and drawn as inline SVG by
/// `observatory/partials/chart.leaf`. The page's Content-Security-Policy forbids inline
/// styles, so every shape carries presentation attributes (fill, width…) and a class the
/// stylesheet can turn grey for print. Its text alternative lists every value; the data
/// table beside it carries the same figures.
struct BarChart: Encodable, Sendable {
    struct Bar: Encodable, Sendable {
        let y: Int
        let width: Int
        let height: Int
        let series: Int
        let fill: String
        let valueText: String
        let textX: Int
        let textY: Int
        let secret: Bool
        let drawn: Bool
    }
    struct Group: Encodable, Sendable {
        let label: String
        let labelY: Int
        let bars: [Bar]
    }
    struct Key: Encodable, Sendable {
        let label: String
        let series: Int
        let fill: String
        let x: Int
        let textX: Int
    }

    /// One bar's input: its value as published, and how to write it.
    struct Datum: Sendable {
        let value: Published
        let kind: ReportFormat.Kind
    }

    let id: String
    let title: String
    /// Every value in words, for screen readers (`<desc>`).
    let description: String
    let width: Int
    let height: Int
    let labelWidth: Int
    let plotX: Int
    let axisBottom: Int
    let groups: [Group]
    /// nil with one series (Leaf treats an empty array as true).
    let legend: [Key]?
    let legendY: Int
    let legendBoxY: Int

    /// Series colours, for a renderer without the stylesheet: the federation's default colour,
    /// then Okabe–Ito hues, told apart with every common colour-vision deficiency. The
    /// stylesheet (`--chart-1`…`--chart-4`) puts the federation's own colour first.
    static let fills = ["#0b5c7a", "#e69f00", "#009e73", "#cc79a7"]
    static let width = 640
    static let labelWidth = 200
    static let valueRoom = 140
    static let barHeight = 18
    static let gap = 4
    static let groupGap = 12

    /// Groups of bars (one per label), each with one bar per series. Bars share one scale;
    /// a secret or missing value draws no bar and says so in place of the number.
    init(id: String, title: String, series: [String] = [], groups input: [(label: String, data: [Datum])]) {
        self.id = id
        self.title = title
        width = Self.width
        labelWidth = Self.labelWidth
        let plotX = Self.labelWidth + 8
        self.plotX = plotX
        let plotWidth = Self.width - plotX - Self.valueRoom
        let values = input.flatMap { $0.data.compactMap(\.value.exact) }.map { $0 < .zero ? .zero : $0 }
        let top = values.max() ?? .zero
        let hasLegend = series.count > 1
        legendY = 14
        legendBoxY = 4
        var y = hasLegend ? 30 : 6
        var groups: [Group] = []
        var words: [String] = []
        for g in input {
            var bars: [Bar] = []
            let groupTop = y
            for (s, datum) in g.data.enumerated() {
                let length: Int
                if let v = datum.value.exact, !top.isZero, !(v < .zero) {
                    length = max(1, Int(((v / top) * Exact(Int128(plotWidth))).rounded(places: 0)) ?? 0)
                } else { length = 0 }
                let text = Self.text(datum)
                bars.append(Bar(y: y, width: length, height: Self.barHeight, series: s, fill: Self.fills[s % Self.fills.count],
                                valueText: text, textX: plotX + length + 6, textY: y + Self.barHeight - 5,
                                secret: datum.value.isSecret, drawn: length > 0))
                words.append((hasLegend ? "\(g.label), \(series[s])" : g.label) + " : " + text)
                y += Self.barHeight + Self.gap
            }
            let middle = groupTop + (y - Self.gap - groupTop) / 2 + 5
            groups.append(Group(label: Self.fitted(g.label), labelY: middle, bars: bars))
            y += Self.groupGap - Self.gap
        }
        self.groups = groups
        axisBottom = y
        height = y + 4
        legend = hasLegend ? series.enumerated().map { i, label in
            let x = plotX + i * 170
            return Key(label: label, series: i, fill: Self.fills[i % Self.fills.count], x: x, textX: x + 18)
        } : nil
        description = words.joined(separator: " ; ") + "."
    }

    /// A single-series chart: one bar per label.
    init(id: String, title: String, bars: [(label: String, value: Published, kind: ReportFormat.Kind)]) {
        self.init(id: id, title: title, groups: bars.map { ($0.label, [Datum(value: $0.value, kind: $0.kind)]) })
    }

    /// A label that fits the label column (about 30 characters at the chart's font size);
    /// the full wording stays in the table and the text alternative.
    static func fitted(_ label: String) -> String {
        label.count <= 30 ? label : String(label.prefix(29)) + "…"
    }

    static func text(_ d: Datum) -> String {
        switch d.value {
        case .value(let v, _): ReportFormat.text(v, d.kind)
        case .secret: ReportTable.secretText
        case .absent: "non disponible"
        case .notApplicable: "sans objet"
        }
    }
}

/// A one-line box chart for the benchmark, drawn as inline SVG by `benchmark.leaf`: the
/// member's value as a dot, against the published 1st quartile–median–3rd quartile of its
/// type (a box and a line), or against the group's own figure (a tick) for a ratio, which
/// has no quartiles. Positions come from exact values, so nothing is rounded twice.
struct BoxChart: Encodable, Sendable {
    /// Read by screen readers (`aria-label` and `<title>`): every value in words.
    let label: String
    let width: Int
    let height: Int
    let hasBox: Bool
    let q1X: Int
    let medianX: Int
    let boxWidth: Int
    let hasGroup: Bool
    let groupX: Int
    let mineX: Int
    let trackStart: Int
    let trackEnd: Int

    static let width = 240
    static let margin = 10

    /// nil when there is nothing to compare the value with.
    init?(value: Exact, quartiles: Quartiles?, group: Exact?, label: String) {
        guard quartiles != nil || group != nil else { return nil }
        // A ratio (no quartiles) is drawn from zero, so that the distance to its group reads true.
        let points = [value] + (quartiles.map { [$0.q1, $0.median, $0.q3] } ?? []) + (group.map { [$0] } ?? [])
            + (quartiles == nil ? [Exact.zero] : [])
        let low = points.min()!, high = points.max()!
        let plot = Self.width - 2 * Self.margin
        let span = high - low
        func x(_ v: Exact) -> Int {
            guard !span.isZero else { return Self.width / 2 }
            return Self.margin + (Int(((v - low) / span * Exact(Int128(plot))).rounded(places: 0)) ?? 0)
        }
        self.label = label
        width = Self.width
        height = 30
        hasBox = quartiles != nil
        q1X = quartiles.map { x($0.q1) } ?? 0
        medianX = quartiles.map { x($0.median) } ?? 0
        boxWidth = quartiles.map { max(1, x($0.q3) - x($0.q1)) } ?? 0
        hasGroup = group != nil
        groupX = group.map(x) ?? 0
        mineX = x(value)
        trackStart = Self.margin
        trackEnd = Self.width - Self.margin
    }
}

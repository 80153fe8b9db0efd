import Foundation
import MaillageCore

/// A horizontal bar chart of intervention days by kind, laid out in Swift and drawn as inline SVG
/// by `support/figures.leaf`, like the Observatory's `BarChart`: the Content-Security-Policy
/// forbids inline styles, so every shape carries presentation attributes; `role="img"`, a title
/// and a description that says every value, and the table beside it carries the same figures.
struct SupportChart: Encodable, Sendable {
    struct Bar: Encodable, Sendable {
        let label: String
        let labelY: Int
        let y: Int
        let width: Int
        let drawn: Bool
        let valueText: String
        let textX: Int
        let textY: Int
    }

    let id: String
    let title: String
    let description: String
    let width: Int
    let height: Int
    let labelWidth: Int
    let plotX: Int
    let axisBottom: Int
    let fill: String
    let bars: [Bar]

    static let width = 640
    static let labelWidth = 200
    static let valueRoom = 100
    static let barHeight = 18
    static let gap = 8

    /// `values`: (label, half-days). Bars share one scale, the longest filling the plot.
    init(id: String, title: String, values: [(label: String, halfDays: Int)]) {
        self.id = id
        self.title = title
        width = Self.width
        labelWidth = Self.labelWidth
        plotX = Self.labelWidth + 8
        fill = BarChart.fills[0]
        let plotWidth = Self.width - plotX - Self.valueRoom
        let top = values.map(\.halfDays).max() ?? 0
        var y = 6
        var bars: [Bar] = []
        for v in values {
            // Integer arithmetic on half-days, rounded once: exact whatever the values.
            let length = top == 0 || v.halfDays <= 0 ? 0 : max(1, (v.halfDays * plotWidth * 2 + top) / (2 * top))
            let text = SupportFigures.daysText(v.halfDays)
            bars.append(Bar(label: BarChart.fitted(v.label), labelY: y + Self.barHeight - 5, y: y, width: length, drawn: length > 0,
                            valueText: text, textX: plotX + length + 6, textY: y + Self.barHeight - 5))
            y += Self.barHeight + Self.gap
        }
        self.bars = bars
        axisBottom = y
        height = y + 4
        description = values.map { "\($0.label) : \(SupportFigures.daysText($0.halfDays))" }.joined(separator: " ; ") + "."
    }
}

import Foundation
import MaillageCore

/// The CAP radar: one spoke per axis (0 at the centre, 100 % at the rim), one closed line per
/// series (this year, earlier years, the network's median), laid out in Swift and drawn as inline
/// SVG by `quality/partials/radar.leaf`. The CSP forbids inline styles: every shape carries
/// presentation attributes only. Its text alternative says every value; the page's table too.
struct RadarChart: Encodable, Sendable {
    struct Point: Encodable, Sendable { let x: String; let y: String }
    struct Ring: Encodable, Sendable {
        let points: String
        let label: String
        let labelX: String
        let labelY: String
    }
    struct Spoke: Encodable, Sendable {
        let x: String
        let y: String
        let label: String
        let labelX: String
        let labelY: String
        let anchor: String
    }
    struct Series: Encodable, Sendable {
        /// The series' number (0: this year), for the stylesheet's classes.
        let n: Int
        let label: String
        let points: String
        let markers: [Point]
        let stroke: String
        let fill: String
        let fillOpacity: String
        let strokeWidth: String
        /// nil: a solid line.
        let dash: String?
        let keyY: Int
        let keyTextY: Int
    }

    /// One series' input: its name and a fraction of 1 per axis (nil: nothing scored on that axis).
    struct Input: Sendable {
        let label: String
        let values: [CapAxis: Exact?]
    }

    let id: String
    let title: String
    let description: String
    let width: Int
    let height: Int
    let centerX: Int
    let centerY: Int
    let rings: [Ring]
    let spokes: [Spoke]
    let series: [Series]
    let keyX: Int
    let keyLineEnd: Int
    let keyTextX: Int

    static let width = 640
    static let radius = 140.0
    static let fills = BarChart.fills
    static let dashes: [String?] = [nil, "6 4", "2 4", "10 4 2 4"]

    /// `series[0]` is drawn strongest (this year); the median, when shown, is the last.
    init(id: String, title: String, series input: [Input], note: String? = nil) {
        self.id = id
        self.title = title
        let cx = 320.0, cy = 190.0
        width = Self.width
        centerX = Int(cx)
        centerY = Int(cy)
        let axes = CapAxis.allCases
        func position(_ i: Int, _ fraction: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + Double(i) * 2 * Double.pi / Double(axes.count)
            return (cx + cos(angle) * Self.radius * fraction, cy + sin(angle) * Self.radius * fraction)
        }
        rings = [1, 2, 3, 4].map { step in
            let f = Double(step) / 4
            let pts = axes.indices.map { i -> String in let (x, y) = position(i, f); return Self.pair(x, y) }
            return Ring(points: pts.joined(separator: " "), label: "\(step * 25)\u{202F}%",
                        labelX: Self.number(cx + 4), labelY: Self.number(cy - Self.radius * f - 3))
        }
        spokes = axes.enumerated().map { i, axis in
            let (x, y) = position(i, 1)
            let (lx, ly) = position(i, 1.14)
            let anchor = abs(lx - cx) < 1 ? "middle" : (lx > cx ? "start" : "end")
            return Spoke(x: Self.number(x), y: Self.number(y), label: axis.shortLabel, labelX: Self.number(lx),
                         labelY: Self.number(ly + (ly > cy ? 10 : 0)), anchor: anchor)
        }
        var drawn: [Series] = []
        var words: [String] = []
        for (s, one) in input.enumerated() {
            let fractions = axes.map { axis -> Double in
                guard let v = one.values[axis] ?? nil, !v.isUndefined else { return 0 }
                return min(max(Double(v.rounded(places: 4)) ?? 0, 0), 1)
            }
            let corners = fractions.enumerated().map { i, f in position(i, f) }
            let keyY = Int(cy + Self.radius) + 60 + s * 24
            drawn.append(Series(
                n: s, label: one.label, points: corners.map { Self.pair($0.0, $0.1) }.joined(separator: " "),
                markers: corners.map { Point(x: Self.number($0.0), y: Self.number($0.1)) },
                stroke: Self.fills[s % Self.fills.count], fill: s == 0 ? Self.fills[0] : "none", fillOpacity: s == 0 ? "0.15" : "0",
                strokeWidth: s == 0 ? "3" : "2", dash: Self.dashes[s % Self.dashes.count], keyY: keyY, keyTextY: keyY + 4))
            let values = axes.map { axis -> String in
                let text = (one.values[axis] ?? nil).map { CapScoring.Score.percentText($0) } ?? "non évalué"
                return "\(axis.label) \(text)"
            }
            words.append("\(one.label) : " + values.joined(separator: ", "))
        }
        series = drawn
        keyX = 150
        keyLineEnd = 190
        keyTextX = 198
        height = Int(cy + Self.radius) + 60 + input.count * 24
        description = (words + (note.map { [$0] } ?? [])).joined(separator: ". ") + "."
    }

    static func number(_ v: Double) -> String { String(format: "%.1f", v) }
    static func pair(_ x: Double, _ y: Double) -> String { number(x) + "," + number(y) }
}

import Foundation
import MaillageCore

/// The files the independent computation reads, and the figures it is compared with.
enum BenchFiles {
    /// `answers-YEAR.csv`: the survey answers file of SPEC §8 as the app exports it (French-Excel
    /// CSV through `FrenchCSV.exportData`, comma decimals, every catalogue column, an empty cell
    /// for "not answered").
    static func answers(_ campaign: SyntheticCampaign) -> Data {
        AnswerFile.csv(campaign: campaign.year, answers: campaign.units.map { ($0.structure, $0.type, $0.values) },
                       codes: IndicatorCatalogue.all.map(\.code))
    }

    /// `structures.csv`: per campaign, every member active at its opening (the response-rate
    /// base) with the types it answers for and its delegation under that year's map.
    static func structures(_ history: SyntheticHistory) -> Data {
        var rows: [[String]] = [["campaign", "siret", "department", "delegation", "types"]]
        let departments = Dictionary(uniqueKeysWithValues: history.structures.map { ($0.siret, $0.department) })
        for campaign in history.campaigns {
            for m in campaign.members {
                rows.append([String(campaign.year), m.structure, departments[m.structure] ?? "", m.delegation ?? "", m.types.joined(separator: ",")])
            }
        }
        return FrenchCSV.exportData(rows)
    }

    /// The figures export of SPEC §8, written by hand so a secret figure keeps `"value": null`.
    static func figuresJSON(campaign: Int, scope: String, k: Int, generatedAt: String, figures: [Figure]) -> Data {
        var out = "{\"campaign\":\(campaign),\"scope\":\(quoted(scope)),\"k\":\(k),\"generated_at\":\(quoted(generatedAt)),\"figures\":["
        for (i, f) in figures.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "{\"indicator\":\(quoted(f.indicator)),\"statistic\":\(quoted(f.statistic)),\"type\":\(quoted(f.type)),"
            out += "\"delegation\":\(quoted(f.delegation)),\"n\":\(f.n),\"value\":\(f.value.map(quoted) ?? "null")}"
        }
        out += "\n]}\n"
        return Data(out.utf8)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// An answers file as the importer the app uses read it back: it must take every line back,
    /// with the same values.
    static func checkRoundTrip(_ parsed: AnswerFileParse, campaign: SyntheticCampaign) -> String? {
        if let e = parsed.errors.first { return "line \(e.line ?? 0) \(e.column ?? ""): \(e.message) (\(parsed.errors.count) errors)" }
        guard parsed.rows.count == campaign.units.count else { return "\(parsed.rows.count) rows read, \(campaign.units.count) written" }
        for (row, unit) in zip(parsed.rows, campaign.units) where row.siret != unit.structure || row.type != unit.type || row.values != unit.values {
            return "line \(row.line) (\(row.siret) \(row.type)) reads back different values"
        }
        return nil
    }
}

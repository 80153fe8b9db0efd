import Foundation

extension AnswerFile {
    public typealias Answer = (siret: String, type: String, values: [String: Exact])

    /// Header, then one row per answer, in the form `parse` reads back unchanged:
    /// each value with its indicator's places, a comma as decimal mark and no
    /// thousands separator (what French Excel reads as a number), empty when
    /// not answered.
    public static func rows(campaign: Int, answers: [Answer], codes: [String]) -> [[String]] {
        [keyColumns + codes] + answers.map { answer in
            [String(campaign), answer.siret, answer.type] + codes.map { code in
                answer.values[code].map { plain($0, code: code).replacingOccurrences(of: ".", with: ",") } ?? ""
            }
        }
    }

    /// The CSV download: UTF-8 with BOM, `;`, CRLF (SPEC §8).
    public static func csv(campaign: Int, answers: [Answer], codes: [String]) -> Data {
        FrenchCSV.exportData(rows(campaign: campaign, answers: answers, codes: codes))
    }

    /// The same columns as a workbook. Values are numeric cells so they add up in
    /// Excel; the SIRET stays text, or Excel would show it as 7,32829E+13.
    public static func xlsx(campaign: Int, answers: [Answer], codes: [String]) -> Data {
        let header = (keyColumns + codes).map(XLSXCell.text)
        let lines = answers.map { answer in
            [.integer(campaign), .text(answer.siret), .text(answer.type)] + codes.map { code in
                answer.values[code].map { XLSXCell.number(plain($0, code: code)) } ?? .empty
            }
        }
        return XLSX.workbook([XLSXSheet(name: "Réponses \(campaign)", rows: [header] + lines)])
    }

    /// "1234.50": the value rounded to its indicator's places (2 for a code
    /// outside the catalogue, the places of money), point as decimal mark.
    private static func plain(_ value: Exact, code: String) -> String {
        value.rounded(places: IndicatorCatalogue.byCode[code]?.unit.places ?? 2)
    }
}

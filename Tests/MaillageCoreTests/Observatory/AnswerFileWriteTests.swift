import Foundation
@testable import MaillageCore
import Testing

@Suite struct AnswerFileWriteTests {
    static let codes = ["insertion_persons", "insertion_hours", "turnover_eur", "clientele_private_pct", "home_workers_etp"]
    static let answers: [AnswerFile.Answer] = [
        (siret: "73282932000074", type: "AI", values: [
            "insertion_persons": Exact(40), "insertion_hours": Exact(decimal: "52340.5")!,
            "turnover_eur": Exact(decimal: "1234567.891")!, "clientele_private_pct": Exact(125, 2)]),
        (siret: "05600000000010", type: "PROXIM", values: ["home_workers_etp": Exact(decimal: "-0.5")!, "turnover_eur": Exact(0)]),
        (siret: "35600000000048", type: "ACI", values: [:]),
    ]

    @Test func rowsUseEachIndicatorsPlacesAndADecimalComma() {
        // MUT
        let rows = AnswerFile.rows(campaign: 2024, answers: Self.answers, codes: Self.codes)
        // validate: rounded half away from zero to the unit's places, no thousands separator
        #expect(rows == [
            ["campaign", "siret", "type"] + Self.codes,
            ["2024", "73282932000074", "AI", "40", "52340,50", "1234567,89", "62,5", ""],
            ["2024", "05600000000010", "PROXIM", "", "", "0,00", "", "-0,50"],
            ["2024", "35600000000048", "ACI", "", "", "", "", ""],
        ])
    }

    @Test func csvRoundTrip() throws {
        // setup
        let data = AnswerFile.csv(campaign: 2024, answers: Self.answers, codes: Self.codes)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        // MUT
        let parsed = AnswerFile.parse(csv: data, expectedCampaign: 2024)
        // validate
        #expect(parsed.errors.isEmpty)
        #expect(parsed.rows == Self.expectedRows)
    }

    @Test func xlsxRoundTripWithNumericCells() throws {
        // setup
        let data = AnswerFile.xlsx(campaign: 2024, answers: Self.answers, codes: Self.codes)
        let sheet = try #require(try ZipReader(data).text("xl/worksheets/sheet1.xml"))
        #expect(sheet.contains(#"<c r="E2"><v>52340.50</v></c>"#))
        #expect(sheet.contains(#"<c r="A2"><v>2024</v></c>"#))
        #expect(sheet.contains(#"<c r="B3" t="inlineStr"><is><t xml:space="preserve">05600000000010</t></is></c>"#))
        // MUT
        let parsed = AnswerFile.parse(xlsx: data, expectedCampaign: 2024)
        // validate
        #expect(parsed.errors.isEmpty)
        #expect(parsed.rows == Self.expectedRows)
    }

    @Test func theWholeCatalogueRoundTrips() {
        // setup: every indicator answered by a type it applies to
        let codes = IndicatorCatalogue.all.map(\.code)
        let proxim = IndicatorCatalogue.all.filter { $0.applies(to: "PROXIM") }
        let answers: [AnswerFile.Answer] = [
            (siret: "73282932000074", type: "ACI", values: Dictionary(uniqueKeysWithValues: IndicatorCatalogue.all
                .filter { $0.applies(to: "ACI") }.enumerated().map { ($1.code, Self.value(index: $0, places: $1.unit.places)) })),
            (siret: "73282932000074", type: "PROXIM", values: Dictionary(uniqueKeysWithValues: proxim.map { ($0.code, Exact(7)) })),
        ]
        let expected = answers.enumerated().map { AnswerRow(line: $0 + 2, siret: $1.siret, type: $1.type, values: $1.values) }
        // MUT / validate
        #expect(AnswerFile.parse(csv: AnswerFile.csv(campaign: 2025, answers: answers, codes: codes), expectedCampaign: 2025).rows == expected)
        #expect(AnswerFile.parse(xlsx: AnswerFile.xlsx(campaign: 2025, answers: answers, codes: codes), expectedCampaign: 2025).rows == expected)
    }

    /// 1.23, 13.57…: as many decimals as the unit allows, the last one non-zero; percentages
    /// (1 place) kept under 100, their unit's maximum.
    static func value(index: Int, places: Int) -> Exact {
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let digits = Int128(index) * 1234 + 123
        return Exact(places == 1 ? digits % 1000 : digits, scale)
    }

    /// What the answers become once written: rounded to their places.
    static let expectedRows = [
        AnswerRow(line: 2, siret: "73282932000074", type: "AI", values: [
            "insertion_persons": Exact(40), "insertion_hours": Exact(decimal: "52340.5")!,
            "turnover_eur": Exact(decimal: "1234567.89")!, "clientele_private_pct": Exact(decimal: "62.5")!]),
        AnswerRow(line: 3, siret: "05600000000010", type: "PROXIM", values: ["home_workers_etp": Exact(decimal: "-0.5")!, "turnover_eur": Exact(0)]),
        AnswerRow(line: 4, siret: "35600000000048", type: "ACI", values: [:]),
    ]
}

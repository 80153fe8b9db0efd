import Foundation
import MaillageCore
import Testing

@Suite struct AnswerFileParseTests {
    static let ai = "73282932000074"
    static let aci = "35600000000048"

    static func parse(_ lines: String..., campaign: Int = 2024) -> AnswerFileParse {
        AnswerFile.parse(csv: Data(lines.joined(separator: "\r\n").utf8), expectedCampaign: campaign)
    }

    static func error(_ line: Int?, _ column: String?, _ message: String) -> AnswerFileError {
        AnswerFileError(line: line, column: column, message: message)
    }

    @Test func readsValuesWithEitherDecimalMarkAndThousandsSeparators() throws {
        // MUT
        let result = Self.parse(
            " Campaign ;SIRET;Type;turnover_eur;insertion_hours;clientele_private_pct;insertion_persons;permanents_etp",
            "2024;732 829 320 00074;ai;1 234 567,5;1607.25;62,5;40;",
            "2024;\(Self.aci);ETT-ESS;250\u{00A0}000,50;;100;-2;12,50")
        // validate
        #expect(result.errors.isEmpty)
        #expect(result.rows == [
            AnswerRow(line: 2, siret: Self.ai, type: "AI", values: [
                "turnover_eur": Exact(decimal: "1234567.5")!, "insertion_hours": Exact(decimal: "1607.25")!,
                "clientele_private_pct": Exact(decimal: "62.5")!, "insertion_persons": Exact(40)]),
            // negative values are kept for the answer checks; empty cells are not answers
            AnswerRow(line: 3, siret: Self.aci, type: "ETT_ESS", values: [
                "turnover_eur": Exact(decimal: "250000.50")!, "clientele_private_pct": Exact(100),
                "insertion_persons": Exact(-2), "permanents_etp": Exact(decimal: "12.5")!]),
        ])
    }

    @Test func theHeaderMustNameKnownColumnsOnce() {
        #expect(Self.parse("campaign;siret;type;turnover;Turnover_EUR;turnover_eur", "2024;\(Self.ai);AI;1;2;3").errors == [
            Self.error(nil, "turnover", "Colonne inconnue : « turnover » (ni campaign, siret ou type, ni un code d'indicateur)."),
            Self.error(nil, "turnover_eur", "Colonne en double : « turnover_eur »."),
        ])
        let missing = Self.parse("siret;turnover_eur", "\(Self.ai);1")
        #expect(missing.rows.isEmpty)
        #expect(missing.errors == [Self.error(nil, "campaign", "Colonne obligatoire absente : campaign."),
                                   Self.error(nil, "type", "Colonne obligatoire absente : type.")])
        #expect(AnswerFile.parse(csv: Data(), expectedCampaign: 2024).errors == [Self.error(nil, nil, "Le fichier est vide.")])
    }

    @Test func reportsEveryProblemOfALineWithItsColumn() {
        // MUT
        let result = Self.parse(
            "campaign;siret;type;insertion_persons;insertion_hours;clientele_public_pct;turnover_eur",
            "2023;73282932000075;AI;2,5;12,345;33,33;12a",
            "x;1234;XYZ;1;;;",
            ";;;;;;1",
            "2024;\(Self.ai);PROXIM;3;1,5;;")
        // validate
        #expect(result.rows.isEmpty)
        #expect(result.errors == [
            Self.error(2, "campaign", "Campagne 2023 : ce fichier est importé dans la campagne 2024."),
            Self.error(2, "siret", "SIRET invalide (clé de contrôle) : « 73282932000075 »."),
            Self.error(2, "insertion_persons", "« 2,5 » : nombre entier attendu."),
            Self.error(2, "insertion_hours", "« 12,345 » : au plus 2 décimales."),
            Self.error(2, "clientele_public_pct", "« 33,33 » : au plus 1 décimale."),
            Self.error(2, "turnover_eur", "« 12a » n'est pas un nombre."),
            Self.error(3, "campaign", "Campagne « x » invalide : une année est attendue (2024)."),
            Self.error(3, "siret", "SIRET invalide (14 chiffres attendus) : « 1234 »."),
            Self.error(3, "type", "Type inconnu : « XYZ » (attendu : AI, ACI, EI, ETTI, ETT_ESS, EITI, GES, EBE, PROXIM, OF, OTHER)."),
            Self.error(4, "campaign", "Campagne manquante."),
            Self.error(4, "siret", "SIRET manquant."),
            Self.error(4, "type", "Type manquant."),
            // insertion questions are not asked of Proxim'Services
            Self.error(5, "insertion_persons", "Indicateur sans objet pour le type PROXIM : laissez la cellule vide."),
            Self.error(5, "insertion_hours", "Indicateur sans objet pour le type PROXIM : laissez la cellule vide."),
        ])
    }

    @Test func aStructureAnswersOncePerType() {
        // MUT
        let result = Self.parse("campaign;siret;type;turnover_eur",
                                "2024;\(Self.ai);AI;1", "2024;\(Self.ai);ACI;2", "2024;732 829 320 00074;ai;3", "2024;\(Self.ai);AI;x")
        // validate: the first line is kept, every repeat is an error
        #expect(result.rows.map(\.line) == [2, 3])
        #expect(result.errors == [
            Self.error(4, nil, "Ligne en double : SIRET \(Self.ai), type AI, déjà ligne 2."),
            Self.error(5, "turnover_eur", "« x » n'est pas un nombre."),
            Self.error(5, nil, "Ligne en double : SIRET \(Self.ai), type AI, déjà ligne 2."),
        ])
    }

    @Test func blankLinesShortLinesAndUntitledColumns() {
        // MUT: Excel's leftovers: ";;;" lines, a trailing separator, cells dropped at the end of a line
        let result = Self.parse("campaign;siret;type;turnover_eur;persons_women;",
                                "", ";;;;;", "2024;\(Self.ai);AI", "2024;\(Self.aci);AI;;;oups")
        // validate: physical line numbers, as the user sees them
        #expect(result.rows == [AnswerRow(line: 4, siret: Self.ai, type: "AI", values: [:])])
        #expect(result.errors == [Self.error(5, nil, "Valeur « oups » dans une colonne sans titre (colonne F).")])
    }

    @Test func blankRowsAboveTheHeaderAreSkipped() {
        // MUT: a sheet whose header is on row 3, as read from a workbook
        let result = AnswerFile.parse(records: [[], ["", ""], ["campaign", "siret", "type", "taxes_eur"], ["2024", Self.ai, "EI", "10"]],
                                      expectedCampaign: 2024)
        // validate
        #expect(result.errors.isEmpty)
        #expect(result.rows == [AnswerRow(line: 4, siret: Self.ai, type: "EI", values: ["taxes_eur": Exact(10)])])
    }

    @Test func readsWindows1252AndBOM() {
        let latin = Data("campaign;siret;type;turnover_eur\r\n2024;\(Self.ai);Proxim'Services;1 000,5\r\n".utf8)
        #expect(AnswerFile.parse(csv: Data([0xEF, 0xBB, 0xBF]) + latin, expectedCampaign: 2024).rows.first?.type == "PROXIM")
        // "é" in Windows-1252 is one byte (0xE9), invalid as UTF-8
        let cp1252 = Data("campaign;siret;type;turnover_eur\r\n2024;\(Self.ai);Entreprise d'insertion;".utf8) + Data([0x31, 0xE9])
        #expect(AnswerFile.parse(csv: cp1252, expectedCampaign: 2024).errors.map(\.message) == ["« 1é » n'est pas un nombre."])
    }

    @Test func readsAWorkbookWithRowNumbersAsLines() throws {
        // MUT
        let result = AnswerFile.parse(xlsx: Data(XLSXFixtures.answersXLSX), expectedCampaign: 2024)
        // validate
        #expect(result.errors.isEmpty)
        #expect(result.rows.map(\.line) == [2, 3, 5])
        let etti = try #require(result.rows.last)
        #expect(etti.type == "ETTI" && etti.values["turnover_eur"] == Exact(3_500_000) && etti.values["insertion_hours"] == Exact(1607))
        #expect(result.rows[0].values["insertion_hours"] == Exact(decimal: "52340.5"))
        #expect(result.rows[1].values.keys.sorted() == ["insertion_persons", "turnover_eur"])
        let nextYear = AnswerFile.parse(xlsx: Data(XLSXFixtures.answersXLSX), expectedCampaign: 2025)
        #expect(nextYear.errors.filter { $0.column == "campaign" }.map(\.line) == [2, 3, 5])
    }

    @Test func anUnreadableWorkbookIsOneFileError() {
        let result = AnswerFile.parse(xlsx: Data("campaign;siret;type".utf8), expectedCampaign: 2024)
        #expect(result.rows.isEmpty)
        #expect(result.errors == [Self.error(nil, nil, "Ce fichier n'est pas un classeur Excel (.xlsx).")])
    }
}

import Fluent
import Foundation
import MaillageCore

/// The campaign's answers as an XLSX a French office opens happily. The first sheet stays the
/// import's contract (codes as headers, read back by the answers import, which reads the first
/// sheet); the second, « Lecture », the one Excel opens on, has French headers over a row of
/// the codes, the structure's name, its delegation and the answer's status in French, values
/// as numbers, a frozen header and filters.
enum AnswerWorkbook {
    static let keyHeaders = ["Campagne", "SIRET", "Structure", "Délégation", "Type", "Statut de la réponse"]

    static func data(_ campaign: Campaign, map: NetworkMap, on db: any Database, include: (String) -> Bool) async throws -> Data {
        let codes = IndicatorCatalogue.all.map(\.code)
        let answers = try await SurveyAnswer.query(on: db).filter(\.$campaign.$id == campaign.requireID())
            .filter(\.$status ~~ AnswerStatus.allCases.filter(\.counts).map(\.rawValue)).with(\.$structure).all()
            .filter { include($0.structure.departmentCode) }
            .sorted { ($0.structure.siret, $0.type) < ($1.structure.siret, $1.type) }
        func value(_ a: SurveyAnswer, _ code: String) -> XLSXCell {
            a.values[code].map { XLSXCell.number($0.rounded(places: IndicatorCatalogue.byCode[code]?.unit.places ?? 2)) } ?? .empty
        }
        let contract = XLSXSheet(
            name: "Réponses \(campaign.year)",
            rows: [(AnswerFile.keyColumns + codes).map(XLSXCell.text)]
                + answers.map { a in [.integer(campaign.year), .text(a.structure.siret), .text(a.type)] + codes.map { value(a, $0) } },
            frozenRows: 1)
        let french = keyHeaders + IndicatorCatalogue.all.map(\.label)
        let codeRow = ["campaign", "siret", "", "", "type", ""] + codes
        let lines: [[XLSXCell]] = answers.map { a in
            [.integer(campaign.year), .text(a.structure.siret), .text(a.structure.name),
             .text(map.delegation(ofDepartment: a.structure.departmentCode)?.name ?? ""),
             .text(StructureType(rawValue: a.type)?.shortLabel ?? a.type), .text(a.answerStatus.label)] + codes.map { value(a, $0) }
        }
        let reading = XLSXSheet(name: "Lecture", rows: [french.map { .text($0) }, codeRow.map { $0.isEmpty ? .empty : .text($0) }] + lines,
                                widths: XLSXSheet.widths(header: french, rows: lines).map { min($0, 30) },
                                frozenRows: 2, autoFilter: true)
        return XLSX.workbook([contract, reading], activeSheet: 1)
    }
}

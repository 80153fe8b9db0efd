import Fluent
import Foundation
import MaillageCore

/// The member export as an XLSX a French office opens happily: a first sheet « Adhérents »
/// with French headers, labels, the delegation and GES names, real date cells, widths, a frozen
/// header and filters; a second sheet « Codes » holding the member file exactly as the CSV
/// export writes it (SPEC §8 codes as headers), the import's contract.
enum MemberWorkbook {
    static let headers = ["SIRET", "Nom", "Types", "Adresse", "Code postal", "Commune", "Département", "Délégation",
                          "Site web", "Statut", "Date d'adhésion", "SIRET du GES", "GES de rattachement"]

    /// `structures` in the list's order; `contract` is `MemberExport.rows(structures)` (header first).
    static func data(_ structures: [DirectoryRow], contract: [[String]], map: NetworkMap, on db: any Database) async throws -> Data {
        let parentIDs = Set(structures.compactMap(\.ges_parent_id))
        let parents = parentIDs.isEmpty ? [] : try await Structure.query(on: db).filter(\.$id ~~ Array(parentIDs)).all()
        let parentByID = Dictionary(parents.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        // The contract leaves out a structure whose SIRET is not valid: so does this sheet, line for line.
        let rows: [[XLSXCell]] = structures.filter { SIRET($0.siret) != nil }.map { s in
            let parent = s.ges_parent_id.flatMap { parentByID[$0] }
            return [.text(s.siret), .text(s.name), .text(s.structureTypes.map(\.shortLabel).joined(separator: ", ")),
                    text(s.address), text(s.postal_code), .text(s.commune), .text(s.department_code),
                    text(map.delegation(ofDepartment: s.department_code)?.name), text(s.website),
                    .text((DirectoryStatus(rawValue: s.status) ?? .none).label),
                    s.joined_on.flatMap(Day.init(iso:)).map(XLSXCell.date) ?? .empty,
                    text(parent?.siret), text(parent?.name)]
        }
        let french = XLSXSheet(name: "Adhérents", rows: [headers.map { .text($0) }] + rows,
                               widths: XLSXSheet.widths(header: headers, rows: rows), frozenRows: 1, autoFilter: true)
        let codeRows = contract.map { $0.map { XLSXCell.text($0) } }
        let codes = XLSXSheet(name: "Codes", rows: codeRows, widths: XLSXSheet.widths(header: contract.first ?? [], rows: Array(codeRows.dropFirst())),
                              frozenRows: 1)
        return XLSX.workbook([french, codes])
    }

    private static func text(_ s: String?) -> XLSXCell {
        guard let s, !s.isEmpty else { return .empty }
        return .text(s)
    }
}

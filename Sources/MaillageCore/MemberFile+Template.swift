import Foundation

extension MemberFile {
    /// The file to fill in: the header, then one example line, fictional but valid (its SIRET
    /// has a right key): imported as is, it would create « Atelier Exemple ».
    public static let template: [[String]] = exportRows([
        MemberRow(line: 2, siret: SIRET.makeValid(siren9: "123456782", nic4: "0001"), name: "Atelier Exemple",
                  types: [.ai, .aci], address: "12 rue de l'Exemple", postalCode: "44000", commune: "Nantes",
                  department: "44", website: "https://www.atelier-exemple.fr", status: .active,
                  joinedOn: "2024-01-15", gesParentSiret: nil),
    ])

    /// The template as a workbook: every cell text, so that Excel keeps the SIRET's digits
    /// and the postal code's leading zero.
    public static func templateWorkbook() -> Data {
        XLSX.workbook([XLSXSheet(name: "Adhérents", rows: template.map { $0.map(XLSXCell.text) })])
    }
}

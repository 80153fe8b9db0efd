import Foundation

// Writes the seed corpora of Fuzz/corpus/ from the test fixtures and the project's own
// writers: `scripts/fuzz.sh --corpus` builds it with MaillageCore (and ZIPFoundation) and
// XLSXFixtures.swift. Not a fuzz target.

@main
struct MakeCorpus {
    static func main() throws {
        let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Fuzz/corpus"
        func write(_ target: String, _ name: String, _ bytes: [UInt8]) throws {
            let folder = root + "/" + target
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        func text(_ s: String) -> [UInt8] { Array(s.utf8) }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

        // Member files (docs/MEMBER-FILE.md, MemberFileParseTests).
        let memberHeader = "SIRET;Nom;Types;Adresse;Code postal;Commune;Département;Site web;Statut;Date d'adhésion;SIRET GES"
        let memberValid = [memberHeader,
                           "35600000000048;GES du Littoral;GES;;;Nantes;44;;actif;2023-01-15;",
                           "732 829 320 00074; Le Relais ;ACI & AI;1 rue de la Paix;44000;Nantes;44;https://relais.example;Associé;1/2/2024;35600000000048",
                           "73282932000082;\"Deux\nlignes\";AI, ACI et EI;;;Lyon;69;;;;",
                           ";;;;;;;;;;"].joined(separator: "\r\n") + "\r\n"
        let memberErrors = [memberHeader,
                            ";;XYZ, AI et Foo;;;;99;;x;31/02/2024;123",
                            "1234;A;;;;Lyon;",
                            "73282932000075;B;AI;;;Lyon;69",
                            "73282932000074;A;AI;;;Lyon;2A",
                            "732 829 320 00074;B;EI;;;Lyon;974"].joined(separator: "\n")
        let memberReordered = "commune;departement;nom;types;siret;remarque\rBrest;29;Ti Ar Vro;EI;73282932000074\r"
        // Windows-1252: "Département" and "Associé" as old Excel saves them.
        let cp1252 = text("siret;nom;types;commune;d") + [0xE9] + text("partement;statut\r\n73282932000074;Caf") + [0xE9, 0x80]
            + text(";PROXIM;Rennes;35;associ") + [0xE9] + text("\r\n")
        let memberRows: [[String]] = [
            ["siret", "nom", "types", "commune", "departement", "statut", "date_adhesion", "siret_ges"],
            ["73282932000074", "Le Relais", "ACI", "Nantes", "44", "actif", "2024-02-01", ""],
            ["35600000000048", "GES & Co <Ouest>", "GES", "Brest", "29", "associé", "01/03/2020", ""],
        ]
        let memberXLSX = [UInt8](XLSX.workbook([XLSXSheet(name: "Adhérents", rows: memberRows.map { $0.map(XLSXCell.text) })]))
        for (target, prefix) in [("member", ""), ("csv", "member-")] {
            try write(target, prefix + "valid.csv", bom + text(memberValid))
            try write(target, prefix + "errors.csv", text(memberErrors))
            try write(target, prefix + "reordered-cr.csv", text(memberReordered))
            try write(target, prefix + "windows-1252.csv", cp1252)
        }
        try write("member", "members.xlsx", memberXLSX)

        // Answers files (docs/OBSERVATORY.md, AnswerFileParseTests), and the writers' output.
        let answersCSV = [" Campaign ;SIRET;Type;turnover_eur;insertion_hours;clientele_private_pct;insertion_persons;permanents_etp",
                          "2024;732 829 320 00074;ai;1 234 567,5;1607.25;62,5;40;",
                          "2024;35600000000048;ETT-ESS;250\u{00A0}000,50;;100;-2;12,50"].joined(separator: "\r\n")
        let answersErrors = ["campaign;siret;type;insertion_persons;insertion_hours;clientele_public_pct;turnover_eur;;",
                             "2023;73282932000075;AI;2,5;12,345;33,33;12a;;",
                             "x;1234;XYZ;1;;;;;",
                             ";;;;;;1;;",
                             "2024;73282932000074;PROXIM;3;1,5;;;;x",
                             "2024;73282932000074;PROXIM;3;1,5;;;;"].joined(separator: "\n")
        let answers: [AnswerFile.Answer] = [
            (siret: "73282932000074", type: "AI", values: ["turnover_eur": Exact(decimal: "250000.5")!, "insertion_persons": Exact(40),
                                                           "clientele_private_pct": Exact(decimal: "62.5")!]),
            (siret: "35600000000048", type: "ACI", values: ["insertion_hours": Exact(decimal: "1607.25")!]),
        ]
        let codes = ["insertion_persons", "insertion_hours", "turnover_eur", "clientele_private_pct"]
        for (target, prefix) in [("answers", ""), ("csv", "answers-")] {
            try write(target, prefix + "answers.csv", text(answersCSV))
            try write(target, prefix + "errors.csv", text(answersErrors))
            try write(target, prefix + "export.csv", [UInt8](AnswerFile.csv(campaign: 2024, answers: answers, codes: codes)))
        }
        try write("answers", "export.xlsx", [UInt8](AnswerFile.xlsx(campaign: 2024, answers: answers, codes: codes)))
        try write("answers", "xlsxwriter.xlsx", XLSXFixtures.answersXLSX)

        // XLSX: whole workbooks, and the NUL-separated parts the harness packs itself.
        try write("xlsx", "xlsxwriter-answers.xlsx", XLSXFixtures.answersXLSX)
        try write("xlsx", "openpyxl-features.xlsx", XLSXFixtures.featuresXLSX)
        try write("xlsx", "maillage-writer.xlsx", memberXLSX)
        for (name, workbook) in [("openpyxl", XLSXFixtures.featuresXLSX), ("xlsxwriter", XLSXFixtures.answersXLSX)] {
            let archive = try ZipArchive(Data(workbook))
            var budget = XLSXReader.maxInflatedSize
            var parts: [UInt8] = []
            for (index, path) in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
                                  "xl/_rels/workbook.xml.rels", "_rels/.rels"].enumerated() {
                if index > 0 { parts.append(0) }
                parts += try archive.contents(of: path, budget: &budget) ?? []
            }
            try write("xlsx", name + "-parts.xml", parts)
        }
        let handMade = """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x:worksheet xmlns:x="s"><x:sheetData>\
            <row r="2"><c r="B2" t="inlineStr"><is><t>a &amp; b &#233;&#xE9; _x000D_</t><rPh><t>ph</t></rPh></is></c>\
            <c t="s"><v>0</v></c><c r="D2" t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>1+1</f><v>2</v></c>\
            <c r="XFD2"><v>1.2345E3</v></c><c><v/></c><c r="AA2"/></row><row><c><v><![CDATA[0.30000000000000004]]></v></c></row>\
            </x:sheetData></x:worksheet>\u{0}<sst><si><t>partag</t><r><t>ée</t></r></si><si/></sst>
            """
        try write("xlsx", "handmade-parts.xml", text(handMade))

        // Decimals as people type them and as workbooks store them.
        let decimals = ["1234", "1 234,56", "-3,2", "+0.5", ",5", "12,50", "250\u{00A0}000,50", "1\u{202F}607.25",
                        "99999999999999999999.999999999999", "123456789012345678", "1.2345E3", "-5E-3",
                        "0.30000000000000004", "2024.0", "1e400", "-1234.5599999999999", " 7 "]
        for (index, value) in decimals.enumerated() { try write("exact", "decimal-\(index)", text(value)) }

        // SIRET as pasted.
        let sirets = ["73282932000074", "732 829 320 00074", "732.829.320-00074", "732\u{00A0}829\u{00A0}320\u{202F}00074",
                      "35600000000048", "35600000000049", "73282932000075", "1234", "7328293200007x", ""]
        for (index, value) in sirets.enumerated() { try write("siret", "siret-\(index)", text(value)) }
    }
}

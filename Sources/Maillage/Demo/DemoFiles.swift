import Foundation
import MaillageCore
import ZIPFoundation

/// Small real documents for the demo's legal desk and library, built in code: a one-page PDF, a
/// Word document and an Excel workbook that open in an office suite and pass `FileSniffer`.
/// Each is a pure function of what its row keeps (name, title, version), so that the loader can
/// record its size and digest inside the database transaction and `DemoLegal.storeFiles` can write
/// the same bytes into the file store afterwards.
enum DemoFiles {
    /// The demo's store keys: `demo-` and the content's SHA-256 (content-addressed, path-proof).
    static func key(for data: Data) -> String { "demo-" + StoredFiles.sha256Hex(data) }

    /// The bytes of a document of `kind` titled `title`, with `lines` of text.
    static func document(_ kind: FileKind, title: String, lines: [String]) -> Data {
        switch kind {
        case .docx: docx(title: title, lines: lines)
        case .xlsx: xlsx(title: title, lines: lines)
        default: pdf(title: title, lines: lines)
        }
    }

    /// A question's attachment, from its name and kind alone (what `storeFiles` reads back from the row).
    static func attachment(name: String, kind: FileKind) -> Data {
        switch kind {
        case .docx:
            return docx(title: "Modèle d'avenant au contrat de travail",
                        lines: ["Entre les soussignés : [structure], représentée par sa direction, et [salarié].",
                                "Article 1 : objet de l'avenant.", "Article 2 : durée du travail et répartition des horaires.",
                                "Article 3 : date d'effet.", "Fait en deux exemplaires originaux.", "Document : \(name)"])
        default:
            return pdf(title: "Contrat de travail à durée déterminée d'insertion",
                       lines: ["Pièce jointe : \(name)", "Durée : 4 mois, 26 heures par semaine.",
                               "Période d'essai : 2 semaines.", "Accompagnement socioprofessionnel assuré par la structure."])
        }
    }

    // MARK: - PDF

    /// A one-page PDF 1.4 (Helvetica, WinAnsi text without accents) with a correct cross-reference table.
    static func pdf(title: String, lines: [String]) -> Data {
        var content = "BT /F1 16 Tf 56 780 Td (\(pdfText(title))) Tj ET\n"
        var y = 750
        for line in lines.prefix(40) {
            for chunk in wrap(line, width: 90) {
                content += "BT /F1 10 Tf 56 \(y) Td (\(pdfText(chunk))) Tj ET\n"
                y -= 14
            }
            y -= 4
            if y < 60 { break }
        }
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Title (\(pdfText(title))) /Producer (Maillage demo) >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 6 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    /// ASCII text for a PDF string: accents folded, `\`, `(` and `)` escaped.
    static func pdfText(_ s: String) -> String {
        let folded = (s.applyingTransform(.stripDiacritics, reverse: false) ?? s)
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "’", with: "'")
        var out = ""
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "\\", "(", ")": out += "\\" + String(scalar)
            default: out += scalar.isASCII && scalar.value >= 0x20 ? String(scalar) : (scalar == "€" ? "EUR" : " ")
            }
        }
        return out
    }

    static func wrap(_ line: String, width: Int) -> [String] {
        var rows: [String] = []
        var current = ""
        for word in line.split(separator: " ") {
            if !current.isEmpty, current.count + word.count + 1 > width {
                rows.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { rows.append(current) }
        return rows.isEmpty ? [""] : rows
    }

    // MARK: - Office documents

    /// A Word document: the title as a heading and one paragraph per line.
    static func docx(title: String, lines: [String]) -> Data {
        func paragraph(_ text: String, bold: Bool) -> String {
            "<w:p><w:r>\(bold ? "<w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr>" : "")<w:t xml:space=\"preserve\">\(xml(text))</w:t></w:r></w:p>"
        }
        let body = ([paragraph(title, bold: true)] + lines.map { paragraph($0, bold: false) }).joined()
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
                </Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
                </Relationships>
                """),
            ("word/document.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
                """),
        ]
        return zip(parts)
    }

    /// An Excel workbook: one sheet, the title then one line per row (columns split on « ; »).
    static func xlsx(title: String, lines: [String]) -> Data {
        let rows: [[XLSXCell]] = [[.text(title)]] + lines.map { line in
            line.components(separatedBy: " ; ").map { XLSXCell.text($0) }
        }
        return XLSX.workbook([XLSXSheet(name: "Modèle", rows: rows, widths: [40, 24, 24, 24], frozenRows: 1)])
    }

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A ZIP with fixed dates, so that the same parts always give the same bytes.
    static func zip(_ parts: [(String, String)]) -> Data {
        let date = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
        do {
            let archive = try Archive(accessMode: .create)
            for (path, text) in parts {
                let contents = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(contents.count),
                                     modificationDate: date, compressionMethod: .deflate) { position, size in
                    Data(contents[Int(position)..<(Int(position) + size)])
                }
            }
            return archive.data ?? Data()
        } catch {
            preconditionFailure("in-memory ZIP archive: \(error)")
        }
    }
}

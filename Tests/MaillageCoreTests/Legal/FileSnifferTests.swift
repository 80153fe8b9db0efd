import Foundation
import Testing
import ZIPFoundation
@testable import MaillageCore

/// Real, minimal files of each accepted kind, built here.
enum SampleFiles {
    /// A one-page PDF with a correct cross-reference table.
    static var pdf: Data {
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
        for (i, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { body += String(format: "%010d 00000 n \n", offset) }
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(body.utf8)
    }

    /// A 1 × 1 PNG (chunk CRCs checked when it was written down).
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!

    /// A 1 × 1 grey baseline JPEG: one 8 × 8 block, DC 0 then end of block, with one-code Huffman tables.
    static var jpeg: Data {
        var b: [UInt8] = [0xFF, 0xD8]
        b += [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
        b += [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]
        b += [0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01] + [UInt8](repeating: 0, count: 15) + [0x00]
        b += [0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01] + [UInt8](repeating: 0, count: 15) + [0x00]
        b += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        b += [0x3F, 0xFF, 0xD9]
        return Data(b)
    }

    /// A ZIP built by ZIPFoundation in memory.
    static func zip(_ entries: [(String, String)], deflate: Bool = true) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: deflate && path != "mimetype" ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return try #require(archive.data)
    }

    static func docx() throws -> Data {
        try zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document><w:body>Contrat</w:body></w:document>")])
    }

    static func xlsx() throws -> Data {
        try zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"), ("xl/worksheets/sheet1.xml", "<worksheet/>")])
    }

    static func odt() throws -> Data {
        try zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")])
    }
}

@Suite("File sniffer")
struct FileSnifferTests {
    @Test("real minimal files are accepted under their own names")
    func accepted() throws {
        let limit = 10 * 1_048_576
        #expect(FileSniffer.check(SampleFiles.pdf, name: "contrat.pdf", limit: limit) == .success(.pdf))
        #expect(FileSniffer.check(SampleFiles.pdf, name: "CONTRAT.PDF", limit: limit) == .success(.pdf))
        #expect(FileSniffer.check(SampleFiles.png, name: "scan.png", limit: limit) == .success(.png))
        #expect(FileSniffer.check(SampleFiles.jpeg, name: "photo.jpg", limit: limit) == .success(.jpeg))
        #expect(FileSniffer.check(SampleFiles.jpeg, name: "photo.jpeg", limit: limit) == .success(.jpeg))
        #expect(FileSniffer.check(try SampleFiles.docx(), name: "avenant.docx", limit: limit) == .success(.docx))
        #expect(FileSniffer.check(try SampleFiles.xlsx(), name: "heures.xlsx", limit: limit) == .success(.xlsx))
        #expect(FileSniffer.check(try SampleFiles.odt(), name: "note.odt", limit: limit) == .success(.odt))
        let exact = SampleFiles.pdf
        #expect(FileSniffer.check(exact, name: "a.pdf", limit: exact.count) == .success(.pdf))
    }

    @Test("a PDF named .png is refused, and the message names the file and both types")
    func mismatch() {
        let result = FileSniffer.check(SampleFiles.pdf, name: "contrat.png", limit: 1_000_000)
        #expect(result == .failure(.nameMismatch(actual: .pdf, named: "contrat.png")))
        let message = FileCheckError.nameMismatch(actual: .pdf, named: "contrat.png").french
        #expect(message == "« contrat.png » est un PDF, pas une image PNG : renommez-le ou choisissez le bon fichier.")
        let odd = FileCheckError.nameMismatch(actual: .docx, named: "lettre.txt").french
        #expect(odd.contains("« lettre.txt »") && odd.contains("Word (DOCX)") && odd.contains(".txt"))
        #expect(FileSniffer.check(try! SampleFiles.docx(), name: "avenant.xlsx", limit: 1_000_000)
            == .failure(.nameMismatch(actual: .docx, named: "avenant.xlsx")))
    }

    @Test("executables, text and random ZIPs are of no accepted type")
    func unknown() throws {
        let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01] + [UInt8](repeating: 0, count: 100))
        let mz = Data([0x4D, 0x5A, 0x90, 0x00] + [UInt8](repeating: 0, count: 100))
        #expect(FileSniffer.check(elf, name: "contrat.pdf", limit: 1_000_000) == .failure(.unknownType))
        #expect(FileSniffer.check(mz, name: "contrat.pdf", limit: 1_000_000) == .failure(.unknownType))
        #expect(FileSniffer.check(Data("bonjour".utf8), name: "a.pdf", limit: 1_000_000) == .failure(.unknownType))
        let random = try SampleFiles.zip([("readme.txt", "hello"), ("data/x.bin", "1234")])
        #expect(FileSniffer.check(random, name: "a.docx", limit: 1_000_000) == .failure(.unknownType))
        let fakeODT = try SampleFiles.zip([("mimetype", "application/zip")])
        #expect(FileSniffer.check(fakeODT, name: "a.odt", limit: 1_000_000) == .failure(.unknownType))
        #expect(FileCheckError.unknownType.french(name: "a.exe").hasPrefix("« a.exe » n'est ni un PDF"))
    }

    @Test("one byte over the limit is too large, said in French sizes")
    func tooLarge() {
        let limit = 10 * 1_048_576
        var data = SampleFiles.pdf
        data.append(Data(repeating: 0x20, count: limit + 1 - data.count))
        #expect(FileSniffer.check(data, name: "gros.pdf", limit: limit) == .failure(.tooLarge(limit: limit)))
        #expect(FileCheckError.tooLarge(limit: limit).french.contains("dépasse 10 Mo"))
        #expect(FileCheckError.tooLarge(limit: 10_000_000).french(name: "gros.pdf").hasPrefix("« gros.pdf » dépasse 10 Mo"))
        #expect(FileSniffer.frenchSize(1_572_864) == "1,5 Mo")
        #expect(FileSniffer.frenchSize(512 * 1024) == "512 Ko")
        #expect(FileSniffer.frenchSize(300) == "300 octets")
    }

    @Test("truncated files are refused as such")
    func truncated() throws {
        let pdf = SampleFiles.pdf
        #expect(FileSniffer.check(pdf.prefix(pdf.count - 20), name: "a.pdf", limit: 1_000_000) == .failure(.truncated(.pdf)))
        #expect(FileSniffer.check(SampleFiles.png.prefix(40), name: "a.png", limit: 1_000_000) == .failure(.truncated(.png)))
        let jpeg = SampleFiles.jpeg
        #expect(FileSniffer.check(jpeg.prefix(jpeg.count - 2), name: "a.jpg", limit: 1_000_000) == .failure(.truncated(.jpeg)))
        let docx = try SampleFiles.docx()
        #expect(FileSniffer.check(docx.prefix(docx.count / 2), name: "a.docx", limit: 1_000_000) == .failure(.truncated(.docx)))
        #expect(FileSniffer.check(docx.prefix(docx.count / 2), name: "a.zip", limit: 1_000_000) == .failure(.unknownType))
        #expect(FileCheckError.truncated(.pdf).french(name: "a.pdf") == "« a.pdf » est un PDF incomplet ou abîmé : enregistrez-le à nouveau puis réessayez.")
    }

    @Test("empty data is empty")
    func empty() {
        #expect(FileSniffer.check(Data(), name: "vide.pdf", limit: 1_000_000) == .failure(.empty))
        #expect(FileCheckError.empty.french(name: "vide.pdf") == "« vide.pdf » est vide : choisissez un autre fichier.")
    }

    @Test("safe names: the base name only, no control characters, at most 120 characters", arguments: [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\x\\a.pdf", "a.pdf"),
        ("rapport\u{0}\n\u{7}final.pdf", "rapportfinal.pdf"),
        ("facture\u{202E}fdp.exe", "facturefdp.exe"),
        ("  contrat de travail.docx  ", "contrat de travail.docx"),
        ("..pdf", "pdf"),
        ("Réglement intérieur.pdf", "Réglement intérieur.pdf"),
        ("a:b?.pdf", "a_b_.pdf"),
    ])
    func safeNames(name: String, expected: String) {
        #expect(FileSniffer.safeName(name) == expected)
    }

    @Test("nothing usable is no name, and a long name keeps its extension")
    func badNames() {
        for name in ["", "   ", "..", "../", "/", "\u{0}\u{1}", "C:\\"] {
            #expect(FileSniffer.safeName(name) == nil, "\(name.debugDescription)")
        }
        #expect(FileSniffer.check(SampleFiles.pdf, name: "../", limit: 1_000_000) == .failure(.badName))
        let long = String(repeating: "é", count: 300) + ".pdf"
        let safe = FileSniffer.safeName(long)
        #expect(safe?.count == 120)
        #expect(safe?.hasSuffix(".pdf") == true)
        #expect(FileSniffer.check(SampleFiles.pdf, name: "/tmp/../x/contrat.pdf", limit: 1_000_000) == .success(.pdf))
    }

    @Test("kinds tell their content type, extensions and French label")
    func kinds() {
        #expect(FileKind.pdf.contentType == "application/pdf")
        #expect(FileKind.docx.contentType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(FileKind.jpeg.extensions == ["jpg", "jpeg"])
        #expect(FileKind.odt.label == "OpenDocument texte (ODT)")
        #expect(FileKind.named("photo.JPG") == .jpeg)
        #expect(FileKind.named("archive") == nil)
    }
}

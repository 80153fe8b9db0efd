/// The XML parts of a workbook, as UTF-8 bytes.
enum XLSXParts {
    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func contentTypes(sheetCount: Int) -> [UInt8] {
        let type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        let sheets = (1...sheetCount).map {
            #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="\#(type).worksheet+xml"/>"#
        }.joined()
        return bytes(#"""
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\#
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\#
            <Default Extension="xml" ContentType="application/xml"/>\#
            <Override PartName="/xl/workbook.xml" ContentType="\#(type).sheet.main+xml"/>\#
            <Override PartName="/xl/styles.xml" ContentType="\#(type).styles+xml"/>\#
            \#(sheets)</Types>
            """#)
    }

    static let rootRelationships = bytes(#"""
        <Relationships xmlns="\#(packageRelNamespace)">\#
        <Relationship Id="rId1" Type="\#(relNamespace)/officeDocument" Target="xl/workbook.xml"/>\#
        </Relationships>
        """#)

    static func workbook(sheetNames: [String]) -> [UInt8] {
        let sheets = sheetNames.enumerated().map { index, name in
            #"<sheet name="\#(XMLText.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        return bytes(#"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relNamespace)"><sheets>\#(sheets)</sheets></workbook>"#)
    }

    /// rId1…rIdN are the sheets, rId(N+1) the styles.
    static func workbookRelationships(sheetCount: Int) -> [UInt8] {
        let sheets = (1...sheetCount).map {
            #"<Relationship Id="rId\#($0)" Type="\#(relNamespace)/worksheet" Target="worksheets/sheet\#($0).xml"/>"#
        }.joined()
        let styles = #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relNamespace)/styles" Target="styles.xml"/>"#
        return bytes(#"<Relationships xmlns="\#(packageRelNamespace)">\#(sheets)\#(styles)</Relationships>"#)
    }

    /// Two fonts (regular, bold) and two cell formats: index 1 is the bold header.
    /// Excel requires the two default fills and one border to be present.
    static let styles = bytes(#"""
        <styleSheet xmlns="\#(mainNamespace)">\#
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\#
        <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\#
        <fills count="2"><fill><patternFill patternType="none"/></fill>\#
        <fill><patternFill patternType="gray125"/></fill></fills>\#
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\#
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\#
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\#
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\#
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\#
        </styleSheet>
        """#)

    static func worksheet(_ rows: [[XLSXCell]]) -> [UInt8] {
        var xml = #"<worksheet xmlns="\#(mainNamespace)"><sheetData>"#
        for (r, row) in rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                xml += XLSXCellXML.xml(cell, reference: XLSXCellXML.column(c) + String(r + 1), bold: r == 0)
            }
            xml += "</row>"
        }
        return bytes(xml + "</sheetData></worksheet>")
    }

    private static func bytes(_ xml: String) -> [UInt8] {
        Array((header + xml).utf8)
    }
}

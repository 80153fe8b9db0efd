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

    /// The sheets, and the range of each sheet's filter (Excel expects the hidden
    /// `_xlnm._FilterDatabase` name beside a sheet's `autoFilter`).
    static func workbook(sheetNames: [String], filters: [String?] = [], activeSheet: Int = 0) -> [UInt8] {
        let sheets = sheetNames.enumerated().map { index, name in
            #"<sheet name="\#(XMLText.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        let names = zip(sheetNames.indices, filters).compactMap { index, range -> String? in
            guard let range else { return nil }
            let quoted = "'" + sheetNames[index].replacingOccurrences(of: "'", with: "''") + "'"
            let absolute = range.split(separator: ":").map { ref in
                let letters = ref.prefix { $0.isLetter }
                return "$" + String(letters) + "$" + String(ref.dropFirst(letters.count))
            }.joined(separator: ":")
            return #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">\#(XMLText.escape(quoted + "!" + absolute))</definedName>"#
        }.joined()
        let defined = names.isEmpty ? "" : "<definedNames>\(names)</definedNames>"
        let views = activeSheet > 0 ? #"<bookViews><workbookView activeTab="\#(activeSheet)"/></bookViews>"# : ""
        return bytes(#"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relNamespace)">\#(views)<sheets>\#(sheets)</sheets>\#(defined)</workbook>"#)
    }

    /// "A1:H306": the filter's range, from the header row to the last row; nil without a filter.
    static func filterRange(_ sheet: XLSXSheet) -> String? {
        guard sheet.autoFilter, !sheet.rows.isEmpty else { return nil }
        let headerRow = max(1, sheet.frozenRows)
        let columns = max(1, sheet.rows.map(\.count).max() ?? 1)
        return "A\(headerRow):\(XLSXCellXML.column(columns - 1))\(max(headerRow, sheet.rows.count))"
    }

    /// rId1…rIdN are the sheets, rId(N+1) the styles.
    static func workbookRelationships(sheetCount: Int) -> [UInt8] {
        let sheets = (1...sheetCount).map {
            #"<Relationship Id="rId\#($0)" Type="\#(relNamespace)/worksheet" Target="worksheets/sheet\#($0).xml"/>"#
        }.joined()
        let styles = #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relNamespace)/styles" Target="styles.xml"/>"#
        return bytes(#"<Relationships xmlns="\#(packageRelNamespace)">\#(sheets)\#(styles)</Relationships>"#)
    }

    /// Two fonts (regular, bold) and four cell formats: index 1 is the bold header, 2 a date
    /// (dd/mm/yyyy, format 164), 3 a bold date. Excel requires the two default fills and one
    /// border to be present.
    static let styles = bytes(#"""
        <styleSheet xmlns="\#(mainNamespace)">\#
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>\#
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\#
        <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\#
        <fills count="2"><fill><patternFill patternType="none"/></fill>\#
        <fill><patternFill patternType="gray125"/></fill></fills>\#
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\#
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\#
        <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\#
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\#
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\#
        <xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs>\#
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\#
        </styleSheet>
        """#)

    static func worksheet(_ rows: [[XLSXCell]]) -> [UInt8] {
        worksheet(XLSXSheet(name: "", rows: rows))
    }

    /// Parts in the order the schema requires: views, columns, data, filter.
    static func worksheet(_ sheet: XLSXSheet) -> [UInt8] {
        var xml = #"<worksheet xmlns="\#(mainNamespace)">"#
        if sheet.frozenRows > 0 {
            let top = "A\(sheet.frozenRows + 1)"
            xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(sheet.frozenRows)" topLeftCell="\#(top)" activePane="bottomLeft" state="frozen"/>"#
                + #"<selection pane="bottomLeft" activeCell="\#(top)" sqref="\#(top)"/></sheetView></sheetViews>"#
        }
        if let widths = sheet.widths, !widths.isEmpty {
            xml += "<cols>" + widths.enumerated().map { i, w in
                #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(String(format: "%.1f", w))" customWidth="1"/>"#
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        let boldRows = max(1, sheet.frozenRows)
        for (r, row) in sheet.rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                xml += XLSXCellXML.xml(cell, reference: XLSXCellXML.column(c) + String(r + 1), bold: r < boldRows)
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if let range = filterRange(sheet) { xml += #"<autoFilter ref="\#(range)"/>"# }
        return bytes(xml + "</worksheet>")
    }

    private static func bytes(_ xml: String) -> [UInt8] {
        Array((header + xml).utf8)
    }
}

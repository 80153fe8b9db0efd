import Foundation
#if canImport(MaillageCore)
@testable import MaillageCore // scripts/fuzz.sh links a prebuilt module; the one-command build compiles all in one
#endif

/// libFuzzer entry point for the XLSX reader (ZIP central directory, DEFLATE by
/// ZIPFoundation and zlib, XML).
/// Two kinds of input:
/// - a ZIP archive (starts with "PK"): read as uploaded, so the ZIP and DEFLATE layers
///   see the mutations;
/// - anything else: parts of a workbook separated by NUL bytes (sheet, shared strings,
///   workbook, workbook relationships, package relationships), packed here into a
///   valid archive so the CRC check lets the mutated XML reach the scanner, the
///   relationship resolution and the cell decoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func xlsxFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let data: Data
    if bytes.starts(with: [0x50, 0x4B]) {
        data = Data(bytes)
    } else {
        let parts = bytes.split(separator: 0, maxSplits: 4, omittingEmptySubsequences: false).map(Array.init)
        let paths = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
                     "xl/_rels/workbook.xml.rels", "_rels/.rels"]
        data = XLSX.zip(parts.enumerated().map { (paths[$0.offset], $0.element) })
    }
    do {
        let rows = try XLSXReader.firstSheet(data)
        var cells = 0
        for row in rows { cells += row.count }
        precondition(cells <= SheetXML.maxCells, "more cells than the cap")
        if let last = rows.last { precondition(!last.isEmpty, "trailing empty rows are dropped") }
    } catch {
        _ = error.message
    }
    return 0
}

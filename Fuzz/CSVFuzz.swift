import Foundation
#if canImport(MaillageCore)
@testable import MaillageCore // scripts/fuzz.sh links a prebuilt module; the one-command build compiles all in one
#endif

/// libFuzzer entry point for the French CSV reader: bytes as uploaded (UTF-8 with or
/// without BOM, or Windows-1252) → text → records. Must never trap; the records must
/// keep increasing line numbers, and what the writer exports must read back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func csvFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let records = FrenchCSV.parse(FrenchCSV.decode(data))
    var previous = 0
    for record in records {
        precondition(record.line > previous, "record lines must increase")
        precondition(!record.fields.isEmpty, "a record has at least one field")
        previous = record.line
    }
    // Export → import round trip: same records, same cells. A record holding one empty
    // field is written as an empty line, which the reader skips by design: those are
    // left out. The writer may put a quote before a cell a spreadsheet would run as a
    // formula (CSV injection), so a cell may come back as "'" + itself.
    let rows = records.map(\.fields).filter { $0 != [""] }
    let again = FrenchCSV.parse(FrenchCSV.write(rows)).map(\.fields)
    precondition(again.count == rows.count, "FrenchCSV.write then parse must give as many records back")
    for (written, read) in zip(rows, again) {
        precondition(written.count == read.count, "FrenchCSV.write then parse must give as many cells back")
        for (cell, back) in zip(written, read) {
            precondition(back == cell || back == "'" + cell, "FrenchCSV.write then parse must give the cell back")
        }
    }
    return 0
}

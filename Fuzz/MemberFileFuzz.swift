import Foundation
#if canImport(MaillageCore)
@testable import MaillageCore // scripts/fuzz.sh links a prebuilt module; the one-command build compiles all in one
#endif

/// libFuzzer entry point for the member file: a CSV upload (decoded, split into
/// records, then every line checked), or an XLSX workbook (starts with "PK") whose
/// first sheet goes through the same checks. Must never trap; every line kept or
/// reported is a line of the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func memberFileFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let records: [CSVRecord]
    if data.starts(with: [0x50, 0x4B]) {
        guard let rows = try? XLSXReader.firstSheet(data) else { return 0 }
        records = rows.enumerated().map { CSVRecord(line: $0.offset + 1, fields: $0.element) }
    } else {
        records = FrenchCSV.parse(FrenchCSV.decode(data))
    }
    let parsed = MemberFile.parse(records)
    precondition(parsed.rows.count + parsed.errors.count <= max(0, records.count - 1), "more results than lines")
    let lines = Set(records.map(\.line))
    for row in parsed.rows {
        precondition(lines.contains(row.line), "a row points at no line")
        _ = row.siret.formatted
    }
    for error in parsed.errors { precondition(!error.messages.isEmpty, "a line error says nothing") }
    return 0
}

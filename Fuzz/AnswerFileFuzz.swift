import Foundation
#if canImport(MaillageCore)
@testable import MaillageCore // scripts/fuzz.sh links a prebuilt module; the one-command build compiles all in one
#endif

/// libFuzzer entry point for the Observatory answers file: CSV (French Excel) or
/// XLSX (starts with "PK"), read for campaign 2024. Must never trap; a kept row
/// has a valid SIRET, a known type and only catalogue indicators.
@_cdecl("LLVMFuzzerTestOneInput")
public func answerFileFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let parsed = data.starts(with: [0x50, 0x4B])
        ? AnswerFile.parse(xlsx: data, expectedCampaign: 2024)
        : AnswerFile.parse(csv: data, expectedCampaign: 2024)
    for row in parsed.rows {
        precondition(SIRET(row.siret)?.digits == row.siret, "a kept row has a valid SIRET")
        precondition(StructureType(rawValue: row.type) != nil, "a kept row has a known type")
        for code in row.values.keys { precondition(IndicatorCatalogue.byCode[code] != nil, "unknown indicator kept") }
    }
    for error in parsed.errors { precondition(!error.message.isEmpty, "an error says nothing") }
    return 0
}

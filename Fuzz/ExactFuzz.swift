#if canImport(MaillageCore)
@testable import MaillageCore // scripts/fuzz.sh links a prebuilt module; the one-command build compiles all in one
#endif
/// libFuzzer entry point for the decimal parsers of outside input: `Exact(decimal:)`
/// (answers typed or imported, with the unit check of the answers file) and
/// `XLSXNumber.plain` (numeric cells of a workbook). Must never trap. The fast
/// path must agree with the general parser, and a plain number must stay plain.
@_cdecl("LLVMFuzzerTestOneInput")
public func exactFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    if let fast = Exact.plain(text) {
        precondition(Exact.general(text) == fast, "Exact.plain and Exact.general disagree")
    }
    if Exact(decimal: text) != nil {
        for unit in [Indicator.Unit.count, .percent, .euros] {
            _ = AnswerFile.value(text, unit: unit)
        }
    }
    if let plain = XLSXNumber.plain(text) {
        precondition(XLSXNumber.plain(plain) == plain, "XLSXNumber.plain is not idempotent")
    }
    return 0
}

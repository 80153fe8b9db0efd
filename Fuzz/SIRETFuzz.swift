#if canImport(MaillageCore)
@testable import MaillageCore // scripts/fuzz.sh links a prebuilt module; the one-command build compiles all in one
#endif
/// libFuzzer entry point for SIRET parsing (member file, answers file, forms):
/// `SIRET(_:)` and `SIRET.problem(_:)` must agree, never trap, and a valid SIRET
/// reads back from its formatted and compact forms.
@_cdecl("LLVMFuzzerTestOneInput")
public func siretFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let siret = SIRET(text)
    precondition((siret == nil) == (SIRET.problem(text) != nil), "SIRET(_:) and SIRET.problem disagree")
    if let siret {
        precondition(siret.digits.utf8.count == 14, "a SIRET has 14 digits")
        precondition(SIRET(siret.formatted) == siret, "the formatted SIRET reads back")
        precondition(SIRET(siret.digits) == siret, "the digits read back")
        _ = siret.siren
    }
    return 0
}

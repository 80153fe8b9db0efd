#if canImport(MaillageCore)
@testable import MaillageCore // scripts/fuzz.sh links a prebuilt module; the one-command build compiles all in one
#endif
/// libFuzzer entry point for the DEFLATE decoder used by the XLSX reader: any raw
/// stream must decode or fail with `Inflate.Failure`, never trap, and never
/// produce more than the cap.
@_cdecl("LLVMFuzzerTestOneInput")
public func inflateFuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let limit = 1 << 20
    if let output = try? Inflate.decompress(bytes, limit: limit) {
        precondition(output.count <= limit, "inflated past the cap")
    }
    return 0
}

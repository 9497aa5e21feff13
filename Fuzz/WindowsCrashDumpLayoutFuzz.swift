/// libFuzzer harness for `WindowsCrashDumpLayout`: parses the input as hostile bytes, then queries every
/// part of the layout. Built by `scripts/fuzz.sh` together with the Formats sources only.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWindowsCrashDumpLayout(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    do throws(FormatError) {
        LayoutProbe.exercise(try WindowsCrashDumpLayout(bytes: bytes), size: size)
    } catch {
        // A FormatError is a correct answer to a bad header; its text must still be buildable.
        _ = error.description
    }
    return 0
}

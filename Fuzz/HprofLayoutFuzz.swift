/// libFuzzer harness for `HprofLayout`: parses the input as hostile bytes, then queries every
/// part of the layout. Built by `scripts/fuzz.sh` together with the Formats sources only.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHprofLayout(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    do throws(FormatError) {
        let layout = try HprofLayout(bytes: bytes)
        // Facts and problems must be printable; every offset (and some past the end) must answer.
        _ = layout.facts.map { $0.key + $0.value }
        _ = layout.problems.map(\.description)
        let step = max(1, size / 512)
        for offset in stride(from: 0, through: size + 16, by: step) {
            _ = layout.location(ofFileOffset: UInt64(offset))
        }
        _ = layout.location(ofFileOffset: .max)
    } catch {
        // A FormatError is a correct answer to a bad header; its text must still be buildable.
        _ = error.description
    }
    return 0
}

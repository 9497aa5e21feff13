/// libFuzzer harness for `DumpLayoutParser`: magic dispatch plus whichever parser it picks.
/// Built by `scripts/fuzz.sh` together with the Formats sources only.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDumpLayoutParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    switch DumpLayoutParser.parse(bytes) {
    case .success(let layout?):
        _ = layout.formatName
        _ = layout.facts.map { $0.key + $0.value }
        _ = layout.problems.map(\.description)
        let step = max(1, size / 512)
        for offset in stride(from: 0, through: size + 16, by: step) {
            _ = layout.location(ofFileOffset: UInt64(offset))
        }
    case .success(nil):
        break
    case .failure(let error):
        _ = error.description
    }
    return 0
}

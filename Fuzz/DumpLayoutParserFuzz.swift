/// libFuzzer harness for `DumpLayoutParser`: magic dispatch plus whichever parser it picks.
/// Built by `scripts/fuzz.sh` together with the Formats sources only.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDumpLayoutParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    switch DumpLayoutParser.parse(bytes) {
    case .success(let layout?):
        LayoutProbe.exercise(layout, size: size)
    case .success(nil):
        break
    case .failure(let error):
        _ = error.description
    }
    return 0
}

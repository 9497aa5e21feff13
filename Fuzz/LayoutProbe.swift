/// What every dump-layout fuzz harness does with a parsed layout: its facts and problems must be
/// printable, and every offset (and some past the end) must answer. Compiled with each harness.
enum LayoutProbe {
    static func exercise(_ layout: any DumpLayout, size: Int) {
        _ = layout.formatName
        _ = layout.facts.map { $0.key + $0.value }
        _ = layout.problems.map(\.description)
        let step = max(1, size / 512)
        for offset in stride(from: 0, through: size + 16, by: step) {
            _ = layout.location(ofFileOffset: UInt64(offset))
        }
        _ = layout.location(ofFileOffset: .max)
    }
}

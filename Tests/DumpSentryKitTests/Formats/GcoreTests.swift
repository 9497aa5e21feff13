import Foundation
import Testing
@testable import DumpSentryKit

/// A real core: the test starts `/bin/sleep`, records its `/proc/PID/maps`, dumps it with `gcore`
/// and checks the layout against the maps. Cancelled (skipped) with a reason when `gcore` is
/// missing or ptrace is not permitted here.
struct GcoreTests {
    /// One line of `/proc/PID/maps`.
    private struct Mapping {
        var range: Range<UInt64>
        var path: String
    }

    @Test func gcoreOfSleepMapsToTheLiveProcess() throws {
        let sleeper = try SleeperCore()
        let pid = sleeper.pid
        let corePath = sleeper.corePath
        let core = Array(try Data(contentsOf: URL(fileURLWithPath: corePath)))
        // Read after the dump: sleep maps nothing more once it sleeps, so these are the core's maps.
        let maps = Self.parse(try String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8))

        let layout = try core.withUnsafeBytes { try ElfCoreLayout(bytes: $0) }
        #expect(layout.facts["process.name"] == "sleep")
        #expect(layout.facts["pid"] == String(pid))
        #expect(layout.facts["cpu"] != nil)

        // Walk the file: every attributed offset's address must lie in a mapping the live process had.
        var attributed = 0, sawStack = false, sawSleep = false
        for offset in stride(from: 0, to: core.count, by: 256) {
            guard let location = layout.location(ofFileOffset: UInt64(offset)),
                  let address = location.virtualAddress else { continue }
            attributed += 1
            guard let mapping = maps.first(where: { $0.range.contains(address) }) else {
                // vsyscall lives above the user address space and is absent from some maps.
                #expect(address >= 0xffff_ffff_ff60_0000, "address \(address) at offset \(offset) is in no mapping")
                continue
            }
            if mapping.path == "[stack]" {
                sawStack = true
                #expect(location.region == .stack, "offset \(offset)")
                #expect(location.threadID == UInt64(pid))
            }
            if mapping.path.hasSuffix("/sleep") {
                sawSleep = true
                #expect(location.region == .module && location.module == "sleep", "offset \(offset): \(location)")
            }
        }
        #expect(attributed > 0)
        #expect(sawStack, "no offset mapped into [stack]")
        #expect(sawSleep, "no offset mapped into the sleep executable")
    }

    private static func parse(_ text: String) -> [Mapping] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let bounds = fields.first?.split(separator: "-") ?? []
            guard bounds.count == 2, let start = UInt64(bounds[0], radix: 16), let end = UInt64(bounds[1], radix: 16) else {
                return nil
            }
            return Mapping(range: start..<end, path: fields.count >= 6 ? fields[5...].joined(separator: " ") : "")
        }
    }
}

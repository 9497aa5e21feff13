import Testing
@testable import DumpSentryKit

@Suite("UTF-16 views")
struct Utf16ViewTests {
    /// One run as the reference finds it: chunk offset of its first code unit, its characters.
    struct Run: Equatable { var chunkStart: Int; var characters: [UInt8] }

    /// The definition the fast narrowing must meet, one byte at a time: every maximal run of at
    /// least `minimumRun` text characters, LE at the parity of even file offsets, BE at the other.
    static func referenceRuns(_ bytes: [UInt8], startsOdd: Bool, little: Bool) -> [Run] {
        let leParity = startsOdd ? 1 : 0
        let parity = little ? leParity : 1 - leParity
        func isCharacter(_ p: Int) -> Bool {
            let zeroAt = little ? p + 1 : p - 1
            return p >= 0 && p < bytes.count && zeroAt >= 0 && zeroAt < bytes.count && bytes[zeroAt] == 0
                && Utf16View.isText(bytes[p])
        }
        var runs: [Run] = []
        var p = parity
        while p < bytes.count {
            guard isCharacter(p) else { p += 2; continue }
            var characters: [UInt8] = []
            let start = p
            while isCharacter(p) { characters.append(bytes[p]); p += 2 }
            if characters.count >= Utf16View.minimumRun {
                runs.append(Run(chunkStart: little ? start : start - 1, characters: characters))
            }
        }
        return runs
    }

    /// The runs a view holds, read back through its map.
    static func runs(of view: Utf16View) -> [Run] {
        let bytes = view.bytes
        return view.map.runs.map { run in
            #expect(bytes[run.viewStart + run.count] == 0, "each run ends in NUL")
            return Run(chunkStart: run.chunkStart, characters: Array(bytes[run.viewStart..<(run.viewStart + run.count)]))
        }
    }

    /// Random binary, zero spans and text in both byte orders at every alignment, short and
    /// long runs (past the 16 characters narrowed per SIMD step), tabs and newlines, non-text
    /// characters inside runs, runs touching each other and the chunk's edges.
    static func mixedChunk(seed: UInt64, size: Int) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let alphabet = Array("abcXYZ019 =_-+/\t\n\r~".utf8) + [0x7f, 0x1f, 0x80]
        var at = Int(generator.next() % 8)
        while at < size {
            let length = Int(generator.next() % (generator.next() % 3 == 0 ? 160 : 40))
            let kind = generator.next() % 4
            for index in 0..<length {
                let unit = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                let p = at + 2 * index
                guard p + 1 < size else { break }
                switch kind {
                case 0: bytes[p] = unit; bytes[p + 1] = 0       // UTF-16LE
                case 1: bytes[p] = 0; bytes[p + 1] = unit       // UTF-16BE
                case 2: bytes[p] = 0; bytes[p + 1] = 0          // zeros
                default: break                                   // leave random
                }
            }
            at += 2 * length + Int(generator.next() % 24)
        }
        return bytes
    }

    @Test(arguments: 0..<24)
    func narrowingFindsExactlyTheReferenceRuns(seed: Int) {
        let size = 1 + (seed * 997) % 6000
        let chunk = Self.mixedChunk(seed: UInt64(seed), size: size)
        var little = Utf16View(.little), big = Utf16View(.big)
        for startsOdd in [false, true] {
            chunk.withUnsafeBytes { Utf16View.narrow($0, startsOdd: startsOdd, little: &little, big: &big) }
            #expect(Self.runs(of: little) == Self.referenceRuns(chunk, startsOdd: startsOdd, little: true), "seed \(seed) LE")
            #expect(Self.runs(of: big) == Self.referenceRuns(chunk, startsOdd: startsOdd, little: false), "seed \(seed) BE")
        }
    }

    @Test func reusedViewsForgetThePreviousChunk() {
        var little = Utf16View(.little), big = Utf16View(.big)
        let wide: [UInt8] = Array("password=hunter2hunter2".utf8).flatMap { [$0, 0] }
        wide.withUnsafeBytes { Utf16View.narrow($0, startsOdd: false, little: &little, big: &big) }
        #expect(little.bytes == Array("password=hunter2hunter2".utf8) + [0])
        let noise = [UInt8](repeating: 0x41, count: 64)
        noise.withUnsafeBytes { Utf16View.narrow($0, startsOdd: false, little: &little, big: &big) }
        #expect(little.isEmpty && little.map.runs.isEmpty)
        #expect(big.isEmpty && big.map.runs.isEmpty)
    }
}

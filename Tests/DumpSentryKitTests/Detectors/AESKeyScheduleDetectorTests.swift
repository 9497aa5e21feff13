@testable import DumpSentryKit
import Testing

@Suite struct AESKeyScheduleDetectorTests {
    let detector = AESKeyScheduleDetector()

    /// A test-only key of `size`, from the seeded generator.
    static func testKey(_ size: AESKeySize, _ random: inout BlobTestRandom) -> [UInt32] {
        (0..<size.keyWords).map { _ in UInt32(truncatingIfNeeded: random.next()) }
    }

    /// The schedule's bytes in standard order (word i = bytes 4i..<4i+4, key byte 0 first).
    static func scheduleBytes(_ key: [UInt32], _ size: AESKeySize, swapped: Bool = false) -> [UInt8] {
        AESKeyExpansion.expand(key, size: size).flatMap { word -> [UInt8] in
            let bytes = (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
            return swapped ? bytes.reversed() : bytes
        }
    }

    static func keyBytes(_ key: [UInt32]) -> [UInt8] {
        key.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    }

    func sweep(_ bytes: [UInt8], reportRange: Range<Int>? = nil) -> [DetectedStructure] {
        bytes.withUnsafeBytes { detector.sweep($0, reportRange: reportRange ?? 0..<$0.count) }
    }

    // MARK: - Expansion (FIPS-197 Appendix A vectors: public test data, not secrets)

    /// FIPS-197 writes words big-endian (byte 0 first); the expansion reads them little-endian.
    static func words(_ hex: [UInt32]) -> [UInt32] { hex.map { $0.byteSwapped } }

    @Test func expansionMatchesFIPS197AppendixA() {
        let aes128 = AESKeyExpansion.expand(Self.words([0x2b7e_1516, 0x28ae_d2a6, 0xabf7_1588, 0x09cf_4f3c]), size: .aes128)
        #expect(aes128.count == 44)
        #expect(aes128[4] == Self.words([0xa0fa_fe17])[0])
        #expect(aes128[43] == Self.words([0xb663_0ca6])[0])
        let aes192 = AESKeyExpansion.expand(Self.words([0x8e73_b0f7, 0xda0e_6452, 0xc810_f32b, 0x8090_79e5,
                                                        0x62f8_ead2, 0x522c_6b7b]), size: .aes192)
        #expect(aes192.count == 52)
        #expect(aes192[51] == Self.words([0x0100_2202])[0])
        let aes256 = AESKeyExpansion.expand(Self.words([0x603d_eb10, 0x15ca_71be, 0x2b73_aef0, 0x857d_7781,
                                                        0x1f35_2c07, 0x3b61_08d7, 0x2d98_10a3, 0x0914_dff4]), size: .aes256)
        #expect(aes256.count == 60)
        #expect(aes256[8] == Self.words([0x9ba3_5411])[0])
        #expect(aes256[59] == Self.words([0x706c_631e])[0])
    }

    @Test(arguments: AESKeySize.allCases)
    func backwardExpansionRecoversTheKeyFromAnyWindow(size: AESKeySize) {
        var random = BlobTestRandom(seed: 11)
        let key = Self.testKey(size, &random)
        let schedule = AESKeyExpansion.expand(key, size: size)
        for start in 0...(size.scheduleWords - size.keyWords) {
            let window = Array(schedule[start..<(start + size.keyWords)])
            #expect(AESKeyExpansion.key(fromWindow: window, at: start, size: size) == key, "window at \(start)")
        }
    }

    // MARK: - Finding schedules

    @Test(arguments: AESKeySize.allCases)
    func findsSchedulesAtAlignedAndUnalignedOffsets(size: AESKeySize) {
        var random = BlobTestRandom(seed: UInt64(size.rawValue))
        for offset in [0, 64, 1000, 1001, 1002, 1003, 4093, 8192 - size.scheduleBytes] {
            var buffer = random.bytes(8192)
            let key = Self.testKey(size, &random)
            buffer.replaceSubrange(offset..<(offset + size.scheduleBytes), with: Self.scheduleBytes(key, size))
            let found = sweep(buffer)
            #expect(found.count == 1, "offset \(offset)")
            guard let hit = found.first else { continue }
            #expect(hit.ruleID == "key.aes-schedule")
            #expect(hit.range == offset..<(offset + size.scheduleBytes))
            #expect(hit.secret == Self.keyBytes(key))
            #expect(hit.key?.algorithm == "aes")
            #expect(hit.key?.bits == size.rawValue)
            #expect(hit.key?.validated == true)
            #expect(hit.confidence == .high)
        }
    }

    @Test func findsSeveralSchedulesOfMixedSizesInOrder() {
        var random = BlobTestRandom(seed: 5)
        var buffer = random.bytes(16384)
        var expected: [(Int, AESKeySize)] = []
        for (index, size) in [AESKeySize.aes256, .aes128, .aes192, .aes128, .aes256].enumerated() {
            let offset = 300 + index * 2999
            buffer.replaceSubrange(offset..<(offset + size.scheduleBytes),
                                   with: Self.scheduleBytes(Self.testKey(size, &random), size))
            expected.append((offset, size))
        }
        let found = sweep(buffer)
        #expect(found.map(\.range.lowerBound) == expected.map(\.0))
        #expect(found.map { $0.key?.bits } == expected.map { $0.1.rawValue })
    }

    @Test(arguments: AESKeySize.allCases)
    func toleratesFlippedBitsAnywhereIncludingTheKey(size: AESKeySize) {
        var random = BlobTestRandom(seed: 77 + UInt64(size.rawValue))
        for trial in 0..<40 {
            var buffer = random.bytes(2048)
            let key = Self.testKey(size, &random)
            let offset = 512 + trial % 4
            var schedule = Self.scheduleBytes(key, size)
            let flips = 1 + trial % 3
            // The first trials flip bits inside the key itself, the rest anywhere.
            let flipRange = trial < 12 ? size.keyBytes * 8 : schedule.count * 8
            var flipped = Set<Int>()
            while flipped.count < flips { flipped.insert(Int.random(in: 0..<flipRange, using: &random)) }
            for bit in flipped { schedule[bit / 8] ^= UInt8(1) << UInt8(bit % 8) }
            buffer.replaceSubrange(offset..<(offset + schedule.count), with: schedule)
            let found = sweep(buffer)
            #expect(found.count == 1, "trial \(trial), \(flips) flips")
            guard let hit = found.first else { continue }
            #expect(hit.range == offset..<(offset + size.scheduleBytes))
            #expect(hit.secret == Self.keyBytes(key), "trial \(trial): recovered key differs")
            #expect(hit.key?.validated == false)
            #expect(hit.confidence == .medium)
        }
    }

    @Test func findsWordSwappedSchedules() {
        var random = BlobTestRandom(seed: 9)
        var buffer = random.bytes(4096)
        let key = Self.testKey(.aes256, &random)
        buffer.replaceSubrange(1024..<1264, with: Self.scheduleBytes(key, .aes256, swapped: true))
        let found = sweep(buffer)
        #expect(found.count == 1)
        #expect(found.first?.range == 1024..<1264)
        #expect(found.first?.secret == Self.keyBytes(key))
        #expect(found.first?.key?.validated == true)
    }

    // MARK: - Silence

    @Test func randomDataYieldsNothing() {
        var random = BlobTestRandom(seed: 1234)
        #expect(sweep(random.bytes(1 << 20)).isEmpty)
    }

    @Test func zeroPagesAndConstantFillYieldNothing() {
        #expect(sweep([UInt8](repeating: 0, count: 65536)).isEmpty)
        #expect(sweep([UInt8](repeating: 0xff, count: 65536)).isEmpty)
        // 0xffffffff runs next to zero words satisfy w[i] = w[i-1] ^ w[i-Nk] by accident.
        let mixed = (0..<65536).map { $0 % 48 < 32 ? UInt8(0xff) : 0 }
        #expect(sweep(mixed).isEmpty)
    }

    @Test func structuredHeapLikeDataYieldsNothing() {
        var random = BlobTestRandom(seed: 42)
        var buffer: [UInt8] = []
        var counter: UInt32 = 0
        while buffer.count < 1 << 18 {
            counter &+= 1
            let pointer = 0x0000_7f00_0000_0000 | (random.next() & 0x00ff_ffff_fff0)
            buffer += (0..<8).map { UInt8(truncatingIfNeeded: pointer >> (8 * $0)) }
            buffer += (0..<4).map { UInt8(truncatingIfNeeded: counter >> (8 * $0)) }
            buffer += [0x10, 0, 0, 0]
        }
        #expect(sweep(buffer).isEmpty)
    }

    @Test func anAllZeroKeyScheduleIsReportedWithLowConfidence() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        buffer.replaceSubrange(256..<432, with: Self.scheduleBytes([0, 0, 0, 0], .aes128))
        let found = sweep(buffer)
        #expect(found.count == 1)
        #expect(found.first?.confidence == .low)
    }

    // MARK: - Contract

    @Test func reportsOnlySchedulesStartingInTheReportRange() {
        var random = BlobTestRandom(seed: 3)
        var buffer = random.bytes(4096)
        let size = AESKeySize.aes128
        buffer.replaceSubrange(1000..<1176, with: Self.scheduleBytes(Self.testKey(size, &random), size))
        #expect(sweep(buffer, reportRange: 0..<1000).isEmpty)
        #expect(sweep(buffer, reportRange: 1001..<4096).isEmpty)
        #expect(sweep(buffer, reportRange: 1000..<1001).map(\.range) == [1000..<1176])
        #expect(sweep(buffer, reportRange: 900..<1100).map(\.range) == [1000..<1176])
        #expect(sweep(buffer, reportRange: 0..<0).isEmpty)
        #expect(sweep(buffer, reportRange: 5000..<6000).isEmpty)
    }

    @Test func chunkedSweepsFindEachScheduleExactlyOnce() {
        var random = BlobTestRandom(seed: 8)
        var buffer = random.bytes(20000)
        var planted: [Int] = []
        for (index, size) in AESKeySize.allCases.enumerated() {
            for copy in 0..<3 {
                let offset = 97 + 6203 * copy + 1733 * index + copy
                buffer.replaceSubrange(offset..<(offset + size.scheduleBytes),
                                       with: Self.scheduleBytes(Self.testKey(size, &random), size))
                planted.append(offset)
            }
        }
        let whole = sweep(buffer).map(\.range.lowerBound)
        #expect(whole == planted.sorted())
        for chunk in [300, 1000, 4096] {
            var found: [Int] = []
            var start = 0
            while start < buffer.count {
                let end = min(start + chunk + detector.maxStructureLength, buffer.count)
                let slice = Array(buffer[start..<end])
                found += sweep(slice, reportRange: 0..<min(chunk, slice.count)).map { start + $0.range.lowerBound }
                start += chunk
            }
            #expect(found == whole, "chunk size \(chunk)")
        }
    }

    @Test func truncatedSchedulesAndTinyBuffersNeverTrap() {
        var random = BlobTestRandom(seed: 21)
        let schedule = Self.scheduleBytes(Self.testKey(.aes256, &random), .aes256)
        for length in 0...schedule.count {
            #expect(sweep(Array(schedule.prefix(length))).count == (length == schedule.count ? 1 : 0))
        }
        for length in 0..<300 { _ = sweep(random.bytes(length)) }
        #expect(AESScheduleVerifier.verify(UnsafeRawBufferPointer(start: nil, count: 0), start: 0, size: .aes128) == nil)
    }
}

import Foundation
import Testing
@testable import DumpSentryKit

/// `writeSkippingZeroPages`: the file reads back byte for byte, and whole zero pages stay holes.
@Suite("Zero-page write")
struct ZeroPageWriteTests {
    @Test(arguments: [0, 1, 4095, 4097])
    func readsBackIdenticalWithHoles(offset: Int) throws {
        let directory = TemporaryDirectory()
        var bytes = DumpBuilder(size: 3 << 20, seed: 0x2e60).bytes
        // A megabyte of zeros (whole pages, at any alignment), single zero bytes, a zero tail.
        for index in (1 << 20)..<(2 << 20) { bytes[index] = 0 }
        bytes[100] = 0
        for index in (bytes.count - 5000)..<bytes.count { bytes[index] = 0 }
        let path = directory.path + "/out"
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        try #require(fd >= 0)
        let file = FileDescriptor(raw: fd)
        defer { file.close() }
        try file.setLength(UInt64(offset + bytes.count), path: path)
        // Written in two pieces that meet inside a page, as two chunks' cores do.
        let split = 1_500_001
        try bytes.withUnsafeBytes { raw in
            try file.writeSkippingZeroPages(UnsafeRawBufferPointer(rebasing: raw[split...]), at: UInt64(offset + split), path: path)
            try file.writeSkippingZeroPages(UnsafeRawBufferPointer(rebasing: raw[..<split]), at: UInt64(offset), path: path)
        }
        let written = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written.count == offset + bytes.count)
        #expect(written[..<offset].allSatisfy { $0 == 0 })
        #expect(Array(written[offset...]) == bytes)
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(Int(status.st_blocks) * 512 <= written.count - (1 << 20) + 2 * 4096, "the zero megabyte is a hole")
    }
}

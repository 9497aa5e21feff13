import CSyscalls
import Glibc

extension FileDescriptor {
    /// Reads up to `buffer.count` bytes at `offset` without moving the descriptor's position
    /// (`pread`): an archive reader may seek (7z and zip keep their index at the end) while the
    /// descriptor stays where the walker left it. 0 means end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64, path: String) throws(SystemError) -> Int {
        if let fault = FaultInjection.current.readError(path: path) {
            throw SystemError(operation: "read", path: path, errno: fault)
        }
        guard offset <= UInt64(Int64.max) else { return 0 }
        return try SystemError.check("pread", path) { Glibc.pread(raw, buffer.baseAddress, buffer.count, off_t(offset)) }
    }

    /// Writes all of `bytes` at `offset` (`pwrite`, retrying short writes, at most `maxWriteSize`
    /// per call), without moving the descriptor's position: several threads may write their own
    /// ranges of one file at once.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64, path: String) throws(SystemError) {
        var done = 0
        while done < bytes.count {
            // safe: done < bytes.count, so the base address is non-nil and the range in bounds.
            done += try SystemError.check("pwrite", path) {
                Glibc.pwrite(raw, bytes.baseAddress! + done, min(bytes.count - done, Self.maxWriteSize), off_t(offset + UInt64(done)))
            }
        }
    }

    /// Writes `bytes` at `offset` like `write(_:at:path:)`, except each part lying in one 4 KiB
    /// page of the file that is all zero bytes, which is left unwritten: in a file extended to its
    /// length (`setLength`) and not written there before, that part already reads as zeros, and
    /// whole zero pages stay holes on disk. Dumps hold many zero pages; each skipped one is a page
    /// the kernel neither copies nor writes back.
    public func writeSkippingZeroPages(_ bytes: UnsafeRawBufferPointer, at offset: UInt64, path: String) throws(SystemError) {
        let page = 4096
        var start = 0   // first byte of the pending run to write
        var index = 0
        while index < bytes.count {
            let pageEnd = min(bytes.count, index + page - Int((offset + UInt64(index)) % UInt64(page)))
            // safe: index < pageEnd <= bytes.count, so the base address is non-nil.
            let isZero = Self.zeroPage.withUnsafeBytes { zeros in
                memcmp(bytes.baseAddress! + index, zeros.baseAddress!, pageEnd - index) == 0
            }
            if isZero {
                if start < index { try write(UnsafeRawBufferPointer(rebasing: bytes[start..<index]), at: offset + UInt64(start), path: path) }
                start = pageEnd
            }
            index = pageEnd
        }
        if start < bytes.count { try write(UnsafeRawBufferPointer(rebasing: bytes[start...]), at: offset + UInt64(start), path: path) }
    }

    private static let zeroPage = [UInt8](repeating: 0, count: 4096)

    /// Sets the file's length (`ftruncate`); bytes added read as zeros.
    public func setLength(_ length: UInt64, path: String) throws(SystemError) {
        _ = try SystemError.check("ftruncate", path) { Int(ftruncate(raw, off_t(length))) }
    }

    /// Asks the kernel to start writing the dirty pages of `range` to disk, without waiting
    /// (`sync_file_range`), so a later `fdatasync` finds most of the work done. Advisory: a
    /// failure changes when the bytes reach the disk, not whether.
    public func startWriteback(_ range: Range<UInt64>) {
        _ = csyscalls_start_writeback(raw, Int64(range.lowerBound), Int64(range.count))
    }

    /// Flushes the file's data to disk (`fdatasync`).
    public func flushData(path: String) throws(SystemError) {
        try SystemError.check("fdatasync", path) { fdatasync(raw) }
    }
}

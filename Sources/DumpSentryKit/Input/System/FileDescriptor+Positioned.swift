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

    /// Writes all of `bytes` at `offset` (`pwrite`, retrying short writes), without moving the
    /// descriptor's position: several threads may write their own ranges of one file at once.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64, path: String) throws(SystemError) {
        var done = 0
        while done < bytes.count {
            // safe: done < bytes.count, so the base address is non-nil and the range in bounds.
            done += try SystemError.check("pwrite", path) {
                Glibc.pwrite(raw, bytes.baseAddress! + done, bytes.count - done, off_t(offset + UInt64(done)))
            }
        }
    }

    /// Flushes the file's data to disk (`fdatasync`).
    public func flushData(path: String) throws(SystemError) {
        try SystemError.check("fdatasync", path) { fdatasync(raw) }
    }
}

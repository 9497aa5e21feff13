import Glibc

extension FileDescriptor {
    /// The process's standard output, for scrub's `-o -`.
    public static let standardOutput = FileDescriptor(raw: 1)

    /// Writes all of `bytes`, retrying short writes and `EINTR`.
    public func write(_ bytes: UnsafeRawBufferPointer, path: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            // safe: offset < bytes.count, so the base address is non-nil and the range in bounds.
            offset += try SystemError.check("write", path) { Glibc.write(raw, bytes.baseAddress! + offset, bytes.count - offset) }
        }
    }
}

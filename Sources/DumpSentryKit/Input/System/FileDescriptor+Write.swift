import Glibc

extension FileDescriptor {
    /// The process's standard output, for scrub's `-o -`.
    public static let standardOutput = FileDescriptor(raw: 1)

    /// Writes all of `bytes`, retrying short writes and `EINTR`, at most `maxWriteSize` per call.
    public func write(_ bytes: UnsafeRawBufferPointer, path: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            // safe: offset < bytes.count, so the base address is non-nil and the range in bounds.
            offset += try SystemError.check("write", path) {
                Glibc.write(raw, bytes.baseAddress! + offset, min(bytes.count - offset, Self.maxWriteSize))
            }
        }
    }

    /// Bytes per `write`/`pwrite` call. Measured on this project's Linux 6.18 VM (ext4), writing
    /// 1 GiB into the page cache: 0.42–0.54 s of system time in calls of 64 KiB to 1 MiB,
    /// 3.2–3.8 s in calls of 2 or 4 MiB (`dd bs=…`). More calls cost nothing measurable.
    static let maxWriteSize = 1 << 20
}

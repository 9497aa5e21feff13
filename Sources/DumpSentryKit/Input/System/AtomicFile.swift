import Glibc

/// Writes a file the safe way: a temporary created with `O_EXCL` beside the target, the chosen
/// mode, `fsync`, then `rename` over the target. Never writes through a symlink: the temporary
/// is new, and `rename` replaces a symlink at the target rather than following it. The target is
/// either untouched or completely replaced, even if the process is killed mid-way.
public struct AtomicFile: Sendable {
    public let path: String
    public let mode: mode_t

    public init(path: String, mode: mode_t = 0o600) {
        self.path = path
        self.mode = mode
    }

    public func write(_ bytes: [UInt8]) throws(SystemError) {
        let writer = try open()
        do {
            try writer.append(bytes)
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Opens the temporary for incremental writes (and reads: scrub compares what it wrote);
    /// finish with `commit()` or `abandon()`.
    public func open() throws(SystemError) -> Writer {
        let directory: String
        let name: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            directory = "."
            name = path
        }
        guard !name.isEmpty else { throw SystemError(operation: "open", path: path, errno: EISDIR) }
        for attempt in 0..<100 {
            let temporary = "\(directory)/.\(name).dumpsentry-\(getpid())-\(attempt).tmp"
            let fd = Glibc.open(temporary, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 {
                // The umask must not widen or narrow the mode we were asked for.
                _ = fchmod(fd, mode)
                return Writer(fd: fd, temporary: temporary, target: path)
            }
            if errno != EEXIST { throw SystemError(operation: "create", path: temporary, errno: errno) }
        }
        throw SystemError(operation: "create", path: path, errno: EEXIST)
    }

    /// An open temporary file that becomes the target on `commit()`.
    public final class Writer {
        let fd: Int32
        let temporary: String
        let target: String
        private var done = false

        init(fd: Int32, temporary: String, target: String) {
            self.fd = fd
            self.temporary = temporary
            self.target = target
        }

        deinit { if !done { abandon() } }

        public func append(_ bytes: [UInt8]) throws(SystemError) {
            let written: Result<Void, SystemError> = bytes.withUnsafeBytes { raw in
                Result { () throws(SystemError) in try append(raw) }
            }
            try written.get()
        }

        public func append(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
            try FileDescriptor(raw: fd).write(bytes, path: temporary)
        }

        public func commit() throws(SystemError) {
            try SystemError.check("fsync", temporary) { fsync(fd) }
            try SystemError.check("close", temporary) { Glibc.close(fd) }
            done = true
            do {
                try SystemError.check("rename", target) { rename(temporary, target) }
            } catch {
                unlink(temporary)
                throw error
            }
        }

        public func abandon() {
            guard !done else { return }
            done = true
            // Already failing: a failed close or unlink of the temporary changes nothing for the caller.
            _ = Glibc.close(fd)
            _ = unlink(temporary)
        }
    }
}

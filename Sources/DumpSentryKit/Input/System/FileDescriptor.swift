import Glibc

/// An open file descriptor. The only place (with `MappedRegion`) that makes file syscalls.
/// Not a class: ownership is explicit, and `close()` is called by whoever opened it.
public struct FileDescriptor: Sendable, Hashable {
    public let raw: Int32

    /// Flags for every input: no symlink in the last component, no leak into children, and no
    /// blocking open on a FIFO whose writer never comes.
    static let inputFlags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK

    /// The process's standard input.
    public static let standardInput = FileDescriptor(raw: 0)

    public init(raw: Int32) { self.raw = raw }

    /// Opens `name` relative to `directory` (or the working directory) for reading as an input.
    public static func openInput(_ name: String, relativeTo directory: FileDescriptor? = nil,
                                 followSymlinks: Bool = false, path: String) throws(SystemError) -> FileDescriptor {
        try openInput(Array(name.utf8), relativeTo: directory, followSymlinks: followSymlinks, path: path)
    }

    /// Opens a name given as raw bytes (directory entries need not be UTF-8).
    public static func openInput(_ name: [UInt8], relativeTo directory: FileDescriptor? = nil,
                                 followSymlinks: Bool = false, path: String) throws(SystemError) -> FileDescriptor {
        var flags = inputFlags
        if followSymlinks { flags &= ~O_NOFOLLOW }
        let cName = name.map { CChar(bitPattern: $0) } + [0]
        let fd = try SystemError.check("open", path) { openat(directory?.raw ?? AT_FDCWD, cName, flags) }
        return FileDescriptor(raw: fd)
    }

    /// Opens a directory relative to `directory` without following a symlink in its last component.
    static func openDirectory(_ name: String, relativeTo directory: FileDescriptor, path: String) throws(SystemError) -> FileDescriptor {
        let fd = try SystemError.check("open", path) {
            openat(directory.raw, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        return FileDescriptor(raw: fd)
    }

    public func status(path: String) throws(SystemError) -> FileStatus {
        var raw = stat()
        try SystemError.check("fstat", path) { fstat(self.raw, &raw) }
        return FileStatus(raw)
    }

    /// Clears `O_NONBLOCK` so a FIFO named on the command line is read with ordinary blocking reads.
    public func makeBlocking(path: String) throws(SystemError) {
        let flags = try SystemError.check("fcntl", path) { fcntl(raw, F_GETFL) }
        try SystemError.check("fcntl", path) { fcntl(raw, F_SETFL, flags & ~O_NONBLOCK) }
    }

    /// Prepares a stream named on the command line for blocking reads. A FIFO read before any
    /// writer has connected reads as empty, so first wait (poll) until a writer has sent data or
    /// come and gone; the non-blocking open itself never waits.
    public func readyForStreaming(isFIFO: Bool, path: String) throws(SystemError) -> FileDescriptor {
        if isFIFO {
            var entry = pollfd(fd: raw, events: Int16(POLLIN), revents: 0)
            try SystemError.check("poll", path) { poll(&entry, 1, -1) }
        }
        try makeBlocking(path: path)
        return self
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer, path: String) throws(SystemError) -> Int {
        if let fault = FaultInjection.current.readError(path: path) {
            throw SystemError(operation: "read", path: path, errno: fault)
        }
        return try SystemError.check("read", path) { Glibc.read(raw, buffer.baseAddress, buffer.count) }
    }

    /// Reads until `buffer` is full or the input ends; returns the number of bytes read.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer, path: String) throws(SystemError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), path: path)
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    public func close() {
        // A failed close of a read-only descriptor loses nothing: the data was already read.
        _ = Glibc.close(raw)
    }
}

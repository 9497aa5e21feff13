/// An input that has been opened and `fstat`ed: everything after this point works on the
/// descriptor, never on the path again.
public struct OpenedInput: Sendable {
    /// The path for reports (as given, or joined from the walk).
    public var path: String
    /// The path's exact bytes when `path` does not hold them (a name that is not UTF-8); see ``NameBytes``.
    public var pathBytes: [UInt8]?
    public var descriptor: FileDescriptor
    public var status: FileStatus
    /// True for stdin and for FIFOs/devices named on the command line: read as a stream.
    public var isStream: Bool

    public init(path: String, pathBytes: [UInt8]? = nil, descriptor: FileDescriptor, status: FileStatus, isStream: Bool) {
        self.path = path
        self.pathBytes = pathBytes
        self.descriptor = descriptor
        self.status = status
        self.isStream = isStream
    }
}

/// Something the walker met that is not scanned: a note (symlink, FIFO inside a directory)
/// or an error (missing, unreadable, changed).
public struct WalkNote: Sendable, Hashable {
    public var path: String
    /// The path's exact bytes when `path` does not hold them; see ``NameBytes``.
    public var pathBytes: [UInt8]?
    public var message: String
    /// Errors raise the exit status to 2; notes are informational.
    public var isError: Bool

    public init(path: String, pathBytes: [UInt8]? = nil, message: String, isError: Bool) {
        self.path = path
        self.pathBytes = pathBytes
        self.message = message
        self.isError = isError
    }
}

/// An input that has been opened and `fstat`ed: everything after this point works on the
/// descriptor, never on the path again.
public struct OpenedInput: Sendable {
    /// The path for reports (as given, or joined from the walk).
    public var path: String
    public var descriptor: FileDescriptor
    public var status: FileStatus
    /// True for stdin and for FIFOs/devices named on the command line: read as a stream.
    public var isStream: Bool
}

/// Something the walker met that is not scanned: a note (symlink, FIFO inside a directory)
/// or an error (missing, unreadable, changed).
public struct WalkNote: Sendable, Hashable {
    public var path: String
    public var message: String
    /// Errors raise the exit status to 2; notes are informational.
    public var isError: Bool
}

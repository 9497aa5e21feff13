/// A libarchive failure (corrupt or truncated data, unsupported feature), with libarchive's
/// message, or the failure of the input it was reading from.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    /// The libarchive call that failed, e.g. `archive_read_data`.
    public var operation: String
    public var message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "cannot read archive (\(operation)): \(message)" }
}

/// A libmagic failure: which call failed and libmagic's message (or errno's, when it gave none).
public struct MagicError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The libmagic function that failed, e.g. `magic_load`.
    public var operation: String
    public var message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "libmagic \(operation) failed: \(message)" }
}

/// A `--public-key` file that could not be used; the CLI prints it and exits 2.
public struct PublicKeyFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String

    public var description: String { "\(path): \(message)" }
}

/// A baseline or config file that cannot be used. The CLI prints it as it is and exits 2.
public enum PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, message: String)
    /// The file is not the expected JSON or YAML, or a value has the wrong type.
    case malformed(path: String, message: String)
    /// A config key DumpSentry does not know (a typo must not silently disable a setting).
    case unknownKey(path: String, key: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let message): "\(path): cannot read: \(message)"
        case .malformed(let path, let message): "\(path): \(message)"
        case .unknownKey(let path, let key):
            "\(path): unknown key '\(key)' (known: \(ScanConfig.knownKeys.joined(separator: ", ")))"
        }
    }
}

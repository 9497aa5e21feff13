/// The layout of a dump format: maps a file offset to where those bytes lay in the crashed process.
/// Built once per file by a parser that treats every header field as hostile.
public protocol DumpLayout: Sendable {
    /// Short format name for reports: `minidump`, `elf-core`, `hprof`, `windows-crashdump`.
    var formatName: String { get }
    /// Facts for the summary (process name, pid, OS, module count, …).
    var facts: [String: String] { get }
    /// Where `fileOffset` lay in the process, or nil if the layout does not cover it.
    func location(ofFileOffset fileOffset: UInt64) -> DumpLocation?
    /// What could not be parsed while the rest of the layout still was (a stream past the end,
    /// a count larger than its data): report each as a diagnostic. Empty for a clean parse.
    var problems: [FormatError] { get }
}

/// Why a dump header could not be (fully) parsed. Only the attribution is lost; the bytes are scanned.
public enum FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    case truncated(structure: String, offset: UInt64)
    case outOfBounds(structure: String, offset: UInt64, length: UInt64)
    case tooMany(structure: String, count: UInt64)
    case invalid(structure: String, reason: String)

    public var description: String {
        switch self {
        case let .truncated(structure, offset):
            "\(structure) truncated at offset \(offset)"
        case let .outOfBounds(structure, offset, length):
            "\(structure) at offset \(offset) (length \(length)) lies outside the file"
        case let .tooMany(structure, count):
            "\(structure) count \(count) exceeds the limit"
        case let .invalid(structure, reason):
            "\(structure) is invalid: \(reason)"
        }
    }
}

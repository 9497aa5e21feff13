/// A guard against decompression bombs stopped an input: the bytes before the limit were scanned,
/// the rest were not, and the input is reported as an error (exit status 2), never as clean.
public enum ArchiveLimitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A member decompressed to more than `--max-decompressed-size`.
    case memberTooLarge(limit: UInt64)
    /// The input expanded more than `--max-expansion-ratio` times the compressed bytes read.
    case expansionRatio(limit: UInt64, consumed: UInt64, produced: UInt64)

    public var description: String {
        switch self {
        case .memberTooLarge(let limit):
            "decompressed size exceeds --max-decompressed-size (\(limit) bytes); possible decompression bomb"
        case .expansionRatio(let limit, let consumed, let produced):
            "\(consumed) compressed bytes expanded to over \(produced) bytes, more than the --max-expansion-ratio of \(limit):1; possible decompression bomb"
        }
    }
}

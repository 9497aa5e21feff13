/// One worker's share of the inputs when a scan is split across `count` workers (`--shard K/N`),
/// e.g. the pods of a Kubernetes Indexed Job over one directory of millions of dumps.
///
/// A file belongs to shard `⌊fnv1a64(relativePath) · count / 2⁶⁴⌋`, where `relativePath` is the
/// file's path below the command-line argument it was found under, as raw bytes with `/` between
/// components (a file named on the command line: its last component). The hash is FNV-1a 64, not
/// Swift's per-process seeded `Hasher`, so every worker, run and machine agrees, whatever the mount
/// point of the shared directory; the high bits of the product pick the shard because FNV-1a's low
/// bits mix poorly. Every file is in exactly one shard of `count`.
public struct InputShard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based (a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`); `index < count`.
    public let index: Int
    public let count: Int

    /// Why a `K/N` text is not a shard.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case indexOutOfRange(index: Int, count: Int)

        public var description: String {
            switch self {
            case .malformed(let text):
                return "shard '\(text)' is not K/N (K = this worker's 0-based index, N = the number of workers, e.g. 0/4)"
            case .indexOutOfRange(let index, let count):
                return "shard \(index)/\(count): K is 0-based and must be less than N (0…\(count - 1))"
            }
        }
    }

    /// Larger counts are almost certainly a typo, and would leave most shards empty.
    public static let maximumCount = 1 << 20

    public init(index: Int, count: Int) throws(ParseError) {
        guard count >= 1, count <= Self.maximumCount, index >= 0 else { throw .malformed("\(index)/\(count)") }
        guard index < count else { throw .indexOutOfRange(index: index, count: count) }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`, e.g. `3/16`.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let index = Int(parts[0]), let count = Int(parts[1]) else { throw .malformed(text) }
        guard count >= 1, count <= Self.maximumCount, index >= 0 else { throw .malformed(text) }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the file at `relativePath` (bytes, see the type's documentation) is this shard's.
    public func contains(relativePath: some Sequence<UInt8>) -> Bool {
        Self.shard(ofRelativePath: relativePath, count: count) == index
    }

    /// The shard of `relativePath` among `count`.
    public static func shard(ofRelativePath relativePath: some Sequence<UInt8>, count: Int) -> Int {
        let hash = fnv1a64(relativePath)
        return Int(hash.multipliedFullWidth(by: UInt64(count)).high)
    }

    /// FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The relative path of a file named on the command line: its last component.
    static func relativePath(ofArgument path: String) -> [UInt8] {
        var bytes = Array(path.utf8)
        while bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        if let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash < bytes.count - 1 {
            return Array(bytes[(slash + 1)...])
        }
        return bytes
    }
}

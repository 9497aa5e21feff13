import Glibc

/// Scrub's proof that a chunk of its output needs no rescan: no replaced span touches the chunk,
/// and its bytes, read back from the output, equal the input's there. The scan of the input
/// found nothing in such a chunk except findings scrub keeps (a fill would touch it otherwise),
/// so a rescan would find the same. Every other chunk is rescanned with the same rules: on the
/// 1 GiB benchmark with 128 secrets that is a few percent of the output.
///
/// The comparison is what makes this a check of the file written rather than of scrub's own
/// bookkeeping: a chunk whose bytes differ from the input's for any reason is scanned.
final class UnchangedChunks: Sendable {
    private let input: FileDescriptor
    private let inputPath: String
    /// The replaced spans, sorted and merged.
    private let replaced: [Range<UInt64>]

    /// `input` is the scrubbed file, open for the life of this object; `replaced` are the findings
    /// whose spans were filled.
    init(input: FileDescriptor, path: String, replaced: [Finding]) {
        self.input = input
        inputPath = path
        var merged: [Range<UInt64>] = []
        for span in replaced.map({ $0.offset..<($0.offset + UInt64($0.length)) }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        self.replaced = merged
    }

    /// Whether `bytes`, the output's bytes in `geometry.buffer`, are proven unchanged.
    func contains(_ geometry: ChunkGeometry, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let range = geometry.buffer
        guard bytes.count == range.count, !touchesReplacedSpan(range) else { return false }
        guard !bytes.isEmpty else { return true }
        // Read, not mapped: a mapping's pages would stay in RSS (page-cache folios are released
        // only whole), and the read costs about what populating the mapping would.
        let original = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        defer { original.deallocate() }
        var filled = 0
        while filled < original.count {
            let target = UnsafeMutableRawBufferPointer(rebasing: original[filled...])
            guard let count = try? input.read(into: target, at: range.lowerBound + UInt64(filled), path: inputPath), count > 0 else {
                return false   // unreadable or shorter than before: scan the chunk instead
            }
            filled += count
        }
        return memcmp(original.baseAddress!, bytes.baseAddress!, bytes.count) == 0
    }

    private func touchesReplacedSpan(_ range: Range<UInt64>) -> Bool {
        // The first span ending after the range starts; it touches the range if it starts before its end.
        var low = 0, high = replaced.count
        while low < high {
            let middle = (low + high) / 2
            if replaced[middle].upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < replaced.count && replaced[low].lowerBound < range.upperBound
    }
}

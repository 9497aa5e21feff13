import Foundation

/// Scrub's proof that a chunk of its output needs no rescan: no replaced span touches the chunk,
/// and every byte of it outside replaced spans was read back from the output and found equal to
/// the input's. The scan of the input found nothing in such a chunk except findings scrub keeps
/// (a fill would touch it otherwise), so a rescan would find the same. Every other chunk is
/// rescanned with the same rules: on the 1 GiB benchmark with 128 secrets, about an eighth of it.
///
/// The comparison is what makes this a check of the file written rather than of scrub's own
/// bookkeeping: a chunk holding any byte that differs from the input's outside a replaced span,
/// for whatever reason, is scanned.
final class UnchangedChunks: Sendable {
    /// The replaced spans, sorted and merged.
    private let replaced: [Range<UInt64>]
    /// Blocks of `blockSize` bytes holding a byte, outside the replaced spans, that differs
    /// from the input or could not be read back.
    private let differing: Set<Int>
    static let blockSize = 1 << 20

    /// Compares `output` with `input` (both `length` bytes, read with `pread`) on `threads`
    /// threads, outside the spans of `replaced`, the findings whose spans were filled.
    init(input: FileDescriptor, inputPath: String, output: FileDescriptor, outputPath: String, length: UInt64,
         replaced: [Finding], threads: Int) {
        var merged: [Range<UInt64>] = []
        for span in replaced.map({ $0.offset..<($0.offset + UInt64($0.length)) }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        self.replaced = merged
        let spans = merged
        let blocks = Int((length + UInt64(Self.blockSize) - 1) / UInt64(Self.blockSize))
        let found = DifferingBlocks()
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { worker in
            let original = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 64)
            let written = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 64)
            defer { original.deallocate(); written.deallocate() }
            for block in stride(from: worker, to: blocks, by: max(1, threads)) {
                let start = UInt64(block) * UInt64(Self.blockSize)
                let range = start..<min(length, start + UInt64(Self.blockSize))
                let count = range.count
                let equal = Self.readFully(input, inputPath, at: start, into: UnsafeMutableRawBufferPointer(rebasing: original[..<count]))
                    && Self.readFully(output, outputPath, at: start, into: UnsafeMutableRawBufferPointer(rebasing: written[..<count]))
                    && Self.equalOutside(spans, in: range, original.baseAddress!, written.baseAddress!)
                if !equal { found.insert(block) }
            }
        }
        differing = found.blocks
    }

    /// Whether the chunk's bytes (`geometry.buffer`) are proven unchanged.
    func contains(_ geometry: ChunkGeometry) -> Bool {
        let range = geometry.buffer
        guard !range.isEmpty else { return true }
        let first = Int(range.lowerBound / UInt64(Self.blockSize)), last = Int((range.upperBound - 1) / UInt64(Self.blockSize))
        return !(first...last).contains(where: differing.contains) && !touchesReplacedSpan(range)
    }

    private func touchesReplacedSpan(_ range: Range<UInt64>) -> Bool {
        let first = Self.firstSpan(endingAfter: range.lowerBound, in: replaced)
        return first < replaced.count && replaced[first].lowerBound < range.upperBound
    }

    /// Index of the first of the sorted, disjoint `spans` that ends after `position`.
    private static func firstSpan(endingAfter position: UInt64, in spans: [Range<UInt64>]) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].upperBound <= position { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether the two copies of `range` (at `a` and `b`) agree everywhere outside `spans`.
    private static func equalOutside(_ spans: [Range<UInt64>], in range: Range<UInt64>, _ a: UnsafeRawPointer, _ b: UnsafeRawPointer) -> Bool {
        var position = range.lowerBound
        var low = firstSpan(endingAfter: position, in: spans)
        while position < range.upperBound {
            let gapEnd = low < spans.count ? min(range.upperBound, max(position, spans[low].lowerBound)) : range.upperBound
            if gapEnd > position {
                let offset = Int(position - range.lowerBound)
                if memcmp(a + offset, b + offset, Int(gapEnd - position)) != 0 { return false }
            }
            guard low < spans.count, spans[low].lowerBound < range.upperBound else { break }
            position = spans[low].upperBound
            low += 1
        }
        return true
    }

    private static func readFully(_ descriptor: FileDescriptor, _ path: String, at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var filled = 0
        while filled < buffer.count {
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])
            guard let count = try? descriptor.read(into: target, at: offset + UInt64(filled), path: path), count > 0 else { return false }
            filled += count
        }
        return true
    }
}

/// Block numbers found differing, from every comparing thread.
private final class DifferingBlocks: @unchecked Sendable {
    // safe: `stored` is read and written only under `lock`.
    private let lock = NSLock()
    private var stored: Set<Int> = []

    func insert(_ block: Int) { lock.lock(); stored.insert(block); lock.unlock() }
    var blocks: Set<Int> { lock.lock(); defer { lock.unlock() }; return stored }
}

/// Maps offsets in a narrowed UTF-16 view back to chunk offsets.
///
/// The view is the concatenation of runs, each run's characters one byte per code unit, runs
/// separated by one NUL byte (which ends any secret, as it would in the file). Invariant: `runs`
/// are sorted by `viewStart` and do not overlap.
struct OffsetMap {
    struct Run {
        /// Offset in the view of the run's first character.
        var viewStart: Int
        /// Offset in the chunk of the first code unit (the low byte for LE, the zero for BE).
        var chunkStart: Int
        var count: Int
    }

    var runs: [Run] = []

    mutating func reset() { runs.removeAll(keepingCapacity: true) }

    /// The chunk span of a view span that lies inside one run; nil if it crosses a separator.
    func chunkRange(ofViewRange range: Range<Int>) -> Range<Int>? {
        var low = 0, high = runs.count
        while low < high {
            let mid = (low + high) / 2
            if runs[mid].viewStart <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let run = runs[low - 1]
        guard range.upperBound <= run.viewStart + run.count else { return nil }
        let start = run.chunkStart + 2 * (range.lowerBound - run.viewStart)
        return start..<(start + 2 * range.count)
    }
}

/// A sorted table of disjoint half-open `UInt64` ranges, each carrying a value, built once and
/// searched by binary search.
///
/// Invariant: `entries` is sorted by `range.lowerBound`, every range is non-empty, and ranges do not
/// overlap — so the entry containing a key, if any, is the last one whose lower bound is <= the key.
/// Overlapping input (hostile or not) is resolved deterministically when the table is built: the
/// range that starts first keeps the overlap (ties: the one added first), and later ranges are
/// clipped to what is left or dropped.
struct RangeTable<Value: Sendable>: Sendable {
    /// One range and its value. `origin` is the lower bound the range had before clipping, so a
    /// linear mapping (file offset → address) stays right for a clipped range.
    struct Entry: Sendable {
        var range: Range<UInt64>
        var origin: UInt64
        var value: Value
    }

    /// Most entries a table holds: a hard bound on memory whatever a header claims.
    static var maximumCount: Int { 1 << 20 }

    private(set) var entries: [Entry]
    /// True when building the table clipped or dropped an overlapping range.
    private(set) var hadOverlaps: Bool

    /// An empty table.
    init() {
        entries = []
        hadOverlaps = false
    }

    /// Builds the table from `(range, value)` pairs in any order; empty ranges are skipped.
    /// Callers keep `candidates.count` within `maximumCount` (checked here as a precondition,
    /// since exceeding it is a parser bug, not bad input).
    init(_ candidates: [(range: Range<UInt64>, value: Value)]) {
        precondition(candidates.count <= Self.maximumCount, "parser must cap range counts")
        // Sort indices, not entries, so ties keep insertion order without a stable sort.
        let order = candidates.indices
            .filter { !candidates[$0].range.isEmpty }
            .sorted { left, right in
                let a = candidates[left].range.lowerBound, b = candidates[right].range.lowerBound
                return a != b ? a < b : left < right
            }
        var kept: [Entry] = []
        kept.reserveCapacity(order.count)
        var overlaps = false
        for index in order {
            let candidate = candidates[index]
            var lower = candidate.range.lowerBound
            if let last = kept.last, lower < last.range.upperBound {
                overlaps = true
                guard candidate.range.upperBound > last.range.upperBound else { continue }
                lower = last.range.upperBound
            }
            kept.append(Entry(range: lower..<candidate.range.upperBound,
                              origin: candidate.range.lowerBound, value: candidate.value))
        }
        entries = kept
        hadOverlaps = overlaps
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// The entry whose range contains `key`, by binary search.
    func entry(containing key: UInt64) -> Entry? {
        // Find the first entry whose lower bound is > key; the candidate is the one before it.
        var low = 0, high = entries.count
        while low < high {
            let middle = low + (high - low) / 2
            if entries[middle].range.lowerBound <= key {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low > 0 else { return nil }
        let candidate = entries[low - 1]
        return candidate.range.contains(key) ? candidate : nil
    }

    /// True when any entry intersects `range`.
    func intersects(_ range: Range<UInt64>) -> Bool {
        guard !range.isEmpty else { return false }
        if entry(containing: range.lowerBound) != nil { return true }
        // Otherwise an entry must start inside the range: the first one starting after its lower bound.
        var low = 0, high = entries.count
        while low < high {
            let middle = low + (high - low) / 2
            if entries[middle].range.lowerBound <= range.lowerBound {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < entries.count && entries[low].range.lowerBound < range.upperBound
    }
}

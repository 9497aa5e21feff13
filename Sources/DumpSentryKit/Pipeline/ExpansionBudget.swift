/// The bomb guards of one compressed or archived input, checked as the bytes flow: each member's
/// decompressed size, and the bytes produced by all its members (at any nesting depth) against the
/// compressed bytes read from the input itself, so nesting cannot multiply the ratio.
final class ExpansionBudget {
    private let input: ArchiveInput
    private let maxMemberSize: UInt64
    private let maxRatio: UInt64
    private var produced: UInt64 = 0

    /// libarchive reads in blocks, so the ratio is judged against at least one block: a tiny file
    /// may expand further than the ratio without being a bomb worth stopping.
    private static let minimumConsumed = UInt64(ArchiveInput.blockSize)

    init(input: ArchiveInput, maxMemberSize: UInt64, maxRatio: UInt64) {
        self.input = input
        self.maxMemberSize = maxMemberSize
        self.maxRatio = maxRatio
    }

    /// Counts `count` new bytes of a member that now has `memberBytes`; throws past a limit.
    func account(_ count: Int, memberBytes: UInt64) throws(ArchiveLimitError) {
        produced += UInt64(count)
        if memberBytes > maxMemberSize { throw .memberTooLarge(limit: maxMemberSize) }
        let consumed = max(input.consumed, Self.minimumConsumed)
        let (allowance, overflow) = consumed.multipliedReportingOverflow(by: maxRatio)
        if !overflow && produced > allowance {
            throw .expansionRatio(limit: maxRatio, consumed: input.consumed, produced: produced)
        }
    }
}

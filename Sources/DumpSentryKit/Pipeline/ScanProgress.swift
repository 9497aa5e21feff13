import Synchronization

/// Live counters of a running scan, for a progress display. Workers and the producer update them
/// with relaxed atomics; readers see a recent, not an exact, picture.
public final class ScanProgress: Sendable {
    private let scanned = Atomic<UInt64>(0)
    private let listed = Atomic<UInt64>(0)
    private let walked = Atomic<Bool>(false)

    public init() {}

    /// Bytes whose chunks are finished.
    public var bytesScanned: UInt64 { scanned.load(ordering: .relaxed) }
    /// Bytes of the regular files found so far (streams count as they are read).
    public var bytesListed: UInt64 { listed.load(ordering: .relaxed) }
    /// True once every input has been found, so `bytesListed` is the total.
    public var walkFinished: Bool { walked.load(ordering: .relaxed) }

    func scannedBytes(_ count: UInt64) { scanned.add(count, ordering: .relaxed) }
    func listedBytes(_ count: UInt64) { listed.add(count, ordering: .relaxed) }
    func finishWalk() { walked.store(true, ordering: .relaxed) }
}

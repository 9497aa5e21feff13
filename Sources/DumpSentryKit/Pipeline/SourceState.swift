import Foundation

/// One input while it is being scanned: its descriptor and mapping, the chunks still in flight,
/// and the findings and errors gathered so far. Shared by the producer and the workers.
final class SourceState: @unchecked Sendable {
    // safe: mutable fields are touched only under `lock`; `mapped`, `descriptor` and the
    // identity fields are set before the first chunk is queued and never change after.
    let path: String
    let member: String?
    /// Exact bytes of `path` and `member` when those strings do not hold them; see ``NameBytes``.
    let pathBytes: [UInt8]?
    let memberBytes: [UInt8]?
    let descriptor: FileDescriptor?
    let openedStatus: FileStatus?
    let mapped: MappedFile?
    /// The identified type for the report; set by the producer before the first chunk is queued.
    var fileType: String?
    private let lock = NSLock()
    private var pending = 0
    private var producerDone = false
    private var finalized = false
    private(set) var findings: [Finding] = []
    private(set) var diagnostics: [ScanDiagnostic] = []
    private(set) var bytes: UInt64 = 0

    init(path: String, pathBytes: [UInt8]? = nil, member: String? = nil, memberBytes: [UInt8]? = nil,
         descriptor: FileDescriptor?, openedStatus: FileStatus?, mapped: MappedFile?) {
        self.path = path
        self.pathBytes = pathBytes
        self.member = member
        self.memberBytes = memberBytes
        self.descriptor = descriptor
        self.openedStatus = openedStatus
        self.mapped = mapped
    }

    /// For mapped sources: which chunks are done, and how far the mapping has been released.
    private var plan: ChunkPlan?
    private var done: [Bool] = []
    private var firstUnfinished = 0
    private var releasedUpTo: UInt64 = 0

    /// Release granularity: page-cache folios may be mapped whole (up to 2 MiB), and a partial
    /// `MADV_DONTNEED` of one leaves the rest mapped, so release only whole 2 MiB spans.
    static let releaseGranule: UInt64 = 2 << 20

    func setPlan(_ plan: ChunkPlan) {
        lock.lock(); defer { lock.unlock() }
        self.plan = plan
        done = Array(repeating: false, count: plan.count)
    }

    /// Marks mapped chunk `index` done and returns the span of the file no chunk will touch again
    /// (everything before the oldest unfinished chunk's buffer), newly releasable.
    func releasableAfterChunk(_ index: Int) -> Range<Int>? {
        lock.lock(); defer { lock.unlock() }
        guard let plan, index < done.count else { return nil }
        done[index] = true
        while firstUnfinished < done.count && done[firstUnfinished] { firstUnfinished += 1 }
        let frontier = firstUnfinished < done.count ? plan.chunk(firstUnfinished).buffer.lowerBound : plan.length
        let watermark = firstUnfinished < done.count ? frontier / Self.releaseGranule * Self.releaseGranule : plan.length
        guard watermark > releasedUpTo else { return nil }
        defer { releasedUpTo = watermark }
        return Int(releasedUpTo)..<Int(watermark)
    }

    func chunkQueued() {
        lock.lock(); pending += 1; lock.unlock()
    }

    /// Records a finished chunk; returns true if the source is now complete.
    func chunkDone(_ found: [Finding], bytes count: UInt64) -> Bool {
        lock.lock(); defer { lock.unlock() }
        findings += found
        bytes += count
        pending -= 1
        return claimFinalization()
    }

    /// The producer queued its last chunk; returns true if the source is now complete.
    func producerFinished(bytes count: UInt64 = 0) -> Bool {
        lock.lock(); defer { lock.unlock() }
        producerDone = true
        bytes += count
        return claimFinalization()
    }

    /// Layout facts for the summary, set once at finalization.
    private(set) var layoutFacts: [String: String] = [:]

    /// Gives every finding its place in the crashed process. Called once, after the last chunk.
    func attribute(with layout: any DumpLayout) {
        lock.lock(); defer { lock.unlock() }
        layoutFacts = layout.facts
        layoutFacts["format"] = layout.formatName
        for index in findings.indices {
            findings[index].location = layout.location(ofFileOffset: findings[index].offset)
        }
    }

    func add(_ diagnostic: ScanDiagnostic) {
        lock.lock(); diagnostics.append(diagnostic); lock.unlock()
    }

    private func claimFinalization() -> Bool {
        guard producerDone, pending == 0, !finalized else { return false }
        finalized = true
        return true
    }
}

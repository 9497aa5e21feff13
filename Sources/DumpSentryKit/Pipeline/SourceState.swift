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
    /// Releasable while the producer still queues chunks: it releases this span itself (see
    /// ``takeUnreleased()``), so the page-table work stays off the workers.
    private var unreleased: Range<Int>?

    /// Release granularity: page-cache folios may be mapped whole (up to 2 MiB), and a partial
    /// `MADV_DONTNEED` of one leaves the rest mapped, so release only whole 2 MiB spans.
    static let releaseGranule: UInt64 = 2 << 20

    func setPlan(_ plan: ChunkPlan) {
        lock.lock(); defer { lock.unlock() }
        self.plan = plan
        done = Array(repeating: false, count: plan.count)
    }

    /// Marks mapped chunk `index` done and returns the span of the file no chunk will touch again
    /// (everything before the oldest unfinished chunk's buffer), newly releasable, for the caller
    /// to release; nil while the producer still queues chunks, which then releases it.
    func releasableAfterChunk(_ index: Int) -> Range<Int>? {
        lock.lock(); defer { lock.unlock() }
        guard let plan, index < done.count else { return nil }
        done[index] = true
        while firstUnfinished < done.count && done[firstUnfinished] { firstUnfinished += 1 }
        let frontier = firstUnfinished < done.count ? plan.chunk(firstUnfinished).buffer.lowerBound : plan.length
        let watermark = firstUnfinished < done.count ? frontier / Self.releaseGranule * Self.releaseGranule : plan.length
        guard watermark > releasedUpTo else { return nil }
        defer { releasedUpTo = watermark }
        let span = (unreleased?.lowerBound ?? Int(releasedUpTo))..<Int(watermark)
        if producerDone {
            unreleased = nil
            return span
        }
        unreleased = span
        return nil
    }

    /// The span workers left for the producer to release, if any. Called by the producer only
    /// while it queues this source's chunks, so the mapping cannot be gone under it. What is left
    /// when it stops goes to the next worker that finishes a chunk, or stays mapped until the
    /// source is finalized (a queue's length of chunks at most).
    func takeUnreleased() -> Range<Int>? {
        lock.lock(); defer { lock.unlock() }
        defer { unreleased = nil }
        return unreleased
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

    /// The first bytes of a stream source identified as a dump, for its attribution (a mapped
    /// source parses its mapping instead). Set by the producer before its last chunk is queued.
    private var prefix: [UInt8]?

    /// How much of a streamed dump is kept for its layout: minidump directories and memory lists,
    /// and ELF program headers and notes, lie at the start; 16 MiB covers even NT_FILE of a large process.
    static let layoutPrefixLength = 16 << 20

    func keepLayoutPrefix(_ bytes: [UInt8]) {
        lock.lock(); prefix = bytes; lock.unlock()
    }

    var layoutPrefix: [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        return prefix
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

    /// Attributes the findings from the dump layout in `bytes` (the whole source), if it has one.
    /// Attribution reads only the dump's headers; a malformed header loses it, never the scan.
    /// `fileSize` is the whole source's size when `bytes` is only its kept prefix.
    func attributeLayout(_ bytes: UnsafeRawBufferPointer, fileSize: UInt64? = nil) {
        switch DumpLayoutParser.parse(bytes, fileSize: fileSize) {
        case .success(let layout?): attribute(with: layout)
        case .success(nil): break
        case .failure(let error):
            add(ScanDiagnostic(path: path, pathBytes: pathBytes, message: "\(member.map { "member \($0): " } ?? "")dump layout not attributed: \(error)", isError: false))
        }
    }

    /// Whether the file behind `descriptor` changed since `opened` (its size or modification
    /// time), and the diagnostic that says so or that `fstat` failed.
    static func change(of descriptor: FileDescriptor, since opened: FileStatus, path: String,
                       pathBytes: [UInt8]?) -> (changed: Bool, diagnostic: ScanDiagnostic?) {
        do {
            let now = try descriptor.status(path: path)
            guard now.size != opened.size || now.modified != opened.modified else { return (false, nil) }
            return (true, ScanDiagnostic(path: path, pathBytes: pathBytes, message: "file changed while it was scanned (size \(opened.size) → \(now.size)); not reported clean", isError: true))
        } catch {
            return (false, ScanDiagnostic(path: path, pathBytes: pathBytes, message: "\(error)", isError: true))
        }
    }

    /// Distinct public keys harvested from one file and searched for: the known-key search costs a
    /// pass over the file and window tests per key, so it stays bounded.
    static let maxHarvestedKeys = 16
    /// Harvested keys by identity, with the lowest file offset each was seen at. Keeping the keys
    /// first seen lowest makes the kept set independent of chunk order (thread count).
    private var harvested: [String: (key: KnownPublicKey, offset: UInt64)] = [:]

    func addHarvested(_ keys: [(key: KnownPublicKey, offset: UInt64)]) {
        guard !keys.isEmpty else { return }
        lock.lock(); defer { lock.unlock() }
        for (key, offset) in keys {
            if let known = harvested[key.identity], known.offset <= offset { continue }
            harvested[key.identity] = (key, offset)
        }
        if harvested.count > 4 * Self.maxHarvestedKeys {
            // A key dropped here has at least maxHarvestedKeys keys seen lower: it could never be kept.
            let kept = harvested.sorted { $0.value.offset < $1.value.offset }.prefix(Self.maxHarvestedKeys)
            harvested = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
    }

    /// The harvested keys kept, lowest offsets first, with the offset each was first seen at.
    var harvestedEntries: [(key: KnownPublicKey, offset: UInt64)] {
        lock.lock(); defer { lock.unlock() }
        return Array(harvested.values.sorted { $0.offset < $1.offset }.prefix(Self.maxHarvestedKeys))
    }

    /// The harvested keys kept (lowest offsets first), each naming where it was found.
    var harvestedKeys: [KnownPublicKey] {
        harvestedEntries.map { entry in
            var key = entry.key
            key.origin = "public key in this file at offset \(entry.offset)"
            return key
        }
    }

    /// Adds findings of a pass after the chunk scan (the known-key search).
    func addFindings(_ found: [Finding]) {
        lock.lock(); findings += found; lock.unlock()
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

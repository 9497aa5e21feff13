import Dispatch
import Foundation

/// The parallel scan: a producer thread walks the inputs and cuts them into chunks; workers
/// (one `Matcher` each) pull chunks from all inputs through one bounded queue, so a single huge
/// dump keeps every core busy. Findings are sorted once at the end: output order never depends
/// on scheduling.
public final class ScanPipeline: Sendable {
    public let database: RuleDatabase
    public let options: ScanOptions
    /// Live counters while `run` works (for a progress bar).
    public let progress = ScanProgress()
    let overlap: Int
    let views: Matcher.Views
    /// Test hook: runs on the producer thread after a file is opened and mapped, before its chunks
    /// are queued (tests truncate the file here to prove the SIGBUS guard); for a small file, after
    /// it is opened, before it is read.
    package let afterMapping: (@Sendable (String) -> Void)?
    /// Scrub's hook: runs on the worker right after a chunk of a plain source (not an archive
    /// member) is scanned, with the chunk's bytes (`geometry.buffer`) and the findings it owns, so
    /// the scrubbed copy is written while the bytes are still in cache, by every worker at once.
    let chunkScanned: (@Sendable (ChunkGeometry, UnsafeRawBufferPointer, [Finding]) -> Void)?
    /// Scrub's rescan: chunks an earlier scan already proved, not scanned again.
    let priorScan: PriorScan?

    public convenience init(database: RuleDatabase, options: ScanOptions = ScanOptions()) {
        self.init(database: database, options: options, chunkScanned: nil)
    }

    init(database: RuleDatabase, options: ScanOptions,
         chunkScanned: (@Sendable (ChunkGeometry, UnsafeRawBufferPointer, [Finding]) -> Void)? = nil, priorScan: PriorScan? = nil) {
        self.database = database
        self.options = options
        overlap = database.overlap
        views = .all
        afterMapping = nil
        self.chunkScanned = chunkScanned
        self.priorScan = priorScan
    }

    /// For tests: exact chunk geometry and worker count, and a hook after each mapping.
    package init(database: RuleDatabase, chunkSize: Int, workers: Int, useMemoryMap: Bool = true,
                 afterMapping: (@Sendable (String) -> Void)? = nil) {
        self.database = database
        options = ScanOptions(threads: workers, chunkSize: chunkSize, useMemoryMap: useMemoryMap)
        overlap = database.overlap
        views = .all
        self.afterMapping = afterMapping
        chunkScanned = nil
        priorScan = nil
    }

    /// One unit of work.
    enum WorkItem {
        case mapped(SourceState, ChunkGeometry, index: Int)
        case buffer(SourceState, ChunkGeometry, [UInt8])
        /// Whole small files (see `ScanPipeline+SmallFiles.swift`).
        case smallFiles(SmallFileBatch)
    }

    /// Scans `paths` (`-` is stdin) and returns every finding, summary and diagnostic.
    public func run(paths: [String]) -> ScanOutcome {
        let started = DispatchTime.now()
        let workers = options.threads
        let queue = WorkQueue<WorkItem>(capacity: workers * 2)
        let collected = Collected()
        let matchers: WorkerSlots
        do {
            matchers = try WorkerSlots((0..<workers).map { _ in try Matcher(database: database) })
        } catch {
            return ScanOutcome(findings: [], sources: [], diagnostics: [ScanDiagnostic(path: "*", message: "cannot allocate matcher: \(error)", isError: true)],
                               bytes: 0, seconds: 0, unconfirmedHits: [:])
        }

        let producer = Thread { [self] in
            produce(paths, into: queue, collected: collected)
            queue.close()
        }
        producer.stackSize = 1 << 20
        producer.start()

        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let matcher = matchers[worker]
            while let item = queue.pop() {
                switch item {
                case .mapped(let source, let geometry, let index):
                    guard let mapped = source.mapped else { continue }
                    let range = Int(geometry.buffer.lowerBound)..<Int(geometry.buffer.upperBound)
                    let found = mapped.withBytes(in: range) { bytes in
                        let found = scanChunk(bytes, geometry: geometry, source: source, matcher: matcher)
                        if source.member == nil { chunkScanned?(geometry, bytes, found) }
                        return found
                    }
                    chunkFinished(found, geometry: geometry, index: index, of: source, collected: collected)
                case .buffer(let source, let geometry, let bytes):
                    let found = bytes.withUnsafeBytes { raw in
                        let found = scanChunk(raw, geometry: geometry, source: source, matcher: matcher)
                        if source.member == nil { chunkScanned?(geometry, raw, found) }
                        return found
                    }
                    chunkFinished(found, geometry: geometry, index: nil, of: source, collected: collected)
                case .smallFiles(let batch):
                    scanSmallFiles(batch, matcher: matcher, collected: collected)
                }
            }
        }
        producer.cancel()

        var unconfirmed: [String: Int] = [:]
        for worker in 0..<workers {
            for (index, count) in matchers[worker].unconfirmedHits.enumerated() where count > 0 {
                unconfirmed[database.rules[index].rule.id, default: 0] += count
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return collected.outcome(seconds: seconds, unconfirmed: unconfirmed)
    }

    func scanChunk(_ bytes: UnsafeRawBufferPointer, geometry: ChunkGeometry, source: SourceState, matcher: Matcher) -> [Finding] {
        let found: [ChunkFinding]
        do {
            found = try matcher.scan(bytes, reportRange: geometry.reportRange, endsAtSourceEnd: geometry.endsAtSourceEnd,
                                    startsOdd: geometry.buffer.lowerBound % 2 == 1, views: views)
        } catch {
            source.add(ScanDiagnostic(path: source.path, pathBytes: source.pathBytes, message: "scan of bytes \(geometry.core) failed: \(error)", isError: true))
            return []
        }
        source.addHarvested(matcher.harvested.map { ($0.key, geometry.buffer.lowerBound + UInt64($0.chunkOffset)) })
        return found.map { chunkFinding in
            Finding(ruleID: chunkFinding.ruleID, ruleName: chunkFinding.ruleName, severity: chunkFinding.severity,
                    confidence: chunkFinding.confidence, path: source.path, member: source.member,
                    pathBytes: source.pathBytes, memberBytes: source.memberBytes,
                    offset: geometry.buffer.lowerBound + UInt64(chunkFinding.range.lowerBound),
                    length: chunkFinding.range.count, encoding: chunkFinding.encoding, secret: chunkFinding.secret,
                    key: chunkFinding.key, details: chunkFinding.details)
        }
    }

    // MARK: Producer

    private func produce(_ paths: [String], into queue: WorkQueue<WorkItem>, collected: Collected) {
        let walker = InputWalker(followSymlinks: options.followSymlinks, shard: options.shard)
        let identifier = makeIdentifier { collected.add($0) }
        var batch = SmallFileBatch()
        walker.walk(paths) { event in
            switch event {
            case .note(let note):
                collected.add(ScanDiagnostic(path: note.path, pathBytes: note.pathBytes, message: note.message, isError: note.isError))
            case .input(let input):
                if !input.isStream { progress.listedBytes(input.status.size) }
                if isSmallFile(input) {
                    readSmallFile(input, identifier: identifier, batch: &batch, into: queue, collected: collected)
                } else {
                    enqueue(input, identifier: identifier, into: queue, collected: collected)
                }
            }
            return true
        }
        if !batch.isEmpty { queue.push(.smallFiles(batch)) }
        progress.finishWalk()
    }

    private func enqueue(_ input: OpenedInput, identifier: FileIdentifier?, into queue: WorkQueue<WorkItem>, collected: Collected) {
        if !input.isStream && options.useMemoryMap && input.status.size > 0 {
            do {
                let mapped = try MappedFile(descriptor: input.descriptor, length: Int(input.status.size), path: input.path)
                let (type, archiveMode) = mapped.withBytes(in: 0..<min(mapped.length, FileIdentifier.prefixLength)) { prefix in
                    let type = Self.identify(prefix, with: identifier)
                    return (type, type.archiveMode(prefix: prefix))
                }
                if let archiveMode {
                    // libarchive reads the file itself (it may seek); the mapping is dropped.
                    let archiveInput = ArchiveInput(.file(input.descriptor, size: input.status.size), path: input.path)
                    scanArchive(archiveInput, pathBytes: input.pathBytes, type: type, mode: archiveMode, identifier: identifier, into: queue, collected: collected)
                    input.descriptor.close()
                    return
                }
                let source = SourceState(path: input.path, pathBytes: input.pathBytes, descriptor: input.descriptor,
                                         openedStatus: input.status, mapped: mapped)
                source.fileType = type.reportName
                if let priorScan { source.addHarvested(priorScan.harvested) }
                let plan = ChunkPlan(length: input.status.size, chunkSize: options.chunkSize, overlap: overlap)
                source.setPlan(plan)
                afterMapping?(input.path)
                for index in 0..<plan.count {
                    let geometry = plan.chunk(index)
                    source.chunkQueued()
                    if priorScan?.isUnchanged(geometry) == true {
                        chunkFinished([], geometry: geometry, index: index, of: source, collected: collected)
                        continue
                    }
                    // Mapped in one populate call instead of a page fault per 4 KiB, here rather
                    // than in the worker, and before the push, which waits while the queue is full:
                    // the page-table work (mapping, and releasing what the workers are done with)
                    // and a cold file's reads run on the producer's thread, about a queue's length
                    // ahead of the workers. It was a fifth of a one-thread scan's time.
                    if let behind = source.takeUnreleased() { mapped.release(behind) }
                    mapped.prefetch(Int(geometry.buffer.lowerBound)..<Int(geometry.buffer.upperBound))
                    queue.push(.mapped(source, geometry, index: index))
                }
                if source.producerFinished() { finalize(source, collected: collected) }
                return
            } catch {
                // Fall back to reading: same chunks, same findings (a debug note, not an error).
                collected.add(ScanDiagnostic(path: input.path, pathBytes: input.pathBytes, message: "not memory-mapped (\(error)); read as a stream", isError: false))
            }
        }
        stream(input, identifier: identifier, into: queue, collected: collected)
    }

    private func stream(_ input: OpenedInput, identifier: FileIdentifier?, into queue: WorkQueue<WorkItem>, collected: Collected) {
        let descriptor = input.descriptor
        let path = input.path
        // The first block identifies the stream, then is replayed to whoever reads it.
        let replay = ReplayReader(prefixLength: FileIdentifier.prefixLength) { buffer in
            try descriptor.read(into: buffer, path: path)
        }
        let (type, archiveMode) = replay.prefix.withUnsafeBytes { prefix in
            let type = Self.identify(prefix, with: identifier)
            return (type, type.archiveMode(prefix: prefix))
        }
        if let archiveMode, replay.prefixFailure == nil {
            let origin: ArchiveInput.Origin = input.isStream ? .stream({ try replay.read(into: $0) })
                                                             : .file(descriptor, size: input.status.size)
            scanArchive(ArchiveInput(origin, path: path), pathBytes: input.pathBytes, type: type, mode: archiveMode, identifier: identifier, into: queue, collected: collected)
            if descriptor != .standardInput { descriptor.close() }
            return
        }
        let source = SourceState(path: input.path, pathBytes: input.pathBytes, descriptor: input.descriptor,
                                 openedStatus: input.isStream ? nil : input.status, mapped: nil)
        source.fileType = type.reportName
        if let priorScan { source.addHarvested(priorScan.harvested) }
        var chunker = StreamChunker(chunkSize: options.chunkSize, overlap: overlap) { buffer in
            try replay.read(into: buffer)
        }
        var prefix = LayoutPrefixCollector(enabled: type.label?.isDump == true)
        while let (geometry, bytes) = chunker.next() {
            prefix.add(bytes, geometry: geometry)
            source.chunkQueued()
            if priorScan?.isUnchanged(geometry) == true {
                chunkFinished([], geometry: geometry, index: nil, of: source, collected: collected)
                continue
            }
            queue.push(.buffer(source, geometry, bytes))
        }
        if let error = chunker.failure {
            source.add(ScanDiagnostic(path: input.path, pathBytes: input.pathBytes, message: "\(error) after \(chunker.bytesRead) bytes; the rest was not scanned", isError: true))
        }
        prefix.hand(to: source)
        if source.producerFinished() { finalize(source, collected: collected) }
    }

    /// Compressed and archived inputs: members become stream sources (see `ArchiveScan`).
    func scanArchive(_ input: ArchiveInput, pathBytes: [UInt8]?, type: FileType, mode: ArchiveReader.Mode, identifier: FileIdentifier?,
                     into queue: WorkQueue<WorkItem>, collected: Collected) {
        let scan = ArchiveScan(
            path: input.path, pathBytes: pathBytes, options: options, overlap: overlap,
            identify: { Self.identify($0, with: identifier) },
            push: { source, geometry, bytes in queue.push(.buffer(source, geometry, bytes)) },
            producerFinished: { [self] source in if source.producerFinished() { finalize(source, collected: collected) } },
            report: { collected.add($0) })
        scan.run(input, type: type, mode: mode)
    }

    // MARK: Completion

    /// Books a chunk's findings and bytes, releases the mapping behind the oldest unfinished chunk
    /// (mapped sources: `index`), and finalizes the source after its last chunk. A chunk `priorScan`
    /// proves unchanged is booked by the producer with no findings, never queued.
    private func chunkFinished(_ found: [Finding], geometry: ChunkGeometry, index: Int?, of source: SourceState, collected: Collected) {
        if let index, let mapped = source.mapped, let behind = source.releasableAfterChunk(index) { mapped.release(behind) }
        progress.scannedBytes(UInt64(geometry.core.count))
        if source.chunkDone(found, bytes: UInt64(geometry.core.count)) { finalize(source, collected: collected) }
    }

    /// The known-key search over a whole file, once its chunks are done: `bytes` is all of it, or
    /// nil for a stream or archive member, which is not kept whole and so is not searched (a note
    /// says so when keys were named). `release` drops pages the search has passed.
    func searchKnownKeys(_ source: SourceState, in bytes: UnsafeRawBufferPointer?, changed: Bool,
                         release: (Range<Int>) -> Void = { _ in }) {
        let keys = database.keysToSearch(harvested: source.harvestedKeys)
        guard !keys.isEmpty, !changed else { return }
        guard let bytes else {
            if !database.knownKeys.isEmpty {
                source.add(ScanDiagnostic(path: source.path, pathBytes: source.pathBytes, message: "known-key search skipped: it needs a mapped file, not a stream or archive member", isError: false))
            }
            return
        }
        let outcome = KnownKeySearch(keys: keys).run(bytes, path: source.path, member: source.member, blockDone: release)
        source.addFindings(outcome.findings.map { finding in
            var finding = finding
            finding.pathBytes = source.pathBytes
            return finding
        })
        for note in outcome.notes { source.add(ScanDiagnostic(path: source.path, pathBytes: source.pathBytes, message: note, isError: false)) }
    }

    private func finalize(_ source: SourceState, collected: Collected) {
        var changed = false
        if let mapped = source.mapped, mapped.faults > 0 {
            changed = true
            source.add(ScanDiagnostic(path: source.path, pathBytes: source.pathBytes, message: "file shrank while it was scanned (\(mapped.faults) pages past the new end read as zeros); not reported clean", isError: true))
        }
        if let opened = source.openedStatus, let descriptor = source.descriptor {
            let change = SourceState.change(of: descriptor, since: opened, path: source.path, pathBytes: source.pathBytes)
            // A shrunk mapping already said the file changed.
            if let diagnostic = change.diagnostic, !(changed && change.changed) { source.add(diagnostic) }
            changed = changed || change.changed
        }
        if let mapped = source.mapped {
            mapped.withBytes(in: 0..<mapped.length) { searchKnownKeys(source, in: $0, changed: changed) { mapped.release($0) } }
        } else {
            searchKnownKeys(source, in: nil, changed: changed)
        }
        // Attribution reads only the dump's headers; a malformed header loses it, never the scan.
        // A streamed dump has only its first bytes kept: its headers normally lie there.
        if let mapped = source.mapped, !changed {
            mapped.withBytes(in: 0..<mapped.length) { source.attributeLayout($0) }
        } else if !changed, let prefix = source.layoutPrefix {
            prefix.withUnsafeBytes { source.attributeLayout($0, fileSize: source.bytes) }
        }
        if let descriptor = source.descriptor, descriptor != .standardInput { descriptor.close() }
        collected.finish(source, changed: changed)
    }
}

/// The per-worker matchers, indexed by `concurrentPerform`'s worker index.
private final class WorkerSlots: @unchecked Sendable {
    // safe: slot i is only ever used by the worker with index i, and the array is never resized.
    private let matchers: [Matcher]
    init(_ matchers: [Matcher]) { self.matchers = matchers }
    subscript(index: Int) -> Matcher { matchers[index] }
}

/// Results gathered from every source, under a lock, then sorted once.
final class Collected: @unchecked Sendable {
    // safe: all mutation happens under `lock`.
    private let lock = NSLock()
    private var findings: [Finding] = []
    private var sources: [SourceSummary] = []
    private var diagnostics: [ScanDiagnostic] = []
    private var bytes: UInt64 = 0
    private var harvested: [(key: KnownPublicKey, offset: UInt64)] = []

    func add(_ diagnostic: ScanDiagnostic) {
        lock.lock(); diagnostics.append(diagnostic); lock.unlock()
    }

    func finish(_ source: SourceState, changed: Bool) {
        lock.lock(); defer { lock.unlock() }
        findings += source.findings
        diagnostics += source.diagnostics
        bytes += source.bytes
        harvested += source.harvestedEntries
        sources.append(SourceSummary(path: source.path, member: source.member, pathBytes: source.pathBytes, memberBytes: source.memberBytes,
                                     bytes: source.bytes, findings: source.findings.count,
                                     fileType: source.fileType ?? source.layoutFacts["format"], layout: source.layoutFacts, changed: changed))
    }

    /// One source: a file, or one member of an archive, by the exact bytes of their names.
    private struct SourceKey: Hashable { let path: [UInt8]; let member: [UInt8]? }

    func outcome(seconds: Double, unconfirmed: [String: Int]) -> ScanOutcome {
        lock.lock(); defer { lock.unlock() }
        let sorted = FindingOrder.sortedUnique(findings)
        var perSource: [SourceKey: Int] = [:]
        for finding in sorted { perSource[SourceKey(path: finding.exactPath, member: finding.exactMember), default: 0] += 1 }
        let summaries = sources.map { summary in
            var summary = summary
            summary.findings = perSource[SourceKey(path: summary.exactPath, member: summary.exactMember)] ?? 0
            return summary
        }.sorted { (a: SourceSummary, b: SourceSummary) -> Bool in
            let (pathA, pathB) = (a.exactPath, b.exactPath)
            if pathA != pathB { return pathA.lexicographicallyPrecedes(pathB) }
            return (a.exactMember ?? []).lexicographicallyPrecedes(b.exactMember ?? [])
        }
        let orderedDiagnostics = diagnostics.sorted {
            ($0.path, $0.message) < ($1.path, $1.message)
        }
        var outcome = ScanOutcome(findings: sorted, sources: summaries, diagnostics: orderedDiagnostics,
                                  bytes: bytes, seconds: seconds, unconfirmedHits: unconfirmed)
        outcome.harvested = harvested
        return outcome
    }
}

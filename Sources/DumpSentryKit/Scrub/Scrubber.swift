import Dispatch
import Glibc

/// Writes a sanitized copy of a dump: every finding's span overwritten (`ScrubFill`), every other
/// byte as it was, the size unchanged, then the output rescanned with the same rules.
///
/// Two paths, one result (a test holds them to identical bytes):
/// - **File** (a regular input file): the scan's workers write the copy as they go, fills
///   applied (`Scrubber+ParallelCopy.swift`); into standard output, one sequential copy after
///   the scan. The rescan of a file output skips chunks proven unchanged (`UnchangedChunks`).
/// - **Stream** (stdin, FIFOs, `--no-mmap` is irrelevant here): chunks from a `StreamChunker`
///   are scanned on this thread and bytes are written only once no later chunk can still own a
///   finding that covers them. A finding is owned by the chunk holding its last byte and starts
///   at most `overlap` bytes before that chunk's core, so after chunk *i* every byte before
///   `core(i).upperBound - overlap` is final. Memory stays bounded by the chunk size.
/// - **Archive** (compressed streams, zip, tar, cpio; see `Scrubber+Archive.swift`): libarchive
///   reads each member and writes it back in the same format and filters, each member's bytes
///   scrubbed by the stream path on the way through.
public final class Scrubber: Sendable {
    public let database: RuleDatabase
    public let options: ScanOptions

    public init(database: RuleDatabase, options: ScanOptions = ScanOptions()) {
        self.database = database
        self.options = options
    }

    /// Runs one scrub. Throws when no output could be produced (the target is then untouched);
    /// otherwise the report says what was replaced and whether the rescan proved the output clean.
    public func run(_ request: ScrubRequest) throws(ScrubError) -> ScrubReport {
        let started = DispatchTime.now()
        let isStdin = request.input == "-"
        let descriptor: FileDescriptor
        let status: FileStatus?
        if isStdin {
            descriptor = .standardInput
            status = nil
        } else {
            do {
                // In place never goes through a symlink: the file replaced is the file read.
                let follow = options.followSymlinks && request.destination != .inPlace
                descriptor = try FileDescriptor.openInput(request.input, followSymlinks: follow, path: request.input)
                status = try descriptor.status(path: request.input)
                if status?.kind != .regular { try descriptor.makeBlocking(path: request.input) }
            } catch {
                throw .input(error)
            }
        }
        defer { if !isStdin { descriptor.close() } }

        let outputPath: String
        let mode: mode_t
        switch request.destination {
        case .file(let path):
            outputPath = path
            mode = 0o600
        case .standardOutput:
            outputPath = "-"
            mode = 0o600
        case .inPlace:
            guard let status, status.kind == .regular else {
                throw .notReplaceable(path: request.input, kind: isStdin ? "stream" : status?.kind.rawValue ?? "stream")
            }
            outputPath = request.input
            mode = mode_t(status.mode & 0o777)
        }

        let kind: InputKind
        do { kind = try classify(descriptor, status: status, path: request.input) } catch { throw .input(error) }
        let isArchive: Bool
        if case .archive = kind { isArchive = true } else { isArchive = false }

        let sink: Sink
        var staleRemoved: [String] = []
        var staleProblem: String?
        if request.destination == .standardOutput {
            do {
                // An archive's output is compressed: its members are verified one by one instead.
                let verifier = isArchive ? nil : try OutputVerifier(database: database, chunkSize: options.chunkSize, path: "-")
                sink = .stream(.standardOutput, verifier)
            } catch {
                throw .matcher("\(error)")
            }
        } else {
            let file = AtomicFile(path: outputPath, mode: mode)
            do {
                staleRemoved = try file.removeStaleTemporaries()
            } catch {
                // Not fatal: the new temporary gets a fresh name; the leftover is named instead.
                staleProblem = "stale temporaries of \(outputPath) not checked: \(error)"
            }
            do {
                sink = .file(try file.open())
            } catch {
                throw .output(error)
            }
        }

        var report = ScrubReport(input: request.input, output: outputPath, bytes: 0, replacements: [], unscrubbed: [],
                                 remaining: [], verified: false, verificationProblems: [], failOn: request.failOn, seconds: 0)
        report.notes = staleRemoved.map { "removed \($0), left by a killed scrub" } + (staleProblem.map { [$0] } ?? [])
        var rescanSizeComparable = true
        var priorScan: PriorScan?
        if !database.knownKeys.isEmpty, !kind.isPlainFile {
            report.notes.append("known-key search skipped: a stream or archive member is not kept whole (scrub a plain file to search it)")
        }
        do throws(ScrubError) {
            switch kind {
            case .file(let status):
                priorScan = try scrubFile(descriptor, status: status, request: request, into: sink, report: &report)
            case .stream(let replay):
                let result = try scrubStream(path: request.input, member: nil, request: request,
                                             read: { try replay.read(into: $0) }, write: { slice throws(ScrubError) in try sink.write(slice) })
                report.bytes = result.bytes
                report.replacements = result.replaced
                report.kept = result.kept
                report.unscrubbed = result.unscrubbed
            case .archive(let input, let type, let mode):
                rescanSizeComparable = try scrubArchive(input, type: type, mode: mode, request: request, into: sink, report: &report)
                if let status, status.kind == .regular {
                    let now: FileStatus
                    do { now = try descriptor.status(path: request.input) } catch { throw .input(error) }
                    guard now.size == status.size, now.modified == status.modified else {
                        throw .inputChanged(path: request.input, detail: "size \(status.size) → \(now.size)")
                    }
                }
            }
        } catch {
            if case .file(let writer) = sink { writer.abandon() }
            throw error
        }

        switch sink {
        case .file(let writer):
            // Rescan the complete temporary before it replaces the target: the verdict is known
            // before the rename. The rename keeps the inode: the bytes rescanned are the bytes the
            // target ends up with. An fdatasync runs meanwhile, so the disk writes overlap the
            // rescan (which reads the pages from the cache) instead of following it in commit().
            let flush = BackgroundFlush(FileDescriptor(raw: writer.fd), path: writer.temporary)
            verify(file: writer.temporary, request: request, sizeComparable: rescanSizeComparable, priorScan: priorScan, report: &report)
            // The kernel reports a writeback error to one fsync per descriptor: the flush's own.
            if let error = flush.wait() {
                writer.abandon()
                throw .output(error)
            }
            do { try writer.commit() } catch { throw .output(error) }
        case .stream(_, let verifier?):
            do {
                try verifier.finish()
                report.verified = true
                report.remaining = FindingOrder.sortedUnique(verifier.found).filter { $0.severity >= request.failOn && !request.keeps($0) }
            } catch {
                report.verificationProblems.append(ScanDiagnostic(path: "-", message: "rescan of the output failed: \(error)", isError: true))
            }
        case .stream(_, nil):
            break  // an archive on standard output: `scrubArchive` verified each member
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return report
    }

    /// What the input turned out to be, from its first bytes.
    enum InputKind {
        /// A regular file scrubbed as it is.
        case file(FileStatus)
        /// A stream scrubbed as it is; its first bytes (read to identify it) are replayed.
        case stream(ReplayReader)
        /// A compressed stream or an archive, file or stream, for libarchive.
        case archive(ArchiveInput, FileType, ArchiveReader.Mode)

        /// Only a plain file is mapped whole, which the known-key search needs.
        var isPlainFile: Bool {
            if case .file = self { return true }
            return false
        }
    }

    /// Reads the input's first bytes to tell a compressed or archived input (rewritten through
    /// libarchive) from anything else (scrubbed byte for byte). The type never decides whether
    /// bytes are scrubbed, only how they are read.
    private func classify(_ descriptor: FileDescriptor, status: FileStatus?, path: String) throws(SystemError) -> InputKind {
        let identifier: FileIdentifier?
        do { identifier = try FileIdentifier() } catch { identifier = nil }  // own magic checks still name archives
        if let status, status.kind == .regular {
            var prefix = [UInt8](repeating: 0, count: FileIdentifier.prefixLength)
            let read: Result<Int, SystemError> = prefix.withUnsafeMutableBytes { raw in
                Result { () throws(SystemError) -> Int in try descriptor.read(into: raw, at: 0, path: path) }
            }
            let count = try read.get()
            let (type, mode) = prefix.withUnsafeBytes { raw in
                let head = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                let type = ScanPipeline.identify(head, with: identifier)
                return (type, type.archiveMode(prefix: head))
            }
            guard let mode else { return .file(status) }
            return .archive(ArchiveInput(.file(descriptor, size: status.size), path: path), type, mode)
        }
        let replay = ReplayReader(prefixLength: FileIdentifier.prefixLength) { try descriptor.read(into: $0, path: path) }
        let (type, mode) = replay.prefix.withUnsafeBytes { raw in
            let type = ScanPipeline.identify(raw, with: identifier)
            return (type, type.archiveMode(prefix: raw))
        }
        guard let mode, replay.prefixFailure == nil else { return .stream(replay) }
        return .archive(ArchiveInput(.stream { try replay.read(into: $0) }, path: path), type, mode)
    }

    /// Where scrubbed bytes go.
    enum Sink {
        case file(AtomicFile.Writer)
        /// A stream that cannot be read back, so it is verified as it is written (nil: the bytes
        /// are an archive's, whose members are verified before they are packed).
        case stream(FileDescriptor, OutputVerifier?)

        func write(_ slice: ArraySlice<UInt8>) throws(ScrubError) {
            let written: Result<Void, ScrubError> = slice.withUnsafeBytes { bytes in
                Result { () throws(ScrubError) in try write(bytes) }
            }
            try written.get()
        }

        func write(_ bytes: UnsafeRawBufferPointer) throws(ScrubError) {
            switch self {
            case .file(let writer):
                do { try writer.append(bytes) } catch { throw .output(error) }
            case .stream(let descriptor, let verifier):
                do { try descriptor.write(bytes, path: "-") } catch { throw .output(error) }
                do { try verifier?.append(bytes) } catch { throw .matcher("rescan of the output failed: \(error)") }
            }
        }
    }

    // MARK: File path

    /// Returns what the rescan may take as proven (file outputs only).
    private func scrubFile(_ descriptor: FileDescriptor, status: FileStatus, request: ScrubRequest, into sink: Sink,
                           report: inout ScrubReport) throws(ScrubError) -> PriorScan? {
        if case .file(let writer) = sink {
            return try scrubFileInParallel(descriptor, status: status, request: request, into: writer, report: &report)
        }
        // Standard output cannot be written at offsets: one scan, then one sequential copy.
        let path = request.input
        let outcome = ScanPipeline(database: database, options: options).run(paths: [path])
        if !outcome.errors.isEmpty { throw .scanFailed(outcome.errors) }
        // The pipeline opened the path itself: its bytes must be the bytes we copy.
        guard outcome.bytes == status.size else {
            throw .inputChanged(path: path, detail: "the scan read \(outcome.bytes) bytes, the file has \(status.size)")
        }
        // Offsets inside an archive member are not offsets in this file: never fill them here.
        // (Only an input replaced by an archive between `classify` and the scan gets here so.)
        let own = outcome.findings.filter { $0.member == nil }
        let findings = own.filter { !request.keeps($0) }
        report.kept = own.filter { request.keeps($0) }
        report.unscrubbed = outcome.findings.filter { $0.member != nil }
        var block = [UInt8](repeating: 0, count: 1 << 20)
        var fileOffset: UInt64 = 0
        var first = 0
        while true {
            let read: Result<Int, SystemError> = block.withUnsafeMutableBytes { raw in
                Result { () throws(SystemError) -> Int in try descriptor.readFully(into: raw, path: path) }
            }
            let count = try read.mapError(ScrubError.input).get()
            if count == 0 { break }
            let blockEnd = fileOffset + UInt64(count)
            block.withUnsafeMutableBytes { raw in
                let window = UnsafeMutableRawBufferPointer(rebasing: raw[0..<count])
                var index = first
                while index < findings.count, findings[index].offset < blockEnd {
                    ScrubFill.apply(findings[index], to: window, windowStart: fileOffset)
                    index += 1
                }
            }
            // Findings that end in this block are done; a longer one keeps its successors in play.
            while first < findings.count, findings[first].offset + UInt64(findings[first].length) <= blockEnd { first += 1 }
            try sink.write(block[0..<count])
            fileOffset = blockEnd
        }
        let now: FileStatus
        do { now = try descriptor.status(path: path) } catch { throw .input(error) }
        guard fileOffset == status.size, now.size == status.size, now.modified == status.modified else {
            throw .inputChanged(path: path, detail: "size \(status.size) → \(now.size)")
        }
        report.bytes = fileOffset
        report.replacements = findings
        return nil
    }

    // MARK: Stream path

    /// What one stream scrub replaced.
    struct StreamResult {
        var bytes: UInt64 = 0
        var replaced: [Finding] = []
        var kept: [Finding] = []
        var unscrubbed: [Finding] = []
    }

    /// Scrubs the bytes `read` yields into `write`, holding back only what a later chunk may
    /// still fill. `member` names the archive member the bytes are (nil for a plain stream).
    func scrubStream(path: String, member: String?, request: ScrubRequest,
                     read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int,
                     write: (ArraySlice<UInt8>) throws(ScrubError) -> Void) throws(ScrubError) -> StreamResult {
        let overlap = database.overlap
        let matcher: Matcher
        do { matcher = try Matcher(database: database) } catch { throw .matcher("\(error)") }
        var chunker = StreamChunker(chunkSize: options.chunkSize, overlap: overlap, read: read)
        // Output bytes not yet written: file offsets pendingStart ..< pendingStart + pending.count.
        // Invariant: pendingStart <= the next chunk's buffer start, so every span still to come lies in it.
        var pending: [UInt8] = []
        var pendingStart: UInt64 = 0
        var result = StreamResult()
        while let (geometry, bytes) = chunker.next() {
            let pendingEnd = pendingStart + UInt64(pending.count)
            if geometry.buffer.upperBound > pendingEnd {
                pending.append(contentsOf: bytes[Int(pendingEnd - geometry.buffer.lowerBound)...])
            }
            let items: [ChunkFinding]
            do {
                items = try bytes.withUnsafeBytes { raw in
                    try matcher.scan(raw, reportRange: geometry.reportRange, endsAtSourceEnd: geometry.endsAtSourceEnd,
                                     startsOdd: geometry.buffer.lowerBound % 2 == 1)
                }
            } catch {
                throw .scanFailed([ScanDiagnostic(path: path, message: "scan of bytes \(geometry.core) failed: \(error)", isError: true)])
            }
            // Fill order does not matter (`ScrubFill`); sorting keeps the report deterministic.
            let findings = FindingOrder.sortedUnique(items.map { Finding($0, bufferStart: geometry.buffer.lowerBound, path: path, member: member) })
            pending.withUnsafeMutableBytes { window in
                for finding in findings {
                    if request.keeps(finding) {
                        result.kept.append(finding)
                    } else if finding.offset < pendingStart {
                        result.unscrubbed.append(finding)
                    } else {
                        ScrubFill.apply(finding, to: window, windowStart: pendingStart)
                        result.replaced.append(finding)
                    }
                }
            }
            let safeEnd = geometry.core.upperBound > UInt64(overlap) ? geometry.core.upperBound - UInt64(overlap) : 0
            if safeEnd > pendingStart {
                let count = Int(safeEnd - pendingStart)
                try write(pending[0..<count])
                pending.removeFirst(count)
                pendingStart = safeEnd
            }
        }
        if let failure = chunker.failure {
            // A truncated copy must not pass for the scrubbed dump.
            if let error = failure as? SystemError { throw .input(error) }
            if let error = failure as? ScrubError { throw error }
            throw .archive(path: path, message: (member.map { "member \($0): " } ?? "") + "\(failure)")
        }
        try write(pending[...])
        result.bytes = pendingStart + UInt64(pending.count)
        result.replaced = FindingOrder.sortedUnique(result.replaced)
        result.kept = FindingOrder.sortedUnique(result.kept)
        result.unscrubbed = FindingOrder.sortedUnique(result.unscrubbed)
        return result
    }

    // MARK: Verification

    /// Chunk size of a rescan that skips unchanged chunks.
    static let rescanChunkSize = 256 << 10

    /// Rescans the written output like any input (an archive is unpacked again). `sizeComparable`
    /// is false when members were themselves archives: the rescan then reads their contents too.
    /// With `priorScan`, chunks proven unchanged are skipped, so the rest is cut finer: a replaced
    /// span then costs a rescan of its small chunk, not of a 4 MiB one.
    private func verify(file path: String, request: ScrubRequest, sizeComparable: Bool, priorScan: PriorScan?,
                        report: inout ScrubReport) {
        var options = options
        if priorScan != nil { options.chunkSize = min(options.chunkSize, Self.rescanChunkSize) }
        let outcome = ScanPipeline(database: database, options: options, priorScan: priorScan).run(paths: [path])
        report.verificationProblems = outcome.errors
        let sizeMatches = !sizeComparable || outcome.bytes == report.bytes
        report.verified = outcome.errors.isEmpty && sizeMatches
        if outcome.errors.isEmpty && !sizeMatches {
            report.verificationProblems.append(ScanDiagnostic(path: path, message: "rescan read \(outcome.bytes) bytes, \(report.bytes) were written", isError: true))
        }
        report.remaining = outcome.findings.filter { $0.severity >= report.failOn && !request.keeps($0) }
    }
}

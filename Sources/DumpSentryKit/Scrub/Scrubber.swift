import Dispatch
import Glibc

/// Writes a sanitized copy of a dump: every finding's span overwritten (`ScrubFill`), every other
/// byte as it was, the size unchanged, then the output rescanned with the same rules.
///
/// Two paths, one result (a test holds them to identical bytes):
/// - **File** (a regular input file): the parallel `ScanPipeline` finds every span, then one
///   sequential copy applies the fills. Cost: one scan, one copy, one rescan of the output.
/// - **Stream** (stdin, FIFOs, `--no-mmap` is irrelevant here): chunks from a `StreamChunker`
///   are scanned on this thread and bytes are written only once no later chunk can still own a
///   finding that covers them. A finding is owned by the chunk holding its last byte and starts
///   at most `overlap` bytes before that chunk's core, so after chunk *i* every byte before
///   `core(i).upperBound - overlap` is final. Memory stays bounded by the chunk size.
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

        let sink: Sink
        var staleRemoved: [String] = []
        var staleProblem: String?
        if request.destination == .standardOutput {
            do {
                sink = .stream(.standardOutput, try OutputVerifier(database: database, chunkSize: options.chunkSize, path: "-"))
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
        do {
            if let status, status.kind == .regular {
                try scrubFile(descriptor, status: status, path: request.input, into: sink, report: &report)
            } else {
                try scrubStream(descriptor, path: request.input, into: sink, report: &report)
            }
        } catch {
            if case .file(let writer) = sink { writer.abandon() }
            throw error
        }

        switch sink {
        case .file(let writer):
            // Rescan the complete temporary before it replaces the target: the verdict is known
            // before the rename, and the kernel writes dirty pages back while the rescan runs, so
            // the fsync in commit() waits less. The rename keeps the inode: the bytes rescanned
            // are the bytes the target ends up with.
            verify(file: writer.temporary, report: &report)
            do { try writer.commit() } catch { throw .output(error) }
        case .stream(_, let verifier):
            do {
                try verifier.finish()
                report.verified = true
                report.remaining = FindingOrder.sortedUnique(verifier.found).filter { $0.severity >= request.failOn }
            } catch {
                report.verificationProblems.append(ScanDiagnostic(path: "-", message: "rescan of the output failed: \(error)", isError: true))
            }
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return report
    }

    /// Where scrubbed bytes go.
    private enum Sink {
        case file(AtomicFile.Writer)
        /// A stream that cannot be read back, so it is verified as it is written.
        case stream(FileDescriptor, OutputVerifier)

        func write(_ slice: ArraySlice<UInt8>) throws(ScrubError) {
            let written: Result<Void, ScrubError> = slice.withUnsafeBytes { bytes in
                Result { () throws(ScrubError) in try write(bytes) }
            }
            try written.get()
        }

        private func write(_ bytes: UnsafeRawBufferPointer) throws(ScrubError) {
            switch self {
            case .file(let writer):
                do { try writer.append(bytes) } catch { throw .output(error) }
            case .stream(let descriptor, let verifier):
                do { try descriptor.write(bytes, path: "-") } catch { throw .output(error) }
                do { try verifier.append(bytes) } catch { throw .matcher("rescan of the output failed: \(error)") }
            }
        }
    }

    // MARK: File path

    private func scrubFile(_ descriptor: FileDescriptor, status: FileStatus, path: String, into sink: Sink,
                           report: inout ScrubReport) throws(ScrubError) {
        let outcome = ScanPipeline(database: database, options: options).run(paths: [path])
        if !outcome.errors.isEmpty { throw .scanFailed(outcome.errors) }
        // The pipeline opened the path itself: its bytes must be the bytes we copy. A compressed
        // or archived input (scanned decompressed) fails this too: scrub does not rewrite those.
        guard outcome.bytes == status.size else {
            throw .inputChanged(path: path, detail: "the scan read \(outcome.bytes) bytes, the file has \(status.size)")
        }
        // Offsets inside an archive member are not offsets in this file: never fill them here.
        let findings = outcome.findings.filter { $0.member == nil }
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
    }

    // MARK: Stream path

    private func scrubStream(_ descriptor: FileDescriptor, path: String, into sink: Sink,
                             report: inout ScrubReport) throws(ScrubError) {
        let overlap = database.overlap
        let matcher: Matcher
        do { matcher = try Matcher(database: database) } catch { throw .matcher("\(error)") }
        var chunker = StreamChunker(chunkSize: options.chunkSize, overlap: overlap) { buffer in
            try descriptor.read(into: buffer, path: path)
        }
        // Output bytes not yet written: file offsets pendingStart ..< pendingStart + pending.count.
        // Invariant: pendingStart <= the next chunk's buffer start, so every span still to come lies in it.
        var pending: [UInt8] = []
        var pendingStart: UInt64 = 0
        var replaced: [Finding] = []
        var unscrubbed: [Finding] = []
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
            let findings = FindingOrder.sortedUnique(items.map { Finding($0, bufferStart: geometry.buffer.lowerBound, path: path) })
            pending.withUnsafeMutableBytes { window in
                for finding in findings {
                    if finding.offset < pendingStart {
                        unscrubbed.append(finding)
                    } else {
                        ScrubFill.apply(finding, to: window, windowStart: pendingStart)
                        replaced.append(finding)
                    }
                }
            }
            let safeEnd = geometry.core.upperBound > UInt64(overlap) ? geometry.core.upperBound - UInt64(overlap) : 0
            if safeEnd > pendingStart {
                let count = Int(safeEnd - pendingStart)
                try sink.write(pending[0..<count])
                pending.removeFirst(count)
                pendingStart = safeEnd
            }
        }
        if let failure = chunker.failure {
            // A truncated copy must not pass for the scrubbed dump.
            if let error = failure as? SystemError { throw .input(error) }
            throw .input(SystemError(operation: "read", path: path, errno: EIO))
        }
        try sink.write(pending[...])
        report.bytes = pendingStart + UInt64(pending.count)
        if !database.knownKeys.isEmpty {
            report.notes.append("known-key search skipped: a stream is not kept whole (scrub a file to search it)")
        }
        report.replacements = FindingOrder.sortedUnique(replaced)
        report.unscrubbed = FindingOrder.sortedUnique(unscrubbed)
    }

    // MARK: Verification

    private func verify(file path: String, report: inout ScrubReport) {
        let outcome = ScanPipeline(database: database, options: options).run(paths: [path])
        report.verificationProblems = outcome.errors
        report.verified = outcome.errors.isEmpty && outcome.bytes == report.bytes
        if outcome.errors.isEmpty && outcome.bytes != report.bytes {
            report.verificationProblems.append(ScanDiagnostic(path: path, message: "rescan read \(outcome.bytes) bytes, \(report.bytes) were written", isError: true))
        }
        report.remaining = outcome.findings.filter { $0.severity >= report.failOn }
    }
}

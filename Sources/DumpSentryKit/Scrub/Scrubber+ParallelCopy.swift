import Foundation

extension Scrubber {
    /// The file path into a file output, with the copy written by the scan's workers: each worker
    /// writes its chunk's core with `pwrite` right after scanning it (the bytes still in cache, all
    /// workers at once), with the fills of the findings its chunk owns. A finding that starts in
    /// an earlier chunk's core (at most `overlap` bytes back) is not known to that chunk's worker,
    /// so once the scan is done every such span is rewritten from the input's bytes with every
    /// finding that touches it, in `FindingOrder`: the result is byte for byte the sequential
    /// copy's (a test holds the two paths to identical output).
    ///
    /// Returns what the rescan of the output may take as proven (`UnchangedChunks`).
    func scrubFileInParallel(_ descriptor: FileDescriptor, status: FileStatus, request: ScrubRequest,
                             into writer: AtomicFile.Writer, report: inout ScrubReport) throws(ScrubError) -> PriorScan {
        let path = request.input
        let output = FileDescriptor(raw: writer.fd)
        let temporary = writer.temporary
        // Zero pages are left as holes of the full-length file (`writeSkippingZeroPages`).
        do { try output.setLength(status.size, path: temporary) } catch { throw .output(error) }
        let failure = FirstFailure()
        let filled = FilledSpans()
        let pipeline = ScanPipeline(database: database, options: options, chunkScanned: { geometry, bytes, found in
            guard !failure.isSet else { return }
            let core = geometry.reportRange
            let fills = found.filter { !request.keeps($0) }
            filled.insert(fills)
            var window: [UInt8] = []
            if !fills.isEmpty {
                window = Array(bytes[core])
                window.withUnsafeMutableBytes { raw in
                    for finding in FindingOrder.sortedUnique(fills) {
                        ScrubFill.apply(finding, to: raw, windowStart: geometry.core.lowerBound)
                    }
                }
            }
            let written: Result<Void, SystemError> = window.withUnsafeBytes { filled in
                Result { () throws(SystemError) in
                    try output.writeSkippingZeroPages(fills.isEmpty ? UnsafeRawBufferPointer(rebasing: bytes[core]) : filled,
                                                      at: geometry.core.lowerBound, path: temporary)
                }
            }
            if case .failure(let error) = written { failure.set(error) }
            // The disk writes overlap the rest of the scan instead of waiting for the final flush.
            output.startWriteback(geometry.core)
        })
        let outcome = pipeline.run(paths: [path])
        if !outcome.errors.isEmpty { throw .scanFailed(outcome.errors) }
        if let error = failure.error { throw .output(error) }
        guard outcome.bytes == status.size, outcome.findings.allSatisfy({ $0.member == nil }) else {
            throw .inputChanged(path: path, detail: "the scan read \(outcome.bytes) bytes, the file has \(status.size)")
        }
        let findings = outcome.findings.filter { !request.keeps($0) }
        try patchSpansAcrossChunks(findings, filledByWorkers: filled, from: descriptor, path: path, into: output, temporary: temporary)
        let now: FileStatus
        do { now = try descriptor.status(path: path) } catch { throw .input(error) }
        guard now.size == status.size, now.modified == status.modified else {
            throw .inputChanged(path: path, detail: "size \(status.size) → \(now.size)")
        }
        report.bytes = status.size
        report.replacements = findings
        report.kept = outcome.findings.filter { request.keeps($0) }
        let unchanged = UnchangedChunks(input: descriptor, inputPath: path, output: output, outputPath: temporary,
                                        length: status.size, replaced: findings, threads: options.threads)
        return PriorScan(isUnchanged: { unchanged.contains($0) }, harvested: outcome.harvested)
    }

    /// Rewrites every span that crosses a chunk boundary, and every finding no worker filled (one
    /// from a pass after the chunk scan, such as the known-key search): the input's original bytes
    /// there, with every finding that touches the span filled in order.
    private func patchSpansAcrossChunks(_ findings: [Finding], filledByWorkers filled: FilledSpans,
                                        from input: FileDescriptor, path: String,
                                        into output: FileDescriptor, temporary: String) throws(ScrubError) {
        let chunk = UInt64(options.chunkSize)
        var windows: [Range<UInt64>] = []
        for finding in findings {
            let span = finding.offset..<(finding.offset + UInt64(finding.length))
            guard !span.isEmpty, span.lowerBound / chunk != (span.upperBound - 1) / chunk || !filled.contains(finding) else { continue }
            if let last = windows.last, span.lowerBound <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                windows.append(span)
            }
        }
        var first = 0
        for window in windows {
            var bytes = [UInt8](repeating: 0, count: Int(window.count))
            let read: Result<Int, SystemError> = bytes.withUnsafeMutableBytes { raw in
                Result { () throws(SystemError) -> Int in try input.read(into: raw, at: window.lowerBound, path: path) }
            }
            let count = try read.mapError(ScrubError.input).get()
            guard count == bytes.count else { throw .inputChanged(path: path, detail: "short read at \(window.lowerBound)") }
            // As in the sequential copy: findings that ended before this window are done.
            while first < findings.count, findings[first].offset + UInt64(findings[first].length) <= window.lowerBound { first += 1 }
            bytes.withUnsafeMutableBytes { raw in
                var index = first
                while index < findings.count, findings[index].offset < window.upperBound {
                    ScrubFill.apply(findings[index], to: raw, windowStart: window.lowerBound)
                    index += 1
                }
            }
            let written: Result<Void, SystemError> = bytes.withUnsafeBytes { raw in
                Result { () throws(SystemError) in try output.write(raw, at: window.lowerBound, path: temporary) }
            }
            try written.mapError(ScrubError.output).get()
        }
    }
}

/// The first error any worker met; later ones are dropped (the first already fails the scrub).
private final class FirstFailure: @unchecked Sendable {
    // safe: `stored` is read and written only under `lock`.
    private let lock = NSLock()
    private var stored: SystemError?

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return stored != nil }
    var error: SystemError? { lock.lock(); defer { lock.unlock() }; return stored }

    func set(_ error: SystemError) {
        lock.lock(); defer { lock.unlock() }
        if stored == nil { stored = error }
    }
}

/// The spans the workers filled in their own chunks.
private final class FilledSpans: @unchecked Sendable {
    private struct Span: Hashable { let offset: UInt64; let length: Int }
    // safe: `spans` is read and written only under `lock`.
    private let lock = NSLock()
    private var spans: Set<Span> = []

    func insert(_ findings: [Finding]) {
        guard !findings.isEmpty else { return }
        lock.lock(); defer { lock.unlock() }
        for finding in findings { spans.insert(Span(offset: finding.offset, length: finding.length)) }
    }

    func contains(_ finding: Finding) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return spans.contains(Span(offset: finding.offset, length: finding.length))
    }
}

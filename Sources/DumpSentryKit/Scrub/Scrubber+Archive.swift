extension Scrubber {
    /// Rewrites a compressed stream or an archive with every member scrubbed: the same format and
    /// filters (a `.tar.zst` stays a zstd-compressed tar), every header copied, every member's
    /// bytes passed through `scrubStream` on their way from the reader to the writer. Member sizes
    /// do not change, so headers written before the data stay true. Nothing touches the disk but
    /// the output; memory stays bounded by the chunk size and libarchive's buffers.
    ///
    /// A member that is itself compressed or an archive is copied with only its raw bytes scanned
    /// (rewriting it would change its size, which a tar header has already fixed); the rescan
    /// unpacks it and reports what it still holds, so the outcome is never clean by omission.
    /// Returns false when such members make the rescan's byte count differ from the bytes written.
    func scrubArchive(_ input: ArchiveInput, type: FileType, mode: ArchiveReader.Mode, request: ScrubRequest,
                      into sink: Sink, report: inout ScrubReport) throws(ScrubError) -> Bool {
        let path = request.input
        do {
            return try rewrite(input, mode: mode, request: request, into: sink, report: &report)
        } catch let error as ScrubError {
            throw error
        } catch {
            throw .archive(path: path, message: "\(type.reportName): \(error)")
        }
    }

    private func rewrite(_ input: ArchiveInput, mode: ArchiveReader.Mode, request: ScrubRequest,
                         into sink: Sink, report: inout ScrubReport) throws -> Bool {
        let path = request.input
        let budget = ExpansionBudget(input: input, maxMemberSize: options.maxDecompressedSize, maxRatio: options.maxExpansionRatio)
        let outer = try ArchiveReader(input: input, mode: mode)
        let writeOut: (UnsafeRawBufferPointer) throws -> Void = { bytes in try sink.write(bytes) }
        let reader: ArchiveReader
        let writer: ArchiveWriter
        var memberReplay: ReplayReader?
        if mode == .compressed {
            // The decompressed stream is a dump, or an archive (`.tar.gz`): look at its first bytes.
            guard try outer.nextEntry() != nil else { throw ArchiveError(operation: "archive_read_next_header", message: "empty stream") }
            // The stream counts against the guards as a member, unless it is an archive whose
            // members count instead (as in `ArchiveScan`); captured by reference, so it can be
            // switched off once the first bytes tell.
            var streamBudget: ExpansionBudget? = budget
            let replay = Self.guardedReplay({ try outer.read(into: $0) }) { count, total in
                try streamBudget?.account(count, memberBytes: total)
            }
            let innerMode = replay.prefix.withUnsafeBytes { raw in ScanPipeline.identify(raw, with: nil).archiveMode(prefix: raw) }
            if innerMode == .archive, replay.prefixFailure == nil {
                streamBudget = nil
                reader = try ArchiveReader(input: ArchiveInput(.stream { try replay.read(into: $0) }, path: path), mode: .archive)
                writer = try ArchiveWriter(format: reader.formatCode, filters: outer.filterCodes + reader.filterCodes, write: writeOut)
            } else {
                reader = outer
                writer = try ArchiveWriter(format: outer.formatCode, filters: outer.filterCodes, write: writeOut)
                memberReplay = replay
            }
        } else {
            reader = outer
            writer = try ArchiveWriter(format: outer.formatCode, filters: outer.filterCodes, write: writeOut)
        }

        var sizeComparable = true
        var remaining: [Finding] = []
        var verified = true
        var bytes: UInt64 = 0
        var replaced: [Finding] = [], kept: [Finding] = [], unscrubbed: [Finding] = []
        let toStandardOutput: Bool
        if case .stream = sink { toStandardOutput = true } else { toStandardOutput = false }

        /// Scrubs one member's bytes from `replay` into the writer (whose header is written).
        func scrubMember(_ replay: ReplayReader, name: String?) throws {
            let verifier = toStandardOutput ? try OutputVerifier(database: database, chunkSize: options.chunkSize, path: "-", member: name) : nil
            let result = try scrubStream(path: path, member: name, request: request, read: { try replay.read(into: $0) }) { slice throws(ScrubError) in
                do {
                    try slice.withUnsafeBytes { raw in
                        try writer.write(raw)
                        try verifier?.append(raw)
                    }
                } catch let error as ScrubError {
                    throw error
                } catch {
                    throw .archive(path: path, message: "\(error)")
                }
            }
            bytes += result.bytes
            replaced += result.replaced
            kept += result.kept
            unscrubbed += result.unscrubbed
            guard let verifier else { return }
            do {
                try verifier.finish()
                remaining += verifier.found
            } catch {
                verified = false
                report.verificationProblems.append(ScanDiagnostic(path: "-", message: "rescan of member \(name ?? "-") failed: \(error)", isError: true))
            }
        }

        if let memberReplay {
            // A bare compressed stream: its one nameless entry, already opened above.
            try writer.writeStreamHeader()
            try scrubMember(memberReplay, name: nil)
        } else {
            while let entry = try reader.nextEntry() {
                if entry.isEncrypted {
                    throw ArchiveError(operation: "archive_read_data", message: "member \(entry.name) is encrypted and cannot be scrubbed")
                }
                if entry.isRegularFile && !reader.currentEntryHasSize && writer.needsSizes {
                    throw ArchiveError(operation: "archive_write_header", message: "member \(entry.name) has no size in its header")
                }
                try writer.writeHeader(copying: reader)
                guard entry.isRegularFile else { continue }
                let replay = Self.guardedReplay({ try reader.read(into: $0) }) { count, total in
                    try budget.account(count, memberBytes: total)
                }
                if replay.prefix.withUnsafeBytes({ ScanPipeline.identify($0, with: nil).archiveMode(prefix: $0) }) != nil {
                    sizeComparable = false
                    report.notes.append("member \(entry.name) is itself compressed or an archive: copied with only its raw bytes scrubbed; the rescan reports what it still holds")
                    if toStandardOutput {
                        // Standard output is verified member by member, without unpacking: no verdict.
                        verified = false
                        report.verificationProblems.append(ScanDiagnostic(path: "-", message: "member \(entry.name) is itself compressed or an archive; its contents were neither scrubbed nor rescanned", isError: true))
                    }
                }
                try scrubMember(replay, name: entry.name)
            }
        }
        try writer.finish()
        report.bytes = bytes
        report.replacements = FindingOrder.sortedUnique(replaced)
        report.kept = FindingOrder.sortedUnique(kept)
        report.unscrubbed = FindingOrder.sortedUnique(unscrubbed)
        if case .stream = sink {
            // Standard output cannot be read back: each member was rescanned as it was packed.
            report.verified = verified
            report.remaining = FindingOrder.sortedUnique(remaining).filter { $0.severity >= request.failOn && !request.keeps($0) }
        }
        return sizeComparable
    }

    /// A member's reader with its first bytes kept (to identify it) and every read passed to
    /// `account` (bytes just read, bytes of the member so far) for the bomb guards.
    private static func guardedReplay(_ read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int,
                                      account: @escaping (Int, UInt64) throws -> Void) -> ReplayReader {
        var total: UInt64 = 0
        return ReplayReader(prefixLength: FileIdentifier.prefixLength) { buffer in
            let count = try read(buffer)
            total += UInt64(count)
            try account(count, total)
            return count
        }
    }
}

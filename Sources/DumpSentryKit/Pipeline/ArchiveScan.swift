/// Scans one compressed or archived input on the producer thread: libarchive decompresses each
/// member into a `StreamChunker`, so members reach the workers as ordinary stream chunks (offsets
/// into the decompressed member) while the next bytes are being decompressed. Nothing is written
/// to disk. Members that are themselves compressed or archives are opened in turn, up to
/// `maxArchiveDepth`, their names joined with `!` (`a.zip!inner.tar!core`).
struct ArchiveScan {
    /// The input's path: every member's source has it as `path`.
    let path: String
    /// The exact bytes of `path` when it does not hold them; see ``NameBytes``.
    let pathBytes: [UInt8]?
    let options: ScanOptions
    let overlap: Int
    let identify: (UnsafeRawBufferPointer) -> FileType
    /// Queues one chunk of a member for the workers.
    let push: (SourceState, ChunkGeometry, [UInt8]) -> Void
    /// Called once the last chunk of a member is queued (finalizes it if the workers are done).
    let producerFinished: (SourceState) -> Void
    /// Records an error that belongs to the input rather than to one member.
    let report: (ScanDiagnostic) -> Void

    /// Reads `input`, first identified as `type`, with libarchive opened in `mode`.
    func run(_ input: ArchiveInput, type: FileType, mode: ArchiveReader.Mode) {
        let budget = ExpansionBudget(input: input, maxMemberSize: options.maxDecompressedSize,
                                     maxRatio: options.maxExpansionRatio)
        let reader: ArchiveReader
        do {
            reader = try ArchiveReader(input: input, mode: mode)
        } catch {
            // The first bytes looked like an archive but are not one libarchive reads: a file is
            // then scanned as it is (never skipped on a type guess); stdin's first bytes are gone.
            guard input.rewind() else {
                report(ScanDiagnostic(path: path, pathBytes: pathBytes, message: "identified as \(type.reportName), but \(error); not scanned", isError: true))
                return
            }
            report(ScanDiagnostic(path: path, pathBytes: pathBytes, message: "identified as \(type.reportName), but \(error); its bytes were scanned as they are", isError: true))
            let direct = ReplayReader(prefixLength: 0) { try input.readDirect(into: $0) }
            _ = scanMember(direct, name: nil, type: type.reportName, isDump: type.label?.isDump == true, budget: nil)
            return
        }
        _ = walk(reader, containers: [type.reportName], member: nil, depth: 1, budget: budget)
    }

    /// Scans every member of `reader`; false if the input must stop (an error or guard, reported).
    /// `member` is the exact bytes of the member path so far (nil for the input itself).
    private func walk(_ reader: ArchiveReader, containers: [String], member: [UInt8]?, depth: Int, budget: ExpansionBudget) -> Bool {
        while true {
            let entry: ArchiveEntry
            do {
                guard let next = try reader.nextEntry() else { return true }
                entry = next
            } catch {
                report(ScanDiagnostic(path: path, pathBytes: pathBytes, message: "\(Self.place(member))\(error); the rest of the archive was not scanned", isError: true))
                return false
            }
            guard entry.isRegularFile else { continue }
            // A bare compressed stream's only entry is nameless: it stands for its container.
            let name: [UInt8]? = reader.isRawStream ? member : Self.join(member, entry.exactName)
            if entry.isEncrypted {
                report(ScanDiagnostic(path: path, pathBytes: pathBytes, message: "\(Self.place(name))encrypted; cannot be scanned", isError: true))
                continue
            }
            let replay = ReplayReader(prefixLength: FileIdentifier.prefixLength) { try reader.read(into: $0) }
            let (type, mode) = replay.prefix.withUnsafeBytes { prefix in
                let type = identify(prefix)
                return (type, type.archiveMode(prefix: prefix))
            }
            if let mode, replay.prefixFailure == nil {
                if depth < options.maxArchiveDepth {
                    let inner = ArchiveInput(.stream { try replay.read(into: $0) }, path: path)
                    do {
                        let innerReader = try ArchiveReader(input: inner, mode: mode)
                        guard walk(innerReader, containers: containers + [type.reportName], member: name,
                                   depth: depth + 1, budget: budget) else { return false }
                    } catch {
                        report(ScanDiagnostic(path: path, pathBytes: pathBytes, message: "\(Self.place(name))identified as \(type.reportName), but \(error); not scanned", isError: true))
                    }
                    continue
                }
                // Too deep: say so, and scan the member's bytes as they are rather than skip them.
                report(ScanDiagnostic(path: path, pathBytes: pathBytes, message: "\(Self.place(name))\(type.reportName) nested deeper than --max-depth \(options.maxArchiveDepth); not unpacked, its bytes scanned as they are", isError: true))
            }
            guard scanMember(replay, name: name, type: (containers + [type.reportName]).joined(separator: "!"),
                             isDump: type.label?.isDump == true, budget: budget) else {
                return false
            }
        }
    }

    /// Chunks one member's bytes to the workers; false if reading or a guard stopped it.
    /// `isDump`: the member was identified as a dump, so its first bytes are kept for attribution.
    private func scanMember(_ replay: ReplayReader, name: [UInt8]?, type: String, isDump: Bool, budget: ExpansionBudget?) -> Bool {
        let member = name.map(NameBytes.decode)
        let source = SourceState(path: path, pathBytes: pathBytes, member: member?.display, memberBytes: member?.exact,
                                 descriptor: nil, openedStatus: nil, mapped: nil)
        source.fileType = type
        var memberBytes: UInt64 = 0
        var chunker = StreamChunker(chunkSize: options.chunkSize, overlap: overlap) { buffer in
            let count = try replay.read(into: buffer)
            memberBytes += UInt64(count)
            try budget?.account(count, memberBytes: memberBytes)
            return count
        }
        var prefix = LayoutPrefixCollector(enabled: isDump)
        while let (geometry, bytes) = chunker.next() {
            prefix.add(bytes, geometry: geometry)
            source.chunkQueued()
            push(source, geometry, bytes)
        }
        var complete = true
        if let failure = chunker.failure {
            complete = false
            source.add(ScanDiagnostic(path: path, pathBytes: pathBytes, message: "\(Self.place(name))\(failure) after \(chunker.bytesRead) decompressed bytes; the rest was not scanned", isError: true))
        }
        prefix.hand(to: source)
        producerFinished(source)
        return complete
    }

    private static func join(_ outer: [UInt8]?, _ inner: [UInt8]) -> [UInt8] {
        outer.map { $0 + [0x21] + inner } ?? inner  // `!`
    }

    /// "member NAME: " for messages about a member, empty for the input itself.
    private static func place(_ member: [UInt8]?) -> String {
        member.map { "member \(NameBytes.decode($0).display): " } ?? ""
    }
}

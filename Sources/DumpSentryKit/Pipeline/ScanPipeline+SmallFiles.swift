/// The small-file path: files up to `ScanOptions.smallFileLimit` are read whole into a
/// `SmallFileBatch` on the producer thread, identified cheaply (`FileIdentifier.Depth.quick`), and
/// scanned a batch at a time by a worker. A directory of 100,000 files of a few KiB is then bound
/// by the scan, not by per-file system calls and libmagic.
extension ScanPipeline {
    /// Regular files small enough for the small-file path. `--no-mmap` keeps every file on the
    /// stream path (the mode for files still being written); scrub keeps them on the chunk path,
    /// where its `chunkScanned` hook writes the copy.
    func isSmallFile(_ input: OpenedInput) -> Bool {
        chunkScanned == nil && !input.isStream && options.useMemoryMap && input.status.size <= UInt64(options.smallFileLimit)
    }

    /// Producer side: reads `input` into `batch`, hands the batch to the workers when full, and
    /// closes the file. Archives and compressed files leave the batch for the archive path.
    func readSmallFile(_ input: OpenedInput, identifier: FileIdentifier?, batch: inout SmallFileBatch,
                       into queue: WorkQueue<WorkItem>, collected: Collected) {
        afterMapping?(input.path)
        let range: Range<Int>
        do {
            range = try batch.read(input, length: Int(input.status.size))
        } catch {
            collected.add(ScanDiagnostic(path: input.path, pathBytes: input.pathBytes, message: "\(error); not scanned", isError: true))
            input.descriptor.close()
            return
        }
        let (type, archiveMode) = batch.bytes.withUnsafeBytes { all in
            // safe: `range` was just read into the batch.
            let bytes = UnsafeRawBufferPointer(rebasing: all[range])
            let type = Self.identify(bytes, with: identifier, depth: .quick)
            return (type, type.archiveMode(prefix: bytes))
        }
        if let archiveMode {
            batch.drop(range)
            // libarchive reads the file itself (it may seek), as for a mapped archive.
            scanArchive(ArchiveInput(.file(input.descriptor, size: input.status.size), path: input.path), pathBytes: input.pathBytes, type: type,
                        mode: archiveMode, identifier: identifier, into: queue, collected: collected)
            input.descriptor.close()
            return
        }
        let source = SourceState(path: input.path, pathBytes: input.pathBytes, descriptor: nil, openedStatus: nil, mapped: nil)
        source.fileType = type.reportName
        // The file is checked right after its read (its bytes are in memory from here on), then closed.
        let change = SourceState.change(of: input.descriptor, since: input.status, path: input.path, pathBytes: input.pathBytes)
        input.descriptor.close()
        let shrank = range.count != Int(input.status.size)
        if shrank && !change.changed {
            source.add(ScanDiagnostic(path: input.path, pathBytes: input.pathBytes, message: "file changed while it was scanned (size \(input.status.size) → \(range.count)); not reported clean", isError: true))
        }
        if let diagnostic = change.diagnostic { source.add(diagnostic) }
        source.chunkQueued()
        _ = source.producerFinished()   // never complete here: the worker holds the one pending scan
        batch.keep(range, for: source, changed: shrank || change.changed)
        if batch.isFull {
            queue.push(.smallFiles(batch))
            batch = SmallFileBatch()
        }
    }

    /// Worker side: scans each file of `batch` through the same chunk geometry as a mapped file,
    /// attributes dump layouts, and completes each source.
    func scanSmallFiles(_ batch: SmallFileBatch, matcher: Matcher, collected: Collected) {
        batch.bytes.withUnsafeBytes { all in
            for entry in batch.entries {
                // safe: entry ranges lie inside the batch's bytes (SmallFileBatch's invariant).
                let bytes = UnsafeRawBufferPointer(rebasing: all[entry.range])
                let plan = ChunkPlan(length: UInt64(bytes.count), chunkSize: options.chunkSize, overlap: overlap)
                var found: [Finding] = []
                for index in 0..<plan.count {
                    let geometry = plan.chunk(index)
                    let chunk = UnsafeRawBufferPointer(rebasing: bytes[Int(geometry.buffer.lowerBound)..<Int(geometry.buffer.upperBound)])
                    found += scanChunk(chunk, geometry: geometry, source: entry.source, matcher: matcher)
                }
                progress.scannedBytes(UInt64(bytes.count))
                guard entry.source.chunkDone(found, bytes: UInt64(bytes.count)) else { continue }
                searchKnownKeys(entry.source, in: bytes, changed: entry.changed)
                if !entry.changed { entry.source.attributeLayout(bytes) }
                collected.finish(entry.source, changed: entry.changed)
            }
        }
    }
}

/// Many small files read whole, back to back, into one buffer and scanned as one work item.
///
/// For a file of a few KiB, mapping costs more than scanning: `mmap`, read-ahead and release
/// advice, page faults, `munmap` and its TLB shootdown on every core are a dozen system calls
/// and interrupts per file, where one `read` copies it. A batch also takes one queue hand-off
/// for many files. The producer fills a batch and closes each file once it is read (so the
/// number of open descriptors does not grow with the batch); a worker scans it.
/// Invariant: `entries` ranges lie in `bytes`, in order, without overlap.
struct SmallFileBatch: Sendable {
    /// One file: its state and where its bytes lie in `bytes`.
    struct Entry: Sendable {
        let source: SourceState
        let range: Range<Int>
        /// The file changed between its `fstat` and the end of its `read` (reported, never clean).
        let changed: Bool
    }

    /// Reserved up front so appending files does not reallocate; a batch is handed over once this
    /// much is filled.
    static let targetBytes = 1 << 20
    /// Handed over after this many files even if smaller: keeps workers fed when files are tiny.
    static let maximumFiles = 256

    private(set) var bytes: [UInt8] = []
    private(set) var entries: [Entry] = []

    init() { bytes.reserveCapacity(Self.targetBytes + (Self.targetBytes >> 2)) }

    var isEmpty: Bool { entries.isEmpty }
    var isFull: Bool { bytes.count >= Self.targetBytes || entries.count >= Self.maximumFiles }

    /// Reads `input` whole (`length` bytes, its size at `fstat`) onto the end of the batch and
    /// returns its bytes' range; call `keep` or `drop` next. On a read error nothing is kept and
    /// the error is thrown.
    mutating func read(_ input: OpenedInput, length: Int) throws(SystemError) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: length))
        let result = bytes.withUnsafeMutableBytes { all in
            // safe: rebasing the tail just appended, inside the array's storage.
            Result { () throws(SystemError) in
                try input.descriptor.readFully(into: UnsafeMutableRawBufferPointer(rebasing: all[start...]), path: input.path)
            }
        }
        let filled: Int
        switch result {
        case .success(let count): filled = count
        case .failure(let error):
            bytes.removeSubrange(start...)
            throw error
        }
        // A file that shrank after its fstat: only what was read is scanned (and it is reported changed).
        bytes.removeSubrange((start + filled)...)
        return start..<bytes.count
    }

    /// Keeps the bytes just read as `source`'s.
    mutating func keep(_ range: Range<Int>, for source: SourceState, changed: Bool) {
        entries.append(Entry(source: source, range: range, changed: changed))
    }

    /// Drops the bytes just read (the file is scanned another way).
    mutating func drop(_ range: Range<Int>) {
        precondition(range.upperBound == bytes.count, "only the file read last can be dropped")
        bytes.removeSubrange(range)
    }
}

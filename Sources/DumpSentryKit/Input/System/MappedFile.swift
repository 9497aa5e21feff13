import CSignals
import Glibc

/// A regular file mapped read-only, whole.
///
/// Mapping a file that another process truncates raises SIGBUS on the pages past the new end. The
/// mapping is registered with the SIGBUS guard in `CSignals`, which maps a zero page over such a
/// fault and counts it; `faults` tells the pipeline the input changed under the scan, and the
/// input is then reported as changed (never as clean). Dumps still being written can instead be
/// streamed (`--no-mmap`).
public final class MappedFile: @unchecked Sendable {
    // safe: the mapping is read-only and immutable for the life of the object; workers only read
    // through `withBytes`, and `advise` calls are thread-safe syscalls.
    private let base: UnsafeRawPointer
    public let length: Int
    public let path: String
    private let guardSlot: Int32

    /// Maps `length` bytes of `descriptor`. Throws for an empty file (nothing to map) or a failed `mmap`;
    /// callers fall back to reading the descriptor as a stream.
    public init(descriptor: FileDescriptor, length: Int, path: String) throws(SystemError) {
        guard length > 0 else { throw SystemError(operation: "mmap", path: path, errno: EINVAL) }
        if let fault = FaultInjection.current.mmapError(path: path) {
            throw SystemError(operation: "mmap", path: path, errno: fault)
        }
        csignals_install_bus_guard()
        let pointer = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor.raw, 0)
        guard let pointer, pointer != MAP_FAILED else {
            throw SystemError(operation: "mmap", path: path, errno: errno)
        }
        base = UnsafeRawPointer(pointer)
        self.length = length
        self.path = path
        guardSlot = csignals_register_mapping(pointer, length)
        // Advisory only: a failure changes speed, not results.
        _ = madvise(pointer, length, MADV_SEQUENTIAL)
    }

    deinit {
        _ = csignals_unregister_mapping(guardSlot)
        // A failed munmap leaks address space only; nothing to report at teardown.
        _ = munmap(UnsafeMutableRawPointer(mutating: base), length)
    }

    /// Whether the SIGBUS guard is watching this mapping (false when its table was full).
    public var isGuarded: Bool { guardSlot >= 0 }

    /// Pages that faulted because the file shrank under the mapping.
    public var faults: UInt64 { csignals_faults_in(guardSlot) }

    /// Lends the bytes of `range` for the duration of `body`. The pointer must not escape.
    public func withBytes<R>(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= length, "range outside mapping")
        return try body(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// Maps `range` ahead of the scan in one call (`MADV_POPULATE_READ`, Linux 5.14+) instead of
    /// one page fault per 4 KiB; on older kernels, asks for read-ahead (`MADV_WILLNEED`).
    public func prefetch(_ range: Range<Int>) {
        if !advise(range, Self.populateRead) { advise(range, MADV_WILLNEED) }
    }

    /// `MADV_POPULATE_READ`, which Glibc's headers here may not define.
    private static let populateRead: Int32 = 22

    /// Releases the pages of `range` once no chunk will read them again, so RSS stays bounded by
    /// the chunks in flight, not the file size.
    public func release(_ range: Range<Int>) { advise(range, MADV_DONTNEED) }

    @discardableResult
    private func advise(_ range: Range<Int>, _ advice: Int32) -> Bool {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // Only whole pages inside the range: a neighbour chunk may still be reading the edges.
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard start < end, end <= length else { return true }
        // Advisory only: a failure changes speed, not results.
        return madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, advice) == 0
    }
}

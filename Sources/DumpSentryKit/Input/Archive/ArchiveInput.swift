import Glibc

/// The bytes libarchive reads from: an input file (read by position, so the reader may seek, as
/// 7z and the seekable zip reader need), or any stream (stdin, or a member of an enclosing archive)
/// behind a read closure. Owns the block handed to libarchive's read callback.
///
/// Used by one producer thread only, like the `ArchiveReader` that reads from it.
final class ArchiveInput {
    enum Origin {
        /// A regular file of `size` bytes, read with `pread`.
        case file(FileDescriptor, size: UInt64)
        /// A stream; reads up to the buffer's size, 0 at the end.
        case stream((UnsafeMutableRawBufferPointer) throws -> Int)
    }

    let origin: Origin
    /// The input path, for error messages.
    let path: String
    /// Bytes handed to libarchive so far: the compressed side of the expansion ratio.
    private(set) var consumed: UInt64 = 0
    /// The error that ended reading, if any: it wins over libarchive's generic "read error".
    private(set) var failure: (any Error)?
    /// Read position for `.file`.
    private var position: UInt64 = 0
    /// The block libarchive borrows until the next read call; freed in deinit.
    let block: UnsafeMutableRawBufferPointer

    /// 256 KiB per read call keeps the callback overhead negligible against decompression.
    static let blockSize = 256 << 10

    init(_ origin: Origin, path: String) {
        self.origin = origin
        self.path = path
        block = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 16)
    }

    deinit { block.deallocate() }

    var isSeekable: Bool {
        if case .file = origin { return true }
        return false
    }

    /// Fills `block` with the next bytes; the count, 0 at the end, or nil after a failure (kept
    /// in `failure`).
    func fill() -> Int? {
        do {
            let count: Int
            switch origin {
            case .file(let descriptor, _):
                count = try descriptor.read(into: block, at: position, path: path)
                position += UInt64(count)
            case .stream(let read):
                count = try read(block)
            }
            consumed += UInt64(count)
            return count
        } catch {
            failure = error
            return nil
        }
    }

    /// For a `.file` origin that libarchive could not open: back to byte 0, to read the file
    /// directly with `readDirect`. False for streams, whose first bytes are gone.
    func rewind() -> Bool {
        guard case .file = origin else { return false }
        position = 0
        return true
    }

    /// Reads a `.file` origin's next bytes into `buffer`, bypassing libarchive; 0 at the end.
    func readDirect(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard case .file(let descriptor, _) = origin else { return 0 }
        let count = try descriptor.read(into: buffer, at: position, path: path)
        position += UInt64(count)
        return count
    }

    /// Moves the read position of a `.file` origin (`whence` as for `lseek`); nil if impossible.
    func seek(_ offset: Int64, whence: Int32) -> Int64? {
        guard case .file(_, let size) = origin else { return nil }
        let base: Int64
        switch whence {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = Int64(position)
        case SEEK_END: base = Int64(clamping: size)
        default: return nil
        }
        let (target, overflow) = base.addingReportingOverflow(offset)
        guard !overflow, target >= 0 else { return nil }
        position = UInt64(target)
        return target
    }
}

import CArchive

/// One libarchive write handle (`struct archive *`): the only place `archive_write_*` is called.
/// Writes an archive or compressed stream in the format and with the filters an `ArchiveReader`
/// found, so a scrubbed `.tar.gz` is a `.tar.gz` again. Bytes go to a closure as libarchive
/// produces them: nothing is staged on disk. Not thread-safe: one thread owns each writer.
final class ArchiveWriter {
    /// Where libarchive's output goes; the first error thrown there is kept and rethrown.
    private final class Output {
        let write: (UnsafeRawBufferPointer) throws -> Void
        var failure: (any Error)?
        init(_ write: @escaping (UnsafeRawBufferPointer) throws -> Void) { self.write = write }
    }

    private let raw: OpaquePointer  // struct archive *, freed in deinit
    private let output: Output
    private var closed = false
    /// True when every member's size goes into its header before its data (tar, cpio).
    let needsSizes: Bool

    /// Formats written back. 7z is left out: libarchive's 7z writer stages the archive in a
    /// temporary file, and a scrubbed dump must never touch the disk unscrubbed.
    static func canWrite(format: Int32) -> Bool {
        switch format {
        case ARCHIVE_FORMAT_RAW, ARCHIVE_FORMAT_ZIP, ARCHIVE_FORMAT_CPIO_POSIX, ARCHIVE_FORMAT_CPIO_SVR4_NOCRC: true
        case _ where format & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_TAR: true
        default: false
        }
    }

    /// Opens a writer for `format` (`ARCHIVE_FORMAT_*`) with `filters` (`ARCHIVE_FILTER_*`, the one
    /// nearest the format first, as `ArchiveReader.filterCodes` lists them).
    init(format: Int32, filters: [Int32], write: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let handle = archive_write_new() else {
            throw ArchiveError(operation: "archive_write_new", message: "out of memory")
        }
        raw = handle
        output = Output(write)
        needsSizes = format & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_TAR || format & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_CPIO
        guard Self.canWrite(format: format) else {
            throw ArchiveError(operation: "archive_write_set_format", message: "format \(Self.formatName(format)) cannot be rewritten")
        }
        try check(archive_write_set_format(handle, format), "archive_write_set_format")
        for filter in filters {
            try check(archive_write_add_filter(handle, filter), "archive_write_add_filter")
        }
        // A plain tar keeps the usual 10240-byte records; anything else is written as produced:
        // padding after a compressed stream or a zip's central directory would be trailing junk.
        if !(filters.isEmpty && format & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_TAR) {
            try check(archive_write_set_bytes_per_block(handle, 0), "archive_write_set_bytes_per_block")
        }
        let status = archive_write_open2(handle, Unmanaged.passUnretained(output).toOpaque(), nil, { _, context, buffer, length in
            // safe: `context` is the `Output` this writer retains for its whole life; libarchive
            // lends `buffer` for this call only.
            let output = Unmanaged<Output>.fromOpaque(context!).takeUnretainedValue()
            guard output.failure == nil else { return -1 }
            do {
                try output.write(UnsafeRawBufferPointer(start: buffer, count: length))
                return length
            } catch {
                output.failure = error
                return -1
            }
        }, nil, nil)
        try check(status, "archive_write_open")
    }

    deinit { archive_write_free(raw) }

    /// Writes a copy of `reader`'s current header (name, type, size, mode, times, links).
    func writeHeader(copying reader: ArchiveReader) throws {
        guard let entry = reader.currentEntry else {
            throw ArchiveError(operation: "archive_write_header", message: "no entry to copy")
        }
        try check(archive_write_header(raw, entry), "archive_write_header")
    }

    /// The header of a bare compressed stream's only entry (`raw` format: a regular file, no name).
    func writeStreamHeader() throws {
        guard let entry = archive_entry_new() else {
            throw ArchiveError(operation: "archive_entry_new", message: "out of memory")
        }
        defer { archive_entry_free(entry) }
        archive_entry_set_filetype(entry, 0o100000)  // AE_IFREG (a macro Swift does not import)
        archive_entry_set_pathname(entry, "data")
        try check(archive_write_header(raw, entry), "archive_write_header")
    }

    /// Appends `bytes` to the current entry's data.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            // safe: offset < bytes.count, so the base address is non-nil and the range in bounds.
            let count = archive_write_data(raw, bytes.baseAddress! + offset, bytes.count - offset)
            if count <= 0 {
                if let failure = output.failure { throw failure }
                throw error("archive_write_data")
            }
            offset += count
        }
    }

    /// Flushes the filters and writes the archive's trailer (tar end blocks, zip central directory).
    func finish() throws {
        guard !closed else { return }
        closed = true
        try check(archive_write_close(raw), "archive_write_close")
    }

    /// Throws the output's own error when the write callback failed, else libarchive's.
    private func check(_ status: Int32, _ operation: String) throws {
        guard status < ARCHIVE_WARN else { return }
        if let failure = output.failure { throw failure }
        throw error(operation)
    }

    private func error(_ operation: String) -> ArchiveError {
        // safe: libarchive owns the message until the next call on this handle; copied here.
        let message = archive_error_string(raw).map { String(cString: $0) } ?? "error \(archive_errno(raw))"
        return ArchiveError(operation: operation, message: message)
    }

    private static func formatName(_ format: Int32) -> String {
        switch format & ARCHIVE_FORMAT_BASE_MASK {
        case ARCHIVE_FORMAT_7ZIP: "7z"
        case ARCHIVE_FORMAT_CPIO: "cpio (binary or crc variant)"
        default: String(format, radix: 16)
        }
    }
}

import CArchive
import Glibc

/// One libarchive read handle (`struct archive *`): the only place `archive_*` is called.
/// Reads members one after another from an `ArchiveInput`, decompressing as it goes; nothing is
/// ever written to disk. Not thread-safe: the producer thread owns each reader.
final class ArchiveReader {
    /// What the reader accepts.
    enum Mode {
        /// A compressed stream: any filters, and the decompressed bytes as one nameless entry
        /// (libarchive's `raw` format). An archive inside (`.tar.gz`) is opened as a member: the
        /// tar reader must not bid here, as it takes a stream starting with a zero block for an
        /// empty archive and would hide a whole dump.
        case compressed
        /// An archive: any filter, then tar, cpio, zip or 7z.
        case archive
    }

    private let raw: OpaquePointer  // struct archive *, freed in deinit
    private let input: ArchiveInput
    /// True once the current header came from the `raw` format: the entry has no real name.
    private(set) var isRawStream = false
    /// The first header, read when opening so that an unreadable input fails at `init`.
    private var first: ArchiveEntry??
    /// The current header (`struct archive_entry *`, owned by `raw`, valid until the next header):
    /// `ArchiveWriter` copies it.
    private(set) var currentEntry: OpaquePointer?

    /// Opens `input`. Only formats a dump is shipped in are enabled: the catch-all readers
    /// (mtree, ar, ISO 9660, WARC) could claim a decompressed dump and hide its bytes.
    init(input: ArchiveInput, mode: Mode) throws(ArchiveError) {
        guard let handle = archive_read_new() else {
            throw ArchiveError(operation: "archive_read_new", message: "out of memory")
        }
        raw = handle
        self.input = input
        archive_read_support_filter_all(handle)
        if mode == .compressed {
            archive_read_support_format_raw(handle)
        } else {
            archive_read_support_format_tar(handle)
            archive_read_support_format_gnutar(handle)
            archive_read_support_format_cpio(handle)
            archive_read_support_format_zip(handle)
            archive_read_support_format_7zip(handle)
        }
        archive_read_set_read_callback(handle) { _, context, buffer in
            // safe: `context` is the `ArchiveInput` this reader retains for its whole life.
            let input = Unmanaged<ArchiveInput>.fromOpaque(context!).takeUnretainedValue()
            guard let count = input.fill() else { return -1 }
            buffer?.pointee = UnsafeRawPointer(input.block.baseAddress)
            return count
        }
        if input.isSeekable {
            archive_read_set_seek_callback(handle) { _, context, offset, whence in
                // safe: as for the read callback.
                let input = Unmanaged<ArchiveInput>.fromOpaque(context!).takeUnretainedValue()
                return input.seek(offset, whence: whence) ?? Int64(ARCHIVE_FATAL)
            }
        }
        archive_read_set_callback_data(handle, Unmanaged.passUnretained(input).toOpaque())
        try check(archive_read_open1(handle), "archive_read_open")
        first = .some(try readHeader())
        // Only the client's own "none" filter: the raw format took bytes no decompressor knows.
        if mode == .compressed && archive_filter_count(handle) < 2 {
            throw ArchiveError(operation: "archive_read_open", message: "no decompressor recognizes the data")
        }
    }

    deinit { archive_read_free(raw) }

    /// The next member's header, or nil after the last. Skips the rest of the previous member.
    func nextEntry() throws(ArchiveError) -> ArchiveEntry? {
        if let first {
            self.first = nil
            return first
        }
        return try readHeader()
    }

    private func readHeader() throws(ArchiveError) -> ArchiveEntry? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(raw, &entry)
        if status == ARCHIVE_EOF { return nil }
        try check(status, "archive_read_next_header")
        guard let entry else { throw ArchiveError(operation: "archive_read_next_header", message: "no entry") }
        currentEntry = entry
        isRawStream = archive_format(raw) == ARCHIVE_FORMAT_RAW
        // Names are kept as the archive stores them: UTF-8 when libarchive knows it, else the raw
        // bytes (a label, never a path; kept exactly beside their display form, see NameBytes).
        var bytes: [UInt8] = []
        if let text = archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry) {
            bytes = Array(UnsafeBufferPointer(start: text, count: strlen(text))).map { UInt8(bitPattern: $0) }
        }
        let name = NameBytes.decode(bytes)
        let type = archive_entry_filetype(entry) & 0o170000
        return ArchiveEntry(name: name.display, nameBytes: name.exact, isRegularFile: type == 0o100000 || (type == 0 && isRawStream),
                            isEncrypted: archive_entry_is_encrypted(entry) != 0)
    }

    /// Reads the current member's next bytes into `buffer`; 0 at the member's end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = archive_read_data(raw, buffer.baseAddress, buffer.count)
        if count < 0 {
            if let failure = input.failure { throw failure }
            throw error("archive_read_data")
        }
        return count
    }

    /// The decompressors libarchive stacked on the input (`ARCHIVE_FILTER_*`), the one nearest
    /// the format first; the client's own "none" filter is left out. Known after `init`.
    var filterCodes: [Int32] {
        let count = archive_filter_count(raw)
        guard count > 1 else { return [] }
        return (0..<(count - 1)).map { archive_filter_code(raw, $0) }
    }

    /// The format of the current header (`ARCHIVE_FORMAT_*`, e.g. `ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE`).
    var formatCode: Int32 { archive_format(raw) }

    /// True if the current entry's size is in its header (a streamed zip member may lack it).
    var currentEntryHasSize: Bool {
        currentEntry.map { archive_entry_size_is_set($0) != 0 } ?? false
    }

    /// The outermost filter and the format, e.g. `zstd`/`raw`, for messages.
    var formatName: String {
        archive_format_name(raw).map { String(cString: $0) } ?? "unknown"
    }

    private func check(_ status: Int32, _ operation: String) throws(ArchiveError) {
        // ARCHIVE_WARN (e.g. an unknown extended header) still delivers the entry.
        guard status < ARCHIVE_WARN else { return }
        if let failure = input.failure {
            throw ArchiveError(operation: operation, message: "\(failure)")
        }
        throw error(operation)
    }

    private func error(_ operation: String) -> ArchiveError {
        // safe: libarchive owns the message until the next call on this handle; copied here.
        let message = archive_error_string(raw).map { String(cString: $0) } ?? "error \(archive_errno(raw))"
        return ArchiveError(operation: operation, message: message)
    }
}

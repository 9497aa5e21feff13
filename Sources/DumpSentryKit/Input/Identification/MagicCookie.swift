import CMagic
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libmagic handle (`magic_t`) with the default database loaded: the only place libmagic is
/// called. Not thread-safe — libmagic keeps per-call state in the handle — so each worker owns its
/// own cookie (the type is not `Sendable`, so the compiler keeps it on one task).
///
/// It only ever examines a buffer the caller already holds (`magic_buffer`), never a path
/// (`magic_file` would re-open the file and may block on a FIFO). Checks that would decompress,
/// or print an ELF core's command line into the description, are off.
final class MagicCookie {
    /// What `identify` returns.
    enum Mode {
        /// A MIME type such as `application/x-coredump`.
        case mimeType
        /// A human-readable description such as `ELF 64-bit LSB core file, x86-64`.
        case description
        /// A MIME type from libmagic's built-in text and encoding tests only (`text/plain`,
        /// `application/octet-stream`, `application/x-empty`): without the magic-file entries,
        /// which cost 1–2 ms per call whatever the buffer size (measured with file(1) on 1–64 KiB
        /// files), more than scanning a 1 MiB file.
        case quickMimeType
    }

    private let raw: OpaquePointer  // magic_t, closed in deinit
    private var mode: Mode = .mimeType

    /// Without compressed-content checks (they may fork a decompressor) and without the ELF note
    /// parser (it copies `pr_psargs`, the command line, which may hold a secret, into the text).
    private static let baseFlags = MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF | MAGIC_RAW

    private static func flags(for mode: Mode) -> Int32 {
        switch mode {
        case .mimeType: baseFlags | MAGIC_MIME_TYPE
        case .description: baseFlags
        case .quickMimeType:
            baseFlags | MAGIC_MIME_TYPE | MAGIC_NO_CHECK_SOFT | MAGIC_NO_CHECK_JSON | MAGIC_NO_CHECK_CSV | MAGIC_NO_CHECK_CDF
                | MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_APPTYPE | MAGIC_NO_CHECK_TOKENS
        }
    }

    init() throws(MagicError) {
        guard let cookie = magic_open(Self.flags(for: .mimeType)) else {
            throw MagicError(operation: "magic_open", message: String(cString: strerror(errno)))
        }
        guard magic_load(cookie, nil) == 0 else {
            let error = Self.error(of: cookie, operation: "magic_load")
            magic_close(cookie)
            throw error
        }
        raw = cookie
    }

    deinit { magic_close(raw) }

    /// libmagic's verdict on `bytes` (the caller passes the file's first bytes, e.g. 64 KiB).
    func identify(_ bytes: UnsafeRawBufferPointer, mode: Mode) throws(MagicError) -> String {
        if mode != self.mode {
            guard magic_setflags(raw, Self.flags(for: mode)) == 0 else { throw Self.error(of: raw, operation: "magic_setflags") }
            self.mode = mode
        }
        // An empty buffer has no base address; libmagic still wants a valid pointer.
        var empty: UInt8 = 0
        let result = withUnsafePointer(to: &empty) { fallback in
            magic_buffer(raw, bytes.baseAddress ?? UnsafeRawPointer(fallback), bytes.count)
        }
        guard let result else { throw Self.error(of: raw, operation: "magic_buffer") }
        // safe: libmagic returns a NUL-terminated string it owns until the next call; copied here.
        return String(cString: result)
    }

    private static func error(of cookie: OpaquePointer, operation: String) -> MagicError {
        let code = magic_errno(cookie)
        if let message = magic_error(cookie) {
            return MagicError(operation: operation, message: String(cString: message))
        }
        return MagicError(operation: operation, message: code != 0 ? String(cString: strerror(code)) : "unknown error")
    }
}

/// Identifies files from their first bytes with libmagic and DumpSentry's own magic checks.
///
/// Owns a `MagicCookie`, so it is not thread-safe: create one per worker (the type is not
/// `Sendable`, so the compiler keeps each instance on one task). Loading the magic database costs
/// a few milliseconds, so a worker keeps its identifier for all its files.
public final class FileIdentifier {
    /// How many leading bytes to pass: enough for every format libmagic and the own checks know,
    /// small enough that identification never reads far into a dump.
    public static var prefixLength: Int { 64 * 1024 }

    private let cookie: MagicCookie

    /// Loads libmagic's default database.
    public init() throws(MagicError) {
        cookie = try MagicCookie()
    }

    /// The type of a file whose first bytes are `prefix` (pass at least `prefixLength` bytes when
    /// the file has them; longer buffers are cut). A libmagic failure is reported in
    /// `FileType.magicError`; the own label does not depend on libmagic.
    public func identify(_ prefix: UnsafeRawBufferPointer) -> FileType {
        // safe: rebasing a prefix of the caller's buffer stays inside it.
        let head = UnsafeRawBufferPointer(rebasing: prefix.prefix(Self.prefixLength))
        var type = FileType(label: FileSignature.label(of: head), mime: nil, description: nil)
        do throws(MagicError) {
            type.mime = try cookie.identify(head, mode: .mimeType)
            type.description = try cookie.identify(head, mode: .description)
        } catch {
            type.magicError = error
        }
        return type
    }

    /// How much identification a file is worth.
    public enum Depth: Sendable {
        /// libmagic's whole magic database on the first `prefixLength` bytes.
        case full
        /// libmagic's text and encoding tests on the first `quickPrefixLength` bytes: for small
        /// files, where the whole database would cost more than the scan (see `MagicCookie`).
        case quick
    }

    /// Bytes a `.quick` identification examines: enough to tell text from binary. libmagic's
    /// text tests cost about 40 instructions a byte (callgrind: 42 K per call at 1 KiB, 197 K at 4 KiB).
    public static var quickPrefixLength: Int { 1024 }

    /// The type a scan needs, to route the file and name it in the report (`reportName`), at no
    /// more cost than that: libmagic is not asked when an own label matched (the label names and
    /// routes the file), and its description only when its MIME type failed. A prefix that may
    /// be an old binary cpio archive gets the full database whatever `depth` says: only
    /// libmagic's verdict routes it to the archive reader.
    public func scanType(_ prefix: UnsafeRawBufferPointer, depth: Depth) -> FileType {
        // safe: rebasing a prefix of the caller's buffer stays inside it.
        let head = UnsafeRawBufferPointer(rebasing: prefix.prefix(Self.prefixLength))
        var type = FileType(label: FileSignature.label(of: head), mime: nil, description: nil)
        if type.label != nil { return type }
        let cpioMagic = head.count >= 2 && ((head[0] == 0xc7 && head[1] == 0x71) || (head[0] == 0x71 && head[1] == 0xc7))
        do throws(MagicError) {
            if depth == .full || cpioMagic {
                type.mime = try cookie.identify(head, mode: .mimeType)
            } else {
                type.mime = try cookie.identify(UnsafeRawBufferPointer(rebasing: head.prefix(Self.quickPrefixLength)), mode: .quickMimeType)
            }
        } catch {
            type.magicError = error
            do throws(MagicError) {
                type.description = try cookie.identify(head, mode: .description)
            } catch {
                // The MIME type's error is the one reported; the description had no better luck.
            }
        }
        return type
    }
}

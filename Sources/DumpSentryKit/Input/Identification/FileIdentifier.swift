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
}

/// Chooses a dump format by its magic and parses the layout.
public enum DumpLayoutParser {
    /// The layout of `bytes` (the whole file, e.g. a read-only memory map; only header pages are
    /// touched): `.success(nil)` when the bytes are not a known dump format, `.failure` when they
    /// carry a dump's magic but its header is broken. Either way the scanner scans every byte;
    /// only the attribution of findings to addresses is lost.
    ///
    /// `fileSize` larger than `bytes` means `bytes` is only the file's first part (a stream or an
    /// archive member, whose first MiBs are kept): minidump and ELF core headers normally lie there,
    /// and ranges past the prefix still map.
    public static func parse(_ bytes: UnsafeRawBufferPointer, fileSize: UInt64? = nil) -> Result<(any DumpLayout)?, FormatError> {
        do throws(FormatError) {
            if MinidumpLayout.matches(bytes) { return .success(try MinidumpLayout(bytes: bytes, fileSize: fileSize)) }
            if ElfCoreLayout.matches(bytes) { return .success(try ElfCoreLayout(bytes: bytes, fileSize: fileSize)) }
            if HprofLayout.matches(bytes) { return .success(try HprofLayout(bytes: bytes)) }
            if WindowsCrashDumpLayout.matches(bytes) { return .success(try WindowsCrashDumpLayout(bytes: bytes)) }
            return .success(nil)
        } catch {
            return .failure(error)
        }
    }
}

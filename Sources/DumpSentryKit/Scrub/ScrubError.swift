/// Why a scrub could not produce its output at all (exit status 2). A scrub that produced output
/// but could not prove it clean is not an error: it is a `ScrubReport` with `isClean == false`.
public enum ScrubError: Error, Sendable, CustomStringConvertible {
    /// The input could not be opened, read or examined.
    case input(SystemError)
    /// The output could not be created, written or committed (the target is left untouched).
    case output(SystemError)
    /// `--in-place` needs a regular file: stdin, FIFOs and devices cannot be replaced.
    case notReplaceable(path: String, kind: String)
    /// The scan that finds what to replace failed (the diagnostics say why).
    case scanFailed([ScanDiagnostic])
    /// The bytes scanned are not the bytes copied (the input changed while it was scrubbed), so
    /// the findings' offsets may not fit the file.
    case inputChanged(path: String, detail: String)
    /// A compressed or archived input could not be read or written back (corrupt, encrypted, a
    /// bomb guard, or a format libarchive cannot write without staging it on disk, such as 7z).
    case archive(path: String, message: String)
    /// The matcher could not be set up.
    case matcher(String)

    public var description: String {
        switch self {
        case .input(let error): "cannot read \(error.path): \(error)"
        case .output(let error): "cannot write \(error.path): \(error)"
        case .notReplaceable(let path, let kind): "\(path) is a \(kind), not a regular file: --in-place cannot replace it"
        case .scanFailed(let diagnostics): "scan failed: " + diagnostics.map(\.description).joined(separator: "; ")
        case .inputChanged(let path, let detail): "\(path) changed while it was scrubbed — \(detail); nothing was written"
        case .archive(let path, let message): "cannot rewrite \(path): \(message); nothing was written"
        case .matcher(let message): "cannot set up the matcher: \(message)"
        }
    }
}

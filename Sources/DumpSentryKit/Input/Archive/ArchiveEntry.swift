/// One member header as libarchive reports it. The name is data from the archive: it may hold
/// `../`, absolute paths or control characters, and is only ever reported, never used as a path.
struct ArchiveEntry {
    /// The member's path inside the archive (libarchive names a bare stream's only entry `data`).
    var name: String
    /// True for regular files: the only members with bytes (directories, links and devices have none).
    var isRegularFile: Bool
    /// True if the member's data or metadata is encrypted: not scannable without a passphrase.
    var isEncrypted: Bool
}

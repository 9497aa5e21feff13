/// One member header as libarchive reports it. The name is data from the archive: it may hold
/// `../`, absolute paths or control characters, and is only ever reported, never used as a path.
struct ArchiveEntry {
    /// The member's path inside the archive (libarchive names a bare stream's only entry `data`).
    var name: String
    /// The name's exact bytes when `name` does not hold them (not UTF-8); see ``NameBytes``.
    var nameBytes: [UInt8]?

    /// The exact bytes of the name.
    var exactName: [UInt8] { NameBytes.bytes(display: name, exact: nameBytes) }
    /// True for regular files: the only members with bytes (directories, links and devices have none).
    var isRegularFile: Bool
    /// True if the member's data or metadata is encrypted: not scannable without a passphrase.
    var isEncrypted: Bool
}

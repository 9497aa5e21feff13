import Glibc

/// What `fstat` said about an open descriptor. Decisions about an input are made from this,
/// never from a `stat` of its path (no check-then-open race).
public struct FileStatus: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case regular, directory, symlink, fifo, socket, characterDevice, blockDevice, unknown
    }

    public var kind: Kind
    public var size: UInt64
    public var device: UInt64
    public var inode: UInt64
    public var mode: UInt32
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64

    init(_ raw: stat) {
        switch raw.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        default: kind = .unknown
        }
        size = UInt64(max(0, raw.st_size))
        device = UInt64(raw.st_dev)
        inode = UInt64(raw.st_ino)
        mode = raw.st_mode
        modified = Int64(raw.st_mtim.tv_sec) * 1_000_000_000 + Int64(raw.st_mtim.tv_nsec)
    }

    /// Device and inode: the identity used to detect loops when following symlinks.
    public var identity: FileIdentity { FileIdentity(device: device, inode: inode) }
}

/// A file's (device, inode) pair.
public struct FileIdentity: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
}

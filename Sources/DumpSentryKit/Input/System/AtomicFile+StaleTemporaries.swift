import Glibc

extension AtomicFile {
    /// Removes this target's temporaries left by writers killed before `commit()` or `abandon()`:
    /// `.NAME.dumpsentry-PID-N.tmp` beside the target whose PID no longer runs. They hold whatever
    /// the dead writer had written (for scrub: unscrubbed bytes), so they must not linger. A
    /// temporary whose PID is alive (a concurrent writer, or a PID reused since) is kept; `unlinkat`
    /// removes a name, never what a symlink points to. Returns the paths removed.
    public func removeStaleTemporaries() throws(SystemError) -> [String] {
        var directory = "."
        var name = path
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        }
        let fd = try SystemError.check("open", directory) { Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        // A failed close of a read-only directory descriptor loses nothing.
        defer { _ = Glibc.close(fd) }
        let names = try DirectoryListing.entries(of: FileDescriptor(raw: fd), path: directory).get().map(\.name)
        let prefix = Array(".\(name).dumpsentry-".utf8), suffix = Array(".tmp".utf8)
        var removed: [String] = []
        for entry in names where entry.count > prefix.count + suffix.count
            && entry.starts(with: prefix) && entry.suffix(suffix.count).elementsEqual(suffix) {
            let middle = entry[prefix.count..<(entry.count - suffix.count)]   // "PID-N"
            guard let dash = middle.firstIndex(of: UInt8(ascii: "-")),
                  let pid = Int32(String(decoding: middle[..<dash], as: UTF8.self)), pid > 0, pid != getpid() else { continue }
            // Alive (0) or alive under another user (EPERM): not stale.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            let entryName = entry.map { CChar(bitPattern: $0) } + [0]
            if unlinkat(fd, entryName, 0) != 0 {
                if errno == ENOENT { continue }   // another cleaner got there first
                throw SystemError(operation: "unlink", path: directory + "/" + String(decoding: entry, as: UTF8.self), errno: errno)
            }
            removed.append(directory + "/" + String(decoding: entry, as: UTF8.self))
        }
        return removed
    }
}

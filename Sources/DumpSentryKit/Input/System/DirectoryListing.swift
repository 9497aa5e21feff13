import Glibc

/// Reads the entries of an open directory without consuming its descriptor.
enum DirectoryListing {
    /// One entry: its name, as bytes (a name that is not UTF-8 must still be opened exactly), and
    /// whether the directory says it is a regular file (`d_type`; false when it does not know).
    struct Entry {
        var name: [UInt8]
        var isRegularFile: Bool
    }

    static func entries(of directory: FileDescriptor, path: String) -> Result<[Entry], SystemError> {
        // fdopendir takes ownership of the descriptor it is given, so hand it a duplicate.
        let copy = dup(directory.raw)
        guard copy >= 0 else { return .failure(SystemError(operation: "dup", path: path, errno: errno)) }
        guard let stream = fdopendir(copy) else {
            let code = errno
            _ = Glibc.close(copy)
            return .failure(SystemError(operation: "opendir", path: path, errno: code))
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { return .failure(SystemError(operation: "readdir", path: path, errno: errno)) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name != [0x2e] && name != [0x2e, 0x2e] {
                entries.append(Entry(name: name, isRegularFile: entry.pointee.d_type == UInt8(DT_REG)))
            }
        }
        // Deterministic order, whatever the file system returns.
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return .success(entries)
    }
}

import Glibc

/// Reads the entry names of an open directory without consuming its descriptor.
enum DirectoryListing {
    static func names(of directory: FileDescriptor, path: String) -> Result<[[UInt8]], SystemError> {
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
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { return .failure(SystemError(operation: "readdir", path: path, errno: errno)) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            // Names stay bytes: a name that is not UTF-8 must still be opened exactly.
            if name != [0x2e] && name != [0x2e, 0x2e] { names.append(name) }
        }
        // Deterministic order, whatever the file system returns.
        names.sort { $0.lexicographicallyPrecedes($1) }
        return .success(names)
    }
}

import Foundation

/// On-disk cache of serialized Vectorscan databases, so start-up does not pay the compile.
///
/// Files live under `$XDG_CACHE_HOME/dumpsentry` (else `~/.cache/dumpsentry`, else a temp dir),
/// named by a SHA-256 of the engine version and every expression. A file is trusted only if its
/// header names the same key and its body has the recorded checksum; anything else is ignored
/// and rebuilt.
public struct DatabaseCache: Sendable {
    public let directory: URL
    /// Part of the file name as well as the header, so builds with different layouts keep
    /// separate files instead of rebuilding each other's on every start.
    private static let format = 3
    private static let magic = Array("DUMPSENTRY-HSDB-\(format)\n".utf8)

    public init(directory: URL) { self.directory = directory }

    /// The default location for this user.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseCache {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return DatabaseCache(directory: URL(fileURLWithPath: xdg).appendingPathComponent("dumpsentry"))
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return DatabaseCache(directory: URL(fileURLWithPath: home).appendingPathComponent(".cache/dumpsentry"))
        }
        return DatabaseCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("dumpsentry-\(getuid())"))
    }

    func file(for key: String) -> URL { directory.appendingPathComponent("\(key).v\(Self.format).hsdb") }

    /// A cached database and the per-rule facts computed with it (engine and width per rule).
    struct Entry {
        var database: VectorscanDatabase
        var metadata: [UInt8]
    }

    func load(key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: file(for: key).path) else { return nil }
        // Checked and deserialized in place: the file is megabytes, and every copy of it costs
        // page faults on each start.
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Entry? in
            let header = Self.magic + Array(key.utf8) + [0x0a]
            guard bytes.count > header.count + 12, bytes.prefix(header.count).elementsEqual(header) else { return nil }
            let recorded = bytes.loadUnaligned(fromByteOffset: header.count, as: UInt64.self)
            let body = UnsafeRawBufferPointer(rebasing: bytes[(header.count + 8)...])
            guard UInt64(littleEndian: recorded) == Self.checksum(body) else { return nil }
            let metadataLength = Int(body[0]) | Int(body[1]) << 8 | Int(body[2]) << 16 | Int(body[3]) << 24
            guard metadataLength <= body.count - 4 else { return nil }
            let metadata = Array(body[4..<(4 + metadataLength)])
            do {
                let database = try VectorscanDatabase.deserialize(UnsafeRawBufferPointer(rebasing: body[(4 + metadataLength)...]))
                return Entry(database: database, metadata: metadata)
            } catch {
                return nil   // foreign or corrupt: the caller rebuilds
            }
        }
    }

    func store(_ database: VectorscanDatabase, metadata: [UInt8], key: String) {
        // A cache that cannot be written only costs the next run a compile.
        do {
            let count = UInt32(metadata.count)
            let body = [UInt8(count & 0xff), UInt8(count >> 8 & 0xff), UInt8(count >> 16 & 0xff), UInt8(count >> 24)]
                + metadata + (try database.serialized())
            let sum = body.withUnsafeBytes { Self.checksum($0) }
            let contents = Self.magic + Array(key.utf8) + [0x0a] + withUnsafeBytes(of: sum.littleEndian) { Array($0) } + body
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let temporary = directory.appendingPathComponent(".\(key).\(getpid()).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(contents),
                                                 attributes: [.posixPermissions: 0o600]) else { return }
            if rename(temporary.path, file(for: key).path) != 0 { unlink(temporary.path) }
        } catch {
            return
        }
    }

    /// A 64-bit checksum of `bytes`: four lanes of xor-then-multiply (by an odd number, so every
    /// step is invertible) over 8-byte words, folded the same way, then the tail and the length;
    /// any one damaged word or a changed length changes it. The file is the user's own, so this
    /// guards against damage, not forgery, as the SHA-256 it replaced did: that hash cost 20 ms,
    /// a fifth of a warm start's instructions; this runs at memory speed.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        var c: UInt64 = 0x9ce4_8422_2325_cbf2, d: UInt64 = 0x2325_cbf2_9ce4_8422
        var offset = 0
        while offset + 32 <= bytes.count {
            a = (a ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
            b = (b ^ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* prime
            c = (c ^ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)) &* prime
            d = (d ^ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)) &* prime
            offset += 32
        }
        var sum = [a, b, c, d].reduce(0) { ($0 ^ $1) &* prime }
        for byte in bytes[offset...] { sum = (sum ^ UInt64(byte)) &* prime }
        return (sum ^ UInt64(bytes.count)) &* prime
    }
}

import Crypto
import Foundation

/// On-disk cache of serialized Vectorscan databases, so start-up does not pay the compile.
///
/// Files live under `$XDG_CACHE_HOME/dumpsentry` (else `~/.cache/dumpsentry`, else a temp dir),
/// named by a SHA-256 of the engine version and every expression. A file is trusted only if its
/// header names the same key and its body hashes to the recorded digest; anything else is
/// ignored and rebuilt.
public struct DatabaseCache: Sendable {
    public let directory: URL
    private static let magic = Array("DUMPSENTRY-HSDB-2\n".utf8)

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

    func file(for key: String) -> URL { directory.appendingPathComponent("\(key).hsdb") }

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
            guard bytes.count > header.count + 36, bytes.prefix(header.count).elementsEqual(header) else { return nil }
            let digest = bytes[header.count..<(header.count + 32)]
            let body = UnsafeRawBufferPointer(rebasing: bytes[(header.count + 32)...])
            guard SHA256.hash(data: body).elementsEqual(digest) else { return nil }
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
            let contents = Self.magic + Array(key.utf8) + [0x0a] + Array(SHA256.hash(data: body)) + body
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
}

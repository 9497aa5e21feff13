import Foundation
import Testing
@testable import DumpSentryKit

@Suite("Database cache")
struct DatabaseCacheTests {
    /// Compiles the test rules into a fresh cache directory and returns the cache and its one file.
    static func filledCache(in directory: TemporaryDirectory) throws -> (DatabaseCache, URL) {
        let cache = DatabaseCache(directory: directory.url.appendingPathComponent("cache"))
        let first = try RuleDatabase(TestRules.all, cache: cache)
        #expect(!first.loadedFromCache)
        let file = cache.file(for: RuleDatabase.cacheKey(TestRules.all))
        #expect(FileManager.default.fileExists(atPath: file.path))
        return (cache, file)
    }

    /// Scans one planted key with `database`: a database from the cache must find what a fresh one finds.
    static func findsPlantedKey(_ database: RuleDatabase) throws -> Bool {
        var dump = DumpBuilder(size: 4096, seed: 3)
        dump.plant("id=" + TestRules.awsKey, at: 1000)
        let found = try ScanPipeline(database: database, chunkSize: 1024, workers: 1).scan(bytes: dump.bytes)
        return found.contains { $0.ruleID == TestRules.aws.id && $0.offset == 1003 }
    }

    @Test func warmStartLoadsTheCachedDatabase() throws {
        let directory = TemporaryDirectory()
        let (cache, _) = try Self.filledCache(in: directory)
        let warm = try RuleDatabase(TestRules.all, cache: cache)
        #expect(warm.loadedFromCache)
        #expect(try Self.findsPlantedKey(warm))
    }

    /// A flipped byte anywhere (header, checksum, per-rule metadata, the database), a truncated
    /// file or a file under another key is not trusted: the database is compiled again and still
    /// finds the key.
    @Test(arguments: ["flip-header", "flip-checksum", "flip-metadata", "flip-body", "flip-last", "truncate", "empty"])
    func damagedCacheFileIsRebuilt(damage: String) throws {
        let directory = TemporaryDirectory()
        let (cache, file) = try Self.filledCache(in: directory)
        var bytes = [UInt8](try Data(contentsOf: file))
        // Magic line, key line, 8-byte checksum, 4-byte metadata length, metadata, database.
        let checksumStart = try #require(bytes.indices.filter { bytes[$0] == 0x0a }.dropFirst().first) + 1
        switch damage {
        case "flip-header": bytes[3] ^= 0x01
        case "flip-checksum": bytes[checksumStart + 5] ^= 0x01
        case "flip-metadata": bytes[checksumStart + 8 + 4] ^= 0x01
        case "flip-body": bytes[bytes.count / 2] ^= 0x40
        case "flip-last": bytes[bytes.count - 1] ^= 0x80
        case "truncate": bytes.removeLast(bytes.count / 3)
        default: bytes = []
        }
        try Data(bytes).write(to: file)
        let rebuilt = try RuleDatabase(TestRules.all, cache: cache)
        #expect(!rebuilt.loadedFromCache)
        #expect(try Self.findsPlantedKey(rebuilt))
        // The rebuild rewrote a good file.
        #expect(try RuleDatabase(TestRules.all, cache: cache).loadedFromCache)
    }
}

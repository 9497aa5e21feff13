import CVectorscan
import Glibc

/// A compiled block-mode Vectorscan database, shared read-only by every worker.
final class VectorscanDatabase: @unchecked Sendable {
    // safe: hs_database_t is immutable after compilation and documented as shareable between
    // threads; each thread scans with its own scratch.
    let raw: OpaquePointer

    private init(raw: OpaquePointer) { self.raw = raw }

    deinit { hs_free_database(raw) }

    /// Compiles all expressions into one database.
    static func compile(_ expressions: [VectorscanExpression]) throws(VectorscanError) -> VectorscanDatabase {
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let patterns = expressions.map { strdup($0.pattern) }
        defer { patterns.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = patterns.map { UnsafePointer($0) }
        var flags = expressions.map { $0.flags }
        var ids = expressions.map { $0.id }
        let status = hs_compile_multi(&pointers, &flags, &ids, UInt32(expressions.count), UInt32(HS_MODE_BLOCK), nil, &database, &error)
        guard status == HS_SUCCESS, let database else {
            throw VectorscanError.fromCompile(error, status: status)
        }
        return VectorscanDatabase(raw: database)
    }

    /// The engine's version string, part of the cache key.
    static var engineVersion: String { String(cString: hs_version()) }

    /// Serializes the database for the on-disk cache.
    func serialized() throws(VectorscanError) -> [UInt8] {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        try VectorscanError.check(hs_serialize_database(raw, &bytes, &length), "serialize database")
        guard let bytes else { throw VectorscanError(status: -1, message: "serialize returned no bytes", expression: nil) }
        defer { free(bytes) }
        return Array(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// Loads a serialized database. Vectorscan checks the platform and version in the blob and
    /// rejects a foreign one; callers also check their own hash before trusting the file.
    static func deserialize(_ bytes: UnsafeRawBufferPointer) throws(VectorscanError) -> VectorscanDatabase {
        var database: OpaquePointer?
        let status = hs_deserialize_database(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, &database)
        try VectorscanError.check(status, "deserialize database")
        guard let database else { throw VectorscanError(status: -1, message: "deserialize returned no database", expression: nil) }
        return VectorscanDatabase(raw: database)
    }
}

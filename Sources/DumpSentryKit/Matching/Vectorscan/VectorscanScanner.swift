import CVectorscan

/// Runs a database over one buffer and appends every (expression id, end offset) pair to `hits`.
/// Hits are packed as `id << 32 | end`, so one sort groups them by expression, then by end.
struct VectorscanScanner {
    let database: VectorscanDatabase
    let scratch: VectorscanScratch

    init(database: VectorscanDatabase) throws(VectorscanError) {
        self.database = database
        scratch = try VectorscanScratch(for: database)
    }

    /// `bytes.count` must stay below 4 GiB (`hs_scan` takes a 32-bit length); chunks are far smaller.
    func scan(_ bytes: UnsafeRawBufferPointer, into hits: HitBuffer) throws(VectorscanError) {
        precondition(bytes.count < Int(UInt32.max), "chunk too large for hs_scan")
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        // safe: `hits` outlives the synchronous hs_scan call; the callback only appends to it.
        let context = Unmanaged.passUnretained(hits).toOpaque()
        let status = hs_scan(database.raw, base.assumingMemoryBound(to: CChar.self), UInt32(bytes.count), 0, scratch.raw, { id, _, to, _, context in
            guard let context else { return 1 }
            let hits = Unmanaged<HitBuffer>.fromOpaque(context).takeUnretainedValue()
            hits.values.append(UInt64(id) << 32 | to)
            return hits.values.count < HitBuffer.limit ? 0 : 1
        }, context)
        if status == HS_SCAN_TERMINATED { hits.overflowed = true; return }
        try VectorscanError.check(status, "scan")
    }
}

/// A worker's reusable list of raw hits.
final class HitBuffer {
    /// Beyond this many hits in one buffer the scan stops and the chunk is flagged: a bound on
    /// memory for pathological inputs (e.g. megabytes of one repeated keyword).
    static let limit = 4_000_000
    var values: [UInt64] = []
    var overflowed = false

    func reset() {
        values.removeAll(keepingCapacity: true)
        overflowed = false
    }
}

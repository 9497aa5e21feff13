import CVectorscan

/// One Vectorscan scratch region. Not thread-safe: each worker owns exactly one.
final class VectorscanScratch {
    let raw: OpaquePointer   // hs_scratch_t *, freed in deinit

    init(for database: VectorscanDatabase) throws(VectorscanError) {
        var scratch: OpaquePointer?
        try VectorscanError.check(hs_alloc_scratch(database.raw, &scratch), "allocate scratch")
        raw = scratch!   // safe: HS_SUCCESS guarantees a non-nil scratch
    }

    deinit { hs_free_scratch(raw) }
}

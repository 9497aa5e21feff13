/// How a scan runs. Defaults suit a boundary scan: all cores, 4 MiB chunks, memory maps.
public struct ScanOptions: Sendable {
    /// Worker count; defaults to the number of cores.
    public var threads: Int
    /// Bytes of each chunk's core. 4 MiB keeps a chunk in L2/L3-friendly range while making the
    /// per-chunk overhead (overlap, UTF-16 views, scratch reuse) negligible.
    public var chunkSize: Int
    public var followSymlinks: Bool
    /// Map regular files (default). Off: read them as streams, as for a dump still being written.
    public var useMemoryMap: Bool
    /// Archives and compressed streams opened inside one another, the input itself counting as 1.
    public var maxArchiveDepth: Int = 3
    /// Bytes one archive member or compressed stream may decompress to before the input stops.
    public var maxDecompressedSize: UInt64 = 64 << 30
    /// Decompressed bytes allowed per compressed byte read from the input (N for N:1).
    public var maxExpansionRatio: UInt64 = 1000
    /// Regular files up to this size are read whole and scanned many to a work item, not mapped
    /// (`ScanPipeline+SmallFiles.swift`): for them a mapping's system calls cost more than the scan.
    /// 0 maps every file. Above 256 KiB the mapping's cost is under a few percent of the scan.
    public var smallFileLimit: Int = 256 << 10
    /// Scan only this worker's share of the files (`--shard K/N`); nil: all of them.
    public var shard: InputShard?

    public static let defaultChunkSize = 4 << 20

    public init(threads: Int? = nil, chunkSize: Int = ScanOptions.defaultChunkSize,
                followSymlinks: Bool = false, useMemoryMap: Bool = true) {
        self.threads = max(1, threads ?? ScanOptions.availableCores)
        self.chunkSize = max(1, chunkSize)
        self.followSymlinks = followSymlinks
        self.useMemoryMap = useMemoryMap
    }

    public static var availableCores: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

import Glibc

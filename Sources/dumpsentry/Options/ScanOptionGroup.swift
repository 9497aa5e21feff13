import ArgumentParser
import DumpSentryKit

/// How the scan runs.
struct ScanOptionGroup: ParsableArguments {
    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(help: ArgumentHelp("Bytes per chunk, e.g. 64K, 4M (default 4M).", valueName: "size"))
    var chunkSize: String?

    @Flag(help: "Follow symbolic links while walking directories (loops are detected by device and inode).")
    var followSymlinks = false

    @Flag(help: "Read files instead of memory-mapping them (for dumps that may still be written).")
    var noMmap = false

    @Option(help: "Archives and compressed streams unpacked inside one another, the input counting as 1 (default 3).")
    var maxDepth: Int?

    @Option(help: ArgumentHelp("Stop an input when one member decompresses past this size, e.g. 512M, 64G (default 64G).",
                               valueName: "size"))
    var maxDecompressedSize: String?

    @Option(help: ArgumentHelp("Stop an input that expands more than N times the compressed bytes read (default 1000).",
                               valueName: "N"))
    var maxExpansionRatio: Int?

    func validate() throws {
        if let threads, threads < 1 || threads > 1024 { throw ValidationError("--threads must be between 1 and 1024") }
        if let chunkSize, ByteSize.parse(chunkSize) == nil { throw ValidationError("--chunk-size '\(chunkSize)' is not a size like 64K or 4M") }
        if let maxDepth, maxDepth < 1 || maxDepth > 64 { throw ValidationError("--max-depth must be between 1 and 64") }
        if let maxDecompressedSize, ByteSize.parse(maxDecompressedSize, maximum: 1 << 60) == nil {
            throw ValidationError("--max-decompressed-size '\(maxDecompressedSize)' is not a size like 512M or 64G")
        }
        if let maxExpansionRatio, maxExpansionRatio < 1 { throw ValidationError("--max-expansion-ratio must be at least 1") }
    }

    var scanOptions: ScanOptions {
        var options = ScanOptions(threads: threads, chunkSize: chunkSize.flatMap { ByteSize.parse($0) } ?? ScanOptions.defaultChunkSize,
                                  followSymlinks: followSymlinks, useMemoryMap: !noMmap)
        if let maxDepth { options.maxArchiveDepth = maxDepth }
        if let size = maxDecompressedSize.flatMap({ ByteSize.parse($0, maximum: 1 << 60) }) { options.maxDecompressedSize = UInt64(size) }
        if let maxExpansionRatio { options.maxExpansionRatio = UInt64(maxExpansionRatio) }
        return options
    }
}

/// Parses sizes like `4096`, `64K`, `4M`, `1G` (powers of 1024).
enum ByteSize {
    /// `maximum` defaults to 4 GiB (chunk sizes); decompression limits allow more.
    static func parse(_ text: String, maximum: Int = 1 << 32) -> Int? {
        var digits = text.uppercased()
        var multiplier = 1
        if digits.hasSuffix("B") { digits.removeLast() }
        switch digits.last {
        case "K": multiplier = 1 << 10; digits.removeLast()
        case "M": multiplier = 1 << 20; digits.removeLast()
        case "G": multiplier = 1 << 30; digits.removeLast()
        default: break
        }
        guard let value = Int(digits), value > 0, value <= maximum / multiplier else { return nil }
        return value * multiplier
    }
}

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

    func validate() throws {
        if let threads, threads < 1 || threads > 1024 { throw ValidationError("--threads must be between 1 and 1024") }
        if let chunkSize, ByteSize.parse(chunkSize) == nil { throw ValidationError("--chunk-size '\(chunkSize)' is not a size like 64K or 4M") }
    }

    var scanOptions: ScanOptions {
        ScanOptions(threads: threads, chunkSize: chunkSize.flatMap(ByteSize.parse) ?? ScanOptions.defaultChunkSize,
                    followSymlinks: followSymlinks, useMemoryMap: !noMmap)
    }
}

/// Parses sizes like `4096`, `64K`, `4M`, `1G` (powers of 1024).
enum ByteSize {
    static func parse(_ text: String) -> Int? {
        var digits = text.uppercased()
        var multiplier = 1
        if digits.hasSuffix("B") { digits.removeLast() }
        switch digits.last {
        case "K": multiplier = 1 << 10; digits.removeLast()
        case "M": multiplier = 1 << 20; digits.removeLast()
        case "G": multiplier = 1 << 30; digits.removeLast()
        default: break
        }
        guard let value = Int(digits), value > 0, value <= (1 << 32) / multiplier else { return nil }
        return value * multiplier
    }
}

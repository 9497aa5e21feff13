import CFuzzDriver
import DumpSentryKit
import Foundation

/// Differential libFuzzer harness for the chunk scanner: the fuzz input describes a chunk size, a
/// thread count, mapped or streamed reading, and secrets to plant (bundled rule examples, in ASCII,
/// UTF-16LE or UTF-16BE) into bytes taken from the input. Scanning the file that way must give
/// exactly the findings of one chunk on one thread; any difference traps. Built by
/// `scripts/fuzz.sh chunk-scanner` through SwiftPM.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChunkScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(UnsafeBufferPointer(start: data, count: size))
    let plan = ChunkScannerCase(reading: &input)
    do {
        try Data(plan.bytes).write(to: ChunkScannerCase.file)
    } catch {
        preconditionFailure("cannot write the fuzz file: \(error)")
    }
    let path = ChunkScannerCase.file.path
    let database = ChunkScannerCase.database
    let reference = ScanPipeline(database: database, chunkSize: max(1, plan.bytes.count), workers: 1).run(paths: [path])
    let varied = ScanPipeline(database: database, chunkSize: plan.chunkSize, workers: plan.workers,
                              useMemoryMap: plan.memoryMapped).run(paths: [path])
    if reference.findings != varied.findings || !reference.errors.isEmpty || !varied.errors.isEmpty {
        func listed(_ outcome: ScanOutcome) -> String {
            outcome.findings.map { "\($0.ruleID)@\($0.offset)+\($0.length)/\($0.encoding)" }.joined(separator: " ")
                + " errors: " + outcome.errors.map(\.message).joined(separator: "; ")
        }
        preconditionFailure("""
            chunk scan differs (\(plan.bytes.count) bytes, chunk \(plan.chunkSize), \(plan.workers) workers, \
            mapped \(plan.memoryMapped))
            one chunk: \(listed(reference))
            varied:    \(listed(varied))
            """)
    }
    return 0
}

/// One differential case decoded from fuzz bytes.
struct ChunkScannerCase {
    var chunkSize: Int
    var workers: Int
    var memoryMapped: Bool
    var bytes: [UInt8]

    /// The default rules and detectors, compiled once per process.
    static let database: RuleDatabase = {
        do { return try RuleDatabase(RuleSet.defaults()) } catch { preconditionFailure("rules do not compile: \(error)") }
    }()
    /// Every example of every bundled rule: the secrets a case can plant.
    static let examples: [[UInt8]] = {
        do { return try RuleSet.bundledRules().flatMap(\.examples).map { Array($0.utf8) } } catch {
            preconditionFailure("bundled rules do not load: \(error)")
        }
    }()
    static let file = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("dumpsentry-chunk-fuzz-\(getpid()).bin")

    init(reading input: inout FuzzInput) {
        let flags = input.byte()
        let sizeSeed = Int(input.uint16())
        workers = 1 + Int(flags & 3)
        memoryMapped = flags & 4 == 0
        let plants = Int(flags >> 3) & 7
        var planted: [(position: Int, bytes: [UInt8])] = []
        for _ in 0..<plants {
            let example = Self.examples[Int(input.uint16()) % Self.examples.count]
            let encoding = input.byte() % 3
            let position = Int(input.uint16())
            let encoded: [UInt8] = switch encoding {
            case 0: example
            case 1: example.flatMap { [$0, 0] }
            default: example.flatMap { [0, $0] }
            }
            planted.append((position, encoded))
        }
        bytes = input.rest()
        for plant in planted {
            let position = bytes.isEmpty ? 0 : plant.position % (bytes.count + 1)
            bytes.insert(contentsOf: plant.bytes, at: position)
        }
        // Mostly tiny chunks (many boundaries, overlaps larger than the chunk), sometimes any size.
        chunkSize = flags & 0x40 == 0 ? 1 + sizeSeed % 97 : 1 + sizeSeed % max(1, bytes.count)
    }
}

/// Reads fuzz bytes front to back; past the end every read is zero.
struct FuzzInput {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func uint16() -> UInt16 { UInt16(byte()) | UInt16(byte()) << 8 }

    mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return position < bytes.count ? Array(bytes[position...]) : []
    }
}

/// SwiftPM links the program's `main` to `ChunkScannerFuzz_main`: start libFuzzer's driver from there.
@_cdecl("ChunkScannerFuzz_main")
public func fuzzChunkScannerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    // Compile the rules before libFuzzer starts its per-input timeout (minutes on a loaded machine).
    _ = ChunkScannerCase.database
    _ = ChunkScannerCase.examples
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzChunkScanner(data, size)
    }
}

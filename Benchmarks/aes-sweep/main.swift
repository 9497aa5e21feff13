// Release-mode throughput benchmark for AESKeyScheduleDetector (built by aes-sweep.sh, not by SwiftPM).
// Usage: aes-sweep [MiB] [file]   — generated dump-like data of MiB (default 256), or the file's bytes.
import Foundation

/// xorshift64*: a fast deterministic generator for filler bytes (not for keys that matter).
struct FillerRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// Dump-like content: 1 MiB regions of random bytes, zero pages, ASCII text, UTF-16LE text,
/// pointer arrays and small-integer tables, with AES-128/192/256 schedules planted in some.
func makeDumpLike(bytes count: Int, planted: inout [Int]) -> [UInt8] {
    var random = FillerRandom(state: 0x9E37_79B9_7F4A_7C15)
    var data = [UInt8](repeating: 0, count: count)
    let words = ["the", "session", "token", "error", "user", "GET", "/api/v1/items", "Content-Type:",
                 "application/json", "null", "true", "0x7ffd1234", "connection", "reset", "by", "peer",
                 "\n", "  ", "{", "}", "\"id\":", "12345", "ERROR", "warning:", "stack", "frame"]
    let region = 1 << 20
    var offset = 0
    var kind = 0
    while offset < count {
        let end = min(offset + region, count)
        switch kind % 8 {
        case 0, 1:  // random (compressed or encrypted data)
            var index = offset
            while index + 8 <= end {
                withUnsafeBytes(of: random.next()) { raw in for k in 0..<8 { data[index + k] = raw[k] } }
                index += 8
            }
        case 2, 3:  // zero pages: left as zeros
            break
        case 4:  // ASCII text
            var index = offset
            while index < end {
                for byte in words[Int(random.next() % UInt64(words.count))].utf8 where index < end {
                    data[index] = byte; index += 1
                }
                if index < end { data[index] = 0x20; index += 1 }
            }
        case 5:  // UTF-16LE text
            var index = offset
            while index + 1 < end {
                for byte in words[Int(random.next() % UInt64(words.count))].utf8 where index + 1 < end {
                    data[index] = byte; data[index + 1] = 0; index += 2
                }
            }
        case 6:  // heap-like: pointers, small integers, lengths, zero padding
            var index = offset
            while index + 16 <= end {
                let r = random.next()
                let pointer: UInt64 = 0x0000_7f00_0000_0000 | (r & 0x00ff_ffff_fff0)
                let small = UInt64(r >> 58)
                withUnsafeBytes(of: pointer) { raw in for k in 0..<8 { data[index + k] = raw[k] } }
                withUnsafeBytes(of: small) { raw in for k in 0..<8 { data[index + 8 + k] = raw[k] } }
                index += 16
            }
        default:  // counters and repeated structs
            var index = offset
            var counter: UInt32 = 0
            while index + 16 <= end {
                counter &+= 1
                withUnsafeBytes(of: counter) { raw in for k in 0..<4 { data[index + k] = raw[k] } }
                withUnsafeBytes(of: UInt32(0x10)) { raw in for k in 0..<4 { data[index + 4 + k] = raw[k] } }
                index += 16
            }
        }
        if kind % 8 == 0 || kind % 8 == 6 {
            // Plant one schedule of each size at an unaligned offset inside this region.
            for (n, size) in AESKeySize.allCases.enumerated() {
                let at = offset + 4096 * (n + 1) + n + 1
                guard at + size.scheduleBytes <= end else { continue }
                let key = (0..<size.keyWords).map { _ in UInt32(truncatingIfNeeded: random.next()) }
                for (w, word) in AESKeyExpansion.expand(key, size: size).enumerated() {
                    withUnsafeBytes(of: word.littleEndian) { raw in for k in 0..<4 { data[at + 4 * w + k] = raw[k] } }
                }
                planted.append(at)
            }
        }
        offset = end
        kind += 1
    }
    return data
}

let arguments = CommandLine.arguments
let mebibytes = arguments.count > 1 ? Int(arguments[1]) ?? 256 : 256
var planted: [Int] = []
let data: [UInt8]
if arguments.count > 2 {
    data = [UInt8](FileManager.default.contents(atPath: arguments[2]) ?? Data())
} else {
    data = makeDumpLike(bytes: mebibytes << 20, planted: &planted)
}

// Scan as the pipeline will: 4 MiB chunks with an overlap of one maximal schedule.
let detector = AESKeyScheduleDetector()
let chunk = 4 << 20
let overlap = detector.maxStructureLength
var found: [Int] = []
var hits: [(Int, DetectedStructure)] = []
/// CPU time of this thread: on a shared machine, wall time measures the neighbours too.
func threadSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
var best = Double.infinity
var bestWall = Double.infinity
let runs = 7
for _ in 0..<runs {
    found.removeAll()
    hits.removeAll()
    let began = DispatchTime.now().uptimeNanoseconds
    let beganCPU = threadSeconds()
    data.withUnsafeBytes { all in
        var start = 0
        while start < all.count {
            let end = min(start + chunk + overlap, all.count)
            let report = 0..<min(chunk, end - start)
            let view = UnsafeRawBufferPointer(rebasing: all[start..<end])
            for hit in detector.sweep(view, reportRange: report) {
                found.append(start + hit.range.lowerBound)
                hits.append((start + hit.range.lowerBound, hit))
            }
            start += chunk
        }
    }
    best = min(best, threadSeconds() - beganCPU)
    bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
}
let megabytes = Double(data.count) / 1e6
print(String(format: "%.0f MB, best of %d, 1 thread: %.0f MB/s (CPU time %.3f s), %.0f MB/s (wall %.3f s)",
             megabytes, runs, megabytes / best, best, megabytes / bestWall, bestWall))
print("schedules found: \(found.count), planted: \(planted.count), planted and found: \(Set(planted).intersection(found).count)")
if arguments.count > 2 {
    // Key previews only (first two bytes), as everywhere else: never print a whole key.
    for (offset, hit) in hits {
        let preview = hit.secret.prefix(2).map { String(format: "%02x", $0) }.joined()
        print("  offset \(offset): AES-\(hit.key?.bits ?? 0) key \(preview)…, validated \(hit.key?.validated ?? false), \(hit.confidence)")
    }
}

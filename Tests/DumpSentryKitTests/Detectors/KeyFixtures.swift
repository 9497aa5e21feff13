import Foundation
@testable import DumpSentryKit

/// Throwaway test keys made by `scripts/make-key-fixtures.py` (freshly generated on each test
/// run, never used anywhere else), with the fingerprints `cryptography` computes for them.
struct KeyFixtures: Sendable {
    struct Key: Sendable {
        var name: String
        var algorithm: String
        var bits: Int?
        var curve: String?
        var spkiSHA256: String
        var spki: [UInt8]
        var jwk: String?
        var secret: [UInt8]
        var prime1: [UInt8]?
        var formats: [String: [UInt8]]
    }

    var keys: [Key]
    var stores: [String: [UInt8]]

    func key(_ name: String) -> Key? { keys.first { $0.name == name } }

    /// Generated once per test process.
    static let shared: Result<KeyFixtures, FixtureError> = generate()

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }

    private static func generate() -> Result<KeyFixtures, FixtureError> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/make-key-fixtures.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return .failure(FixtureError(description: "cannot run \(script.path): \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(FixtureError(description: "\(script.path) exited with \(process.terminationStatus)"))
        }
        do {
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let keyList = json["keys"] as? [[String: Any]],
                  let storeList = json["stores"] as? [String: String] else {
                return .failure(FixtureError(description: "unexpected fixture JSON"))
            }
            let keys = keyList.map { entry -> Key in
                let formats = (entry["formats"] as? [String: String] ?? [:]).mapValues(hexBytes)
                return Key(name: entry["name"] as? String ?? "", algorithm: entry["algorithm"] as? String ?? "",
                           bits: entry["bits"] as? Int, curve: entry["curve"] as? String,
                           spkiSHA256: entry["spkiSHA256"] as? String ?? "", spki: hexBytes(entry["spki"] as? String ?? ""),
                           jwk: entry["jwk"] as? String, secret: hexBytes(entry["secret"] as? String ?? ""),
                           prime1: (entry["p"] as? String).map(hexBytes), formats: formats)
            }
            return .success(KeyFixtures(keys: keys, stores: storeList.mapValues(hexBytes)))
        } catch {
            return .failure(FixtureError(description: "fixture JSON: \(error)"))
        }
    }

    static func hexBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            out.append(UInt8(hexDigit(high) << 4 | hexDigit(low)))
        }
        return out
    }

    private static func hexDigit(_ character: UInt8) -> UInt8 {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: 0
        }
    }
}

/// Stands in for the Vectorscan matcher: every anchor is matched at every end offset (the
/// anchors are fixed-length byte-set sequences) and `inspect` is called on each hit.
enum AnchorScan {
    static func structures(in buffer: [UInt8], detectors: [any BinaryDetector] = KeyDetectors.all) -> [DetectedStructure] {
        var found: [DetectedStructure] = []
        buffer.withUnsafeBytes { bytes in
            for detector in detectors {
                let anchors = detector.anchors.map { FixedLengthAnchor($0.pattern) }
                for end in 0...bytes.count {
                    for (index, anchor) in anchors.enumerated() where anchor.matches(bytes, endingAt: end) {
                        for structure in detector.inspect(bytes, anchorEnd: end, anchorIndex: index)
                        where !found.contains(where: { $0.ruleID == structure.ruleID && $0.range == structure.range }) {
                            found.append(structure)
                        }
                    }
                }
            }
        }
        return found
    }

    /// Random bytes with `payload` at `offset`.
    static func plant(_ payload: [UInt8], at offset: Int, trailing: Int = 777) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var buffer = (0..<(offset + payload.count + trailing)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        buffer.replaceSubrange(offset..<(offset + payload.count), with: payload)
        return buffer
    }
}

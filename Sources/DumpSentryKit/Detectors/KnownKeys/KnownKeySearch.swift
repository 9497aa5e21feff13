import BigInt
import Crypto
import Foundation

/// The known-key search, a per-file pass after the chunk scan: for each known public key (from
/// `--public-key` or harvested from the file), find its RSA modulus / EC x coordinate in both byte
/// orders (big-endian as in DER; little-endian as OpenSSL and Go keep big numbers in 64-bit limbs on
/// x86-64, i.e. the whole number byte-reversed), and test the words within `window` bytes of every
/// place it lies for a prime factor p of n (n mod p = 0) or a scalar d with d·G = Q. Each value
/// found is then looked for across the whole file in both byte orders, and every copy is a
/// critical, validated finding.
///
/// Bounded: at most `maxOccurrences` places per key, windows merged, cheap byte filters before any
/// arithmetic, and at most `maxTestsPerKey` arithmetic tests per key (a note says when it stopped).
public struct KnownKeySearch: Sendable {
    public static let rsaFactorRule = DetectorRule(
        id: "key.known-rsa-factor", name: "Prime factor of a known RSA public key (raw number in memory)", severity: .critical,
        references: ["https://www.rfc-editor.org/rfc/rfc8017#section-3.2"])
    public static let ecScalarRule = DetectorRule(
        id: "key.known-ec-scalar", name: "Private scalar of a known EC public key (raw number in memory)", severity: .critical,
        references: ["https://www.secg.org/sec1-v2.pdf"])
    public static let rules = [rsaFactorRule, ecScalarRule]

    /// The rule a key's private half is reported under.
    static func rule(for key: KnownPublicKey) -> DetectorRule {
        if case .rsa = key.material { return rsaFactorRule }
        return ecScalarRule
    }

    /// Bytes searched on each side of a place the public value lies.
    public static let window = 64 * 1024
    static let maxOccurrences = 64
    static let maxTestsPerKey = 200_000
    /// Copies of one private value reported per file.
    static let maxCopies = 256

    public let keys: [KnownPublicKey]

    public init(keys: [KnownPublicKey]) {
        self.keys = keys
    }

    /// What the pass found and anything it could not finish.
    public struct Outcome: Sendable {
        public var findings: [Finding] = []
        public var notes: [String] = []
    }

    /// A private value found, big-endian, with the key it completes.
    private struct Found {
        var rule: DetectorRule
        var value: [UInt8]
        var key: KeyInfo
        var origin: String
    }

    /// Searches `bytes` (a whole file); `blockDone` is told each span the linear passes finish with.
    public func run(_ bytes: UnsafeRawBufferPointer, path: String, member: String?,
                    blockDone: (Range<Int>) -> Void = { _ in }) -> Outcome {
        var outcome = Outcome()
        guard !keys.isEmpty, !bytes.isEmpty else { return outcome }
        let places: [[Int]]
        do {
            places = try LiteralSearch(Self.inBothOrders(keys.map(\.searchedValue)))
                .occurrences(in: bytes, limit: Self.maxOccurrences, blockDone: blockDone)
        } catch {
            outcome.notes.append("known-key search not run: \(error)")
            return outcome
        }
        var found: [Found] = []
        for (index, key) in keys.enumerated() {
            let bigEndian = places[2 * index], little = places[2 * index + 1]
            guard !bigEndian.isEmpty || !little.isEmpty else { continue }
            var tester = CandidateTester(key: key)
            let length = key.searchedValue.count
            let windows = Self.mergedWindows(around: bigEndian + little, length: length, limit: bytes.count)
            // Limbs are 8-byte aligned in memory: a little-endian copy of the public value gives
            // the alignment phase of the file; phase 0 covers layouts that keep memory alignment.
            let phases = Set([0] + little.map { $0 % 8 }).sorted()
            for window in windows {
                for phase in phases {
                    var position = window.lowerBound + ((phase - window.lowerBound % 8) + 8) % 8
                    while position < window.upperBound && !tester.isDone {
                        tester.test(bytes, at: position)
                        position += 8
                    }
                }
            }
            if tester.exhausted {
                outcome.notes.append("known-key search for \(key.info.publicKeySHA256 ?? "a key") from \(key.origin) stopped after \(Self.maxTestsPerKey) candidate tests")
            }
            for value in tester.found {
                found.append(Found(rule: tester.rule, value: value.secret, key: value.key, origin: key.origin))
            }
        }
        guard !found.isEmpty else { return outcome }
        outcome.findings = copies(of: found, in: bytes, path: path, member: member, notes: &outcome.notes)
        return outcome
    }

    /// Every copy of every found value, big- and little-endian.
    private func copies(of found: [Found], in bytes: UnsafeRawBufferPointer, path: String, member: String?,
                        notes: inout [String]) -> [Finding] {
        let needles = Self.inBothOrders(found.map(\.value))
        let places: [[Int]]
        do {
            places = try LiteralSearch(needles).occurrences(in: bytes, limit: Self.maxCopies)
        } catch {
            notes.append("known-key copies not searched: \(error)")
            return []
        }
        var findings: [Finding] = []
        for (index, item) in found.enumerated() {
            for (order, starts) in [("big-endian", places[2 * index]), ("little-endian", places[2 * index + 1])] {
                let length = needles[2 * index + (order == "big-endian" ? 0 : 1)].count
                for start in starts {
                    findings.append(Finding(
                        ruleID: item.rule.id, ruleName: item.rule.name, severity: item.rule.severity, confidence: .high,
                        path: path, member: member, offset: UInt64(start), length: length, encoding: .binary,
                        secret: item.value, key: item.key,
                        details: ["public_key_from": item.origin, "byte_order": order]))
                }
            }
        }
        return findings
    }

    /// The windows around each place, clipped to the buffer and merged where they overlap.
    static func mergedWindows(around starts: [Int], length: Int, limit: Int) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for start in starts.sorted() {
            let window = max(0, start - window)..<min(limit, start + length + window)
            if let last = merged.last, window.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
            } else {
                merged.append(window)
            }
        }
        return merged
    }

    /// Each value big-endian then little-endian: needle 2i is value i as it is, 2i+1 reversed.
    static func inBothOrders(_ values: [[UInt8]]) -> [[UInt8]] {
        values.flatMap { [$0, littleEndian($0)] }
    }

    /// A big-endian magnitude as a little-endian number in memory: leading zeros dropped, reversed.
    static func littleEndian(_ bigEndian: [UInt8]) -> [UInt8] {
        let digits = Array(bigEndian.drop { $0 == 0 }.reversed())
        return digits.isEmpty ? [0] : digits
    }
}

/// Proves every rule against its own examples, in the disguises a dump gives them: plain,
/// NUL-terminated, inside binary bytes, as UTF-16LE and UTF-16BE, and across a chunk boundary.
/// A positive example must yield a finding of that rule whose span lies inside the example; a
/// negative example must yield none of that rule in any disguise.
public struct RuleChecker: Sendable {
    /// One way of embedding an example.
    public enum Disguise: String, Sendable, CaseIterable {
        case plain, nulTerminated, binary, utf16le, utf16be, chunkBoundary
    }

    public var disguises: [Disguise]

    public init(disguises: [Disguise] = Disguise.allCases) { self.disguises = disguises }

    /// A rule that failed a check.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var ruleID: String
        public var file: String
        public var message: String
        public var description: String { "\(file): \(ruleID): \(message)" }
    }

    /// Checks every rule of `ruleSet` (compiled together, as in a scan).
    public func check(_ ruleSet: RuleSet) -> [Problem] {
        var problems: [Problem] = ruleSet.duplicateIDs().map { Problem(ruleID: "*", file: "*", message: $0.description) }
        for rule in ruleSet.rules {
            if rule.examples.isEmpty { problems.append(Problem(ruleID: rule.id, file: rule.sourceFile, message: "has no examples")) }
            if rule.negativeExamples.isEmpty { problems.append(Problem(ruleID: rule.id, file: rule.sourceFile, message: "has no negative examples")) }
            if rule.references.isEmpty { problems.append(Problem(ruleID: rule.id, file: rule.sourceFile, message: "has no reference URL")) }
        }
        let database: RuleDatabase
        do {
            database = try RuleDatabase(RuleSet(rules: ruleSet.rules))
        } catch {
            // One bad pattern hides the others' results: report it and each rule on its own.
            problems.append(Problem(ruleID: "*", file: "*", message: error.description))
            for rule in ruleSet.rules {
                do { _ = try RuleDatabase.compile(rule) } catch {
                    problems.append(Problem(ruleID: rule.id, file: rule.sourceFile, message: error.description))
                }
            }
            return problems
        }
        for entry in database.rules where !entry.windowIsExact {
            problems.append(Problem(ruleID: entry.rule.id, file: entry.rule.sourceFile,
                                    message: "pattern has no bounded maximum width; use {m,n} instead of * and +"))
        }
        let normal = ScanPipeline(database: database, chunkSize: ScanOptions.defaultChunkSize, workers: 1)
        let tiny = ScanPipeline(database: database, chunkSize: 61, workers: 1)
        for entry in database.rules {
            let rule = entry.rule
            for (index, example) in rule.examples.enumerated() {
                for disguise in disguises {
                    let (bytes, span) = Self.embed(Array(example.utf8), disguise)
                    let pipeline = disguise == .chunkBoundary ? tiny : normal
                    let found: [Finding]
                    do { found = try pipeline.scan(bytes: bytes) } catch {
                        problems.append(Problem(ruleID: rule.id, file: rule.sourceFile, message: "scan failed: \(error)"))
                        continue
                    }
                    let hit = found.contains { finding in
                        finding.ruleID == rule.id && !finding.secret.isEmpty
                            && finding.offset >= UInt64(span.lowerBound) && finding.offset + UInt64(finding.length) <= UInt64(span.upperBound)
                    }
                    if !hit {
                        problems.append(Problem(ruleID: rule.id, file: rule.sourceFile,
                                                message: "example #\(index + 1) not found (\(disguise.rawValue))"))
                    }
                }
            }
            for (index, example) in rule.negativeExamples.enumerated() {
                for disguise in disguises {
                    let (bytes, _) = Self.embed(Array(example.utf8), disguise)
                    let pipeline = disguise == .chunkBoundary ? tiny : normal
                    let found: [Finding]
                    do { found = try pipeline.scan(bytes: bytes) } catch { continue }
                    if found.contains(where: { $0.ruleID == rule.id }) {
                        problems.append(Problem(ruleID: rule.id, file: rule.sourceFile,
                                                message: "negative example #\(index + 1) matched (\(disguise.rawValue))"))
                    }
                }
            }
        }
        return problems
    }

    /// Embeds `example` and returns the bytes and the example's span in them.
    public static func embed(_ example: [UInt8], _ disguise: Disguise) -> ([UInt8], Range<Int>) {
        var generator = SplitMix64(seed: UInt64(example.count) &* 0x9E37_79B9_7F4A_7C15)
        switch disguise {
        case .plain:
            return (example, 0..<example.count)
        case .nulTerminated:
            return (example + [0], 0..<example.count)
        case .binary, .chunkBoundary:
            let before = binaryNoise(count: disguise == .binary ? 64 : 37, &generator)
            let after = [0] + binaryNoise(count: 63, &generator)
            return (before + example + after, before.count..<(before.count + example.count))
        case .utf16le, .utf16be:
            let before = binaryNoise(count: 64, &generator)
            var wide: [UInt8] = []
            for byte in example { wide += disguise == .utf16le ? [byte, 0] : [0, byte] }
            let after = [0, 0] + binaryNoise(count: 62, &generator)
            return (before + wide + after, before.count..<(before.count + wide.count))
        }
    }

    /// Bytes that cannot be text: high bytes and control bytes, as between strings in a heap.
    static func binaryNoise(count: Int, _ generator: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in
            let value = UInt8(truncatingIfNeeded: generator.next())
            return value | 0x80
        }
    }
}

/// A small deterministic generator for test data and disguises (not for anything secret).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

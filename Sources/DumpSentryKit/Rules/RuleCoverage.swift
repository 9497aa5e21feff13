import Foundation

/// The team's rule-quality measure: how many example texts a rule set finds when each is embedded in
/// random binary data, once as ASCII and once as UTF-16LE, and how many negative texts it reports.
///
/// Every sample is NUL-terminated on both sides (a C string in a heap) between 32 and 95 random high
/// bytes (bytes that cannot be text, as between strings in a heap),
/// and all samples of one encoding are scanned as one buffer through the normal pipeline, so this
/// measures exactly what a scan reports. A positive counts as found when a finding overlaps it (of
/// `expectedRuleID` when set, of any rule or detector otherwise); a negative counts as reported when
/// any finding (of `expectedRuleID` when set) overlaps it. Not a unit test: the figures are read by
/// people improving rules (`dumpsentry rules coverage`, `make rules-coverage`).
public struct RuleCoverage: Sendable {
    /// The two ways a sample is embedded.
    public enum Encoding: String, Sendable, CaseIterable {
        case ascii, utf16le
    }

    /// One text to embed.
    public struct Sample: Sendable, Hashable {
        /// What the sample belongs to: a rule id, or a peer scanner's rule id.
        public var group: String
        public var text: String
        public var positive: Bool
        /// Only findings of this rule count (a rule's own examples); nil means any finding counts.
        public var expectedRuleID: String?

        public init(group: String, text: String, positive: Bool, expectedRuleID: String? = nil) {
            self.group = group
            self.text = text
            self.positive = positive
            self.expectedRuleID = expectedRuleID
        }
    }

    /// Counts for one group. `failures` lists the samples missed (positives) or reported (negatives).
    public struct Tally: Sendable, Hashable {
        public var group: String
        public var positives = 0
        public var found: [Encoding: Int] = [:]
        public var negatives = 0
        public var reported: [Encoding: Int] = [:]
        public var failures: [Failure] = []

        public init(group: String) { self.group = group }

        /// Sums tallies into one, named `group`.
        public static func total(_ tallies: [Tally], group: String) -> Tally {
            var sum = Tally(group: group)
            for tally in tallies {
                sum.positives += tally.positives
                sum.negatives += tally.negatives
                for encoding in Encoding.allCases {
                    sum.found[encoding, default: 0] += tally.found[encoding, default: 0]
                    sum.reported[encoding, default: 0] += tally.reported[encoding, default: 0]
                }
            }
            return sum
        }
    }

    /// A sample the rules got wrong in one encoding, with the rules that reported it (for negatives).
    public struct Failure: Sendable, Hashable {
        public var sample: Sample
        public var encoding: Encoding
        public var reportedBy: [String]
    }

    public var seed: UInt64

    public init(seed: UInt64 = 7) { self.seed = seed }

    /// Every example and negative example of `rules`, each to be found by its own rule.
    public static func examples(of rules: [Rule]) -> [Sample] {
        rules.flatMap { rule in
            rule.examples.map { Sample(group: rule.id, text: $0, positive: true, expectedRuleID: rule.id) }
                + rule.negativeExamples.map { Sample(group: rule.id, text: $0, positive: false, expectedRuleID: rule.id) }
        }
    }

    /// Peer examples, one JSON object a line: `rule_id`, `positive`, `text` (other keys ignored).
    /// A negative whose text is also some peer rule's positive is a real secret of another kind
    /// (a Slack user token listed as a negative of the bot-token rule) and is left out.
    public static func peerExamples(jsonl: String, file: String) throws(RuleError) -> [Sample] {
        var samples: [Sample] = []
        for (index, line) in jsonl.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let object: Any
            do { object = try JSONSerialization.jsonObject(with: Data(line.utf8)) } catch {
                throw .malformed(file: file, message: "line \(index + 1): not JSON: \(error.localizedDescription)")
            }
            guard let map = object as? [String: Any], let group = map["rule_id"] as? String,
                  let positive = map["positive"] as? Bool, let text = map["text"] as? String else {
                throw .malformed(file: file, message: "line \(index + 1): expected rule_id, positive and text")
            }
            samples.append(Sample(group: group, text: text, positive: positive))
        }
        let positives = Set(samples.filter(\.positive).map(\.text))
        return samples.filter { $0.positive || !positives.contains($0.text) }
    }

    /// Scans `samples` embedded in binary data with `pipeline`; one tally per group, in first-seen order.
    public func measure(_ samples: [Sample], with pipeline: ScanPipeline) throws -> [Tally] {
        var order: [String] = []
        var tallies: [String: Tally] = [:]
        for sample in samples where tallies[sample.group] == nil {
            order.append(sample.group)
            tallies[sample.group] = Tally(group: sample.group)
        }
        for sample in samples {
            if sample.positive { tallies[sample.group]?.positives += 1 } else { tallies[sample.group]?.negatives += 1 }
        }
        for encoding in Encoding.allCases {
            let (bytes, spans) = embed(samples, encoding)
            let findings = try pipeline.scan(bytes: bytes, path: "<coverage-\(encoding.rawValue)>")
            // Findings per sample: spans are sorted and disjoint, so a binary search finds the first candidate.
            var hits = [[String]](repeating: [], count: samples.count)
            for finding in findings {
                let start = Int(finding.offset), end = start + max(finding.length, 1)
                var low = 0, high = spans.count
                while low < high {
                    let middle = (low + high) / 2
                    if spans[middle].upperBound <= start { low = middle + 1 } else { high = middle }
                }
                var index = low
                while index < spans.count, spans[index].lowerBound < end {
                    hits[index].append(finding.ruleID)
                    index += 1
                }
            }
            for (index, sample) in samples.enumerated() {
                let relevant = hits[index].filter { sample.expectedRuleID == nil || $0 == sample.expectedRuleID }
                if sample.positive {
                    if relevant.isEmpty {
                        tallies[sample.group]?.failures.append(Failure(sample: sample, encoding: encoding, reportedBy: hits[index]))
                    } else {
                        tallies[sample.group]?.found[encoding, default: 0] += 1
                    }
                } else if !relevant.isEmpty {
                    tallies[sample.group]?.reported[encoding, default: 0] += 1
                    let names = Array(Set(relevant)).sorted()
                    tallies[sample.group]?.failures.append(Failure(sample: sample, encoding: encoding, reportedBy: names))
                }
            }
        }
        return order.compactMap { tallies[$0] }
    }

    /// All samples in one buffer; `spans[i]` is sample i's encoded text (file offsets, sorted, disjoint).
    private func embed(_ samples: [Sample], _ encoding: Encoding) -> (bytes: [UInt8], spans: [Range<Int>]) {
        var generator = SplitMix64(seed: seed)
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
        let terminator: [UInt8] = encoding == .ascii ? [0] : [0, 0]
        for sample in samples {
            bytes += RuleChecker.binaryNoise(count: 32 + Int(generator.next() % 64), &generator)
            if encoding == .utf16le, bytes.count % 2 == 1 { bytes.append(0) }  // code units on even offsets, as a process stores them
            bytes += terminator
            let text: [UInt8] = encoding == .ascii
                ? Array(sample.text.utf8)
                : sample.text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
            spans.append(bytes.count..<(bytes.count + text.count))
            bytes += text + terminator
        }
        bytes += RuleChecker.binaryNoise(count: 64, &generator)
        return (bytes, spans)
    }
}

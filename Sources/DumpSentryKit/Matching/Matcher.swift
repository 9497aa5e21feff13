/// One worker's matching state: a Vectorscan scratch, a PCRE2 match data block, a hit buffer and
/// the UTF-16 views, all reused from chunk to chunk. Not thread-safe: one per worker.
///
/// The search loop (ENGINE-NOTES): Vectorscan reports end offsets only; hits of one rule whose
/// ends are adjacent are one growing match, confirmed once by PCRE2 on a window that ends at the
/// last end and starts the rule's maximum width before the first.
final class Matcher {
    let database: RuleDatabase
    private let scanner: VectorscanScanner
    private let matchData: PCRE2MatchData
    private let hits = HitBuffer()
    private var littleEndian = Utf16View(.little)
    private var bigEndian = Utf16View(.big)
    /// Hits PCRE2 did not confirm, per rule index (a Vectorscan/PCRE2 disagreement or a prefilter miss).
    private(set) var unconfirmedHits: [Int]
    /// Chunks whose hit list hit `HitBuffer.limit`.
    private(set) var overflowedChunks = 0
    /// Public keys the harvester found by the last `scan` (structures starting in its report
    /// range), with their chunk offsets: input to the per-file known-key search.
    private(set) var harvested: [(key: KnownPublicKey, chunkOffset: Int)] = []

    init(database: RuleDatabase) throws(VectorscanError) {
        self.database = database
        scanner = try VectorscanScanner(database: database.database)
        matchData = PCRE2MatchData(groups: database.maxGroups)
        unconfirmedHits = Array(repeating: 0, count: database.rules.count)
    }

    /// Which views of a chunk to scan.
    struct Views: OptionSet, Sendable {
        let rawValue: Int
        static let raw = Views(rawValue: 1)
        static let utf16 = Views(rawValue: 2)
        static let all: Views = [.raw, .utf16]
    }

    /// Finds everything owned by `reportRange` in `buffer`.
    func scan(_ buffer: UnsafeRawBufferPointer, reportRange: Range<Int>, endsAtSourceEnd: Bool,
              startsOdd: Bool, views: Views = .all) throws -> [ChunkFinding] {
        var found: [ChunkFinding] = []
        harvested.removeAll(keepingCapacity: true)
        if views.contains(.raw) {
            hits.reset()
            try scanner.scan(buffer, into: hits)
            if hits.overflowed { overflowedChunks += 1 }
            confirm(buffer, encoding: .ascii, map: nil, reportRange: reportRange, endsAtSourceEnd: endsAtSourceEnd, into: &found)
            for sweeper in database.sweepers {
                for structure in sweeper.sweep(buffer, reportRange: reportRange) {
                    found.append(finding(for: structure, rules: sweeper.rules))
                }
            }
        }
        if views.contains(.utf16) {
            Utf16View.narrow(buffer, startsOdd: startsOdd, little: &littleEndian, big: &bigEndian)
            for index in 0..<2 {
                let view = index == 0 ? littleEndian : bigEndian
                guard !view.isEmpty else { continue }
                hits.reset()
                try view.withUnsafeBytes { bytes in try scanner.scan(bytes, into: hits) }
                if hits.overflowed { overflowedChunks += 1 }
                view.withUnsafeBytes { bytes in
                    confirm(bytes, encoding: index == 0 ? .utf16le : .utf16be, map: view.map,
                            reportRange: reportRange, endsAtSourceEnd: false, into: &found)
                }
            }
        }
        return found
    }

    private func confirm(_ bytes: UnsafeRawBufferPointer, encoding: TextEncoding, map: OffsetMap?,
                         reportRange: Range<Int>, endsAtSourceEnd: Bool, into found: inout [ChunkFinding]) {
        hits.values.sort()
        let values = hits.values
        var index = 0
        while index < values.count {
            let id = Int(values[index] >> 32)
            let firstEnd = Int(values[index] & 0xffff_ffff)
            var lastEnd = firstEnd
            var next = index + 1
            while next < values.count, Int(values[next] >> 32) == id, Int(values[next] & 0xffff_ffff) <= lastEnd + 1 {
                lastEnd = Int(values[next] & 0xffff_ffff)
                next += 1
            }
            guard id < database.targets.count else { index = next; continue }   // the empty database's stand-in
            switch database.targets[id] {
            case .rule(let ruleIndex):
                confirmRule(ruleIndex, in: bytes, ends: firstEnd...lastEnd, encoding: encoding, map: map,
                            reportRange: reportRange, endsAtSourceEnd: endsAtSourceEnd, into: &found)
            case .anchor(let detectorIndex, let anchorIndex):
                // Anchors are byte patterns for binary structures: only the raw view has them.
                guard map == nil else { break }
                let detector = database.detectors[detectorIndex]
                if detectorIndex == database.harvesterIndex, let harvester = detector as? PublicKeyHarvester {
                    harvest(with: harvester, bytes, hits: values[index..<next], anchorIndex: anchorIndex, reportRange: reportRange)
                    break
                }
                for hit in values[index..<next] {
                    for structure in detector.inspect(bytes, anchorEnd: Int(hit & 0xffff_ffff), anchorIndex: anchorIndex)
                    where reportRange.contains(structure.range.lowerBound) && structure.range.upperBound <= bytes.count {
                        found.append(finding(for: structure, rules: detector.rules))
                    }
                }
            }
            index = next
        }
    }

    private func harvest(with harvester: PublicKeyHarvester, _ bytes: UnsafeRawBufferPointer, hits: ArraySlice<UInt64>,
                         anchorIndex: Int, reportRange: Range<Int>) {
        for hit in hits where harvested.count < Self.maxHarvestedPerChunk {
            for parsed in harvester.harvest(bytes, anchorEnd: Int(hit & 0xffff_ffff), anchorIndex: anchorIndex)
            where reportRange.contains(parsed.range.lowerBound) {
                // The origin's offset is made absolute by the pipeline.
                guard let key = KnownPublicKey(parsed.material, origin: ""),
                      !harvested.contains(where: { $0.key.identity == key.identity }) else { continue }
                harvested.append((key, parsed.range.lowerBound))
            }
        }
    }

    /// Distinct keys harvested per chunk at most (the per-file search keeps
    /// `SourceState.maxHarvestedKeys` anyway); copies of a key count once.
    static let maxHarvestedPerChunk = 64

    private func confirmRule(_ ruleIndex: Int, in bytes: UnsafeRawBufferPointer, ends: ClosedRange<Int>,
                             encoding: TextEncoding, map: OffsetMap?, reportRange: Range<Int>,
                             endsAtSourceEnd: Bool, into found: inout [ChunkFinding]) {
        let entry = database.rules[ruleIndex]
        let exact = entry.engine == .vectorscan
        let slack = exact ? RuleDatabase.lookahead : entry.window
        var from = max(0, ends.lowerBound - entry.window - (exact ? 0 : 1))
        let limit = min(bytes.count, ends.upperBound + slack)
        let artificialEnd = limit < bytes.count || !endsAtSourceEnd
        var confirmed = false
        while from <= limit {
            let match: PCRE2Code.Match?
            do {
                match = try entry.code.firstMatch(in: bytes, from: from, to: limit, group: entry.rule.secretGroup,
                                                  endIsArtificial: artificialEnd, data: matchData)
            } catch {
                // Match limits or JIT stack exhaustion on a pathological window: counted like a miss.
                break
            }
            guard let match else { break }
            from = match.range.upperBound > match.range.lowerBound ? match.range.upperBound : match.range.lowerBound + 1
            if exact && match.range.upperBound > ends.upperBound { break }
            if exact && match.range.upperBound < ends.lowerBound { continue }
            confirmed = true
            guard let secretRange = entry.rule.secretGroup == 0 ? match.range : match.group, !secretRange.isEmpty else { continue }
            // Ownership and offsets in chunk terms.
            let matchInChunk: Range<Int>, secretInChunk: Range<Int>
            if let map {
                guard let m = map.chunkRange(ofViewRange: match.range), let s = map.chunkRange(ofViewRange: secretRange) else { continue }
                matchInChunk = m
                secretInChunk = s
            } else {
                matchInChunk = match.range
                secretInChunk = secretRange
            }
            guard reportRange.contains(matchInChunk.upperBound - 1) else { continue }
            let secret = Array(UnsafeRawBufferPointer(rebasing: bytes[secretRange]))
            guard let verdict = assess(secret, entry) else { continue }
            found.append(ChunkFinding(
                ruleID: entry.rule.id, ruleName: entry.rule.name, severity: entry.rule.severity,
                confidence: verdict.confidence, range: secretInChunk, encoding: encoding, secret: secret,
                key: nil, details: verdict.details))
        }
        if !confirmed { unconfirmedHits[ruleIndex] += 1 }
    }

    /// Applies the rule's entropy floor, the placeholder filter, stopwords, allowlist and validator;
    /// nil vetoes the secret. A placeholder shape under a rule with `on_placeholder_shape: lower`
    /// lowers the confidence and says why in the `placeholder` detail.
    private func assess(_ secret: [UInt8], _ entry: CompiledRule) -> (confidence: Confidence, details: [String: String])? {
        if let floor = entry.rule.minEntropy, ShannonEntropy.of(secret) < floor { return nil }
        var details: [String: String] = [:]
        if let reason = PlaceholderFilter.reason(secret) {
            guard reason.kind == .shape, entry.rule.onPlaceholderShape == .lower else { return nil }
            details["placeholder"] = reason.description
        }
        if !entry.stopwords.isEmpty {
            let lowered = secret.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }
            if entry.stopwords.contains(where: { lowered.firstRange(of: $0) != nil }) { return nil }
        }
        for code in entry.allowlist where vetoes(code, secret) { return nil }
        var confidence: Confidence = details.isEmpty ? .high : .low
        if let validator = entry.validator {
            let outcome = validator.validate(secret)
            if !outcome.isValid {
                if entry.rule.onInvalid == .drop { return nil }
                confidence = .low
            }
            details.merge(outcome.details) { placeholder, _ in placeholder }
        }
        return (confidence, details)
    }

    private func vetoes(_ code: PCRE2Code, _ secret: [UInt8]) -> Bool {
        secret.withUnsafeBytes { raw in
            do {
                return try code.firstMatch(in: raw, from: 0, to: raw.count, group: 0, endIsArtificial: false, data: matchData) != nil
            } catch {
                return false   // an allowlist that cannot decide does not veto: report rather than hide
            }
        }
    }

    private func finding(for structure: DetectedStructure, rules: [DetectorRule]) -> ChunkFinding {
        let rule = rules.first { $0.id == structure.ruleID }
        return ChunkFinding(
            ruleID: structure.ruleID, ruleName: rule?.name ?? structure.ruleID, severity: rule?.severity ?? .high,
            confidence: structure.confidence, range: structure.range, encoding: .binary,
            secret: structure.secret, key: structure.key, details: [:])
    }
}

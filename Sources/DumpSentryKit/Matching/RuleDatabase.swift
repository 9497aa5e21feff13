import Crypto
import Foundation

/// Every rule and detector compiled once: one Vectorscan database holding all text patterns and
/// all detector anchors, the PCRE2 codes, and the chunk overlap they need. Shared read-only by
/// all workers; each worker makes its own `Matcher` from it.
public final class RuleDatabase: Sendable {
    let rules: [CompiledRule]
    let detectors: [any BinaryDetector]
    let sweepers: [any SweepingDetector]
    /// The harvester among `detectors` (by index), if public keys are harvested from the dump.
    let harvesterIndex: Int?
    /// Keys searched for in every file, and the harvested ones too when `harvesterIndex` is set;
    /// restricted to the known-key rules still enabled.
    let knownKeySearchRules: Set<String>
    public let knownKeys: [KnownPublicKey]
    /// Vectorscan id → what it means.
    let targets: [MatchTarget]
    let database: VectorscanDatabase
    /// Overlap each chunk carries on both sides, in bytes: the longest match window, doubled for
    /// UTF-16 views, plus a little lookahead for `\b`.
    public let overlap: Int
    /// Largest capture group count among the codes (sizes the match data).
    let maxGroups: Int
    /// Whether the database came from the on-disk cache.
    public let loadedFromCache: Bool

    /// What a Vectorscan expression id stands for.
    enum MatchTarget: Sendable {
        case rule(Int)
        case anchor(detector: Int, anchor: Int)
    }

    /// Cap on the match window of rules whose width Vectorscan reports as unbounded (gitleaks
    /// configs with `.*` or `+`): long enough for any token, short enough to keep overlaps small.
    static let unboundedWindow = 1024
    /// Bytes PCRE2 may look past a hit's end: enough for `\b` and short trailing assertions.
    static let lookahead = 16

    public var ruleCount: Int { rules.count }

    /// Compiles `ruleSet`. With `cache`, a serialized database keyed by the patterns and the engine
    /// version is reused across runs.
    public init(_ ruleSet: RuleSet, cache: DatabaseCache? = nil) throws(RuleError) {
        let key = Self.cacheKey(ruleSet)
        let cached = cache?.load(key: key)
        // The cache also holds each rule's engine and width, so a warm start skips Vectorscan's
        // per-expression analysis (most of the start-up time otherwise).
        let known = cached.flatMap { Self.decodeShapes($0.metadata, count: ruleSet.rules.count) }
        var compiled: [CompiledRule] = []
        var expressions: [VectorscanExpression] = []
        var targets: [MatchTarget] = []
        var maxGroups = 1
        var longest = 64
        for (index, rule) in ruleSet.rules.enumerated() {
            let entry = try Self.compile(rule, shape: known?[index])
            maxGroups = max(maxGroups, entry.code.captureCount)
            for code in entry.allowlist { maxGroups = max(maxGroups, code.captureCount) }
            longest = max(longest, entry.window)
            expressions.append(VectorscanExpression(
                pattern: VectorscanPattern(rulePattern: rule.anchor ?? rule.pattern).text,
                flags: entry.engine == .prefilter ? VectorscanExpression.prefilterFlags : VectorscanExpression.standardFlags,
                id: UInt32(targets.count)))
            targets.append(.rule(compiled.count))
            compiled.append(entry)
        }
        for (detectorIndex, detector) in ruleSet.detectors.enumerated() {
            longest = max(longest, detector.maxStructureLength)
            for (anchorIndex, anchor) in detector.anchors.enumerated() {
                expressions.append(VectorscanExpression(pattern: anchor.pattern, flags: VectorscanExpression.anchorFlags, id: UInt32(targets.count)))
                targets.append(.anchor(detector: detectorIndex, anchor: anchorIndex))
            }
        }
        for sweeper in ruleSet.sweepers { longest = max(longest, sweeper.maxStructureLength) }

        let database: VectorscanDatabase
        do {
            if let cached, known != nil {
                database = cached.database
            } else if expressions.isEmpty {
                // Vectorscan cannot compile an empty database (a run with only `--public-key`), nor a
                // pattern that never matches: a stand-in literal whose id the matcher ignores.
                database = try VectorscanDatabase.compile([VectorscanExpression(pattern: "\\x00\\xff\\x00\\xff\\x01\\xfe\\x02\\xfd", flags: 0, id: UInt32.max)])
            } else {
                database = try VectorscanDatabase.compile(expressions)
                cache?.store(database, metadata: Self.encodeShapes(compiled), key: key)
            }
        } catch {
            let culprit = error.expression.flatMap { $0 < targets.count ? targets[$0] : nil }
            switch culprit {
            case .rule(let index)?:
                throw .invalidPattern(ruleID: compiled[index].rule.id, file: compiled[index].rule.sourceFile, engine: "Vectorscan", message: error.message)
            case .anchor(let detector, _)?:
                throw .invalidPattern(ruleID: ruleSet.detectors[detector].rules.first?.id ?? "detector", file: "<detector>", engine: "Vectorscan", message: error.message)
            case nil:
                throw .invalidPattern(ruleID: "*", file: "*", engine: "Vectorscan", message: error.description)
            }
        }
        rules = compiled
        detectors = ruleSet.detectors
        sweepers = ruleSet.sweepers
        harvesterIndex = ruleSet.detectors.firstIndex { $0 is PublicKeyHarvester }
        knownKeySearchRules = ruleSet.knownKeyRuleIDs
        knownKeys = ruleSet.knownKeys.filter { ruleSet.knownKeyRuleIDs.contains(KnownKeySearch.rule(for: $0).id) }
        self.targets = targets
        self.database = database
        self.maxGroups = maxGroups
        overlap = 2 * longest + Self.lookahead
        loadedFromCache = known != nil
    }

    /// The keys to search one file for: the known keys and, when harvesting is on, the keys
    /// harvested from that file (deduplicated, known keys first), for the rules still enabled.
    func keysToSearch(harvested: [KnownPublicKey]) -> [KnownPublicKey] {
        var seen = Set(knownKeys.map(\.identity))
        let extra = harvesterIndex == nil ? [] : harvested.filter {
            knownKeySearchRules.contains(KnownKeySearch.rule(for: $0).id) && seen.insert($0.identity).inserted
        }
        return knownKeys + extra
    }

    /// A rule's engine and maximum width (nil: unbounded), as Vectorscan analysed them.
    struct Shape: Equatable {
        var engine: RuleEngine
        var width: UInt32?
    }

    static func encodeShapes(_ rules: [CompiledRule]) -> [UInt8] {
        Array(rules.map { "\($0.engine == .prefilter ? "p" : "v") \($0.windowIsExact ? String($0.window) : "-")" }
            .joined(separator: "\n").utf8)
    }

    static func decodeShapes(_ bytes: [UInt8], count: Int) -> [Shape]? {
        let lines = bytes.isEmpty ? [] : String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == count else { return nil }
        var shapes: [Shape] = []
        for line in lines {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { return nil }
            shapes.append(Shape(engine: parts[0] == "p" ? .prefilter : .vectorscan, width: UInt32(parts[1])))
        }
        return shapes
    }

    /// Compiles one rule with PCRE2 and checks it with Vectorscan, choosing its engine.
    static func compile(_ rule: Rule, shape: Shape? = nil) throws(RuleError) -> CompiledRule {
        let code: PCRE2Code
        do { code = try PCRE2Code(pattern: rule.pattern) } catch {
            throw .invalidPattern(ruleID: rule.id, file: rule.sourceFile, engine: "PCRE2", message: error.description)
        }
        if rule.secretGroup > code.captureCount {
            throw .invalidField(file: rule.sourceFile, ruleID: rule.id, field: "secret_group",
                                message: "pattern has \(code.captureCount) capture groups, secret_group is \(rule.secretGroup)")
        }
        var allowlist: [PCRE2Code] = []
        for pattern in rule.allowlistRegexes {
            do { allowlist.append(try PCRE2Code(pattern: pattern)) } catch {
                throw .invalidPattern(ruleID: rule.id, file: rule.sourceFile, engine: "PCRE2 (allowlist)", message: error.description)
            }
        }
        var engine = RuleEngine.vectorscan
        var width: UInt32?
        if let shape {
            // From the cache: the analysis below was done when the database was compiled.
            engine = shape.engine
            width = shape.width
        } else {
            // The engine follows what Vectorscan compiles (the anchor, if any); the window follows
            // the exact pattern, whose matches PCRE2 confirms.
            (engine, width) = try analyze(rule.anchor ?? rule.pattern, of: rule)
            if rule.anchor != nil { width = try analyze(rule.pattern, of: rule).width }
        }
        let exactWidth = width.map(Int.init).flatMap { $0 <= 16_384 ? $0 : nil }
        let exact = exactWidth != nil
        let window = exactWidth ?? unboundedWindow
        return CompiledRule(
            rule: rule, engine: engine, code: code, allowlist: allowlist,
            validator: rule.validator.flatMap(SecretValidator.init(spec:)),
            window: window, windowIsExact: exact,
            stopwords: rule.stopwords.map { Array($0.lowercased().utf8) })
    }

    /// How Vectorscan takes `pattern`: exactly, or only as a prefilter; and its longest match
    /// (nil: unbounded).
    private static func analyze(_ pattern: String, of rule: Rule) throws(RuleError) -> (engine: RuleEngine, width: UInt32?) {
        switch VectorscanExpression.maxWidth(of: pattern, flags: VectorscanExpression.standardFlags) {
        case .success(let width):
            return (.vectorscan, width)
        case .failure:
            switch VectorscanExpression.maxWidth(of: pattern, flags: VectorscanExpression.prefilterFlags) {
            case .success(let width):
                return (.prefilter, width)
            case .failure(let error):
                throw .invalidPattern(ruleID: rule.id, file: rule.sourceFile, engine: "Vectorscan", message: error.message)
            }
        }
    }

    /// Identifies a compiled database: the engine version and every pattern and anchor, in order.
    static func cacheKey(_ ruleSet: RuleSet) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("\(VectorscanDatabase.engineVersion)\u{0}\(unboundedWindow)\u{0}".utf8))
        for rule in ruleSet.rules {
            // The compiled text; the rule's own pattern decides the window and is in the key through it.
            hasher.update(data: Array(VectorscanPattern(rulePattern: rule.anchor ?? rule.pattern).text.utf8))
            hasher.update(data: [0xfd])
            hasher.update(data: Array(rule.pattern.utf8))
            hasher.update(data: [0xff])
        }
        for detector in ruleSet.detectors {
            for anchor in detector.anchors {
                hasher.update(data: [0xfe] + Array(anchor.pattern.utf8))
            }
        }
        return Fingerprint.hex(hasher.finalize())
    }

    /// How each rule is matched, for `rules list`.
    public func engine(of ruleID: String) -> RuleEngine? {
        if let entry = rules.first(where: { $0.rule.id == ruleID }) { return entry.engine }
        if detectors.contains(where: { $0.rules.contains { $0.id == ruleID } }) { return .detector }
        if sweepers.contains(where: { $0.rules.contains { $0.id == ruleID } }) { return .sweep }
        if !knownKeys.isEmpty && KnownKeySearch.rules.contains(where: { $0.id == ruleID }) { return .detector }
        return nil
    }
}

import Foundation

/// The rules and detectors of one scan: the bundled defaults and/or rule files, minus disabled ids.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public var detectors: [any BinaryDetector]
    public var sweepers: [any SweepingDetector]
    /// Public keys whose private half is searched for in every file (`--public-key`).
    public var knownKeys: [KnownPublicKey] = []
    /// The known-key search's rules still enabled (`disabling` removes ids from it).
    public var knownKeyRuleIDs = Set(KnownKeySearch.rules.map(\.id))

    public init(rules: [Rule], detectors: [any BinaryDetector] = [], sweepers: [any SweepingDetector] = []) {
        self.rules = rules
        self.detectors = detectors
        self.sweepers = sweepers
    }

    /// The built-in text rules (embedded in the binary, so they are found from any directory).
    public static func bundledRules() throws(RuleError) -> [Rule] {
        var rules: [Rule] = []
        for file in BundledRules.files {
            for (index, fields) in file.rules.enumerated() {
                let map = Dictionary(fields.map { ($0.0, $0.1.yamlValue) }, uniquingKeysWith: { first, _ in first })
                rules.append(try RuleFileParser.rule(from: map, file: "<bundled>/\(file.name)", index: index))
            }
        }
        return rules
    }

    /// The default set: bundled text rules and every built-in detector.
    /// The AES key-schedule sweep is opt-in (`aesSchedules`, the CLI's `--aes`): measured on the
    /// 1 GiB benchmark dump it costs about 40% of the scan rate, over the 30% budget for default
    /// detectors (docs/performance.md).
    public static func defaults(aesSchedules: Bool = false) throws(RuleError) -> RuleSet {
        RuleSet(rules: try bundledRules(), detectors: BuiltInDetectors.anchored,
                sweepers: aesSchedules ? BuiltInDetectors.sweeping : [])
    }

    /// Loads rule files and directories (`.yaml`/`.yml`, gitleaks `.toml`), recursively, sorted by path.
    /// Only the rules: callers that talk to a user take ``loadFiles(paths:)`` and report its notes.
    public static func load(paths: [String]) throws(RuleError) -> [Rule] {
        try loadFiles(paths: paths).rules
    }

    /// Loads rule files and directories like ``load(paths:)``, keeping what gitleaks imports ignored.
    public static func loadFiles(paths: [String]) throws(RuleError) -> LoadedRules {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(file: path, message: "no such file or directory")
            }
            if isDirectory.boolValue {
                guard let walker = FileManager.default.enumerator(atPath: path) else {
                    throw .unreadable(file: path, message: "cannot list directory")
                }
                var found: [String] = []
                while let name = walker.nextObject() as? String {
                    if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".toml") {
                        found.append((path as NSString).appendingPathComponent(name))
                    }
                }
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        var loaded = LoadedRules()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .unreadable(file: file, message: "cannot read file")
            }
            let text = String(decoding: data, as: UTF8.self)
            if file.hasSuffix(".toml") {
                let config = try GitleaksConfig.parse(toml: text, file: file)
                loaded.rules += config.rules
                if !config.ignoredFields.isEmpty {
                    loaded.ignoredFields.append("\(file): \(config.ignoredFields.joined(separator: "; "))")
                }
                if config.useDefault {
                    loaded.configsExtendingDefaults.append(file)
                } else {
                    loaded.configsReplacingDefaults.append(file)
                }
            } else {
                loaded.rules += try RuleFileParser.parse(yaml: text, file: file)
            }
        }
        return loaded
    }

    /// Removes rules and detectors whose ids are in `disabled`.
    public func disabling(_ disabled: Set<String>) -> RuleSet {
        guard !disabled.isEmpty else { return self }
        var set = RuleSet(
            rules: rules.filter { !disabled.contains($0.id) },
            detectors: detectors.filter { !$0.rules.allSatisfy { disabled.contains($0.id) } },
            sweepers: sweepers.filter { !$0.rules.allSatisfy { disabled.contains($0.id) } })
        set.knownKeyRuleIDs = knownKeyRuleIDs.subtracting(disabled)
        set.knownKeys = knownKeys
        return set
    }

    /// Every rule id with its file, to catch duplicates.
    public func duplicateIDs() -> [RuleError] {
        var seen: [String: [String]] = [:]
        for rule in rules { seen[rule.id, default: []].append(rule.sourceFile) }
        for detector in detectors { for rule in detector.rules { seen[rule.id, default: []].append("<detector>") } }
        for sweeper in sweepers { for rule in sweeper.rules { seen[rule.id, default: []].append("<detector>") } }
        return seen.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
            .map { RuleError.duplicateID(ruleID: $0.key, files: $0.value) }
    }

    /// Name and severity of every detector rule, by id.
    public var detectorRules: [DetectorRule] {
        var seen = Set<String>()
        let searchRules = knownKeys.isEmpty ? [] : KnownKeySearch.rules.filter { knownKeyRuleIDs.contains($0.id) }
        return (detectors.flatMap(\.rules) + sweepers.flatMap(\.rules) + searchRules).filter { seen.insert($0.id).inserted }
    }
}

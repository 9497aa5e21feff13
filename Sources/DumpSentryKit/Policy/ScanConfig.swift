import Foundation
import Yams

/// `.dumpsentry.yaml`: project settings for `scan`, so a CI job and a developer run the same policy.
///
/// ```yaml
/// rules: [ci/rules.yaml]          # extra rule files or directories (relative to this file)
/// disable: [generic.password]     # rule ids
/// allowlist:                      # accepted secrets, by fingerprint, with the reason
///   - {fingerprint: "sha256:…", reason: "test fixture key"}
/// skip_paths: ["*.sym", "fixtures/*"]   # fnmatch globs over reported paths
/// stopwords: [example, dummy]     # substrings that veto any text rule's secret
/// fail_on: high                   # critical | high | medium | low
/// format: sarif                   # text | json | jsonl | sarif (checked by the CLI)
/// ```
/// Unknown keys are errors: a misspelt `disabel:` must not silently run the rule it meant to disable.
public struct ScanConfig: Sendable, Hashable {
    /// One accepted secret.
    public struct AllowlistEntry: Sendable, Hashable {
        public var fingerprint: String
        public var reason: String
    }

    public static let knownKeys = ["rules", "disable", "allowlist", "skip_paths", "stopwords", "fail_on", "format"]
    public static let defaultFileName = ".dumpsentry.yaml"

    public var path: String
    /// Rule paths, already resolved against the config file's directory.
    public var rules: [String] = []
    public var disable: [String] = []
    public var allowlist: [AllowlistEntry] = []
    public var skipPaths: [String] = []
    public var stopwords: [String] = []
    public var failOn: Severity?
    /// Report format name; the CLI owns the set of formats.
    public var format: String?

    public init(path: String) { self.path = path }

    public static func load(path: String) throws(PolicyError) -> ScanConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, message: error.localizedDescription)
        }
        return try parse(yaml: text, path: path)
    }

    public static func parse(yaml text: String, path: String) throws(PolicyError) -> ScanConfig {
        let document: Any?
        do { document = try Yams.load(yaml: text, .default, YAMLConstruction.constructor) } catch {
            throw .malformed(path: path, message: "not YAML: \(error)")
        }
        var config = ScanConfig(path: path)
        guard let document else { return config }   // an empty file is an empty config
        guard let root = document as? [String: Any] else {
            throw .malformed(path: path, message: "expected a mapping of settings at the top level")
        }
        for key in root.keys.sorted() where !knownKeys.contains(key) {
            throw .unknownKey(path: path, key: key)
        }
        // Rule paths are relative to the config file's directory, so a config works from any cwd.
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        config.rules = try strings(root, "rules", path).map { rulePath in
            rulePath.hasPrefix("/") || !path.contains("/") ? rulePath : directory + "/" + rulePath
        }
        config.disable = try strings(root, "disable", path)
        config.skipPaths = try strings(root, "skip_paths", path)
        config.stopwords = try strings(root, "stopwords", path)
        if let value = root["fail_on"] {
            guard let name = value as? String, let severity = Severity(rawValue: name) else {
                throw .malformed(path: path, message: "fail_on must be one of critical, high, medium, low")
            }
            config.failOn = severity
        }
        if let value = root["format"] {
            guard let name = value as? String else { throw .malformed(path: path, message: "format must be a string") }
            config.format = name
        }
        if let value = root["allowlist"] {
            guard let list = value as? [Any] else { throw .malformed(path: path, message: "allowlist must be a list") }
            for (index, item) in list.enumerated() {
                guard let entry = item as? [String: Any], let fingerprint = entry["fingerprint"] as? String else {
                    throw .malformed(path: path, message: "allowlist[\(index)]: needs a fingerprint")
                }
                guard Fingerprint.isWellFormed(fingerprint) else {
                    throw .malformed(path: path, message: "allowlist[\(index)]: fingerprint must be sha256: and 64 hex digits")
                }
                for key in entry.keys.sorted() where key != "fingerprint" && key != "reason" {
                    throw .unknownKey(path: path, key: "allowlist[\(index)].\(key)")
                }
                config.allowlist.append(AllowlistEntry(fingerprint: fingerprint, reason: entry["reason"] as? String ?? ""))
            }
        }
        return config
    }

    /// The rule set with this config's stopwords added to every text rule.
    public func applyingStopwords(to ruleSet: RuleSet) -> RuleSet {
        guard !stopwords.isEmpty else { return ruleSet }
        var result = ruleSet
        result.rules = ruleSet.rules.map { rule in
            var rule = rule
            rule.stopwords += stopwords
            return rule
        }
        return result
    }

    private static func strings(_ root: [String: Any], _ key: String, _ path: String) throws(PolicyError) -> [String] {
        guard let value = root[key] else { return [] }
        if let single = value as? String { return [single] }
        guard let list = value as? [Any] else { throw .malformed(path: path, message: "\(key) must be a list of strings") }
        var out: [String] = []
        for item in list {
            guard let text = item as? String else { throw .malformed(path: path, message: "\(key) must be a list of strings") }
            out.append(text)
        }
        return out
    }
}

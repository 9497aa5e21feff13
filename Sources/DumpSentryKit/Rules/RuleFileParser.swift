import Yams

/// Parses DumpSentry's YAML rule format (a top-level list of rules; see docs/rules.md).
/// Unknown fields are errors, so a typo never silently disables a check.
public enum RuleFileParser {
    static let knownFields: Set<String> = [
        "id", "name", "severity", "pattern", "secret_group", "min_entropy", "validate", "on_invalid",
        "on_placeholder_shape", "anchor", "allowlist", "examples", "negative_examples", "references", "keywords", "description",
    ]

    /// Most YAML nodes a rule file may expand to. An alias shares its anchor's node, so a file of
    /// aliases of aliases is small but expands exponentially when turned into values (a 9-line
    /// "billion laughs" file hung the loader); the expanded size is counted before anything is built.
    static let maxExpandedNodes = 200_000

    public static func parse(yaml text: String, file: String) throws(RuleError) -> [Rule] {
        let root: Node?
        // Plain scalars stay text (`.basic`): the default resolver tests each against seven of
        // Foundation's regular expressions, 60 ms of every start with the 457 rules' files; the two
        // numeric fields are read from text below.
        do { root = try Yams.compose(yaml: text, .basic, YAMLConstruction.constructor) } catch {
            throw .malformed(file: file, message: "not valid YAML: \(error)")
        }
        guard let root else { return [] }
        if let problem = structureProblem(of: root) { throw .malformed(file: file, message: problem) }
        let document = root.any
        let list: [Any]
        if let items = document as? [Any] {
            list = items
        } else if let map = document as? [String: Any], let items = map["rules"] as? [Any] {
            list = items
        } else {
            throw .malformed(file: file, message: "expected a list of rules")
        }
        var rules: [Rule] = []
        for (index, item) in list.enumerated() {
            guard let map = item as? [String: Any] else {
                throw .malformed(file: file, message: "rule #\(index + 1) is not a mapping")
            }
            rules.append(try rule(from: map, file: file, index: index))
        }
        return rules
    }

    static func rule(from map: [String: Any], file: String, index: Int) throws(RuleError) -> Rule {
        let id = (map["id"] as? String) ?? "#\(index + 1)"
        for key in map.keys where !knownFields.contains(key) {
            throw .unknownField(file: file, ruleID: id, field: key)
        }
        func string(_ field: String) throws(RuleError) -> String {
            guard let value = map[field] as? String, !value.isEmpty else {
                throw .invalidField(file: file, ruleID: id, field: field, message: "required text is missing")
            }
            return value
        }
        func strings(_ field: String, in source: [String: Any]? = nil) throws(RuleError) -> [String] {
            let value = (source ?? map)[field]
            if value == nil { return [] }
            if let list = value as? [Any] {
                var out: [String] = []
                for element in list {
                    guard let text = scalarText(element) else {
                        throw .invalidField(file: file, ruleID: id, field: field, message: "expected a list of strings")
                    }
                    out.append(text)
                }
                return out
            }
            if let text = value as? String { return [text] }
            throw .invalidField(file: file, ruleID: id, field: field, message: "expected a list of strings")
        }
        guard Rule.isValidID(id) else {
            throw .invalidField(file: file, ruleID: id, field: "id", message: "must be lowercase and dotted, like provider.kind")
        }
        let severityText = try string("severity")
        guard let severity = Severity(rawValue: severityText) else {
            throw .invalidField(file: file, ruleID: id, field: "severity", message: "'\(severityText)' is not critical, high, medium or low")
        }
        var secretGroup = 1
        if let group = map["secret_group"] {
            guard let value = (group as? Int) ?? (group as? String).flatMap({ Int($0) }), value >= 0, value < 100 else {
                throw .invalidField(file: file, ruleID: id, field: "secret_group", message: "expected a group number")
            }
            secretGroup = value
        }
        var minEntropy: Double?
        if let entropy = map["min_entropy"] {
            guard let value = (entropy as? Double) ?? (entropy as? Int).map(Double.init) ?? (entropy as? String).flatMap({ Double($0) }),
                  value >= 0, value <= 8 else {
                throw .invalidField(file: file, ruleID: id, field: "min_entropy", message: "expected bits per byte between 0 and 8")
            }
            minEntropy = value
        }
        var onInvalid = Rule.InvalidAction.lower
        if let action = map["on_invalid"] {
            guard let text = action as? String, let value = Rule.InvalidAction(rawValue: text) else {
                throw .invalidField(file: file, ruleID: id, field: "on_invalid", message: "expected lower or drop")
            }
            onInvalid = value
        }
        var onPlaceholderShape = Rule.InvalidAction.drop
        if let action = map["on_placeholder_shape"] {
            guard let text = action as? String, let value = Rule.InvalidAction(rawValue: text) else {
                throw .invalidField(file: file, ruleID: id, field: "on_placeholder_shape", message: "expected lower or drop")
            }
            onPlaceholderShape = value
        }
        var anchor: String?
        if let value = map["anchor"] {
            guard let text = value as? String, !text.isEmpty else {
                throw .invalidField(file: file, ruleID: id, field: "anchor", message: "expected a pattern")
            }
            anchor = text
        }
        var validator: String?
        if let name = map["validate"] {
            guard let text = name as? String, SecretValidator(spec: text) != nil else {
                throw .invalidField(file: file, ruleID: id, field: "validate", message: "unknown validator \(String(describing: name))")
            }
            validator = text
        }
        var allowRegexes: [String] = []
        var stopwords: [String] = []
        if let allow = map["allowlist"] {
            guard let allowMap = allow as? [String: Any] else {
                throw .invalidField(file: file, ruleID: id, field: "allowlist", message: "expected regexes and/or stopwords")
            }
            for key in allowMap.keys where key != "regexes" && key != "stopwords" {
                throw .unknownField(file: file, ruleID: id, field: "allowlist.\(key)")
            }
            allowRegexes = try strings("regexes", in: allowMap)
            stopwords = try strings("stopwords", in: allowMap)
        }
        return Rule(
            id: id, name: try string("name"), severity: severity, pattern: try string("pattern"),
            secretGroup: secretGroup, minEntropy: minEntropy, validator: validator, onInvalid: onInvalid,
            onPlaceholderShape: onPlaceholderShape, anchor: anchor, allowlistRegexes: allowRegexes, stopwords: stopwords,
            examples: try strings("examples"), negativeExamples: try strings("negative_examples"),
            references: try strings("references"), sourceFile: file)
    }

    /// Why `root` cannot safely be turned into values, or nil. Walks the nodes with every alias
    /// expanded, stopping past ``maxExpandedNodes`` (so the walk stays cheap however large the
    /// expansion would be), and refuses a mapping key that is a list or a mapping: Yams' value
    /// construction force-unwraps keys as strings and traps on those (found by the rule-file fuzzer:
    /// `? - a:` as a key).
    static func structureProblem(of root: Node) -> String? {
        var count = 0
        var pending = [root]
        while let node = pending.popLast() {
            count += 1
            guard count <= maxExpandedNodes else {
                return "expands to more than \(maxExpandedNodes) YAML nodes (aliases repeated inside aliases?)"
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard case .scalar = key else {
                        let line = key.mark.map { " (line \($0.line))" } ?? ""
                        return "a mapping key is a list or a mapping\(line); keys must be plain text"
                    }
                    pending.append(key)
                    pending.append(value)
                }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            case .scalar, .alias:
                break
            }
        }
        return nil
    }

    /// YAML scalars that are meant as text but parse as numbers or booleans.
    private static func scalarText(_ value: Any) -> String? {
        switch value {
        case let text as String: text
        case let number as Int: String(number)
        case let number as Double: String(number)
        case let flag as Bool: String(flag)
        default: nil
        }
    }
}

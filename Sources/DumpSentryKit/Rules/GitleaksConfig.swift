import Foundation

/// A gitleaks (v8) TOML config turned into DumpSentry rules, with every field the import could not honour.
///
/// Mapping, field by field:
/// - `[[rules]] id` → `gitleaks.<id>`, lowercased, any byte outside `[a-z0-9_-]` replaced by `-`; the prefix
///   keeps imported ids apart from DumpSentry's and makes them dotted, as rule ids must be.
/// - `description` → name (the id when missing); severity is `medium` for every rule (gitleaks has none).
/// - `regex` → pattern (Go RE2 syntax compiles as PCRE2 for the constructs gitleaks configs use). The secret
///   terminator gitleaks' generated rules share, ``gitleaksSecretEnd`` (a quote, space, `;`, escaped newline or
///   the end), is widened to ``dumpSecretEnd``: in a dump most strings end at a NUL, and a C string's secret
///   would be missed otherwise.
/// - `secretGroup` → secret group. Without one (or 0) gitleaks takes the first non-empty capture group;
///   DumpSentry reports one fixed group, so the import uses group 1 when the regex has a capture group
///   and the whole match otherwise. With several groups and no `secretGroup`, a match through a group other than 1
///   is not reported: such rules are named in ``ignoredFields``; setting `secretGroup` or splitting the rule fixes it.
/// - `entropy` → minimum entropy (Shannon bits per byte, the measure gitleaks uses).
/// - `keywords` → not needed: gitleaks uses them as a substring prefilter before the regex, while the
///   Vectorscan database matches all regexes in one pass. Dropping them can only add findings.
/// - allowlists (`[rules.allowlist]`, `[[rules.allowlists]]`, global `[allowlist]`/`[[allowlists]]`,
///   the latter honouring `targetRules`): `regexes` and `stopwords` → the rule's allowlist. DumpSentry
///   tests allowlist regexes against the secret, which is gitleaks' default `regexTarget`; regexes with
///   `regexTarget = "match"` or `"line"` are not imported (listed in ``ignoredFields``), and neither are the
///   regexes and stopwords of an allowlist whose `condition = "AND"` ties them to paths or commits, since
///   alone they would veto more than gitleaks does. Either way a finding is kept, never lost.
/// - `[extend] useDefault` → ``useDefault``: `true` means this config adds to the defaults, which maps to
///   keeping DumpSentry's built-in rules; otherwise gitleaks would run this config alone, and the caller
///   should drop the built-in rules (the CLI warns when it does not).
/// - Path, git and report fields (`path`, `paths`, `commits`, `tags`, `[extend] path`/`url`/`disabledRules`,
///   `[[rules.required]]`, unknown fields) have no meaning over a dump or no DumpSentry equivalent: each is
///   named in ``ignoredFields``. A rule with only a `path` and no `regex` is skipped and named there too.
public struct GitleaksConfig: Sendable {
    public var rules: [Rule]
    /// Fields present in the config that the import did not honour, each with where it occurred.
    public var ignoredFields: [String]
    /// `[extend] useDefault = true`: the config is meant to run beside the default rules.
    public var useDefault: Bool

    public static func parse(toml text: String, file: String) throws(RuleError) -> GitleaksConfig {
        let document: TOMLDocument
        do { document = try TOMLDocument(parsing: text) } catch {
            throw .malformed(file: file, message: "not valid TOML: \(error.description)")
        }
        var importer = Importer(file: file)
        return try importer.run(document.root)
    }

    /// The end-of-secret group of gitleaks' generated rules (`secretSuffix` in its rule generator).
    public static let gitleaksSecretEnd = #"(?:[\x60'"\s;]|\\[nr]|$)"#
    /// The same, also ending at a NUL, another control byte or a non-ASCII byte, as DumpSentry's own rules do.
    public static let dumpSecretEnd = #"(?:[\x60'"\s;\x00-\x08\x0e-\x1f\x7f-\xff]|\\[nr]|$)"#

    /// The id a gitleaks rule id becomes.
    public static func ruleID(forGitleaksID id: String) -> String {
        let mapped = id.lowercased().utf8.map { byte -> Character in
            (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2d || byte == 0x5f
                ? Character(UnicodeScalar(byte)) : "-"
        }
        return "gitleaks." + String(mapped)
    }

    /// Number of capture groups in a regex: `(` not escaped, not in a class, not `(?…)` unless named.
    static func captureGroupCount(_ pattern: String) -> Int {
        let bytes = Array(pattern.utf8)
        var count = 0, index = 0, inClass = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x5c {  // backslash: skip the escaped byte
                index += 2
                continue
            }
            if inClass {
                if byte == 0x5d { inClass = false }
            } else if byte == 0x5b {
                inClass = true
                if index + 1 < bytes.count, bytes[index + 1] == 0x5e { index += 1 }
                if index + 1 < bytes.count, bytes[index + 1] == 0x5d { index += 1 }  // `[]…]`: literal ]
            } else if byte == 0x28 {
                if index + 1 < bytes.count, bytes[index + 1] == 0x3f {
                    // (?P<name>…) and (?<name>…) capture; (?<= and (?<! are lookbehinds.
                    let rest = bytes[(index + 2)...].prefix(2)
                    if rest.first == 0x50 && rest.dropFirst().first == 0x3c
                        || rest.first == 0x3c && rest.dropFirst().first != 0x3d && rest.dropFirst().first != 0x21 {
                        count += 1
                    }
                } else {
                    count += 1
                }
            }
            index += 1
        }
        return count
    }
}

extension GitleaksConfig {
    /// The regexes and stopwords of one allowlist that the import keeps.
    private struct Allowlist {
        var regexes: [String] = []
        var stopwords: [String] = []
        /// Mapped rule ids this allowlist applies to; empty means every rule of the config.
        var targetRules: Set<String> = []
    }

    private struct Importer {
        let file: String
        /// Ignored field → where it occurred, in first-seen order.
        var ignored: [(field: String, places: [String])] = []

        init(file: String) { self.file = file }

        mutating func ignore(_ field: String, at place: String) {
            if let index = ignored.firstIndex(where: { $0.field == field }) {
                if !ignored[index].places.contains(place) { ignored[index].places.append(place) }
            } else {
                ignored.append((field, [place]))
            }
        }

        mutating func run(_ root: [String: TOMLDocument.Value]) throws(RuleError) -> GitleaksConfig {
            var useDefault = false
            for key in root.keys.sorted() {
                switch key {
                case "title", "description", "minVersion", "rules", "allowlist", "allowlists": break
                case "extend":
                    guard case .table(let extend)? = root[key] else { throw malformed("[extend] must be a table") }
                    for field in extend.keys.sorted() {
                        if field == "useDefault" {
                            guard case .boolean(let flag)? = extend[field] else {
                                throw malformed("[extend] useDefault must be true or false")
                            }
                            useDefault = flag
                        } else {
                            ignore("extend.\(field)", at: "[extend]")
                        }
                    }
                default: ignore(key, at: "top level")
                }
            }
            var globals: [Allowlist] = []
            if let value = root["allowlist"] {
                guard case .table(let table) = value else { throw malformed("[allowlist] must be a table") }
                globals.append(try allowlist(table, place: "[allowlist]", global: true))
            }
            if let value = root["allowlists"] {
                for (index, table) in try tables(value, name: "[[allowlists]]").enumerated() {
                    globals.append(try allowlist(table, place: "[[allowlists]] #\(index + 1)", global: true))
                }
            }
            var rules: [Rule] = []
            if let value = root["rules"] {
                for (index, table) in try tables(value, name: "[[rules]]").enumerated() {
                    if let rule = try rule(table, index: index) { rules.append(rule) }
                }
            }
            for global in globals {
                for index in rules.indices where global.targetRules.isEmpty || global.targetRules.contains(rules[index].id) {
                    rules[index].allowlistRegexes += global.regexes
                    rules[index].stopwords += global.stopwords
                }
            }
            let fields = ignored.map { "\($0.field) (\($0.places.joined(separator: ", ")))" }
            return GitleaksConfig(rules: rules, ignoredFields: fields, useDefault: useDefault)
        }

        private func malformed(_ message: String) -> RuleError { .malformed(file: file, message: message) }

        private func tables(_ value: TOMLDocument.Value, name: String) throws(RuleError) -> [[String: TOMLDocument.Value]] {
            guard case .array(let items) = value else { throw malformed("\(name) must be an array of tables") }
            var out: [[String: TOMLDocument.Value]] = []
            for item in items {
                guard case .table(let table) = item else { throw malformed("\(name) must be an array of tables") }
                out.append(table)
            }
            return out
        }

        private func text(_ value: TOMLDocument.Value?, field: String, rule: String) throws(RuleError) -> String? {
            guard let value else { return nil }
            guard case .string(let text) = value else {
                throw .invalidField(file: file, ruleID: rule, field: field, message: "expected a string")
            }
            return text
        }

        private func texts(_ value: TOMLDocument.Value?, field: String, rule: String) throws(RuleError) -> [String] {
            guard let value else { return [] }
            guard case .array(let items) = value else {
                throw .invalidField(file: file, ruleID: rule, field: field, message: "expected an array of strings")
            }
            var out: [String] = []
            for item in items {
                guard case .string(let text) = item else {
                    throw .invalidField(file: file, ruleID: rule, field: field, message: "expected an array of strings")
                }
                out.append(text)
            }
            return out
        }

        private mutating func rule(_ table: [String: TOMLDocument.Value], index: Int) throws(RuleError) -> Rule? {
            guard let gitleaksID = try text(table["id"], field: "id", rule: "#\(index + 1)"), !gitleaksID.isEmpty else {
                throw .invalidField(file: file, ruleID: "#\(index + 1)", field: "id", message: "required text is missing")
            }
            let id = GitleaksConfig.ruleID(forGitleaksID: gitleaksID)
            for key in table.keys.sorted() {
                switch key {
                case "id", "description", "regex", "secretGroup", "entropy", "keywords", "allowlist", "allowlists": break
                default: ignore("rules.\(key)", at: gitleaksID)
                }
            }
            guard let regex = try text(table["regex"], field: "regex", rule: id), !regex.isEmpty else {
                ignore("rules without regex (skipped)", at: gitleaksID)
                return nil
            }
            let pattern = regex.replacingOccurrences(of: GitleaksConfig.gitleaksSecretEnd, with: GitleaksConfig.dumpSecretEnd)
            let groups = GitleaksConfig.captureGroupCount(pattern)
            var secretGroup = groups > 0 ? 1 : 0
            if let value = table["secretGroup"] {
                guard case .integer(let group) = value, (0..<100).contains(group) else {
                    throw .invalidField(file: file, ruleID: id, field: "secretGroup", message: "expected a group number")
                }
                if group > 0 { secretGroup = group }
            }
            if secretGroup == 1 && groups > 1 && (table["secretGroup"] == nil || table["secretGroup"] == .integer(0)) {
                // gitleaks would take whichever group matched; a match through another group is not reported
                ignore("rules.secretGroup default (first non-empty of several groups; group 1 used)", at: gitleaksID)
            }
            var minEntropy: Double?
            if let value = table["entropy"] {
                switch value {
                case .float(let bits) where (0...8).contains(bits): minEntropy = bits
                case .integer(let bits) where (0...8).contains(bits): minEntropy = Double(bits)
                default:
                    throw .invalidField(file: file, ruleID: id, field: "entropy", message: "expected bits per byte between 0 and 8")
                }
                if minEntropy == 0 { minEntropy = nil }
            }
            var lists: [Allowlist] = []
            if let value = table["allowlist"] {
                guard case .table(let allow) = value else {
                    throw .invalidField(file: file, ruleID: id, field: "allowlist", message: "expected a table")
                }
                lists.append(try allowlist(allow, place: gitleaksID, global: false))
            }
            if let value = table["allowlists"] {
                for allow in try tables(value, name: "[[rules.allowlists]] of \(gitleaksID)") {
                    lists.append(try allowlist(allow, place: gitleaksID, global: false))
                }
            }
            let name = try text(table["description"], field: "description", rule: id).flatMap { $0.isEmpty ? nil : $0 }
            return Rule(
                id: id, name: name ?? gitleaksID, severity: .medium, pattern: pattern, secretGroup: secretGroup,
                minEntropy: minEntropy, allowlistRegexes: lists.flatMap(\.regexes), stopwords: lists.flatMap(\.stopwords),
                sourceFile: file)
        }

        private mutating func allowlist(_ table: [String: TOMLDocument.Value], place: String,
                                        global: Bool) throws(RuleError) -> Allowlist {
            let prefix = global ? "allowlist" : "rules.allowlist"
            let owner = global ? place : GitleaksConfig.ruleID(forGitleaksID: place)
            var list = Allowlist()
            var target = "secret"
            if let value = table["regexTarget"] {
                guard case .string(let text) = value else {
                    throw .invalidField(file: file, ruleID: owner, field: "regexTarget", message: "expected a string")
                }
                target = text.isEmpty ? "secret" : text
            }
            var conditionAnd = false
            if let value = table["condition"] {
                guard case .string(let text) = value else {
                    throw .invalidField(file: file, ruleID: owner, field: "condition", message: "expected AND or OR")
                }
                conditionAnd = text.uppercased() == "AND"
            }
            let tiedToPaths = conditionAnd && (table["paths"] != nil || table["commits"] != nil)
            for key in table.keys.sorted() {
                switch key {
                case "description", "regexTarget", "condition": break
                case "regexes":
                    let regexes = try texts(table[key], field: "\(prefix).regexes", rule: owner)
                    if tiedToPaths {
                        ignore("\(prefix).regexes (condition AND with paths/commits)", at: place)
                    } else if target != "secret" {
                        ignore("\(prefix).regexes (regexTarget \(target))", at: place)
                    } else {
                        list.regexes = regexes
                    }
                case "stopwords":
                    let stopwords = try texts(table[key], field: "\(prefix).stopwords", rule: owner)
                    if tiedToPaths {
                        ignore("\(prefix).stopwords (condition AND with paths/commits)", at: place)
                    } else {
                        list.stopwords = stopwords
                    }
                case "targetRules" where global:
                    let ids = try texts(table[key], field: "allowlists.targetRules", rule: owner)
                    list.targetRules = Set(ids.map(GitleaksConfig.ruleID(forGitleaksID:)))
                default: ignore("\(prefix).\(key)", at: place)
                }
            }
            return list
        }
    }
}

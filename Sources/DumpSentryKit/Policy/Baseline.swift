import Foundation

/// Accepted findings: a list of (rule id, secret fingerprint) pairs that a later scan suppresses
/// wherever they occur — in any file, at any offset — so a known, already-rotated secret does not
/// fail every CI run. Never holds the secret itself, only its `sha256:` fingerprint.
///
/// File format (JSON, written with mode 0600):
/// `{"tool": "dumpsentry", "version": 1, "entries": [{"rule_id", "fingerprint", "note"}]}`.
public struct Baseline: Sendable, Hashable {
    /// One accepted secret under one rule.
    public struct Entry: Sendable, Hashable {
        public var ruleID: String
        public var fingerprint: String
        /// Where it was first seen, or why it is accepted. Never secret material.
        public var note: String

        public init(ruleID: String, fingerprint: String, note: String) {
            self.ruleID = ruleID
            self.fingerprint = fingerprint
            self.note = note
        }
    }

    public static let formatVersion = 1

    /// Sorted by (rule id, fingerprint), one entry per pair.
    public private(set) var entries: [Entry]
    private var keys: Set<String>

    public init(entries: [Entry]) {
        var seen = Set<String>()
        self.entries = entries.filter { seen.insert(Self.key($0.ruleID, $0.fingerprint)).inserted }
            .sorted { ($0.ruleID, $0.fingerprint) < ($1.ruleID, $1.fingerprint) }
        self.keys = seen
    }

    /// A baseline accepting every finding; the note says where each secret was first seen.
    public init(findings: [Finding]) {
        self.init(entries: findings.map { finding in
            var place = finding.path
            if let member = finding.member { place += "!" + member }
            return Entry(ruleID: finding.ruleID, fingerprint: finding.fingerprint,
                         note: "first seen in \(place) at offset \(finding.offset)")
        })
    }

    public func suppresses(_ finding: Finding) -> Bool {
        keys.contains(Self.key(finding.ruleID, finding.fingerprint))
    }

    /// The baseline file's bytes.
    public func encoded() -> [UInt8] {
        let document: JSONValue = .object([
            ("tool", .string(DumpSentry.name)),
            ("version", .int(Int64(Self.formatVersion))),
            ("entries", .array(entries.map { entry in
                .object([("rule_id", .string(entry.ruleID)), ("fingerprint", .string(entry.fingerprint)), ("note", .string(entry.note))])
            })),
        ])
        return Array((document.pretty() + "\n").utf8)
    }

    /// Reads a baseline file. Every entry must have a rule id and a `sha256:` fingerprint, so a
    /// damaged file fails loudly instead of suppressing nothing (or everything).
    public static func load(path: String) throws(PolicyError) -> Baseline {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, message: error.localizedDescription)
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws(PolicyError) -> Baseline {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .malformed(path: path, message: "not JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any], let list = root["entries"] as? [Any] else {
            throw .malformed(path: path, message: "expected an object with an \"entries\" array")
        }
        if let version = root["version"] as? Int, version != formatVersion {
            throw .malformed(path: path, message: "baseline version \(version) is not supported (expected \(formatVersion))")
        }
        var entries: [Entry] = []
        for (index, item) in list.enumerated() {
            guard let entry = item as? [String: Any], let ruleID = entry["rule_id"] as? String,
                  let fingerprint = entry["fingerprint"] as? String else {
                throw .malformed(path: path, message: "entry \(index): needs string \"rule_id\" and \"fingerprint\"")
            }
            guard Fingerprint.isWellFormed(fingerprint) else {
                throw .malformed(path: path, message: "entry \(index): fingerprint must be sha256: and 64 hex digits")
            }
            entries.append(Entry(ruleID: ruleID, fingerprint: fingerprint, note: entry["note"] as? String ?? ""))
        }
        return Baseline(entries: entries)
    }

    private static func key(_ ruleID: String, _ fingerprint: String) -> String { ruleID + "\u{0}" + fingerprint }
}

/// The one deterministic order of findings: (path, member, offset, rule id, length, encoding).
public enum FindingOrder {
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        if a.member != b.member { return (a.member ?? "").utf8.lexicographicallyPrecedes((b.member ?? "").utf8) }
        if a.offset != b.offset { return a.offset < b.offset }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        if a.length != b.length { return a.length < b.length }
        return a.encoding.rawValue < b.encoding.rawValue
    }

    /// Sorts and drops exact repeats (same rule, place and span: found twice through overlapping windows).
    public static func sortedUnique(_ findings: [Finding]) -> [Finding] {
        let sorted = findings.sorted(by: precedes)
        var out: [Finding] = []
        out.reserveCapacity(sorted.count)
        for finding in sorted {
            if let last = out.last, last.path == finding.path, last.member == finding.member, last.offset == finding.offset,
               last.ruleID == finding.ruleID, last.length == finding.length, last.encoding == finding.encoding {
                continue
            }
            out.append(finding)
        }
        return out
    }
}

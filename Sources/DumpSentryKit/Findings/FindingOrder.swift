/// The one deterministic order of findings: (path, member, offset, rule id, length, encoding), names
/// compared by their exact bytes (two names that differ only in invalid UTF-8 are two places).
public enum FindingOrder {
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path || a.pathBytes != b.pathBytes { return a.exactPath.lexicographicallyPrecedes(b.exactPath) }
        if a.member != b.member || a.memberBytes != b.memberBytes {
            return (a.exactMember ?? []).lexicographicallyPrecedes(b.exactMember ?? [])
        }
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
            if let last = out.last, last.path == finding.path, last.member == finding.member, last.pathBytes == finding.pathBytes,
               last.memberBytes == finding.memberBytes, last.offset == finding.offset,
               last.ruleID == finding.ruleID, last.length == finding.length, last.encoding == finding.encoding {
                continue
            }
            out.append(finding)
        }
        return out
    }
}

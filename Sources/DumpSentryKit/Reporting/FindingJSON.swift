/// The JSON form of one finding (docs/report-format.md). Never holds the secret unless asked.
enum FindingJSON {
    static func value(_ finding: Finding, settings: ReportSettings) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule_id", .string(finding.ruleID)),
            ("rule_name", .string(finding.ruleName)),
            ("severity", .string(finding.severity.rawValue)),
            ("confidence", .string(finding.confidence.rawValue)),
            ("path", .string(finding.path)),
            ("member", finding.member.map(JSONValue.string) ?? .null),
        ]
        members += exactNames(pathBytes: finding.pathBytes, memberBytes: finding.memberBytes)
        members += [
            ("offset", .uint(finding.offset)),
            ("length", .int(Int64(finding.length))),
            ("encoding", .string(finding.encoding.rawValue)),
            ("fingerprint", .string(finding.fingerprint)),
            ("preview", .string(finding.preview)),
            ("entropy", .double((finding.entropy * 1000).rounded() / 1000)),
        ]
        if settings.showSecrets { members.append(("secret", .string(finding.secretText))) }
        if let key = finding.key { members.append(("key", keyValue(key))) }
        if let location = finding.location { members.append(("location", locationValue(location))) }
        if !finding.details.isEmpty {
            members.append(("details", .object(finding.details.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        return .object(members)
    }

    /// `path_bytes` and `member_bytes`: base64 of a name's exact bytes, present only when the name is
    /// not UTF-8 (then `path`/`member` show U+FFFD in place of the invalid bytes).
    static func exactNames(pathBytes: [UInt8]?, memberBytes: [UInt8]?) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let pathBytes { members.append(("path_bytes", .string(Data(pathBytes).base64EncodedString()))) }
        if let memberBytes { members.append(("member_bytes", .string(Data(memberBytes).base64EncodedString()))) }
        return members
    }

    static func keyValue(_ key: KeyInfo) -> JSONValue {
        var members: [(String, JSONValue)] = [("algorithm", .string(key.algorithm))]
        if let bits = key.bits { members.append(("bits", .int(Int64(bits)))) }
        if let curve = key.curve { members.append(("curve", .string(curve))) }
        members.append(("validated", .bool(key.validated)))
        if let sha = key.publicKeySHA256 { members.append(("public_key_sha256", .string(sha))) }
        if let thumbprint = key.jwkThumbprint { members.append(("jwk_thumbprint", .string(thumbprint))) }
        if let parent = key.keyFingerprint { members.append(("key_fingerprint", .string(parent))) }
        return .object(members)
    }

    static func locationValue(_ location: DumpLocation) -> JSONValue {
        var members: [(String, JSONValue)] = []
        members.append(("virtual_address", location.virtualAddress.map { .string(String(format: "0x%llx", $0)) } ?? .null))
        members.append(("region", .string(location.region.rawValue)))
        if let module = location.module { members.append(("module", .string(module))) }
        if let thread = location.threadID { members.append(("thread_id", .uint(thread))) }
        if let protection = location.protection { members.append(("protection", .string(protection))) }
        return .object(members)
    }
}

import Foundation

/// Finds Java key stores: JKS (`key.jks`, magic FEEDFEED) and JCEKS (`key.jceks`, magic
/// CECECECE). Their keys are encrypted with the store password, so nothing is validated; a store
/// is reported when it holds a private-key or secret-key entry (a store of trusted certificates
/// only is public data and yields no finding).
public struct JavaKeyStoreDetector: BinaryDetector {
    public static let jksRuleID = "key.jks"
    public static let jceksRuleID = "key.jceks"

    // Magic and a version this format has used (JKS 1 and 2, JCEKS 2).
    static let anchorTable = [
        FixedLengthAnchor(#"\xfe\xed\xfe\xed\x00\x00\x00[\x01\x02]"#),
        FixedLengthAnchor(#"\xce\xce\xce\xce\x00\x00\x00\x02"#),
    ]

    /// Stores are parsed up to this many bytes; a longer one is reported over that part.
    static let maxLength = 64 * 1024
    private static let maxEntries: UInt32 = 4096
    private static let maxChainLength: UInt32 = 64
    private static let digestLength = 20

    public init() {}

    public var rules: [DetectorRule] {
        let references = ["https://docs.oracle.com/en/java/javase/21/docs/specs/man/keytool.html"]
        return [
            DetectorRule(id: Self.jksRuleID, name: "Java key store (JKS)", severity: .medium, references: references),
            DetectorRule(id: Self.jceksRuleID, name: "Java key store (JCEKS)", severity: .medium, references: references),
        ]
    }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { Self.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        guard start >= 0 else { return [] }
        let ruleID = anchorIndex == 0 ? Self.jksRuleID : Self.jceksRuleID
        let limit = min(bytes.count, start + Self.maxLength)
        var reader = SSHWireReader(bytes, range: (start + 4)..<limit)
        guard let version = reader.uint32(), let count = reader.uint32(), count >= 1, count <= Self.maxEntries else { return [] }

        var sensitiveEntry: Range<Int>?
        var parsedEnd = reader.position
        var complete = true
        for _ in 0..<count {
            guard let tag = reader.uint32(), skipUTF(&reader), reader.skip(8) else { complete = false; break }
            switch tag {
            case 1:
                // Private key: the protected key (an EncryptedPrivateKeyInfo), then the chain.
                guard let protected = reader.stringRange(maxLength: Self.maxLength), protected.count >= 16,
                      let chainLength = reader.uint32(), chainLength <= Self.maxChainLength else { complete = false; break }
                var chainParsed = true
                for _ in 0..<chainLength where !skipCertificate(&reader, version: version) { chainParsed = false }
                if sensitiveEntry == nil { sensitiveEntry = protected }
                guard chainParsed else { complete = false; break }
            case 2:
                guard skipCertificate(&reader, version: version) else { complete = false; break }
            case 3 where ruleID == Self.jceksRuleID:
                // A sealed secret key: a Java-serialised object whose length the store does not
                // record; report the store up to it.
                sensitiveEntry = sensitiveEntry ?? reader.position..<reader.position
                complete = false
            default:
                complete = false
            }
            guard complete else { break }
            parsedEnd = reader.position
        }
        guard let sensitiveEntry else { return [] }
        var end = parsedEnd
        if complete, reader.skip(Self.digestLength) { end = reader.position }
        end = max(end, sensitiveEntry.upperBound)
        let secret = sensitiveEntry.isEmpty ? Array(bytes[start..<end]) : Array(bytes[sensitiveEntry])
        return [DetectedStructure(ruleID: ruleID, range: start..<end, confidence: complete ? .high : .medium,
                                  key: nil, secret: secret)]
    }

    /// A certificate: its type string (version 2 only), then uint32 length and the encoding.
    private func skipCertificate(_ reader: inout SSHWireReader, version: UInt32) -> Bool {
        if version == 2, !skipUTF(&reader) { return false }
        return reader.stringRange(maxLength: Self.maxLength) != nil
    }

    /// Java's modified UTF-8: uint16 length, then the bytes.
    private func skipUTF(_ reader: inout SSHWireReader) -> Bool {
        guard let high = reader.byte(), let low = reader.byte() else { return false }
        return reader.skip(Int(high) << 8 | Int(low))
    }
}

extension Finding {
    /// A chunk-relative finding placed in its file: `bufferStart` is the file offset of the chunk
    /// buffer's byte 0. The same conversion `ScanPipeline` makes, for scrub's single-thread paths.
    init(_ item: ChunkFinding, bufferStart: UInt64, path: String, member: String? = nil) {
        self.init(ruleID: item.ruleID, ruleName: item.ruleName, severity: item.severity, confidence: item.confidence,
                  path: path, member: member, offset: bufferStart + UInt64(item.range.lowerBound), length: item.range.count,
                  encoding: item.encoding, secret: item.secret, key: item.key, details: item.details)
    }
}

extension ScanPipeline {
    /// Scans bytes already in memory on the calling thread, through the same chunk geometry and
    /// matcher as files. For the rule checker and tests.
    public func scan(bytes: [UInt8], path: String = "<buffer>") throws -> [Finding] {
        let matcher = try Matcher(database: database)
        let plan = ChunkPlan(length: UInt64(bytes.count), chunkSize: options.chunkSize, overlap: overlap)
        var found: [Finding] = []
        var harvested: [KnownPublicKey] = []
        try bytes.withUnsafeBytes { raw in
            for index in 0..<plan.count {
                let geometry = plan.chunk(index)
                let buffer = UnsafeRawBufferPointer(rebasing: raw[Int(geometry.buffer.lowerBound)..<Int(geometry.buffer.upperBound)])
                for item in try matcher.scan(buffer, reportRange: geometry.reportRange, endsAtSourceEnd: geometry.endsAtSourceEnd,
                                    startsOdd: geometry.buffer.lowerBound % 2 == 1, views: views) {
                    found.append(Finding(ruleID: item.ruleID, ruleName: item.ruleName, severity: item.severity,
                                         confidence: item.confidence, path: path, offset: geometry.buffer.lowerBound + UInt64(item.range.lowerBound),
                                         length: item.range.count, encoding: item.encoding, secret: item.secret,
                                         key: item.key, details: item.details))
                }
                for (key, chunkOffset) in matcher.harvested {
                    var key = key
                    key.origin = "public key in this file at offset \(geometry.buffer.lowerBound + UInt64(chunkOffset))"
                    harvested.append(key)
                }
            }
            let keys = database.keysToSearch(harvested: harvested)
            found += KnownKeySearch(keys: Array(keys.prefix(database.knownKeys.count + SourceState.maxHarvestedKeys))).run(raw, path: path, member: nil).findings
        }
        return FindingOrder.sortedUnique(found)
    }
}

/// A detector that cannot be anchored by a byte pattern (AES key schedules) and so sweeps every
/// chunk with its own tight loop, within its own measured budget.
///
/// Contract: report only structures that *start* in `reportRange` (chunk-relative), so a structure
/// in the overlap between two chunks is reported exactly once; bounds-check everything.
public protocol SweepingDetector: Sendable {
    var rules: [DetectorRule] { get }
    /// Longest structure reported, in bytes (the pipeline's chunk overlap covers it).
    var maxStructureLength: Int { get }
    func sweep(_ bytes: UnsafeRawBufferPointer, reportRange: Range<Int>) -> [DetectedStructure]
}

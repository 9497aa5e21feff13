import Foundation

/// One input while it is being scanned: its descriptor and mapping, the chunks still in flight,
/// and the findings and errors gathered so far. Shared by the producer and the workers.
final class SourceState: @unchecked Sendable {
    // safe: mutable fields are touched only under `lock`; `mapped`, `descriptor` and the
    // identity fields are set before the first chunk is queued and never change after.
    let path: String
    let member: String?
    let descriptor: FileDescriptor?
    let openedStatus: FileStatus?
    let mapped: MappedFile?
    private let lock = NSLock()
    private var pending = 0
    private var producerDone = false
    private var finalized = false
    private(set) var findings: [Finding] = []
    private(set) var diagnostics: [ScanDiagnostic] = []
    private(set) var bytes: UInt64 = 0

    init(path: String, member: String? = nil, descriptor: FileDescriptor?, openedStatus: FileStatus?, mapped: MappedFile?) {
        self.path = path
        self.member = member
        self.descriptor = descriptor
        self.openedStatus = openedStatus
        self.mapped = mapped
    }

    func chunkQueued() {
        lock.lock(); pending += 1; lock.unlock()
    }

    /// Records a finished chunk; returns true if the source is now complete.
    func chunkDone(_ found: [Finding], bytes count: UInt64) -> Bool {
        lock.lock(); defer { lock.unlock() }
        findings += found
        bytes += count
        pending -= 1
        return claimFinalization()
    }

    /// The producer queued its last chunk; returns true if the source is now complete.
    func producerFinished(bytes count: UInt64 = 0) -> Bool {
        lock.lock(); defer { lock.unlock() }
        producerDone = true
        bytes += count
        return claimFinalization()
    }

    func add(_ diagnostic: ScanDiagnostic) {
        lock.lock(); diagnostics.append(diagnostic); lock.unlock()
    }

    private func claimFinalization() -> Bool {
        guard producerDone, pending == 0, !finalized else { return false }
        finalized = true
        return true
    }
}

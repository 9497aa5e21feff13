import Synchronization

/// Test hook at the C boundary: forces `mmap` or `read` failures so tests can prove the stream
/// fallback and the error path. Inert unless a test installs a plan, and then only for the one path
/// it names: tests run in parallel in one process, and a global fault broke other tests' reads.
package final class FaultInjection: Sendable {
    /// What to break. `readFailsAfter` counts successful reads per process before `EIO`.
    package struct Plan: Sendable {
        /// The only input the plan breaks (as the pipeline names it).
        package var path: String
        package var mmapErrno: Int32?
        package var readErrno: Int32?
        package var readFailsAfter: Int

        package init(path: String, mmapErrno: Int32? = nil, readErrno: Int32? = nil, readFailsAfter: Int = 0) {
            self.path = path
            self.mmapErrno = mmapErrno
            self.readErrno = readErrno
            self.readFailsAfter = readFailsAfter
        }
    }

    private let state = Mutex<(plan: Plan?, reads: Int)>((nil, 0))

    package static let current = FaultInjection()

    package func install(_ plan: Plan?) {
        state.withLock { $0 = (plan, 0) }
    }

    func mmapError(path: String) -> Int32? {
        state.withLock { $0.plan.flatMap { $0.path == path ? $0.mmapErrno : nil } }
    }

    func readError(path: String) -> Int32? {
        state.withLock { state in
            guard let plan = state.plan, plan.path == path, let code = plan.readErrno else { return nil }
            state.reads += 1
            return state.reads > plan.readFailsAfter ? code : nil
        }
    }
}

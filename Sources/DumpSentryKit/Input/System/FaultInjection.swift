import Synchronization

/// Test hook at the C boundary: forces `mmap` or `read` failures so tests can prove the stream
/// fallback and the error path. Inert unless a test installs a plan.
package final class FaultInjection: Sendable {
    /// What to break. `readFailsAfter` counts successful reads per process before `EIO`.
    package struct Plan: Sendable {
        package var mmapErrno: Int32?
        package var readErrno: Int32?
        package var readFailsAfter: Int

        package init(mmapErrno: Int32? = nil, readErrno: Int32? = nil, readFailsAfter: Int = 0) {
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

    func mmapError() -> Int32? {
        state.withLock { $0.plan?.mmapErrno }
    }

    func readError(fd: Int32) -> Int32? {
        state.withLock { state in
            guard let plan = state.plan, let code = plan.readErrno else { return nil }
            state.reads += 1
            return state.reads > plan.readFailsAfter ? code : nil
        }
    }
}

import Synchronization

/// Test hook at the C boundary: forces `mmap` or `read` failures so tests can prove the stream
/// fallback and the error path. Inert unless a test installs a plan, and then only for the one path
/// it names: tests run in parallel in one process, and a global fault broke other tests' reads.
package final class FaultInjection: Sendable {
    /// What to break. `readFailsAfter` counts successful reads of the path before the error.
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

    /// Plans by path, each with the reads it has let through: tests that break different files
    /// run in parallel, and one slot for all of them let one test's plan replace another's.
    private let state = Mutex<[String: (plan: Plan, reads: Int)]>([:])

    package static let current = FaultInjection()

    /// Installs `plan` for its path, replacing any earlier plan for that path.
    package func install(_ plan: Plan) {
        state.withLock { $0[plan.path] = (plan, 0) }
    }

    /// Removes the plan for `path`, if any.
    package func remove(path: String) {
        state.withLock { _ = $0.removeValue(forKey: path) }
    }

    func mmapError(path: String) -> Int32? {
        state.withLock { $0[path]?.plan.mmapErrno }
    }

    func readError(path: String) -> Int32? {
        state.withLock { plans in
            guard let entry = plans[path], let code = entry.plan.readErrno else { return nil }
            plans[path]?.reads += 1
            return entry.reads + 1 > entry.plan.readFailsAfter ? code : nil
        }
    }
}

import Dispatch

/// An `fdatasync` of scrub's output running on another thread while the rescan reads the output
/// back from the page cache, so the disk writes overlap the rescan instead of following it.
final class BackgroundFlush: @unchecked Sendable {
    // safe: `failure` is written once before `done` is signalled and read only after `wait()`.
    private let done = DispatchSemaphore(value: 0)
    private var failure: SystemError?

    init(_ descriptor: FileDescriptor, path: String) {
        DispatchQueue.global().async { [self] in
            do throws(SystemError) { try descriptor.flushData(path: path) } catch { failure = error }
            done.signal()
        }
    }

    /// Waits for the flush; its error, if any. Linux reports a writeback error to one sync call
    /// per open file, so this error must not be dropped in favour of a later `fsync`.
    func wait() -> SystemError? {
        done.wait()
        return failure
    }
}

import DumpSentryKit
import Foundation

/// A one-line progress display on stderr (bytes done, GB/s, ETA) for scans longer than a second,
/// only on a terminal: never in pipes, CI logs or with `--quiet`.
final class ProgressBar: @unchecked Sendable {
    // safe: `stopped` is only touched under `lock`; the progress counters are atomics.
    private let progress: ScanProgress
    private let lock = NSLock()
    private var stopped = false
    private var drawn = false
    private let started = Date()

    static func shouldShow(quiet: Bool) -> Bool {
        !quiet && Terminal.standardError.isTTY && ProcessInfo.processInfo.environment["CI"] == nil
    }

    init(_ progress: ScanProgress) { self.progress = progress }

    func start() {
        let thread = Thread { [self] in
            Thread.sleep(forTimeInterval: 1.0)
            while draw() { Thread.sleep(forTimeInterval: 0.25) }
        }
        thread.start()
    }

    /// Draws one frame; false once stopped.
    private func draw() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return false }
        let done = progress.bytesScanned
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / seconds
        var line = String(format: "scanning: %.1f MB", Double(done) / 1e6)
        if progress.walkFinished, progress.bytesListed > 0 {
            let total = progress.bytesListed
            line += String(format: " of %.1f MB (%d%%)", Double(total) / 1e6, Int(100 * Double(min(done, total)) / Double(total)))
            if rate > 0 && total > done { line += String(format: ", ETA %.0f s", Double(total - done) / rate) }
        }
        line += String(format: ", %.2f GB/s", rate / 1e9)
        Terminal.standardError.write("\r\u{1b}[2K" + line)
        drawn = true
        return true
    }

    func stop() {
        lock.lock(); defer { lock.unlock() }
        stopped = true
        if drawn { Terminal.standardError.write("\r\u{1b}[2K") }
    }
}

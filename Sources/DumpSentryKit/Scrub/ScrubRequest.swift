/// What to scrub and where the sanitized copy goes.
public struct ScrubRequest: Sendable {
    /// Where the scrubbed bytes go.
    public enum Destination: Sendable, Hashable {
        /// A new file, created with mode 0600 via `AtomicFile` (replaces an existing one atomically).
        case file(String)
        /// The process's standard output (`-o -`): streamed, and rescanned as it is written.
        case standardOutput
        /// The input itself, replaced atomically; the mode is copied from the input.
        case inPlace
    }

    /// A path, or `-` for standard input.
    public var input: String
    public var destination: Destination
    /// Findings at or above this severity that remain after scrubbing make the outcome dirty.
    public var failOn: Severity

    public init(input: String, destination: Destination, failOn: Severity = .low) {
        self.input = input
        self.destination = destination
        self.failOn = failOn
    }
}

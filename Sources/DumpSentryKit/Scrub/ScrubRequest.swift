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
    /// The baseline and allowlist of `scan`: findings they accept are left in place (and do not
    /// fail the rescan) unless `all` is set. Its `failOn` and `skipPaths` are not used here.
    public var policy: FindingPolicy
    /// Overwrite accepted findings too (`--all`).
    public var all: Bool

    public init(input: String, destination: Destination, failOn: Severity = .low,
                policy: FindingPolicy = FindingPolicy(), all: Bool = false) {
        self.input = input
        self.destination = destination
        self.failOn = failOn
        self.policy = policy
        self.all = all
    }

    /// True for a finding the policy accepts and that therefore stays in the output.
    func keeps(_ finding: Finding) -> Bool { !all && policy.accepts(finding) }
}

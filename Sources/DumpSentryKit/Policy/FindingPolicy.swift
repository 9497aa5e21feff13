import Glibc

/// What happens to findings after the scan: accepted secrets (baseline, config allowlist) and
/// skipped paths are removed and counted, and the severity gate decides the exit status.
public struct FindingPolicy: Sendable {
    public var baseline: Baseline?
    /// Fingerprints accepted by the config's allowlist, under any rule.
    public var allowedFingerprints: Set<String>
    /// fnmatch globs; a finding, file summary or note whose path matches one is dropped from the report.
    public var skipPaths: [String]
    /// Findings at or above this severity fail the run (exit 1); those below are still reported.
    public var failOn: Severity

    public init(baseline: Baseline? = nil, allowedFingerprints: Set<String> = [], skipPaths: [String] = [],
                failOn: Severity = .low) {
        self.baseline = baseline
        self.allowedFingerprints = allowedFingerprints
        self.skipPaths = skipPaths
        self.failOn = failOn
    }

    /// The outcome with suppressed findings removed and counted in `suppressed`.
    public func apply(to outcome: ScanOutcome) -> ScanOutcome {
        var result = outcome
        if !skipPaths.isEmpty {
            result.sources = outcome.sources.filter { !isSkipped($0.path) }
            result.diagnostics = outcome.diagnostics.filter { !isSkipped($0.path) }
        }
        result.findings = outcome.findings.filter { !isSkipped($0.path) && !accepts($0) }
        result.suppressed = outcome.suppressed + outcome.findings.count - result.findings.count
        return result
    }

    /// True when the baseline or the config's allowlist accepts `finding` (paths aside).
    public func accepts(_ finding: Finding) -> Bool {
        allowedFingerprints.contains(finding.fingerprint) || baseline?.suppresses(finding) == true
    }

    /// True when some finding is at or above `failOn`.
    public func fails(_ outcome: ScanOutcome) -> Bool {
        outcome.findings.contains { $0.severity >= failOn }
    }

    /// A path is skipped when a glob matches the whole path or its last component (so `*.sym`
    /// works whether the path was given as `build/app.sym` or found under a directory).
    public func isSkipped(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return skipPaths.contains { glob in fnmatch(glob, path, 0) == 0 || fnmatch(glob, name, 0) == 0 }
    }
}

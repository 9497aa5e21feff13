import ArgumentParser
import DumpSentryKit
import Glibc

extension Severity: ExpressibleByArgument {}

/// What fails the run and what is accepted: `--fail-on`, `--baseline`, `--config`.
struct PolicyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Exit 1 only for findings at or above this severity: critical, high, medium or low (default low, or the config's fail_on). Findings below are still reported.", valueName: "severity"))
    var failOn: Severity?

    @Option(help: ArgumentHelp("Suppress the findings a baseline file accepts (dumpsentry baseline create), in any file at any offset.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Read settings from this file instead of ./.dumpsentry.yaml (when present).", valueName: "file"))
    var config: String?

    /// The config named by `--config`, else `.dumpsentry.yaml` in the working directory, else none.
    func loadConfig() throws -> ScanConfig? { try Self.loadConfig(explicit: config) }

    static func loadConfig(explicit: String?) throws -> ScanConfig? {
        if let explicit { return try ScanConfig.load(path: explicit) }
        guard access(ScanConfig.defaultFileName, F_OK) == 0 else { return nil }
        return try ScanConfig.load(path: ScanConfig.defaultFileName)
    }

    /// Flags win over the config.
    func policy(config: ScanConfig?) throws -> FindingPolicy {
        FindingPolicy(
            baseline: try baseline.map { try Baseline.load(path: $0) },
            allowedFingerprints: Set(config?.allowlist.map(\.fingerprint) ?? []),
            skipPaths: config?.skipPaths ?? [],
            failOn: failOn ?? config?.failOn ?? .low)
    }
}

import ArgumentParser
import DumpSentryKit

/// `dumpsentry baseline`: accept the secrets found today so a CI gate fails only on new ones.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Create a baseline of accepted findings.",
        subcommands: [BaselineCreateCommand.self]
    )
}

/// `dumpsentry baseline create`.
struct BaselineCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Scan PATHs and write every finding's rule id and fingerprint to a baseline file.",
        discussion: """
        The baseline holds rule ids, sha256 fingerprints and a note of where each secret was first \
        seen — never a secret. `dumpsentry scan --baseline FILE` then suppresses those secrets \
        wherever they occur. The file is written atomically with mode 0600. Exit status: 0 written; \
        2 an input could not be scanned (the baseline is still written, from what was scanned).
        """
    )

    @Argument(help: ArgumentHelp("Files, directories, or - for stdin.", valueName: "path"))
    var paths: [String]

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Baseline file to write.", valueName: "file"))
    var output = ".dumpsentry-baseline.json"

    @Option(help: ArgumentHelp("Read rules, disable, stopwords, allowlist and skip_paths from this file instead of ./.dumpsentry.yaml (when present), as scan does.", valueName: "file"))
    var config: String?

    @OptionGroup(title: "Rules") var rules: RuleOptions
    @OptionGroup(title: "Scan") var scan: ScanOptionGroup

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one path, or - for stdin") }
    }

    func run() throws {
        // The same rule set and policy as `scan` with this config, so the fingerprints match.
        let settings = try PolicyOptions.loadConfig(explicit: config)
        var ruleSet = try rules.ruleSet(extraPaths: settings?.rules ?? [], extraDisabled: settings?.disable ?? [])
        if let settings { ruleSet = settings.applyingStopwords(to: ruleSet) }
        let policy = FindingPolicy(allowedFingerprints: Set(settings?.allowlist.map(\.fingerprint) ?? []),
                                   skipPaths: settings?.skipPaths ?? [])
        let database = try RuleDatabase(ruleSet, cache: DatabaseCache.standard())
        let scanned = ScanPipeline(database: database, options: scan.scanOptions).run(paths: paths.filter { $0 == "-" || !policy.isSkipped($0) })
        let outcome = policy.apply(to: scanned)
        let baseline = Baseline(findings: outcome.findings)
        try AtomicFile(path: output, mode: 0o600).write(baseline.encoded())
        for diagnostic in outcome.errors {
            Terminal.standardError.write("dumpsentry: error: \(TerminalText.escaped(bytes: diagnostic.exactPath)): \(diagnostic.message)\n")
        }
        Terminal.standardError.write("wrote \(baseline.entries.count) baseline entr\(baseline.entries.count == 1 ? "y" : "ies") to \(TerminalText.escaped(output))\n")
        if !outcome.errors.isEmpty { throw ExitCode(2) }
    }
}

import ArgumentParser
import DumpSentryKit
import Glibc

/// `dumpsentry scan`: the boundary scan, the pre-upload hook and the CI gate.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan files, directories or stdin for secrets.",
        discussion: """
        PATH may be a file, a directory (walked recursively; symbolic links are not followed \
        unless --follow-symlinks) or - for stdin. Every byte of every file is scanned, whatever \
        its type or size. Compressed files and archives (gzip, xz, zstd, bzip2, lz4; zip, tar, 7z, \
        cpio), also on stdin, are decompressed in memory and each member is scanned; findings give \
        the member (nested: a.zip!inner.tar!core) and offsets into the decompressed member.

        Exit status: 0 every input scanned and nothing found at or above --fail-on; 1 findings at \
        or above --fail-on (default low); 2 some input could not be scanned (missing, unreadable, changed while scanned) or bad arguments — the other \
        inputs are still scanned and reported. Secrets are redacted (4-character preview and a \
        SHA-256 fingerprint) unless --show-secrets is given.

        Examples:
          dumpsentry scan /var/crash
          dumpsentry scan --format json -o report.json core.1234 minidump.dmp
          gcore -o - 1234 | dumpsentry scan -
        """
    )

    @Argument(help: ArgumentHelp("Files, directories, or - for stdin.", valueName: "path"))
    var paths: [String]

    @OptionGroup(title: "Rules") var rules: RuleOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Scan") var scan: ScanOptionGroup
    @OptionGroup(title: "Policy") var policyOptions: PolicyOptions

    @Option(help: ArgumentHelp("""
        Scan only worker K's share of the files, of N workers (K 0-based, e.g. \
        "$JOB_COMPLETION_INDEX/16"): each file goes to one worker by a stable hash of its path below \
        the argument it was found under. The workers' jsonl reports concatenate into one.
        """, valueName: "K/N"))
    var shard: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one path, or - for stdin") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("stdin (-) can be scanned only once") }
        if shard != nil && paths.contains("-") { throw ValidationError("--shard splits files and directories; stdin (-) cannot be sharded") }
        _ = try parsedShard()
    }

    private func parsedShard() throws -> InputShard? {
        guard let shard else { return nil }
        do { return try InputShard(parsing: shard) } catch { throw ValidationError("--shard: \(error)") }
    }

    func run() throws {
        let config = try policyOptions.loadConfig()
        var ruleSet = try rules.ruleSet(extraPaths: config?.rules ?? [], extraDisabled: config?.disable ?? [])
        if let config { ruleSet = config.applyingStopwords(to: ruleSet) }
        let policy = try policyOptions.policy(config: config)
        let format: ReportFormat
        if let chosen = output.format {
            format = chosen
        } else if let config, let name = config.format {
            guard let chosen = ReportFormat(rawValue: name) else {
                throw ValidationError("\(config.path): format '\(name)' is not one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = chosen
        } else {
            format = .text
        }
        let database = try RuleDatabase(ruleSet, cache: DatabaseCache.standard())
        if output.showSecrets {
            Terminal.standardError.write("dumpsentry: warning: --show-secrets prints whole secrets; keep this report out of logs\n")
        }
        // skip_paths: top-level paths are not even read; files found under a directory are
        // dropped from the report after the scan (the walker has no exclusion hook yet).
        var scanOptions = scan.scanOptions
        scanOptions.shard = try parsedShard()
        let pipeline = ScanPipeline(database: database, options: scanOptions)
        let bar = ProgressBar.shouldShow(quiet: output.quiet) ? ProgressBar(pipeline.progress) : nil
        bar?.start()
        let scanned = pipeline.run(paths: paths.filter { $0 == "-" || !policy.isSkipped($0) })
        bar?.stop()
        let outcome = policy.apply(to: scanned)
        let settings = ReportSettings(showSecrets: output.showSecrets)
        let toTerminal = output.output == nil && Terminal.standardOutput.isTTY
        let color = toTerminal && getenv("NO_COLOR") == nil
        let text: String
        switch format {
        case .text:
            // A terminal gets findings grouped by file and a table of counts; pipes keep one line per finding.
            let reporter = TextReporter(settings: settings, color: color)
            text = toTerminal ? reporter.grouped(outcome) : reporter.findings(outcome)
        case .json: text = JSONReporter(settings: settings).document(outcome)
        case .jsonl: text = JSONReporter(settings: settings).lines(outcome)
        case .sarif:
            var reporter = SarifReporter(settings: settings, ruleSet: ruleSet, githubMode: output.sarifGithub)
            reporter.textPositions = textPositions(outcome.findings)
            text = reporter.document(outcome)
        }
        if let file = output.output {
            try AtomicFile(path: file, mode: 0o600).write(Array(text.utf8))
        } else {
            Terminal.standardOutput.write(text)
        }
        for diagnostic in outcome.diagnostics where diagnostic.isError {
            // Messages may quote archive member names: data, escaped like paths.
            Terminal.standardError.write("dumpsentry: error: \(TerminalText.escaped(bytes: diagnostic.exactPath)): \(TerminalText.escaped(diagnostic.message))\n")
        }
        if !output.quiet {
            Terminal.standardError.write(TextReporter(settings: settings).summaryLine(outcome) + "\n")
        }
        if !outcome.errors.isEmpty { throw ExitCode(2) }
        if policy.fails(outcome) { throw ExitCode(1) }
    }

    /// Lines and columns of text findings in plain files that are text, for SARIF regions.
    /// A file that cannot be re-read only loses its line numbers (said on stderr).
    private func textPositions(_ findings: [Finding]) -> [String: [UInt64: TextArtifact.Position]] {
        var offsets: [String: [UInt64]] = [:]
        for finding in findings where finding.member == nil && finding.path != "-" && finding.encoding == .ascii {
            offsets[finding.path, default: []].append(finding.offset)
        }
        var positions: [String: [UInt64: TextArtifact.Position]] = [:]
        for (path, list) in offsets {
            do {
                if let found = try TextArtifact.positions(path: path, offsets: list) { positions[path] = found }
            } catch {
                Terminal.standardError.write("dumpsentry: warning: \(TerminalText.escaped(path)): no line numbers: \(error)\n")
            }
        }
        return positions
    }
}

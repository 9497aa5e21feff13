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

        Exit status: 0 every input scanned and nothing found; 1 findings; 2 some input could not \
        be scanned (missing, unreadable, changed while scanned) or bad arguments — the other \
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

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one path, or - for stdin") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("stdin (-) can be scanned only once") }
    }

    func run() throws {
        let ruleSet = try rules.ruleSet()
        let database = try RuleDatabase(ruleSet, cache: DatabaseCache.standard())
        if output.showSecrets {
            Terminal.standardError.write("dumpsentry: warning: --show-secrets prints whole secrets; keep this report out of logs\n")
        }
        let outcome = ScanPipeline(database: database, options: scan.scanOptions).run(paths: paths)
        let settings = ReportSettings(showSecrets: output.showSecrets)
        let toTerminal = output.output == nil && Terminal.standardOutput.isTTY
        let color = toTerminal && getenv("NO_COLOR") == nil
        let text: String = switch output.format {
        case .text: TextReporter(settings: settings, color: color).findings(outcome)
        case .json: JSONReporter(settings: settings).document(outcome)
        case .jsonl: JSONReporter(settings: settings).lines(outcome)
        }
        if let file = output.output {
            try AtomicFile(path: file, mode: 0o600).write(Array(text.utf8))
        } else {
            Terminal.standardOutput.write(text)
        }
        for diagnostic in outcome.diagnostics where diagnostic.isError {
            // Messages may quote archive member names: data, escaped like paths.
            Terminal.standardError.write("dumpsentry: error: \(TerminalText.escaped(diagnostic.path)): \(TerminalText.escaped(diagnostic.message))\n")
        }
        if !output.quiet {
            Terminal.standardError.write(TextReporter(settings: settings).summaryLine(outcome) + "\n")
        }
        if !outcome.errors.isEmpty { throw ExitCode(2) }
        if !outcome.findings.isEmpty { throw ExitCode(1) }
    }
}

import ArgumentParser
import DumpSentryKit

/// Report formats.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, sarif
}

/// Where and how findings are written.
struct OutputOptions: ParsableArguments {
    @Option(help: "Report format: text, json, jsonl or sarif (default text, or the config's format).")
    var format: ReportFormat?

    @Flag(help: "SARIF for GitHub code scanning: add startLine 1 to every region (GitHub rejects results without a line; dumps have none).")
    var sarifGithub = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the report to a file (created with mode 0600) instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Include whole secrets in the report. Without it, only a 4-character preview and a fingerprint.")
    var showSecrets = false

    @Flag(name: [.short, .long], help: "No summary line on stderr.")
    var quiet = false
}

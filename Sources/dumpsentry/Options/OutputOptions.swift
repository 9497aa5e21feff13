import ArgumentParser
import DumpSentryKit

/// Report formats.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
}

/// Where and how findings are written.
struct OutputOptions: ParsableArguments {
    @Option(help: "Report format: text, json or jsonl.")
    var format: ReportFormat = .text

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the report to a file (created with mode 0600) instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Include whole secrets in the report. Without it, only a 4-character preview and a fingerprint.")
    var showSecrets = false

    @Flag(name: [.short, .long], help: "No summary line on stderr.")
    var quiet = false
}

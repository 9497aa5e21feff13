import ArgumentParser
import DumpSentryKit
import Glibc

/// The `dumpsentry` command tree. Owns the exit status: 0 clean, 1 findings, 2 error.
@main
struct DumpSentryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dumpsentry",
        abstract: "Find secrets in crash dumps and debug artifacts: keys, tokens and passwords, in ASCII, UTF-16 and binary key formats.",
        discussion: """
        Exit status: 0 nothing found and every input scanned; 1 findings at or above --fail-on; \
        2 an input could not be (fully) scanned, or bad arguments. Secrets are redacted in every \
        output unless --show-secrets is given.

        Examples:
          boundary scan:    dumpsentry scan --format json -o report.json /var/crash
          pre-upload hook:  dumpsentry scan --quiet core.1234 && upload core.1234
          stream:           cat core.zst | dumpsentry scan -
          CI gate:          dumpsentry scan --format jsonl build/debug-artifacts > findings.jsonl
        """,
        version: DumpSentry.version,
        subcommands: [ScanCommand.self, ScrubCommand.self, RulesCommand.self, BaselineCommand.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            if exitCode(for: error).isSuccess { exit(withError: error) }   // --help, --version
            // A usage mistake gets ArgumentParser's message and usage; anything else (a rule file
            // that does not load, an unreadable config) reads like the scan's own errors.
            let isUsageError = String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
            Terminal.standardError.write(
                (isUsageError ? fullMessage(for: error) : "dumpsentry: error: \(TerminalText.escaped("\(error)"))") + "\n")
            Glibc.exit(2)   // not 64 and not 1: 1 means findings
        }
    }
}

import ArgumentParser
import DumpSentryKit
import Foundation

/// `dumpsentry scrub`: a sanitized copy of a dump that can leave the boundary.
struct ScrubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrub",
        abstract: "Write a copy of a dump with every secret overwritten, then rescan the copy.",
        discussion: """
        The copy has the same size and layout, so debuggers still load it: text secrets become a \
        same-length run of * in their encoding (UTF-16 keeps its NUL bytes), binary keys (DER, \
        CNG/CAPI blobs, OpenSSH bodies, AES schedules, and the raw prime factors and scalars the \
        known-key search finds for --public-key and for certificates in the dump) become 0xDD bytes \
        over the whole structure, \
        and JWTs are overwritten whole. Every other byte is unchanged. The output is then scanned \
        again with the same rules (standard output is scanned as it is written; a file output is \
        read back and compared with the input, and only the chunks holding a replaced span or a \
        differing byte are scanned again, since the rest is input the scan already found clean).

        -o FILE is created with mode 0600, atomically (temporary file beside it, fsync, rename). \
        --in-place replaces INPUT the same way, keeping its mode; INPUT is never left \
        half-written, and a symbolic link is refused. - means standard input (for INPUT) or \
        standard output (for -o); streams are scrubbed with memory bounded by the chunk size.

        Compressed inputs stay compressed the same way (gzip, zstd, xz, bzip2, lz4) and zip, tar \
        (also .tar.gz, .tar.zst, …) and cpio archives are rewritten in their own format with every \
        member scrubbed and every header kept; nothing is unpacked to disk. 7z archives are \
        refused (libarchive would stage them on disk), and a member that is itself an archive is \
        copied unchanged inside, so the rescan reports its secrets. The rescan unpacks the output \
        again; report offsets are then into the decompressed member.

        Same rules, config, baseline and allowlist as scan: findings the baseline or allowlist \
        accepts are left in place (and listed as "kept" in the report) unless --all is given.

        Exit status: 0 scrubbed and the rescan is clean (or there was nothing to scrub); 1 the \
        rescan found something at or above --fail-on, or could not run — the output is not \
        clean; 2 error (bad arguments, unreadable input, unwritable output; nothing written).

        Examples:
          dumpsentry scrub core.1234 -o core.1234.clean --report scrub.json
          dumpsentry scrub --in-place minidump.dmp
          dumpsentry scrub - -o - < core > core.clean
        """
    )

    @Argument(help: ArgumentHelp("The dump to scrub, or - for standard input.", valueName: "input"))
    var input: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the scrubbed copy (- for standard output).", valueName: "file"))
    var output: String?

    @Flag(help: "Replace INPUT atomically with its scrubbed copy (mode kept).")
    var inPlace = false

    @Option(help: ArgumentHelp("Write a JSON list of what was replaced (rule, offset, length, encoding, fingerprint; never the secret), mode 0600.", valueName: "file"))
    var report: String?

    @Flag(help: "Also overwrite findings the baseline or the config's allowlist accepts (by default they are left in place).")
    var all = false

    @Flag(name: [.short, .long], help: "No summary line on stderr.")
    var quiet = false

    @OptionGroup(title: "Rules") var rules: RuleOptions
    @OptionGroup(title: "Scan") var scan: ScanOptionGroup
    @OptionGroup(title: "Policy") var policyOptions: PolicyOptions

    func validate() throws {
        switch (output, inPlace) {
        case (nil, false): throw ValidationError("give -o FILE (or -o - for standard output), or --in-place")
        case (.some, true): throw ValidationError("-o and --in-place exclude each other")
        case (nil, true) where input == "-": throw ValidationError("--in-place needs a file, not standard input")
        default: break
        }
        if let output, output != "-", output == input { throw ValidationError("-o names the input; use --in-place to replace it") }
        if report == "-" && output == "-" { throw ValidationError("--report - and -o - would mix on standard output") }
    }

    func run() throws {
        // The same rules, config, baseline and allowlist as `scan`.
        let config = try policyOptions.loadConfig()
        var ruleSet = try rules.ruleSet(extraPaths: config?.rules ?? [], extraDisabled: config?.disable ?? [])
        if let config { ruleSet = config.applyingStopwords(to: ruleSet) }
        let policy = try policyOptions.policy(config: config)
        let database = try RuleDatabase(ruleSet, cache: DatabaseCache.standard())
        let destination: ScrubRequest.Destination = inPlace ? .inPlace : output == "-" ? .standardOutput : .file(output ?? "-")
        let request = ScrubRequest(input: input, destination: destination, failOn: policy.failOn, policy: policy, all: all)
        let outcome: ScrubReport
        do {
            outcome = try Scrubber(database: database, options: scan.scanOptions).run(request)
        } catch {
            Terminal.standardError.write("dumpsentry: error: \(TerminalText.escaped("\(error)"))\n")
            throw ExitCode(2)
        }
        if let report {
            let text = outcome.json().pretty() + "\n"
            if report == "-" {
                Terminal.standardOutput.write(text)
            } else {
                try AtomicFile(path: report, mode: 0o600).write(Array(text.utf8))
            }
        }
        let shown = TerminalText.escaped(outcome.output)
        for note in outcome.notes { Terminal.standardError.write("dumpsentry: note: \(TerminalText.escaped(note))\n") }
        for finding in outcome.unscrubbed {
            Terminal.standardError.write("dumpsentry: error: \(shown): could not overwrite \(finding.ruleID) at \(place(finding)) (\(finding.length) bytes, \(finding.fingerprint))\n")
        }
        for finding in outcome.remaining {
            Terminal.standardError.write("dumpsentry: error: \(shown): still holds \(finding.severity.rawValue) \(finding.ruleID) at \(place(finding)) after scrubbing (\(finding.fingerprint))\n")
        }
        for problem in outcome.verificationProblems {
            Terminal.standardError.write("dumpsentry: error: \(TerminalText.escaped(problem.path)): \(problem.message)\n")
        }
        if !quiet {
            let verdict = outcome.isClean ? "rescan clean" : outcome.verified ? "NOT CLEAN: \(outcome.remaining.count + outcome.unscrubbed.count) left" : "NOT VERIFIED"
            let kept = outcome.kept.isEmpty ? "" : " (\(outcome.kept.count) accepted by the baseline or allowlist left in place; --all overwrites them)"
            Terminal.standardError.write("dumpsentry: scrubbed \(outcome.replacements.count) secret(s)\(kept) in \(outcome.bytes) bytes → \(shown) in \(String(format: "%.3f", outcome.seconds)) s; \(verdict)\n")
        }
        if !outcome.isClean { throw ExitCode(1) }
    }

    /// `N`, or `N of member M` inside an archive (offsets into the decompressed member).
    private func place(_ finding: Finding) -> String {
        "\(finding.offset)" + (finding.member.map { " of member \(TerminalText.escaped($0))" } ?? "")
    }
}


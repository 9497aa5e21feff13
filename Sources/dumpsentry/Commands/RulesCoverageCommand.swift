import ArgumentParser
import DumpSentryKit
import Foundation

/// `dumpsentry rules coverage`: recall of every rule on its own examples, and over peer examples.
struct RulesCoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Measure recall and false positives with examples embedded in binary data, as ASCII and as UTF-16LE.",
        discussion: """
            Every rule example and negative example is embedded NUL-terminated in random binary data, once as \
            ASCII and once as UTF-16LE, and scanned: an example counts as found when a finding of its rule \
            overlaps it. With --peer-examples, every .jsonl file there (rule_id, positive, text per line) is \
            measured the same way, a positive counting as found when any finding overlaps it and a negative \
            as a false positive when any finding overlaps it. Prints per-rule figures for rules below 100% \
            (all with --verbose). Exit status 0 (a measurement, not a check), 2 on unreadable input.
            """
    )

    @OptionGroup(title: "Rules") var rules: RuleOptions

    @Option(help: ArgumentHelp("Directory of peer example .jsonl files to measure too.", valueName: "dir"))
    var peerExamples: String?

    @Flag(help: "List every rule and every missed or reported example.")
    var verbose = false

    func run() throws {
        let ruleSet = try rules.ruleSet()
        let database = try RuleDatabase(ruleSet, cache: DatabaseCache.standard())
        let pipeline = ScanPipeline(database: database, options: ScanOptions(threads: 1))
        let coverage = RuleCoverage()
        var out: [String] = []

        let own = try coverage.measure(RuleCoverage.examples(of: ruleSet.rules), with: pipeline)
        out.append("rule examples (\(ruleSet.rules.count) rules): " + Self.summary(.total(own, group: "all")))
        for tally in own where verbose || Self.imperfect(tally) {
            out.append("  \(tally.group): " + Self.summary(tally))
            if verbose || Self.imperfect(tally) { out += Self.failures(tally) }
        }

        if let directory = peerExamples {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".jsonl") }.sorted() } catch {
                throw RuleError.unreadable(file: directory, message: "cannot list peer examples: \(error.localizedDescription)")
            }
            for name in names {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw RuleError.unreadable(file: path, message: "cannot read file")
                }
                let samples = try RuleCoverage.peerExamples(jsonl: String(decoding: data, as: UTF8.self), file: path)
                let peers = try coverage.measure(samples, with: pipeline)
                out.append("peer examples \(name): " + Self.summary(.total(peers, group: name)))
                for tally in peers where verbose || Self.imperfect(tally) {
                    out.append("  \(tally.group): " + Self.summary(tally))
                    out += Self.failures(tally)
                }
            }
        }
        Terminal.standardOutput.write(out.map(TerminalText.escaped).joined(separator: "\n") + "\n")
    }

    private static func imperfect(_ tally: RuleCoverage.Tally) -> Bool { !tally.failures.isEmpty }

    private static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
    }

    private static func summary(_ tally: RuleCoverage.Tally) -> String {
        RuleCoverage.Encoding.allCases.map { encoding in
            let found = tally.found[encoding, default: 0], reported = tally.reported[encoding, default: 0]
            return "\(encoding.rawValue): found \(found)/\(tally.positives) (\(percent(found, tally.positives))), "
                + "negatives reported \(reported)/\(tally.negatives) (\(percent(reported, tally.negatives)))"
        }.joined(separator: "; ")
    }

    /// Failed samples, cut to their first 60 characters so a listing stays one line each.
    private static func failures(_ tally: RuleCoverage.Tally) -> [String] {
        tally.failures.map { failure in
            let kind = failure.sample.positive ? "MISS" : "FP  "
            let by = failure.reportedBy.isEmpty ? "" : " [\(failure.reportedBy.joined(separator: ","))]"
            let text = String(failure.sample.text.prefix(60)).replacingOccurrences(of: "\n", with: "\\n")
            return "    \(kind) \(failure.encoding.rawValue)\(by): \(text)"
        }
    }
}

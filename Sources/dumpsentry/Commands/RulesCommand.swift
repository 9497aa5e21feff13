import ArgumentParser
import DumpSentryKit

/// `dumpsentry rules`: inspect and check the rule set.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List or check rules.",
        subcommands: [RulesListCommand.self, RulesCheckCommand.self, RulesCoverageCommand.self]
    )
}

/// `dumpsentry rules list`.
struct RulesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every loaded rule: id, severity, engine and name."
    )

    @OptionGroup(title: "Rules") var rules: RuleOptions

    func run() throws {
        let ruleSet = try rules.ruleSet()
        let database = try RuleDatabase(ruleSet, cache: DatabaseCache.standard())
        var lines: [String] = []
        for rule in ruleSet.rules {
            let engine = database.engine(of: rule.id)?.rawValue ?? "?"
            lines.append("\(rule.id)\t\(rule.severity.rawValue)\t\(engine)\t\(TerminalText.escaped(rule.name))")
        }
        for rule in ruleSet.detectorRules {
            let engine = database.engine(of: rule.id)?.rawValue ?? "?"
            lines.append("\(rule.id)\t\(rule.severity.rawValue)\t\(engine)\t\(TerminalText.escaped(rule.name))")
        }
        Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
        Terminal.standardError.write("\(lines.count) rules\n")
    }
}

/// `dumpsentry rules check`.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every rule against its examples and negative examples, in every disguise.",
        discussion: "Exit status 0 when every rule holds, 1 when any fails (each problem is listed), 2 on a rule file that cannot be loaded."
    )

    @OptionGroup(title: "Rules") var rules: RuleOptions

    func run() throws {
        let ruleSet = try rules.ruleSet()
        let problems = RuleChecker().check(ruleSet)
        for problem in problems { Terminal.standardOutput.write(TerminalText.escaped(problem.description) + "\n") }
        Terminal.standardError.write("\(ruleSet.rules.count) rules checked, \(problems.count) problem(s)\n")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

import ArgumentParser
import DumpSentryKit

/// Which rules a command uses.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Add rules from a YAML file, a gitleaks .toml config, or a directory of them (repeatable).", valueName: "path"))
    var rulePaths: [String] = []

    @Flag(help: "Drop the built-in rules and detectors; use only --rules.")
    var noDefaultRules = false

    @Option(name: .customLong("disable"), help: ArgumentHelp("Disable a rule by id (repeatable).", valueName: "rule-id"))
    var disabled: [String] = []

    /// `extraPaths` and `extraDisabled` come from the config file, beside the flags.
    func ruleSet(extraPaths: [String] = [], extraDisabled: [String] = []) throws -> RuleSet {
        var set = noDefaultRules ? RuleSet(rules: []) : try RuleSet.defaults()
        set.rules += try RuleSet.load(paths: rulePaths + extraPaths)
        if set.rules.isEmpty && set.detectors.isEmpty && set.sweepers.isEmpty {
            throw ValidationError("no rules: --no-default-rules needs --rules")
        }
        return set.disabling(Set(disabled + extraDisabled))
    }
}

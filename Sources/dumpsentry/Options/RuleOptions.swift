import ArgumentParser
import DumpSentryKit

/// Which rules a command uses.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Add rules from a YAML file, a gitleaks .toml config, or a directory of them (repeatable).", valueName: "path"))
    var rulePaths: [String] = []

    @Flag(help: "Drop the built-in rules and detectors; use only --rules.")
    var noDefaultRules = false

    @Flag(help: "Also search for expanded AES key schedules (bit-error tolerant; slower: off by default).")
    var aes = false

    @Option(name: .customLong("public-key"), help: ArgumentHelp(
        "Search for the private half of this public key (repeatable): a PEM or DER certificate, a PEM or DER public key, or a JWKS/JWK JSON file (RSA, EC P-256/384/521). Its modulus or point is looked for in both byte orders and the words around it tested for a prime factor or private scalar. Keys in certificates and public keys found in a dump are searched for too, without this option.",
        valueName: "file"))
    var publicKeyPaths: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Disable a rule by id (repeatable).", valueName: "rule-id"))
    var disabled: [String] = []

    /// `extraPaths` and `extraDisabled` come from the config file, beside the flags.
    func ruleSet(extraPaths: [String] = [], extraDisabled: [String] = []) throws -> RuleSet {
        var set = noDefaultRules ? RuleSet(rules: []) : try RuleSet.defaults(aesSchedules: aes)
        let loaded = try RuleSet.loadFiles(paths: rulePaths + extraPaths)
        set.rules += loaded.rules
        warn(about: loaded)
        if aes && noDefaultRules { set.sweepers = BuiltInDetectors.sweeping }
        for path in publicKeyPaths { set.knownKeys += try PublicKeyFile.load(path: path) }
        if set.rules.isEmpty && set.detectors.isEmpty && set.sweepers.isEmpty && set.knownKeys.isEmpty {
            throw ValidationError("no rules: --no-default-rules needs --rules")
        }
        return set.disabling(Set(disabled + extraDisabled))
    }

    /// gitleaks imports never drop a field silently: each ignored field, and a defaults mismatch, is a warning.
    private func warn(about loaded: LoadedRules) {
        for line in loaded.ignoredFields {
            Terminal.standardError.write(TerminalText.escaped("warning: gitleaks config fields ignored: \(line)") + "\n")
        }
        if !noDefaultRules {
            for file in loaded.configsReplacingDefaults {
                Terminal.standardError.write(TerminalText.escaped(
                    "warning: \(file) has no [extend] useDefault = true, so gitleaks would run it alone; "
                        + "DumpSentry's built-in rules still run (add --no-default-rules to use only this config)") + "\n")
            }
        } else {
            for file in loaded.configsExtendingDefaults {
                Terminal.standardError.write(TerminalText.escaped(
                    "warning: \(file) extends the default rules ([extend] useDefault = true), "
                        + "but --no-default-rules drops DumpSentry's built-in rules") + "\n")
            }
        }
    }
}

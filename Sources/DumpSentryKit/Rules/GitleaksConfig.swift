/// Placeholder until the gitleaks importer lands: rejects TOML with a clear message.
public struct GitleaksConfig: Sendable {
    public var rules: [Rule]
    public var ignoredFields: [String]

    public static func parse(toml text: String, file: String) throws(RuleError) -> GitleaksConfig {
        throw .malformed(file: file, message: "gitleaks TOML configs are not supported yet")
    }
}

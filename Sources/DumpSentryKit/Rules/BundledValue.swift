/// A YAML value of a bundled rule file, as `scripts/embed-rules.py` parsed it at build time.
enum BundledValue: Sendable {
    case text(String)
    case integer(Int)
    case number(Double)
    case list([BundledValue])
    case map([(String, BundledValue)])

    /// The shape Yams gives, so bundled rules go through the same `RuleFileParser` checks.
    var yamlValue: Any {
        switch self {
        case .text(let text): text
        case .integer(let value): value
        case .number(let value): value
        case .list(let items): items.map(\.yamlValue)
        case .map(let members): Dictionary(members.map { ($0.0, $0.1.yamlValue) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

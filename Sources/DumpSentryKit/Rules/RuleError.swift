/// Why a rule file or a rule could not be used.
public enum RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(file: String, message: String)
    case malformed(file: String, message: String)
    case invalidField(file: String, ruleID: String, field: String, message: String)
    case unknownField(file: String, ruleID: String, field: String)
    case duplicateID(ruleID: String, files: [String])
    case invalidPattern(ruleID: String, file: String, engine: String, message: String)

    public var description: String {
        switch self {
        case let .unreadable(file, message): "\(file): cannot read rules: \(message)"
        case let .malformed(file, message): "\(file): \(message)"
        case let .invalidField(file, id, field, message): "\(file): rule \(id): field '\(field)': \(message)"
        case let .unknownField(file, id, field): "\(file): rule \(id): unknown field '\(field)'"
        case let .duplicateID(id, files): "rule id \(id) is defined more than once (\(files.joined(separator: ", ")))"
        case let .invalidPattern(id, file, engine, message): "\(file): rule \(id): pattern does not compile with \(engine): \(message)"
        }
    }
}

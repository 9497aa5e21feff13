import Yams

/// How rule files and `.dumpsentry.yaml` turn YAML nodes into values: Yams' defaults, except
/// integers. Yams reads `1:30` as a sexagesimal integer and traps when one overflows
/// (`+368888888888888888:8`, found by the rule-file fuzzer); Swift's own parser never traps, and a
/// plain scalar it rejects stays text.
enum YAMLConstruction {
    /// A new constructor per document (Yams' `Constructor` is not `Sendable`; building one is cheap).
    static var constructor: Constructor {
        var scalars = Constructor.defaultScalarMap
        scalars[.int] = { scalar in Int(scalar.string) ?? scalar.string }
        return Constructor(scalars)
    }
}

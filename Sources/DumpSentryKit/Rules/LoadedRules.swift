/// Rules loaded from rule files, with what the loader could not honour (so the caller can say so).
public struct LoadedRules: Sendable {
    public var rules: [Rule]
    /// One line per gitleaks config with ignored fields: the file and each field with where it occurred.
    public var ignoredFields: [String]
    /// gitleaks configs without `[extend] useDefault = true`: gitleaks would run them alone.
    public var configsReplacingDefaults: [String]
    /// gitleaks configs with `[extend] useDefault = true`: meant to run beside the defaults.
    public var configsExtendingDefaults: [String]

    public init(rules: [Rule] = [], ignoredFields: [String] = [], configsReplacingDefaults: [String] = [],
                configsExtendingDefaults: [String] = []) {
        self.rules = rules
        self.ignoredFields = ignoredFields
        self.configsReplacingDefaults = configsReplacingDefaults
        self.configsExtendingDefaults = configsExtendingDefaults
    }
}

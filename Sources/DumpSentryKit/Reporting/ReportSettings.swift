/// What every reporter needs to know besides the findings.
public struct ReportSettings: Sendable {
    /// Include whole secrets (`--show-secrets`). Off by default everywhere.
    public var showSecrets: Bool
    public var toolVersion: String

    public init(showSecrets: Bool = false, toolVersion: String = DumpSentry.version) {
        self.showSecrets = showSecrets
        self.toolVersion = toolVersion
    }
}

/// Identity of the tool, for reports.
public enum DumpSentry {
    public static let name = "dumpsentry"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/dumpsentry/dumpsentry"
}

/// Renders a scan as one JSON document or as JSON Lines (one finding per line).
public struct JSONReporter: Sendable {
    public var settings: ReportSettings

    public init(settings: ReportSettings) { self.settings = settings }

    public func document(_ outcome: ScanOutcome) -> String {
        var bySeverity: [(String, JSONValue)] = []
        for severity in Severity.allCases.reversed() {
            bySeverity.append((severity.rawValue, .int(Int64(outcome.findings.filter { $0.severity == severity }.count))))
        }
        let summary: JSONValue = .object([
            ("files", .int(Int64(outcome.sources.count))),
            ("bytes", .uint(outcome.bytes)),
            ("seconds", .double((outcome.seconds * 1000).rounded() / 1000)),
            ("findings", .int(Int64(outcome.findings.count))),
            ("suppressed", .int(Int64(outcome.suppressed))),
            ("by_severity", .object(bySeverity)),
        ])
        let files: [JSONValue] = outcome.sources.map { source in
            var members: [(String, JSONValue)] = [
                ("path", .string(source.path)),
                ("member", source.member.map(JSONValue.string) ?? .null),
            ]
            members += FindingJSON.exactNames(pathBytes: source.pathBytes, memberBytes: source.memberBytes)
            members += [
                ("bytes", .uint(source.bytes)),
                ("findings", .int(Int64(source.findings))),
                ("type", source.fileType.map(JSONValue.string) ?? .null),
                ("changed", .bool(source.changed)),
            ]
            if !source.layout.isEmpty {
                members.append(("layout", .object(source.layout.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
            }
            return .object(members)
        }
        func diagnostic(_ diagnostic: ScanDiagnostic) -> JSONValue {
            .object([("path", .string(diagnostic.path))]
                    + FindingJSON.exactNames(pathBytes: diagnostic.pathBytes, memberBytes: nil)
                    + [("message", .string(diagnostic.message))])
        }
        let errors: [JSONValue] = outcome.errors.map(diagnostic)
        let notes: [JSONValue] = outcome.diagnostics.filter { !$0.isError }.map(diagnostic)
        let document: JSONValue = .object([
            ("tool", .object([("name", .string(DumpSentry.name)), ("version", .string(settings.toolVersion))])),
            ("summary", summary),
            ("files", .array(files)),
            ("errors", .array(errors)),
            ("notes", .array(notes)),
            ("findings", .array(outcome.findings.map { FindingJSON.value($0, settings: settings) })),
        ])
        return document.pretty() + "\n"
    }

    public func lines(_ outcome: ScanOutcome) -> String {
        outcome.findings.map { FindingJSON.value($0, settings: settings).serialized() + "\n" }.joined()
    }
}

/// Human-readable output: one line per finding, and a summary line for stderr.
public struct TextReporter: Sendable {
    public var settings: ReportSettings
    public var color: Bool

    public init(settings: ReportSettings, color: Bool = false) {
        self.settings = settings
        self.color = color
    }

    public func findingLine(_ finding: Finding) -> String {
        var place = TerminalText.escaped(bytes: finding.exactPath)
        if let member = finding.exactMember { place += "!" + TerminalText.escaped(bytes: member) }
        var line = "\(place):\(finding.offset): \(paint(finding.severity)) \(finding.ruleID) [\(finding.encoding.rawValue)]"
        if let address = finding.location?.virtualAddress {
            line += " va=0x" + String(address, radix: 16)
            if let module = finding.location?.module { line += " (\(TerminalText.escaped(module)))" }
        }
        if let key = finding.key {
            line += " key=\(key.algorithm)\(key.bits.map { "-\($0)" } ?? "")\(key.curve.map { "-\($0)" } ?? "")\(key.validated ? " validated" : " unvalidated")"
        }
        line += " " + (settings.showSecrets ? TerminalText.escaped(finding.secretText) : TerminalText.escaped(finding.preview))
        if finding.confidence != .high { line += " (confidence \(finding.confidence.rawValue))" }
        return line
    }

    public func findings(_ outcome: ScanOutcome) -> String {
        outcome.findings.map { findingLine($0) + "\n" }.joined()
    }

    /// The terminal form: findings grouped under a header per file (and archive member), then a
    /// table of counts by rule. Used only when stdout is a terminal; pipes and files get the
    /// one-line-per-finding form, which scripts parse.
    public func grouped(_ outcome: ScanOutcome) -> String {
        guard !outcome.findings.isEmpty else { return "" }
        var out = ""
        var currentPlace: String?
        let findings = outcome.findings
        for (index, finding) in findings.enumerated() {
            var place = TerminalText.escaped(bytes: finding.exactPath)
            if let member = finding.exactMember { place += "!" + TerminalText.escaped(bytes: member) }
            if place != currentPlace {
                currentPlace = place
                let count = findings[index...].prefix { $0.exactPath == finding.exactPath && $0.exactMember == finding.exactMember }.count
                out += (index > 0 ? "\n" : "") + bold(place) + " (\(count) finding\(count == 1 ? "" : "s"))\n"
            }
            var line = "  \(finding.offset)  \(paint(finding.severity)) \(finding.ruleID) [\(finding.encoding.rawValue)]"
            if let address = finding.location?.virtualAddress {
                line += " va=0x" + String(address, radix: 16)
                if let module = finding.location?.module { line += " (\(TerminalText.escaped(module)))" }
            }
            line += " " + (settings.showSecrets ? TerminalText.escaped(finding.secretText) : TerminalText.escaped(finding.preview))
            if finding.confidence != .high { line += " (confidence \(finding.confidence.rawValue))" }
            out += line + "\n"
        }
        // Counts by rule, most severe first, then by count and id.
        var counts: [String: (severity: Severity, count: Int)] = [:]
        for finding in findings { counts[finding.ruleID, default: (finding.severity, 0)].count += 1 }
        let rows = counts.sorted { ($1.value.severity, $1.value.count, $0.key) < ($0.value.severity, $0.value.count, $1.key) }
        let width = max(4, rows.map(\.key.count).max() ?? 0)
        out += "\n" + bold("rule".padding(toLength: width, withPad: " ", startingAt: 0) + "  severity  count") + "\n"
        for (id, row) in rows {
            let severity = row.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            out += id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + paint(row.severity, text: severity) + "  \(row.count)\n"
        }
        return out
    }

    public func summaryLine(_ outcome: ScanOutcome) -> String {
        let rate = outcome.seconds > 0 ? Double(outcome.bytes) / outcome.seconds / 1e9 : 0
        let counts = Severity.allCases.reversed().map { severity in
            "\(outcome.findings.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }.joined(separator: ", ")
        return "scanned \(outcome.sources.count) file(s), \(outcome.bytes) bytes in \(String(format: "%.3f", outcome.seconds)) s (\(String(format: "%.2f", rate)) GB/s): \(outcome.findings.count) finding(s) (\(counts)), \(outcome.errors.count) error(s)" + (outcome.suppressed > 0 ? ", \(outcome.suppressed) suppressed by policy" : "")
    }

    private func bold(_ text: String) -> String { color ? "\u{1b}[1m\(text)\u{1b}[0m" : text }

    private func paint(_ severity: Severity, text: String? = nil) -> String {
        let label = text ?? severity.rawValue
        guard color else { return label }
        let code = switch severity {
        case .critical: "1;31"
        case .high: "31"
        case .medium: "33"
        case .low: "36"
        }
        return "\u{1b}[\(code)m\(label)\u{1b}[0m"
    }
}

import Foundation

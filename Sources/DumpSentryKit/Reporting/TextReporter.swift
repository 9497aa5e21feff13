/// Human-readable output: one line per finding, and a summary line for stderr.
public struct TextReporter: Sendable {
    public var settings: ReportSettings
    public var color: Bool

    public init(settings: ReportSettings, color: Bool = false) {
        self.settings = settings
        self.color = color
    }

    public func findingLine(_ finding: Finding) -> String {
        var place = TerminalText.escaped(finding.path)
        if let member = finding.member { place += "!" + TerminalText.escaped(member) }
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

    public func summaryLine(_ outcome: ScanOutcome) -> String {
        let rate = outcome.seconds > 0 ? Double(outcome.bytes) / outcome.seconds / 1e9 : 0
        let counts = Severity.allCases.reversed().map { severity in
            "\(outcome.findings.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }.joined(separator: ", ")
        return "scanned \(outcome.sources.count) file(s), \(outcome.bytes) bytes in \(String(format: "%.3f", outcome.seconds)) s (\(String(format: "%.2f", rate)) GB/s): \(outcome.findings.count) finding(s) (\(counts)), \(outcome.errors.count) error(s)" + (outcome.suppressed > 0 ? ", \(outcome.suppressed) suppressed by policy" : "")
    }

    private func paint(_ severity: Severity) -> String {
        guard color else { return severity.rawValue }
        let code = switch severity {
        case .critical: "1;31"
        case .high: "31"
        case .medium: "33"
        case .low: "36"
        }
        return "\u{1b}[\(code)m\(severity.rawValue)\u{1b}[0m"
    }
}

import Foundation

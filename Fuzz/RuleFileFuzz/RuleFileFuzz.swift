import CFuzzDriver
import DumpSentryKit

/// libFuzzer harness for the YAML rule loader: any bytes must either load as rules or give a
/// `RuleError` with a printable message. Built by `scripts/fuzz.sh rule-file` through SwiftPM.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do throws(RuleError) {
        for rule in try RuleFileParser.parse(yaml: text, file: "fuzz.yaml") {
            precondition(Rule.isValidID(rule.id), "loaded a rule with an invalid id")
            precondition(!rule.pattern.isEmpty && !rule.name.isEmpty, "loaded a rule without pattern or name")
        }
    } catch {
        _ = error.description
    }
    return 0
}

/// SwiftPM links the program's `main` to `RuleFileFuzz_main`: start libFuzzer's driver from there.
@_cdecl("RuleFileFuzz_main")
public func fuzzRuleFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzRuleFile(data, size)
    }
}

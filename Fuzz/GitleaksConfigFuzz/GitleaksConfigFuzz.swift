import CFuzzDriver
import DumpSentryKit

/// libFuzzer harness for the gitleaks TOML import (`TOMLDocument` and `GitleaksConfig`): any bytes
/// must either import or give an error with a printable message, and every imported rule must have
/// a valid DumpSentry id. Built by `scripts/fuzz.sh gitleaks-config` through SwiftPM.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGitleaksConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do throws(RuleError) {
        let config = try GitleaksConfig.parse(toml: text, file: "fuzz.toml")
        for rule in config.rules {
            precondition(Rule.isValidID(rule.id), "imported a rule with an invalid id")
            precondition(rule.secretGroup >= 0 && rule.secretGroup < 100, "secret group out of range")
        }
        _ = config.ignoredFields.joined()
    } catch {
        _ = error.description
    }
    return 0
}

/// SwiftPM links the program's `main` to `GitleaksConfigFuzz_main`: start libFuzzer's driver from there.
@_cdecl("GitleaksConfigFuzz_main")
public func fuzzGitleaksConfigMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzGitleaksConfig(data, size)
    }
}

import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern. Immutable and shareable between threads; matching
/// needs a per-thread `PCRE2MatchData`.
final class PCRE2Code: @unchecked Sendable {
    // safe: a compiled pcre2_code is read-only during matching (PCRE2 documents concurrent use
    // with separate match data as safe).
    let raw: OpaquePointer
    let captureCount: Int

    init(pattern: String, caseless: Bool = false) throws(PCRE2Error) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = caseless ? UInt32(PCRE2_CASELESS) : 0
        let compiled = pattern.withCString { text in
            pcre2_compile_8(UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), pattern.utf8.count,
                            options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else { throw PCRE2Error(code: errorCode, offset: errorOffset) }
        raw = compiled
        // JIT failure is not fatal: the interpreter gives the same answers, only slower.
        _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE))
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit { pcre2_code_free_8(raw) }

    /// A match's overall span and the span of one group (nil when the group did not take part).
    struct Match {
        var range: Range<Int>
        var group: Range<Int>?
    }

    /// Finds the first match at or after `start` in `subject[..<end]`. The bytes before `start`
    /// are visible to lookbehind and `\b`, as in the file. `endIsArtificial` stops `$` and `\z`
    /// from matching where the subject was merely cut.
    func firstMatch(in subject: UnsafeRawBufferPointer, from start: Int, to end: Int, group: Int,
                    endIsArtificial: Bool, data: PCRE2MatchData) throws(PCRE2Error) -> Match? {
        guard start <= end, end <= subject.count, let base = subject.baseAddress else { return nil }
        let options = endIsArtificial ? UInt32(PCRE2_NOTEOL) : 0
        let rc = pcre2_match_8(raw, base.assumingMemoryBound(to: UInt8.self), end, start, options, data.raw, nil)
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        guard rc >= 0 else { throw PCRE2Error(code: rc) }
        let vector = pcre2_get_ovector_pointer_8(data.raw)!   // safe: non-nil for any match data block
        let unset = cpcre2_unset()
        let whole = vector[0]..<vector[1]
        var groupRange: Range<Int>?
        if group <= captureCount && group < Int(rc) || group == 0 {
            let lower = vector[2 * group], upper = vector[2 * group + 1]
            if lower != unset && upper != unset && lower <= upper { groupRange = lower..<upper }
        }
        guard whole.lowerBound <= whole.upperBound else { return nil }
        return Match(range: whole, group: groupRange)
    }
}

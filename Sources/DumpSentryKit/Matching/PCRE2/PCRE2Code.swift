import CPCRE2
import Synchronization

/// A compiled PCRE2 pattern, JIT-compiled on its first match. Shareable between threads;
/// matching needs a per-thread `PCRE2MatchData`.
///
/// The JIT is lazy because a scan confirms hits of only a few of the ~450 rules, and JIT-compiling
/// all of them was most of a warm start's time.
final class PCRE2Code: @unchecked Sendable {
    // safe: a compiled pcre2_code is read-only during matching (PCRE2 documents concurrent use
    // with separate match data as safe); the one mutation, the JIT compile, happens under
    // `jitLock` before `jitReady` is published, and no thread matches before it sees `jitReady`.
    let raw: OpaquePointer
    let captureCount: Int
    private let jitReady = Atomic<Bool>(false)
    private let jitLock = Mutex<Void>(())

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
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit { pcre2_code_free_8(raw) }

    /// JIT-compiles the pattern once, whichever thread asks first.
    private func prepareJIT() {
        if jitReady.load(ordering: .acquiring) { return }
        jitLock.withLock { _ in
            guard !jitReady.load(ordering: .relaxed) else { return }
            // JIT failure is not fatal: the interpreter gives the same answers, only slower.
            _ = pcre2_jit_compile_8(raw, UInt32(PCRE2_JIT_COMPLETE))
            jitReady.store(true, ordering: .releasing)
        }
    }

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
        prepareJIT()
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

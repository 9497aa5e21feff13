import CPCRE2

/// A PCRE2 match data block. Not thread-safe: each worker owns one.
final class PCRE2MatchData {
    let raw: OpaquePointer

    /// Room for `groups` capture groups plus the whole match.
    init(groups: Int) {
        raw = pcre2_match_data_create_8(UInt32(groups + 1), nil)!   // safe: fails only when out of memory
    }

    deinit { pcre2_match_data_free_8(raw) }
}

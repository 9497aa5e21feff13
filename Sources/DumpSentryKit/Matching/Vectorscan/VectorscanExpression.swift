import CVectorscan

/// One expression for a Vectorscan database: pattern text, flags and the id reported on a match.
struct VectorscanExpression: Sendable, Hashable {
    var pattern: String
    var flags: UInt32
    var id: UInt32

    /// Flags for end-offset-only matching. Start-of-match is deliberately absent: ENGINE-NOTES
    /// measured `HS_FLAG_SOM_LEFTMOST` at 1/9 of the speed; PCRE2 finds the start instead.
    static let standardFlags: UInt32 = 0
    static let prefilterFlags = UInt32(HS_FLAG_PREFILTER)
    /// Detector anchors are byte patterns: `.` must match any byte, newlines included.
    static let anchorFlags = UInt32(HS_FLAG_DOTALL)

    /// Checks that `pattern` compiles on its own and returns its maximum match width
    /// (nil when unbounded).
    static func maxWidth(of pattern: String, flags: UInt32) -> Result<UInt32?, VectorscanError> {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = hs_expression_info(pattern, flags, &info, &error)
        guard status == HS_SUCCESS, let info else {
            return .failure(VectorscanError.fromCompile(error, status: status))
        }
        defer { free(info) }
        let width = info.pointee.max_width
        return .success(width == UInt32.max ? nil : width)
    }
}

import Glibc

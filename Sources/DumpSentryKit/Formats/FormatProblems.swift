/// The problems met while parsing one dump, bounded: a hostile file with a million bad ranges
/// yields the first `maximumKept` problems and one summary, not a million diagnostics.
struct FormatProblems: Sendable {
    static var maximumKept: Int { 32 }

    private(set) var kept: [FormatError] = []
    private var total = 0

    mutating func note(_ problem: FormatError) {
        total += 1
        if kept.count < Self.maximumKept { kept.append(problem) }
    }

    /// The kept problems, plus a `tooMany` summary when some were left out.
    var all: [FormatError] {
        guard total > kept.count else { return kept }
        return kept + [.tooMany(structure: "format problems (only the first \(Self.maximumKept) are listed)",
                                count: UInt64(total))]
    }
}

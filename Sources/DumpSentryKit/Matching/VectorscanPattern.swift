/// The pattern Vectorscan compiles for a rule: the rule's own, with every bounded repeat whose
/// upper bound is at least `wideningThreshold` made unbounded (`{40,12000}` becomes `{40,}`).
///
/// Vectorscan compiles large bounded repeats slowly: the 11 PEM/PuTTY-style rules with
/// `{40,12000}`-like repeats took 5.9 s of a 10 s cold start, 0.15 s widened. Widening only ever
/// adds matches, and Vectorscan only finds where a match may end: PCRE2 confirms every hit with
/// the rule's exact pattern in a window as wide as the exact pattern's longest match (measured
/// on the rule's own pattern, not this one), so the findings are the same.
struct VectorscanPattern: Sendable, Hashable {
    static let wideningThreshold = 1000

    let text: String

    init(rulePattern: String) {
        text = Self.widen(rulePattern)
    }

    /// Rewrites `{m,n}` quantifiers with n ≥ the threshold to `{m,}`, outside character classes
    /// and escapes. A pattern with `\Q` (literal text the scan below cannot follow) is kept as it is.
    static func widen(_ pattern: String) -> String {
        let characters = Array(pattern.unicodeScalars)
        if pattern.contains("\\Q") { return pattern }
        var output = String.UnicodeScalarView()
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                output.append(character)
                if index + 1 < characters.count { output.append(characters[index + 1]) }
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
                output.append(character)
                index += 1
                continue
            }
            if character == "[" {
                inClass = true
                output.append(character)
                index += 1
                // A `]` right after `[` or `[^` is a literal member, not the end of the class.
                if index < characters.count, characters[index] == "^" { output.append(characters[index]); index += 1 }
                if index < characters.count, characters[index] == "]" { output.append(characters[index]); index += 1 }
                continue
            }
            if character == "{", let (lower, upper, end) = boundedRepeat(characters, from: index), upper >= wideningThreshold {
                output.append(contentsOf: "{\(lower),}".unicodeScalars)
                index = end
                continue
            }
            output.append(character)
            index += 1
        }
        return String(output)
    }

    /// `{m,n}` at `start`: its bounds and the index after its `}`, or nil for anything else.
    private static func boundedRepeat(_ characters: [Unicode.Scalar], from start: Int) -> (Int, Int, Int)? {
        var index = start + 1
        func number() -> Int? {
            var value = 0, digits = 0
            while index < characters.count, ("0"..."9").contains(characters[index]), digits < 9 {
                value = value * 10 + Int(characters[index].value - 48)
                digits += 1
                index += 1
            }
            return digits > 0 ? value : nil
        }
        guard let lower = number(), index < characters.count, characters[index] == "," else { return nil }
        index += 1
        guard let upper = number(), index < characters.count, characters[index] == "}", upper >= lower else { return nil }
        return (lower, upper, index + 1)
    }
}

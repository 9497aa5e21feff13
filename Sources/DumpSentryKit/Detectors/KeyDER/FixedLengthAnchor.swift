/// An anchor pattern whose every match has the same length, so a detector knows where the match
/// began from the end offset Vectorscan reports (start-of-match tracking stays off).
///
/// The pattern is written in the subset of Vectorscan syntax it accepts: `\xHH`, escaped or plain
/// printable characters, byte classes `[...]` with ranges, and `{n}` repeats. Each position keeps
/// its byte set, so tests (and anything without Vectorscan) can match the anchor directly.
struct FixedLengthAnchor: Sendable {
    let pattern: String
    /// The byte set allowed at each position of a match.
    let positions: [[ClosedRange<UInt8>]]

    var length: Int { positions.count }

    var detectorAnchor: DetectorAnchor {
        // Every structure starts at the match or at most a 5-byte DER header before it.
        DetectorAnchor(pattern: pattern,
                       note: "match length \(length); structure starts at most \(length + 5) bytes before the match end")
    }

    /// `pattern` is a constant of the detector that owns it: a syntax error is a programming error.
    init(_ pattern: String) {
        self.pattern = pattern
        var parser = Parser(Array(pattern.utf8))
        var positions: [[ClosedRange<UInt8>]] = []
        while let atom = parser.atom() {
            positions.append(contentsOf: Array(repeating: atom, count: parser.repeatCount()))
        }
        precondition(parser.isAtEnd && !positions.isEmpty, "unsupported anchor syntax: \(pattern)")
        self.positions = positions
    }

    /// True when the `length` bytes ending at `end` match.
    func matches(_ bytes: UnsafeRawBufferPointer, endingAt end: Int) -> Bool {
        guard end <= bytes.count, end >= length else { return false }
        var index = end - length
        for allowed in positions {
            let byte = bytes[index]
            guard allowed.contains(where: { $0.contains(byte) }) else { return false }
            index += 1
        }
        return true
    }

    private struct Parser {
        let text: [UInt8]
        var index = 0

        init(_ text: [UInt8]) { self.text = text }

        var isAtEnd: Bool { index >= text.count }

        mutating func atom() -> [ClosedRange<UInt8>]? {
            guard index < text.count else { return nil }
            if text[index] == UInt8(ascii: "[") {
                index += 1
                var ranges: [ClosedRange<UInt8>] = []
                while index < text.count, text[index] != UInt8(ascii: "]") {
                    guard let low = byte() else { return nil }
                    if index + 1 < text.count, text[index] == UInt8(ascii: "-"), text[index + 1] != UInt8(ascii: "]") {
                        index += 1
                        guard let high = byte(), low <= high else { return nil }
                        ranges.append(low...high)
                    } else {
                        ranges.append(low...low)
                    }
                }
                guard index < text.count else { return nil }
                index += 1
                return ranges
            }
            guard let single = byte() else { return nil }
            return [single...single]
        }

        mutating func byte() -> UInt8? {
            guard index < text.count else { return nil }
            let current = text[index]
            guard current == UInt8(ascii: "\\") else {
                index += 1
                return current
            }
            guard index + 1 < text.count else { return nil }
            if text[index + 1] == UInt8(ascii: "x"), index + 3 < text.count,
               let high = hexValue(text[index + 2]), let low = hexValue(text[index + 3]) {
                index += 4
                return high << 4 | low
            }
            index += 2
            return text[index - 1]
        }

        mutating func repeatCount() -> Int {
            guard index < text.count, text[index] == UInt8(ascii: "{") else { return 1 }
            var cursor = index + 1
            var count = 0
            while cursor < text.count, let digit = decimalValue(text[cursor]) {
                count = count * 10 + Int(digit)
                cursor += 1
            }
            guard cursor < text.count, text[cursor] == UInt8(ascii: "}"), count > 0 else { return 1 }
            index = cursor + 1
            return count
        }

        private func hexValue(_ character: UInt8) -> UInt8? {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
            default: nil
            }
        }

        private func decimalValue(_ character: UInt8) -> UInt8? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) ? character - UInt8(ascii: "0") : nil
        }
    }
}

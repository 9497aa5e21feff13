/// A parsed TOML document: the subset of TOML 1.0 that gitleaks configs use.
///
/// Supported: comments; bare, quoted and dotted keys; `[table]` and `[[array.of.tables]]` headers
/// (a header path that passes through an array of tables refers to its last element, so
/// `[rules.allowlist]` after `[[rules]]` belongs to that rule); basic strings with escapes, literal
/// strings, multi-line `"""` and `'''` strings; integers (decimal, `0x`, `0o`, `0b`, `_` separators),
/// floats, booleans, arrays (multi-line, trailing comma) and inline tables. Dates and times are not
/// supported (no gitleaks field takes one) and are reported as a syntax error, never skipped.
/// Written here instead of pulling in a TOML package: the subset is small and the importer is the
/// only user.
public struct TOMLDocument: Sendable {
    /// One TOML value. Arrays of tables are `.array` of `.table`.
    public indirect enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int)
        case float(Double)
        case boolean(Bool)
        case array([Value])
        case table([String: Value])
    }

    /// Why the text is not TOML (of the supported subset); `line` is 1-based.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The top-level table.
    public var root: [String: Value]

    public init(parsing text: String) throws(SyntaxError) {
        var parser = Parser(bytes: Array(text.utf8))
        root = try parser.parseDocument()
    }
}

extension TOMLDocument {
    /// A recursive-descent parser over UTF-8 bytes. `position` indexes `bytes`; `line` is the
    /// 1-based line of `position`, advanced whenever a newline is consumed.
    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        /// Arrays and inline tables open around `position`.
        var nesting = 0
        /// Limit on that nesting and on the parts of a dotted key: the parser and the tables it
        /// builds recurse once per level, so a hostile file must not choose the depth (found by
        /// `a = [[[…` 20,000 deep, which overflowed the stack). gitleaks configs use 2 or 3.
        static let maxDepth = 64

        init(bytes: [UInt8]) { self.bytes = bytes }

        private var atEnd: Bool { position >= bytes.count }
        private var current: UInt8? { position < bytes.count ? bytes[position] : nil }
        private func peek(_ offset: Int) -> UInt8? { position + offset < bytes.count ? bytes[position + offset] : nil }

        private func error(_ message: String) -> SyntaxError { SyntaxError(line: line, message: message) }

        private mutating func advance() {
            if bytes[position] == 0x0a { line += 1 }
            position += 1
        }

        private mutating func skipSpaces() {
            while let byte = current, byte == 0x20 || byte == 0x09 { position += 1 }
        }

        /// Skips spaces and a comment; the next byte is then a newline or the end.
        private mutating func skipSpacesAndComment() {
            skipSpaces()
            if current == 0x23 { while let byte = current, byte != 0x0a { position += 1 } }
        }

        /// Skips blank lines, comments and newlines (between statements and inside arrays).
        private mutating func skipBlank() {
            while true {
                skipSpacesAndComment()
                if current == 0x0a { advance() } else if current == 0x0d, peek(1) == 0x0a { position += 1; advance() } else { return }
            }
        }

        private mutating func expectEndOfLine() throws(SyntaxError) {
            skipSpacesAndComment()
            if atEnd { return }
            if current == 0x0a || (current == 0x0d && peek(1) == 0x0a) { return }
            throw error("expected the end of the line, found '\(Self.shown(current))'")
        }

        mutating func parseDocument() throws(SyntaxError) -> [String: Value] {
            var root: [String: Value] = [:]
            var tablePath: [String] = []
            var definedTables = Set<[String]>()
            while true {
                skipBlank()
                guard let byte = current else { return root }
                if byte == 0x5b {  // [
                    let isArray = peek(1) == 0x5b
                    position += isArray ? 2 : 1
                    skipSpaces()
                    let path = try parseKey()
                    skipSpaces()
                    guard current == 0x5d, !isArray || peek(1) == 0x5d else {
                        throw error("table header \(path.joined(separator: ".")) is not closed with \(isArray ? "]]" : "]")")
                    }
                    position += isArray ? 2 : 1
                    try expectEndOfLine()
                    let headerLine = line
                    if isArray {
                        try Self.modify(&root, path: path.dropLast(), line: headerLine) { table throws(SyntaxError) in
                            let key = path[path.count - 1]
                            switch table[key] {
                            case nil: table[key] = .array([.table([:])])
                            case .array(var items)?:
                                guard items.allSatisfy({ if case .table = $0 { true } else { false } }) else {
                                    throw SyntaxError(line: headerLine, message: "\(key) is an array of values, not of tables")
                                }
                                table[key] = nil  // drop the reference so the append does not copy
                                items.append(.table([:]))
                                table[key] = .array(items)
                            default: throw SyntaxError(line: headerLine, message: "\(key) is already defined as a value")
                            }
                        }
                        definedTables = definedTables.filter { !$0.starts(with: path) }
                    } else {
                        guard definedTables.insert(path).inserted else {
                            throw error("table [\(path.joined(separator: "."))] is defined twice")
                        }
                        try Self.modify(&root, path: path[...], line: headerLine) { _ throws(SyntaxError) in }
                    }
                    tablePath = path
                } else {
                    let key = try parseKey()
                    skipSpaces()
                    guard current == 0x3d else { throw error("expected '=' after key \(key.joined(separator: "."))") }
                    position += 1
                    skipSpaces()
                    let keyLine = line
                    let value = try parseValue()
                    try expectEndOfLine()
                    try Self.assign(value, to: key, in: &root, under: tablePath, line: keyLine)
                }
            }
        }

        /// Sets `key` (possibly dotted) below `tablePath`; a key set twice is an error.
        private static func assign(_ value: Value, to key: [String], in root: inout [String: Value],
                                   under tablePath: [String], line: Int) throws(SyntaxError) {
            try modify(&root, path: (tablePath + key.dropLast())[...], line: line) { table throws(SyntaxError) in
                let last = key[key.count - 1]
                guard table[last] == nil else {
                    throw SyntaxError(line: line, message: "key \(key.joined(separator: ".")) is defined twice")
                }
                table[last] = value
            }
        }

        /// Runs `body` on the table at `path`, creating missing tables; a path step that names an
        /// array of tables descends into its last element.
        private static func modify(_ table: inout [String: Value], path: ArraySlice<String>, line: Int,
                                   _ body: (inout [String: Value]) throws(SyntaxError) -> Void) throws(SyntaxError) {
            guard let key = path.first else {
                try body(&table)
                return
            }
            switch table[key] {
            case nil:
                var child: [String: Value] = [:]
                try modify(&child, path: path.dropFirst(), line: line, body)
                table[key] = .table(child)
            case .table(var child)?:
                table[key] = nil  // drop the reference so the edit does not copy the subtree
                try modify(&child, path: path.dropFirst(), line: line, body)
                table[key] = .table(child)
            case .array(var items)?:
                guard case .table(var child)? = items.last else {
                    throw SyntaxError(line: line, message: "\(key) is an array of values, not a table")
                }
                table[key] = nil
                try modify(&child, path: path.dropFirst(), line: line, body)
                items[items.count - 1] = .table(child)
                table[key] = .array(items)
            default:
                throw SyntaxError(line: line, message: "\(key) is a value, not a table")
            }
        }

        /// A bare, quoted or dotted key.
        private mutating func parseKey() throws(SyntaxError) -> [String] {
            var parts: [String] = []
            while true {
                skipSpaces()
                guard let byte = current else { throw error("expected a key, found the end of the file") }
                if byte == 0x22 {
                    position += 1
                    parts.append(try parseBasicString())
                } else if byte == 0x27 {
                    position += 1
                    parts.append(try parseLiteralString())
                } else {
                    let start = position
                    while let byte = current, Self.isBareKeyByte(byte) { position += 1 }
                    guard position > start else { throw error("expected a key, found '\(Self.shown(current))'") }
                    parts.append(String(decoding: bytes[start..<position], as: UTF8.self))
                }
                guard parts.count <= Self.maxDepth else { throw error("key has more than \(Self.maxDepth) dotted parts") }
                skipSpaces()
                guard current == 0x2e else { return parts }
                position += 1
            }
        }

        private static func isBareKeyByte(_ byte: UInt8) -> Bool {
            (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x5f || byte == 0x2d
        }

        private mutating func parseValue() throws(SyntaxError) -> Value {
            guard let byte = current else { throw error("expected a value, found the end of the file") }
            switch byte {
            case 0x22:
                if peek(1) == 0x22, peek(2) == 0x22 {
                    position += 3
                    return .string(try parseMultilineString(literal: false))
                }
                position += 1
                return .string(try parseBasicString())
            case 0x27:
                if peek(1) == 0x27, peek(2) == 0x27 {
                    position += 3
                    return .string(try parseMultilineString(literal: true))
                }
                position += 1
                return .string(try parseLiteralString())
            case 0x5b: return try parseArray()
            case 0x7b: return try parseInlineTable()
            default: return try parseScalar()
            }
        }

        private mutating func parseArray() throws(SyntaxError) -> Value {
            let openLine = line
            try enterNesting()
            defer { nesting -= 1 }
            position += 1
            var items: [Value] = []
            while true {
                skipBlank()
                guard let byte = current else { throw SyntaxError(line: openLine, message: "array is not closed with ]") }
                if byte == 0x5d {
                    position += 1
                    return .array(items)
                }
                items.append(try parseValue())
                skipBlank()
                if current == 0x2c {
                    position += 1
                } else if current != 0x5d {
                    throw error("expected ',' or ']' in array, found '\(Self.shown(current))'")
                }
            }
        }

        private mutating func parseInlineTable() throws(SyntaxError) -> Value {
            try enterNesting()
            defer { nesting -= 1 }
            position += 1
            var table: [String: Value] = [:]
            skipSpaces()
            if current == 0x7d {
                position += 1
                return .table(table)
            }
            while true {
                let key = try parseKey()
                skipSpaces()
                guard current == 0x3d else { throw error("expected '=' after key \(key.joined(separator: "."))") }
                position += 1
                skipSpaces()
                let value = try parseValue()
                try Self.assign(value, to: key, in: &table, under: [], line: line)
                skipSpaces()
                if current == 0x2c {
                    position += 1
                } else if current == 0x7d {
                    position += 1
                    return .table(table)
                } else {
                    throw error("expected ',' or '}' in inline table, found '\(Self.shown(current))'")
                }
            }
        }

        private mutating func enterNesting() throws(SyntaxError) {
            guard nesting < Self.maxDepth else {
                throw error("arrays and inline tables nested more than \(Self.maxDepth) deep")
            }
            nesting += 1
        }

        /// Integers, floats, booleans; anything else (dates included) is an error.
        private mutating func parseScalar() throws(SyntaxError) -> Value {
            let start = position
            while let byte = current, Self.isBareKeyByte(byte) || byte == 0x2b || byte == 0x2e || byte == 0x3a {
                position += 1
            }
            let token = String(decoding: bytes[start..<position], as: UTF8.self)
            guard !token.isEmpty else { throw error("expected a value, found '\(Self.shown(current))'") }
            switch token {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "inf", "+inf": return .float(.infinity)
            case "-inf": return .float(-.infinity)
            case "nan", "+nan", "-nan": return .float(.nan)
            default: break
            }
            if token.contains(":") || (token.count >= 10 && token.dropFirst(4).first == "-") {
                throw error("dates and times are not supported: \(token)")
            }
            guard !token.hasPrefix("_"), !token.hasSuffix("_"), !token.contains("__") else {
                throw error("misplaced '_' in number \(token)")
            }
            let digits = String(token.filter { $0 != "_" })
            for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
                guard let value = Int(digits.dropFirst(2), radix: radix) else { throw error("not a number: \(token)") }
                return .integer(value)
            }
            if let value = Int(digits) { return .integer(value) }
            if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Double(digits) {
                return .float(value)
            }
            throw error("not a value: \(token) (strings need quotes)")
        }

        /// After the opening `"`; escapes decoded; no raw newline allowed.
        private mutating func parseBasicString() throws(SyntaxError) -> String {
            var out: [UInt8] = []
            while true {
                guard let byte = current, byte != 0x0a else { throw error("string is not closed with \" on its line") }
                position += 1
                if byte == 0x22 { return String(decoding: out, as: UTF8.self) }
                if byte == 0x5c {
                    try parseEscape(into: &out)
                } else {
                    out.append(byte)
                }
            }
        }

        /// After the opening `'`; no escapes.
        private mutating func parseLiteralString() throws(SyntaxError) -> String {
            let start = position
            while true {
                guard let byte = current, byte != 0x0a else { throw error("string is not closed with ' on its line") }
                if byte == 0x27 {
                    let text = String(decoding: bytes[start..<position], as: UTF8.self)
                    position += 1
                    return text
                }
                position += 1
            }
        }

        /// After the opening `"""` or `'''`. A newline right after the opening is dropped; in basic
        /// strings a backslash at the end of a line drops the following whitespace and newlines.
        /// Up to two quotes may precede the closing delimiter.
        private mutating func parseMultilineString(literal: Bool) throws(SyntaxError) -> String {
            let quote: UInt8 = literal ? 0x27 : 0x22
            let openLine = line
            if current == 0x0a { advance() } else if current == 0x0d, peek(1) == 0x0a { position += 1; advance() }
            var out: [UInt8] = []
            while true {
                guard let byte = current else {
                    let delimiter = literal ? "'''" : "\"\"\""
                    throw SyntaxError(line: openLine, message: "multi-line string is not closed with \(delimiter)")
                }
                if byte == quote, peek(1) == quote, peek(2) == quote {
                    var run = 3
                    while run < 5, peek(run) == quote { run += 1 }
                    out.append(contentsOf: repeatElement(quote, count: run - 3))
                    position += run
                    return String(decoding: out, as: UTF8.self)
                }
                advance()
                if !literal && byte == 0x5c {
                    var probe = position
                    while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                    if probe < bytes.count, bytes[probe] == 0x0a || bytes[probe] == 0x0d {
                        while let next = current, next == 0x20 || next == 0x09 || next == 0x0a || next == 0x0d { advance() }
                    } else {
                        try parseEscape(into: &out)
                    }
                } else {
                    out.append(byte)
                }
            }
        }

        /// After a backslash in a basic string.
        private mutating func parseEscape(into out: inout [UInt8]) throws(SyntaxError) {
            guard let byte = current else { throw error("string ends inside an escape") }
            position += 1
            switch byte {
            case 0x62: out.append(0x08)  // \b
            case 0x74: out.append(0x09)  // \t
            case 0x6e: out.append(0x0a)  // \n
            case 0x66: out.append(0x0c)  // \f
            case 0x72: out.append(0x0d)  // \r
            case 0x65: out.append(0x1b)  // \e (TOML 1.1)
            case 0x22, 0x5c: out.append(byte)
            case 0x75, 0x55:  // \uXXXX, \UXXXXXXXX
                let count = byte == 0x75 ? 4 : 8
                guard position + count <= bytes.count,
                      let code = UInt32(String(decoding: bytes[position..<(position + count)], as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(code) else {
                    throw error("invalid unicode escape \\\(byte == 0x75 ? "u" : "U")")
                }
                position += count
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                // Regexes in basic strings are the usual victim: `"\d"` must be written `"\\d"` or '\d'.
                throw error("invalid escape \\\(Self.shown(byte)) in a \"…\" string (use '…' for regexes, or write \\\\)")
            }
        }

        private static func shown(_ byte: UInt8?) -> String {
            guard let byte else { return "end of file" }
            return (0x20...0x7e).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
        }
    }
}

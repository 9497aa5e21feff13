import CPCRE2

/// A PCRE2 failure: the error code and PCRE2's own message for it.
public struct PCRE2Error: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    /// Offset in the pattern where compilation failed.
    public var offset: Int?

    init(code: Int32, offset: Int? = nil) {
        self.code = code
        self.offset = offset
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, 256) }
        message = length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "PCRE2 error \(code)"
    }

    public var description: String {
        if let offset { return "\(message) at pattern offset \(offset)" }
        return message
    }
}

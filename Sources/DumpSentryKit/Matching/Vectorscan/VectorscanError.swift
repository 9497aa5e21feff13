import CVectorscan

/// A Vectorscan call that failed: its status, and for compile errors the message and the index
/// of the expression it was about.
public struct VectorscanError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int32
    public var message: String
    /// Index of the expression that failed to compile, when known.
    public var expression: Int?

    public var description: String {
        if let expression { return "expression \(expression): \(message)" }
        return "\(message) (status \(status))"
    }

    static func check(_ status: hs_error_t, _ what: String) throws(VectorscanError) {
        guard status != HS_SUCCESS else { return }
        throw VectorscanError(status: status, message: what, expression: nil)
    }

    /// Takes ownership of a compile error and frees it.
    static func fromCompile(_ error: UnsafeMutablePointer<hs_compile_error_t>?, status: hs_error_t) -> VectorscanError {
        guard let error else { return VectorscanError(status: status, message: "compile failed", expression: nil) }
        defer { hs_free_compile_error(error) }
        let message = error.pointee.message.map { String(cString: $0) } ?? "compile failed"
        let expression = error.pointee.expression >= 0 ? Int(error.pointee.expression) : nil
        return VectorscanError(status: status, message: message, expression: expression)
    }
}

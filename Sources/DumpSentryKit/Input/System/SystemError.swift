import Glibc

/// An operating-system call that failed: the call, the path it was about, and `errno`.
public struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var errno: Int32

    public init(operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(errno)))"
    }

    /// Runs a raw call, retrying on `EINTR`, and turns a -1 into a `SystemError` read right after the call.
    @discardableResult
    static func check<T: BinaryInteger>(_ operation: String, _ path: String, _ body: () -> T) throws(SystemError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemError(operation: operation, path: path, errno: code)
        }
    }
}

/// A stream whose first bytes were already read (to identify it), replayed in front of the rest:
/// the consumer — `StreamChunker` or libarchive — sees the stream from byte 0.
final class ReplayReader {
    let prefix: [UInt8]
    /// The error that cut the prefix short, thrown once the prefix has been replayed.
    let prefixFailure: (any Error)?
    private let next: (UnsafeMutableRawBufferPointer) throws -> Int
    private var replayed = 0

    /// Reads up to `count` bytes from `read` (fewer only at the end or on an error), to replay.
    init(prefixLength count: Int, from read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        var failure: (any Error)?
        bytes.withUnsafeMutableBytes { raw in
            while filled < count {
                do {
                    let got = try read(UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                    if got == 0 { break }
                    filled += got
                } catch {
                    // Kept and thrown after the bytes read before it, which are still scanned.
                    failure = error
                    break
                }
            }
        }
        prefix = Array(bytes[0..<filled])
        prefixFailure = failure
        next = read
    }

    /// Reads up to `buffer.count` bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if replayed < prefix.count {
            let count = min(buffer.count, prefix.count - replayed)
            prefix.withUnsafeBytes { raw in
                // safe: `replayed + count <= prefix.count` and `count <= buffer.count`.
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[replayed..<(replayed + count)]))
            }
            replayed += count
            return count
        }
        if let prefixFailure { throw prefixFailure }
        return try next(buffer)
    }
}

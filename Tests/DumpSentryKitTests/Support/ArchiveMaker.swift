import Foundation
import Testing

/// Makes compressed and archived fixtures at test time with python3's standard library and the
/// CLI tools `make deps` installs (zstd, zip), so no archive is committed.
enum ArchiveMaker {
    /// Runs `python3 -c script args…`; fails the test with stderr if it fails.
    static func python(_ script: String, _ arguments: [String]) throws {
        try run("/usr/bin/env", ["python3", "-c", script] + arguments)
    }

    static func run(_ tool: String, _ arguments: [String], cwd: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(tool) \(arguments.prefix(1)): \(message)")
    }

    /// `SOURCE OUT`: single-stream compressors from python3's standard library.
    static let compress = """
    import sys, gzip, lzma, bz2, shutil
    src, out = sys.argv[1], sys.argv[2]
    opener = {'gz': gzip.open, 'xz': lzma.open, 'bz2': bz2.open}[out.rsplit('.', 1)[1]]
    with open(src, 'rb') as f, opener(out, 'wb') as g: shutil.copyfileobj(f, g)
    """

    /// `OUT NAME=SOURCE…`: a zip with deflated members under the given names.
    static let zip = """
    import sys, zipfile
    with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
        for spec in sys.argv[2:]:
            name, src = spec.split('=', 1)
            z.write(src, name)
    """

    /// `OUT MODE NAME=SOURCE…`: a tar (MODE `w`, `w:gz`, `w:xz`).
    static let tar = """
    import sys, tarfile
    with tarfile.open(sys.argv[1], sys.argv[2]) as t:
        for spec in sys.argv[3:]:
            name, src = spec.split('=', 1)
            t.add(src, name)
    """

    /// `OUT MIB`: MIB mebibytes of zeros, gzip-compressed by streaming (a small decompression bomb).
    static let zeroBomb = """
    import sys, gzip
    block = bytes(1 << 20)
    with gzip.open(sys.argv[1], 'wb', compresslevel=9) as g:
        for _ in range(int(sys.argv[2])): g.write(block)
    """
}

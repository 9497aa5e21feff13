import Testing
@testable import DumpSentryKit

/// Own labels from generated file heads, libmagic's MIME types for the well-known ones, and no
/// command line leaking into libmagic's description of a core.
struct FileIdentifierTests {
    /// A 512-byte tar header for `name`, `ustar` or V7 style, with a correct checksum.
    static func tarHeader(name: String, ustar: Bool) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<name.utf8.count, with: Array(name.utf8))
        header.replaceSubrange(100..<107, with: Array("0000644".utf8))
        header.replaceSubrange(124..<135, with: Array("00000000005".utf8))
        if ustar { header.replaceSubrange(257..<263, with: Array("ustar\0".utf8) ) }
        header.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
        let sum = header.reduce(0) { $0 + Int($1) }
        let octal = Array(String(sum, radix: 8).utf8)
        let field = [UInt8](repeating: UInt8(ascii: "0"), count: 6 - octal.count) + octal + [0, 0x20]
        header.replaceSubrange(148..<156, with: field)
        return header + [UInt8](repeating: 0, count: 1024)
    }

    static let heads: [(bytes: [UInt8], label: FileType.Label?)] = [
        ([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3] + [UInt8](repeating: 0, count: 20), .gzip),
        ([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x05, 0x29, 0x00], .zstd),
        ([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46], .xz),
        (Array("BZh91AY&SY".utf8) + [0, 0, 0, 0], .bzip2),
        (Array("BZh9".utf8) + [0x17, 0x72, 0x45, 0x38, 0x50, 0x90, 0, 0, 0, 0], .bzip2),
        (Array("BZh0nonsense".utf8), nil),
        ([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7], .lz4),
        ([0x02, 0x21, 0x4c, 0x18, 0, 0, 0, 0], .lz4),
        ([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04] + [UInt8](repeating: 0, count: 24), .sevenZip),
        (Array("PK\u{3}\u{4}".utf8) + [UInt8](repeating: 0, count: 26), .zip),
        (Array("PK\u{5}\u{6}".utf8) + [UInt8](repeating: 0, count: 18), .zip),
        (tarHeader(name: "core.1234", ustar: true), .tar),
        (tarHeader(name: "core.1234", ustar: false), .tar),
        ([UInt8](repeating: 0, count: 2048), nil),
        (Array("PAGEDU64".utf8) + [UInt8](repeating: 0, count: 64), .windowsCrashdump),
        (Array("JAVA PROFILE 1.0.2\0".utf8) + [0, 0, 0, 8], .hprof),
        (Array("MDMP".utf8) + [0x93, 0xa7, 0, 0], .minidump),
        ([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 62, 0], .elf),
        ([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 62, 0], .elfCore),
        ([0x7f, 0x45, 0x4c, 0x46, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 20], .elfCore),
        (Array("hello, world\n".utf8), nil),
        ([], nil),
    ]

    @Test func ownLabels() {
        for (index, head) in Self.heads.enumerated() {
            #expect(head.bytes.withUnsafeBytes { FileSignature.label(of: $0) } == head.label, "head \(index)")
        }
    }

    @Test func libmagicAgreesOnTheWellKnownTypes() throws {
        let identifier = try FileIdentifier()
        let expected: [Int: String] = [0: "application/gzip", 2: "application/x-xz", 11: "application/x-tar",
                                       20: "text/plain", 21: "application/x-empty"]
        for (index, mime) in expected {
            let type = Self.heads[index].bytes.withUnsafeBytes { identifier.identify($0) }
            #expect(type.magicError == nil)
            #expect(type.mime == mime, "head \(index): \(type)")
            #expect(type.description?.isEmpty == false)
            #expect(type.label == Self.heads[index].label)
        }
    }

    @Test func dumpsAreIdentified() throws {
        let identifier = try FileIdentifier()
        let (minidump, _) = GeneratedMinidumpTests.fixture()
        let type = minidump.withUnsafeBytes { identifier.identify($0) }
        #expect(type.label == .minidump)
        #expect(type.mime == "application/x-dmp")
        #expect(type.label?.isDump == true)

        var random = FakeSecret(seed: 11)
        let secret = String(decoding: random.token(), as: UTF8.self)
        var builder = ElfCoreBuilder()
        builder.segments = [.init(address: 0x40_0000, flags: 5, bytes: random.bytes(64))]
        builder.notes = [builder.processInfo(name: "app", pid: 7, arguments: "app --token=\(secret)")]
        let core = builder.build().bytes
        let coreType = core.withUnsafeBytes { identifier.identify($0) }
        #expect(coreType.label == .elfCore)
        #expect(coreType.mime == "application/x-coredump")
        #expect(coreType.description?.contains("core file") == true, "\(coreType.description ?? "")")
        #expect(coreType.description?.contains(secret) == false, "libmagic must not copy the command line")
    }

    @Test func onlyTheFirst64KiBAreExamined() throws {
        let identifier = try FileIdentifier()
        // A large text file: the identifier must cope and answer from the head alone.
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 3 * FileIdentifier.prefixLength)
        let type = big.withUnsafeBytes { identifier.identify($0) }
        #expect(type.mime == "text/plain")
        #expect(type.label == nil)
    }

    @Test func labelCategories() {
        #expect(FileType.Label.allCases.filter(\.isCompressed).map(\.rawValue).sorted() == ["bzip2", "gzip", "lz4", "xz", "zstd"])
        #expect(FileType.Label.allCases.filter(\.isArchive).map(\.rawValue).sorted() == ["7z", "tar", "zip"])
        #expect(FileType.Label.allCases.filter(\.isDump).map(\.rawValue).sorted()
            == ["elf-core", "hprof", "minidump", "windows-crashdump"])
    }
}

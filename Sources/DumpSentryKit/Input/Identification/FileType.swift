/// What a file is, from its first bytes: libmagic's MIME type and description, and DumpSentry's
/// own label from its own magic checks where libmagic is vague (a minidump is
/// `application/octet-stream` to it; an ELF core and an executable differ only in a field).
/// Metadata for the report and for choosing a decompressor or archive reader: never a reason to
/// skip a file.
public struct FileType: Sendable, Hashable {
    /// DumpSentry's own name for the formats it handles specially.
    public enum Label: String, Sendable, Hashable, CaseIterable {
        case minidump
        case elfCore = "elf-core"
        /// Any other ELF file (executable, shared object, relocatable).
        case elf
        case hprof
        case windowsCrashdump = "windows-crashdump"
        case gzip, zstd, xz, bzip2, lz4
        case zip, tar
        case sevenZip = "7z"

        /// A single compressed stream (decompress, then scan the result).
        public var isCompressed: Bool {
            switch self {
            case .gzip, .zstd, .xz, .bzip2, .lz4: true
            default: false
            }
        }

        /// A container of members.
        public var isArchive: Bool {
            switch self {
            case .zip, .tar, .sevenZip: true
            default: false
            }
        }

        /// A dump format that `DumpLayoutParser` reads.
        public var isDump: Bool {
            switch self {
            case .minidump, .elfCore, .hprof, .windowsCrashdump: true
            default: false
            }
        }
    }

    /// Own label, nil when no own check matched.
    public var label: Label?
    /// libmagic's MIME type, nil if libmagic failed (see `magicError`).
    public var mime: String?
    /// libmagic's description, nil if libmagic failed (see `magicError`).
    public var description: String?
    /// Why libmagic gave no answer, if it failed; the own label is still set.
    public var magicError: MagicError?

    public init(label: Label?, mime: String?, description: String?, magicError: MagicError? = nil) {
        self.label = label
        self.mime = mime
        self.description = description
        self.magicError = magicError
    }
}

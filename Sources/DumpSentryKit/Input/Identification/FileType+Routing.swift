extension FileType {
    /// The name in the report's `files[].type`: the own label where one matched (`minidump`,
    /// `elf-core`, `gzip`), else libmagic's MIME type, else its description.
    public var reportName: String {
        label?.rawValue ?? mime ?? description ?? "unknown"
    }

    /// How libarchive must open a file of this type, or nil when its bytes are scanned as they are.
    /// Only the type's first bytes decide, so a dump is never unpacked by guesswork.
    func archiveMode(prefix: UnsafeRawBufferPointer) -> ArchiveReader.Mode? {
        if let label, label.isCompressed { return .compressed }
        if let label, label.isArchive { return .archive }
        // cpio has no own label: the portable ASCII headers (odc, newc, crc), or libmagic's verdict
        // for the old binary header.
        let ascii = ["070707", "070701", "070702"].map { Array($0.utf8) }
        if prefix.count >= 6, ascii.contains(Array(prefix.prefix(6))) { return .archive }
        if mime == "application/x-cpio" { return .archive }
        return nil
    }
}

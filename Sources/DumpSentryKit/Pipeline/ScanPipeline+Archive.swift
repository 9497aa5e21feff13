extension ScanPipeline {
    /// The producer's libmagic handle (one per thread). Without one, the own magic checks still
    /// identify dumps, compressors and archives; the report says why libmagic is missing.
    func makeIdentifier(note: (ScanDiagnostic) -> Void) -> FileIdentifier? {
        do {
            return try FileIdentifier()
        } catch {
            note(ScanDiagnostic(path: "*", message: "file types identified by own checks only: \(error)", isError: false))
            return nil
        }
    }

    /// The type of an input whose first bytes are `prefix`. Metadata only: it chooses a
    /// decompressor, never whether bytes are scanned.
    static func identify(_ prefix: UnsafeRawBufferPointer, with identifier: FileIdentifier?,
                         depth: FileIdentifier.Depth = .full) -> FileType {
        identifier?.scanType(prefix, depth: depth) ?? FileType(label: FileSignature.label(of: prefix), mime: nil, description: nil)
    }
}

/// The Windows key-blob detectors (CNG, CryptoAPI, PVK), in a fixed order. The AES key-schedule
/// sweep is not among them: it is a `SweepingDetector` (`AESKeyScheduleDetector`).
public enum BlobDetectors {
    public static let all: [any BinaryDetector] = [
        CNGRSABlobDetector(),
        CNGECCBlobDetector(),
        CNGDSABlobDetector(),
        CAPIKeyBlobDetector(),
        PVKFileDetector(),
    ]
}

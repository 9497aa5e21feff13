/// The detectors the default configuration runs.
public enum BuiltInDetectors {
    public static let anchored: [any BinaryDetector] = KeyDetectors.all + BlobDetectors.all + [PublicKeyHarvester()]
    public static let sweeping: [any SweepingDetector] = [AESKeyScheduleDetector()]
}

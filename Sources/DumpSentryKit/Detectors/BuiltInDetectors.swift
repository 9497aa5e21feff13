/// The detectors the default configuration runs.
public enum BuiltInDetectors {
    public static let anchored: [any BinaryDetector] = []
    public static let sweeping: [any SweepingDetector] = []
}

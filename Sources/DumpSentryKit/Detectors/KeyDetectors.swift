/// The binary key detectors of this folder (DER, base64 DER, OpenSSH, PKCS#12, Java key stores),
/// in a fixed order. The Windows CNG/CAPI blob and AES schedule detectors have lists of their own.
public enum KeyDetectors {
    public static let all: [any BinaryDetector] = [
        RSAPrivateKeyDERDetector(),
        PKCS8PrivateKeyDERDetector(),
        ECPrivateKeyDERDetector(),
        EncryptedPKCS8DERDetector(),
        Base64DERKeyDetector(),
        OpenSSHKeyDetector(),
        PKCS12Detector(),
        JavaKeyStoreDetector(),
    ]
}
